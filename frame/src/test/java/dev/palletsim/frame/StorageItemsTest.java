package dev.palletsim.frame;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.Tuple;
import org.junit.jupiter.api.Test;

class StorageItemsTest {
  static final StorageValue<Long> COUNT = StorageValue.withDefault("T", "Count", 0L);
  static final StorageValue<String> NAME = StorageValue.optional("T", "Name");
  static final StorageMap<Long, String> HASHED = StorageMap.hashed("T", "Hashed");
  static final StorageMap<Long, Long> ORDERED = StorageMap.ordered("T", "Ordered", 0L);
  static final StorageDoubleMap<String, Long, String> DOUBLE = StorageDoubleMap.of("T", "Double");
  static final IndexedStorageMap<String> INDEXED = IndexedStorageMap.of("T", "Indexed");

  private static Tx tx(World w) {
    return Tx.begin(
        w, BlockContext.genesis(dev.palletsim.frame.primitives.H256.ZERO), new WeightMeter());
  }

  @Test
  void aValueQueryReadsItsDefaultAndStoringTheDefaultEmptiesIt() {
    Tx tx = tx(World.empty());
    assertThat(COUNT.get(tx)).isZero();
    COUNT.put(tx, 5L);
    assertThat(COUNT.get(tx)).isEqualTo(5);
    COUNT.put(tx, 0L);
    assertThat(COUNT.exists(tx)).isFalse();
    assertThat(tx.commit().stateHash()).isEqualTo(World.empty().stateHash());
  }

  @Test
  void anOptionQueryHasNoValueUntilOneIsStored() {
    Tx tx = tx(World.empty());
    assertThat(NAME.find(tx)).isEmpty();
    NAME.put(tx, "x");
    assertThat(NAME.find(tx)).contains("x");
    NAME.kill(tx);
    assertThat(NAME.find(tx)).isEmpty();
  }

  @Test
  void mapsIterateInKeyOrderWhateverTheInsertionOrder() {
    Tx tx = tx(World.empty());
    for (long k : new long[] {9, 2, 7, 1, 5}) HASHED.insert(tx, k, "v" + k);
    for (long k : new long[] {9, 2, 7, 1, 5}) ORDERED.insert(tx, k, k * 10);
    assertThat(HASHED.keys(tx)).containsExactly(1L, 2L, 5L, 7L, 9L);
    assertThat(ORDERED.keys(tx)).containsExactly(1L, 2L, 5L, 7L, 9L);
    assertThat(ORDERED.entriesUpTo(tx, 5L))
        .containsExactly(Tuple.of(1L, 10L), Tuple.of(2L, 20L), Tuple.of(5L, 50L));
    assertThat(HASHED.entriesUpTo(tx, 5L).map(t -> t._1)).containsExactly(1L, 2L, 5L);
    assertThat(ORDERED.firstKey(tx)).contains(1L);
  }

  @Test
  void theStateHashDependsOnContentsNotHistory() {
    Tx a = tx(World.empty());
    HASHED.insert(a, 1L, "one");
    HASHED.insert(a, 2L, "two");
    HASHED.insert(a, 3L, "three");
    HASHED.remove(a, 3L);
    Tx b = tx(World.empty());
    HASHED.insert(b, 2L, "two");
    HASHED.insert(b, 1L, "uno");
    HASHED.insert(b, 1L, "one");
    assertThat(a.commit().stateHash()).isEqualTo(b.commit().stateHash());
    HASHED.insert(b, 4L, "four");
    assertThat(a.commit().stateHash()).isNotEqualTo(b.commit().stateHash());
  }

  @Test
  void aDefaultValuedMapDropsEntriesSetToTheDefault() {
    Tx tx = tx(World.empty());
    ORDERED.insert(tx, 1L, 3L);
    assertThat(ORDERED.mutate(tx, 1L, v -> v - 3)).isZero();
    assertThat(ORDERED.contains(tx, 1L)).isFalse();
    assertThat(ORDERED.count(tx)).isZero();
    assertThat(tx.commit().itemKeys()).isEmpty();
  }

