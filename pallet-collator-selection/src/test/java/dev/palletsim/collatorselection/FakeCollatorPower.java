package dev.palletsim.collatorselection;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Backing;
import dev.palletsim.frame.traits.CollatorPower;
import dev.palletsim.frame.traits.CollatorRemoval;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.TreeMap;

/**
 * A stand-in for the collator power pallet: tests set who backs which collator; removals are
 * recorded in the world (so a failed call's removals vanish with it, as real ones would).
 */
final class FakeCollatorPower implements CollatorPower {
  /** A removal reported by collator selection. */
  record Removal(AccountId collator, CollatorRemoval reason) {}

  static final StorageValue<Vector<Removal>> REMOVED =
      StorageValue.withDefault("FakeCollatorPower", "Removed", Vector.empty());

  private final TreeMap<AccountId, TreeMap<AccountId, Long>> backing = new TreeMap<>();

  /** {@code miner} backs {@code collator} with {@code power} (replacing an earlier amount). */
  FakeCollatorPower back(AccountId collator, AccountId miner, long power) {
    backing.computeIfAbsent(collator, c -> new TreeMap<>()).put(miner, power);
    return this;
  }

  /** {@code collator} has {@code power} from one anonymous miner. */
  FakeCollatorPower power(AccountId collator, long power) {
    backing.remove(collator);
    return back(collator, Fixture.MINER_1, power);
  }

  /** Nobody backs {@code collator} any more. */
  FakeCollatorPower clear(AccountId collator) {
    backing.remove(collator);
    return this;
  }

  @Override
  public long powerOf(StateView view, AccountId collator) {
    return backersOf(view, collator).map(Backing::power).sum().longValue();
  }

  @Override
  public Seq<Backing> backersOf(StateView view, AccountId collator) {
    var miners = backing.get(collator);
    if (miners == null) return Vector.empty();
    return Vector.ofAll(miners.entrySet()).map(e -> new Backing(e.getKey(), e.getValue()));
  }

  @Override
  public void onCollatorRemoved(Tx tx, AccountId collator, CollatorRemoval reason) {
    REMOVED.mutate(tx, v -> v.append(new Removal(collator, reason)));
  }

  static Vector<Removal> removals(StateView view) {
    return REMOVED.get(view);
  }
}
