package dev.palletsim.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.frame.primitives.H256;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeMap;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lazy state hashing (issue 16, point 2): writes do no hashing, a key written several times before
 * a state hash is hashed once, and the state hash equals the one computed from scratch from the
 * world's contents by the documented formulas, whatever the history of writes, nested rollbacks,
 * forks and concurrent readers.
 */
class LazyStateHashTest {
  static final StorageValue<Long> VALUE = StorageValue.withDefault("L", "Value", 0L);
  static final StorageMap<Long, String> HASHED = StorageMap.hashed("L", "Hashed");
  static final StorageMap<Long, Long> ORDERED = StorageMap.ordered("L", "Ordered", 0L);
  static final StorageDoubleMap<String, Long, String> DOUBLE = StorageDoubleMap.of("L", "Double");
  static final StorageDoubleMap<String, Long, String> DOUBLE_ORDERED =
      StorageDoubleMap.orderedInner("L", "DoubleOrdered");
  static final IndexedStorageMap<String> INDEXED = IndexedStorageMap.of("L", "Indexed");

  static Tx tx(World w) {
    return Tx.begin(w, BlockContext.genesis(H256.ZERO), new WeightMeter());
  }

  // ------------------------------------------------------------------ from scratch

  /** The state hash of {@code w} computed from its contents by the formulas of World and roots. */
  static long fromScratch(World w) {
    long sum = 0;
    int items = 0;
    for (String key : w.itemKeys()) {
      Object root = w.rootByKey(key);
      long h;
      if (root instanceof StorageValue.Root<?> v) {
        h = StateHasher.hash(v.value());
      } else if (root instanceof IndexedStorageMap.Root<?> r) {
        long s = 0;
        long live = 0;
        for (var chunk : r.chunks()) {
          for (int i = 0; i < IndexedStorageMap.CHUNK; i++) {
            Object v = chunk._2.slots().get(i);
            if (v == null) continue;
            s += entry(StateHasher.hash((chunk._1 << 10) | i), StateHasher.hash(v));
            live++;
          }
        }
        h = Bytes.mix(0x496e6465786564L ^ live, s);
      } else {
        h = mapHash((MapRoot<?, ?>) root);
      }
      sum += Bytes.mix(StateHasher.ofString(key), h);
      items++;
    }
    return Bytes.fmix(sum ^ items);
  }

  private static long mapHash(MapRoot<?, ?> root) {
    long s = 0;
    for (Tuple2<?, ?> e : root.map()) {
      long v = e._2 instanceof MapRoot<?, ?> inner ? mapHash(inner) : StateHasher.hash(e._2);
      s += entry(StateHasher.hash(e._1), v);
    }
    return Bytes.mix(0x4d6170526f6f74L ^ root.map().size(), s);
  }

  private static long entry(long keyHash, long valueHash) {
    return Bytes.mix(Bytes.mix(0x456e747279L, keyHash), valueHash);
  }

  // ------------------------------------------------------------------ random histories

  static LongStream seeds() {
    return LongStream.range(0, 40);
  }