  @Test
  void aDoubleMapSupportsPrefixIterationAndRemoval() {
    Tx tx = tx(World.empty());
    DOUBLE.insert(tx, "p", 2L, "b");
    DOUBLE.insert(tx, "p", 1L, "a");
    DOUBLE.insert(tx, "q", 1L, "c");
    assertThat(DOUBLE.entriesOf(tx, "p").map(t -> t._2)).containsExactly("a", "b");
    assertThat(DOUBLE.countOf(tx, "p")).isEqualTo(2);
    assertThat(DOUBLE.removePrefix(tx, "p")).hasSize(2);
    assertThat(DOUBLE.containsPrefix(tx, "p")).isFalse();
    assertThat(DOUBLE.find(tx, "q", 1L)).contains("c");
    DOUBLE.remove(tx, "q", 1L);
    assertThat(tx.commit().itemKeys()).isEmpty();
  }

  @Test
  void anIndexedMapKeepsIdsAndDropsEmptiedChunks() {
    Tx tx = tx(World.empty());
    for (long id = 0; id < 10; id++) INDEXED.insert(tx, id, "d" + id);
    INDEXED.remove(tx, 0L);
    INDEXED.remove(tx, 5L);
    assertThat(INDEXED.count(tx)).isEqualTo(8);
    assertThat(INDEXED.entries(tx).map(t -> t._1)).containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L);
    assertThat(INDEXED.get(tx, 5L)).isNull();
    assertThat(INDEXED.get(tx, 8L)).isEqualTo("d8");
    INDEXED.insert(tx, 0L, "again");
    assertThat(INDEXED.get(tx, 0L)).isEqualTo("again");
    long far = 5L * IndexedStorageMap.CHUNK + 17;
    INDEXED.insert(tx, far, "far");
    var root = (IndexedStorageMap.Root<?>) tx.commit().root(INDEXED);
    assertThat(root.chunks().size()).isEqualTo(2);
    for (long id = 0; id < 10; id++) INDEXED.remove(tx, id);
    root = (IndexedStorageMap.Root<?>) tx.commit().root(INDEXED);
    assertThat(root.chunks().keySet()).containsExactly(5L);
    assertThat(INDEXED.entries(tx).map(t -> t._1)).containsExactly(far);
    INDEXED.remove(tx, far);
    assertThat(tx.commit().itemKeys()).isEmpty();
  }

  @Test
  void anIndexedMapHoldsALongLivedEntryFarBelowNewOnes() {
    Tx tx = tx(World.empty());
    INDEXED.insert(tx, 0L, "old");
    long id = 3L * 1_000_000;
    INDEXED.insert(tx, id, "new");
    assertThat(INDEXED.get(tx, 0L)).isEqualTo("old");
    assertThat(INDEXED.get(tx, id)).isEqualTo("new");
    assertThat(INDEXED.count(tx)).isEqualTo(2);
  }

  @Test
  void anIndexedMapHashesLikeAnyOtherMapOfTheSameContent() {
    Tx a = tx(World.empty());
    INDEXED.insert(a, 3L, "x");
    INDEXED.insert(a, 4L, "y");
    Tx b = tx(World.empty());
    INDEXED.insert(b, 0L, "z");
    INDEXED.insert(b, 4L, "y");
    INDEXED.insert(b, 3L, "x");
    INDEXED.remove(b, 0L);
    assertThat(a.commit().stateHash()).isEqualTo(b.commit().stateHash());
  }

  @Test
  void readsAndWritesAreMeteredPerPallet() {
    WeightMeter meter = new WeightMeter();
    Tx tx =
        Tx.begin(
            World.empty(), BlockContext.genesis(dev.palletsim.frame.primitives.H256.ZERO), meter);
    COUNT.get(tx);
    COUNT.put(tx, 1L);
    HASHED.insert(tx, 1L, "a");
    tx.work("T", 3);
    var work = meter.work();
    assertThat(work).hasSize(1);
    assertThat(work.head().pallet()).isEqualTo("T");
    // get reads; put of a value writes blind; a map insert reads its root and writes it
    assertThat(work.head().reads()).isEqualTo(2);
    assertThat(work.head().writes()).isEqualTo(2);
    assertThat(work.head().items()).isEqualTo(3);
  }
}
