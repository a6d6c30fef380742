package dev.palletsim.collatorpower;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionStorage;
import dev.palletsim.frame.traits.CollatorPower;
import dev.palletsim.frame.traits.SessionManager;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.function.Supplier;

/**
 * A test-only stand-in for collator selection's session manager: at every rotation it reads {@link
 * CollatorPower#powerOf} for each candidate, as the real auction does, and stores that reading as
 * the session's power snapshot. It keeps the genesis validators.
 */
final class SnapshotSelectionPallet implements Pallet, SessionManager {
  /** The power per candidate read at the last rotation. */
  static final StorageValue<TreeMap<AccountId, Long>> SNAPSHOT =
      StorageValue.withDefault("SnapshotSelection", "PowerSnapshot", TreeMap.empty());

  /** The session index the last snapshot was taken for. */
  static final StorageValue<Long> SNAPSHOT_FOR =
      StorageValue.withDefault("SnapshotSelection", "SnapshotFor", -1L);

  private final Supplier<CollatorPower> power;
  private final FakeCandidates candidates;

  SnapshotSelectionPallet(Couplings couplings, FakeCandidates candidates) {
    this.power = couplings.lazy(CollatorPower.class);
    this.candidates = candidates;
  }

  @Override
  public String name() {
    return "SnapshotSelection";
  }

  @Override
  public Option<Seq<AccountId>> newSession(Tx tx, long newIndex) {
    TreeMap<AccountId, Long> snapshot = TreeMap.empty();
    for (AccountId c : candidates.all()) snapshot = snapshot.put(c, power.get().powerOf(tx, c));
    SNAPSHOT.put(tx, snapshot);
    SNAPSHOT_FOR.put(tx, newIndex);
    return Option.none();
  }

  @Override
  public Option<Seq<AccountId>> newSessionGenesis(Tx tx, long index) {
    newSession(tx, index);
    return Option.some(SessionStorage.NEXT_KEYS.keys(tx));
  }
}