  /** One random write (or removal) to one of the items. */
  static void randomWrite(Tx tx, SplittableRandom rng) {
    long k = rng.nextInt(24);
    String v = "v" + rng.nextInt(6);
    boolean remove = rng.nextInt(4) == 0;
    switch (rng.nextInt(6)) {
      case 0 -> VALUE.put(tx, remove ? 0L : rng.nextLong(5));
      case 1 -> {
        if (remove) HASHED.remove(tx, k);
        else HASHED.insert(tx, k, v);
      }
      case 2 -> ORDERED.insert(tx, k, remove ? 0L : rng.nextLong(4));
      case 3 -> {
        String p = "p" + rng.nextInt(3);
        if (remove) DOUBLE.remove(tx, p, k);
        else if (rng.nextInt(20) == 0) DOUBLE.removePrefix(tx, p);
        else DOUBLE.insert(tx, p, k, v);
      }
      case 4 -> {
        String p = "p" + rng.nextInt(3);
        if (remove) DOUBLE_ORDERED.remove(tx, p, k);
        else DOUBLE_ORDERED.insert(tx, p, k, v);
      }
      default -> {
        long id = rng.nextInt(3) == 0 ? k + IndexedStorageMap.CHUNK * rng.nextInt(3) : k;
        if (remove) INDEXED.remove(tx, id);
        else INDEXED.insert(tx, id, v);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void theLazyStateHashIsTheHashOfTheContentsWhateverTheHistory(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    World world = World.empty();
    List<World> forks = new ArrayList<>();
    for (int step = 0; step < 60; step++) {
      Tx tx = tx(world);
      int writes = rng.nextInt(12);
      for (int i = 0; i < writes; i++) {
        randomWrite(tx, rng);
        if (rng.nextInt(8) == 0) {
          // a nested layer that fails: its writes are rolled back
          tx.transactional(
              () -> {
                randomWrite(tx, rng);
                randomWrite(tx, rng);
                throw new DispatchException(DispatchError.badInput("rolled back"));
              });
        }
        if (rng.nextInt(10) == 0) {
          // a state hash in the middle of the transaction (as System's parent hash does)
          World mid = tx.commit();
          assertThat(mid.stateHash()).isEqualTo(fromScratch(mid));
        }
      }
      World next = tx.commit();
      if (rng.nextInt(5) == 0) forks.add(world);
      // most steps are hashed, some not: later writes then build on unhashed roots
      if (rng.nextInt(3) > 0) {
        assertThat(next.stateHash()).as("step %d", step).isEqualTo(fromScratch(next));
      }
      world = next;
    }
    assertThat(world.stateHash()).isEqualTo(fromScratch(world));
    for (World f : forks) assertThat(f.stateHash()).isEqualTo(fromScratch(f));
  }

  @Test
  void theSameContentsReachedByDifferentHistoriesHashAlike() {
    Tx a = tx(World.empty());
    for (long k = 0; k < 50; k++) DOUBLE.insert(a, "p" + (k % 3), k, "x" + k);
    World hashedHalfway = a.commit();
    hashedHalfway.stateHash();
    for (long k = 0; k < 50; k += 2) DOUBLE.remove(a, "p" + (k % 3), k);
    Tx b = tx(World.empty());
    for (long k = 49; k >= 0; k -= 2) DOUBLE.insert(b, "p" + (k % 3), k, "x" + k);
    assertThat(a.commit().stateHash())
        .isEqualTo(b.commit().stateHash())
        .isEqualTo(fromScratch(b.commit()));
  }

  // ------------------------------------------------------------------ hashed once

  static final AtomicInteger HASHES = new AtomicInteger();

  /** A value that counts how often it is hashed. */
  record Counted(long n) implements StateHashed {
    @Override
    public long stateHash() {
      HASHES.incrementAndGet();
      return Bytes.fmix(n);
    }
  }

  static final StorageMap<Long, Counted> COUNTED = StorageMap.hashed("L", "Counted");
  static final IndexedStorageMap<Counted> COUNTED_INDEXED = IndexedStorageMap.of("L", "CI");
  static final StorageValue<Counted> COUNTED_VALUE = StorageValue.optional("L", "CV");

  @Test
  void writesDoNoHashingAndAKeyWrittenManyTimesIsHashedOnceAtTheStateHash() {
    Tx tx = tx(World.empty());
    for (long k = 0; k < 10; k++) COUNTED.insert(tx, k, new Counted(k));
    COUNTED_INDEXED.insert(tx, 7, new Counted(7));
    COUNTED_VALUE.put(tx, new Counted(1));
    World first = tx.commit();
    HASHES.set(0);
    first.stateHash();
    assertThat(HASHES.get()).as("each of the 12 entries once").isEqualTo(12);

    tx = tx(first);
    HASHES.set(0);
    for (int round = 1; round <= 100; round++) {
      COUNTED.insert(tx, 3L, new Counted(1000 + round));
      COUNTED_INDEXED.insert(tx, 7, new Counted(2000 + round));
      COUNTED_VALUE.put(tx, new Counted(3000 + round));
    }
    assertThat(HASHES.get()).as("300 writes, no hashing").isZero();
    World second = tx.commit();
    second.stateHash();
    // per map key: its value now and the value the last state hash counted; the value: once
    assertThat(HASHES.get()).isEqualTo(2 + 2 + 1);
    HASHES.set(0);
    assertThat(second.stateHash()).isEqualTo(fromScratch(second));
    HASHES.set(0);
    second.stateHash();
    assertThat(HASHES.get()).as("cached").isZero();
  }

  // ------------------------------------------------------------------ forks and threads

  @Test
  void forksOfOneWorldDoNotSeeEachOthersPendingWrites() {
    Tx base = tx(World.empty());
    for (long k = 0; k < 20; k++) HASHED.insert(base, k, "base");
    World parent = base.commit();
    Tx left = tx(parent);
    Tx right = tx(parent);
    HASHED.insert(left, 1L, "left");
    INDEXED.insert(left, 5, "left");
    HASHED.insert(right, 1L, "right");
    HASHED.remove(right, 2L);
    World l = left.commit();
    World r = right.commit();
    assertThat(r.stateHash()).isEqualTo(fromScratch(r));
    assertThat(l.stateHash()).isEqualTo(fromScratch(l));
    assertThat(parent.stateHash()).isEqualTo(fromScratch(parent));
    assertThat(HASHED.get(parent, 1L)).isEqualTo("base");
    // a fork of an unhashed world, hashed after its parent's other child
    Tx grandchild = tx(l);
    HASHED.insert(grandchild, 1L, "again");
    World g = grandchild.commit();
    assertThat(g.stateHash()).isEqualTo(fromScratch(g));
    assertThat(l.stateHash()).isEqualTo(fromScratch(l));
  }

  @Test
  void threadsHashingOneUnhashedWorldTogetherAllGetItsHash() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SplittableRandom rng = new SplittableRandom(99);
      for (int round = 0; round < 50; round++) {
        Tx tx = tx(World.empty());
        for (int i = 0; i < 300; i++) randomWrite(tx, rng);
        World shared = tx.commit();
        // computed from the contents alone, leaving the roots unhashed for the threads
        long expected = fromScratch(shared);
        List<Callable<Long>> jobs = new ArrayList<>();
        for (int t = 0; t < 4; t++) jobs.add(shared::stateHash);
        for (Future<Long> f : pool.invokeAll(jobs)) assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ------------------------------------------------------------------ the roots' public shape

  @Test
  void aRootRebuiltFromItsMapAndSumHashesAsTheOriginal() {
    Tx tx = tx(World.empty());
    for (long k = 0; k < 30; k++) HASHED.insert(tx, k, "v" + k);
    HASHED.remove(tx, 4L);
    @SuppressWarnings("unchecked")
    MapRoot<Long, String> lazy = (MapRoot<Long, String>) tx.commit().root(HASHED);
    MapRoot<Long, String> rebuilt = new MapRoot<>(lazy.map(), lazy.sum());
    assertThat(rebuilt.stateHash()).isEqualTo(lazy.stateHash());
    assertThat(MapRoot.of(lazy.map()).sum()).isEqualTo(lazy.sum());
    assertThat(MapRoot.of(TreeMap.ofEntries(lazy.map())).stateHash()).isEqualTo(lazy.stateHash());
    assertThat(rebuilt).isEqualTo(lazy);

    for (long id = 0; id < 3000; id += 7) INDEXED.insert(tx, id, "d" + id);
    VALUE.put(tx, 77L);
    World w = tx.commit();
    var indexed = (IndexedStorageMap.Root<?>) w.root(INDEXED);
    assertThat(rebuiltIndexed(indexed).stateHash()).isEqualTo(indexed.stateHash());
    var value = (StorageValue.Root<?>) w.root(VALUE);
    assertThat(new StorageValue.Root<>(value.value(), value.hash()).stateHash())
        .isEqualTo(value.stateHash())
        .isEqualTo(StateHasher.hash(77L));
    assertThat(MapRoot.empty(HashMap.empty()).put(1L, "a"))
        .isNotEqualTo(MapRoot.empty(HashMap.empty()).put(1L, "b"));
  }

  private static <V> IndexedStorageMap.Root<V> rebuiltIndexed(IndexedStorageMap.Root<V> r) {
    return new IndexedStorageMap.Root<>(r.chunks(), r.live(), r.sum());
  }

  @Test
  void aTransactionThatWroteNothingCommitsTheWorldItBeganOn() {
    Tx tx = tx(World.empty());
    HASHED.insert(tx, 1L, "a");
    World w = tx.commit();
    Tx reader = tx(w);
    HASHED.get(reader, 1L);
    assertThat(reader.commit()).isSameAs(w);
    HASHED.insert(reader, 2L, "b");
    World changed = reader.commit();
    assertThat(changed).isNotSameAs(w);
    assertThat(reader.commit()).isSameAs(changed);
  }
}
