package dev.palletsim.frame.snapshot;

import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.system.BlockRandomness;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.HashSet;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * A pallet for snapshot tests that keeps every kind of storage item and value busy: each block adds
 * a record to an indexed map, touches hashed, ordered and double maps, and rewrites values holding
 * sets, maps, options, enums, big integers, CIDs and deal id sets.
 */
final class SamplePallet implements Pallet {
  enum Kind {
    Small,
    Large
  }

  /** The pallet's configuration. */
  record Config(int itemsPerBlock, Kind kind) {}

  /** One stored record. */
  record Entry(AccountId owner, long block, Cid piece, Kind kind, Option<String> note) {}

  static final String NAME = "Sample";
  static final IndexedStorageMap<Entry> ENTRIES = IndexedStorageMap.of(NAME, "Entries");
  static final StorageMap<AccountId, Long> COUNTS = StorageMap.hashed(NAME, "Counts", 0L);
  static final StorageMap<Long, DealIds> BY_BLOCK = StorageMap.ordered(NAME, "ByBlock");
  static final StorageDoubleMap<AccountId, Long, Kind> PAIRS = StorageDoubleMap.of(NAME, "Pairs");
  static final StorageDoubleMap<AccountId, Long, String> ORDERED_PAIRS =
      StorageDoubleMap.orderedInner(NAME, "OrderedPairs");
  static final StorageValue<Long> NEXT = StorageValue.withDefault(NAME, "Next", 0L);
  static final StorageValue<Summary> SUMMARY = StorageValue.optional(NAME, "Summary");

  /** A value holding collections of every kind. */
  record Summary(
      HashSet<AccountId> owners,
      TreeMap<Long, BigInteger> totals,
      Vector<Kind> kinds,
      io.vavr.collection.List<String> notes) {}

  private final Config config;

  SamplePallet(Config config) {
    this.config = config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  public void buildGenesis(Tx tx, Genesis genesis) {
    SUMMARY.put(
        tx,
        new Summary(
            HashSet.empty(), TreeMap.empty(), Vector.empty(), io.vavr.collection.List.empty()));
  }

  @Override
  public void onFinalize(Tx tx) {
    long block = tx.blockNumber();
    long r = BlockRandomness.INSTANCE.randomnessAt(tx, block).firstLong();
    for (int i = 0; i < config.itemsPerBlock(); i++) {
      long id = NEXT.get(tx);
      NEXT.put(tx, id + 1);
      AccountId owner = Dev.ALL.get((int) Math.floorMod(r + i, Dev.ALL.size()));
      Kind kind = ((r >>> i) & 1) == 0 ? config.kind() : Kind.Small;
      ENTRIES.insert(
          tx,
          id,
          new Entry(
              owner,
              block,
              Commitments.piece("entry " + id),
              kind,
              id % 3 == 0 ? Option.none() : Option.some("n" + id)));
      COUNTS.mutate(tx, owner, c -> c + 1);
      BY_BLOCK.mutate(tx, block, ids -> ids == null ? DealIds.of(id) : ids.with(id));
      PAIRS.insert(tx, owner, id, kind);
      ORDERED_PAIRS.insert(tx, owner, id, "pair " + id);
      if (id % 4 == 0 && id > 8) {
        ENTRIES.remove(tx, id - 8);
        PAIRS.remove(tx, owner, id - 8);
      }
      Summary s = SUMMARY.get(tx);
      SUMMARY.put(
          tx,
          new Summary(
              s.owners().add(owner),
              s.totals()
                  .put(
                      block,
                      s.totals().get(block).getOrElse(BigInteger.ZERO).add(BigInteger.valueOf(id))),
              s.kinds().append(kind).takeRight(5),
              s.notes().prepend("b" + block).take(3)));
    }
  }
}
