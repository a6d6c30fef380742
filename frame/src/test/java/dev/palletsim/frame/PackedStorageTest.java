package dev.palletsim.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packed storage (issue 16): a {@link PackedRoot} behaves as a persistent sorted map of the same
 * entries, whatever the history of writes; it hashes as the map of objects it stands for; packed
 * items ({@link IndexedStorageMap#packed}, {@link StorageDoubleMap#packed}) answer every read as
 * their unpacked twins and give the same item hashes; the writer's encodings read back exactly.
 */
class PackedStorageTest {
  private static final AccountId ALICE = Keyring.account("alice");
  private static final AccountId BOB = Keyring.account("bob");
  private static final AccountId CHARLIE = Keyring.account("charlie");

  enum Colour {
    Red,
    Green
  }

  /** A record with a component of every kind the writer packs. */
  record Sample(
      long amount,
      int small,
      String label,
      AccountId who,
      AccountId other,
      Cid cid,
      DealIds deals,
      Colour colour,
      boolean flag,
      long size) {}

  /** The sample's layout: two references, every encoding. */
  public static final class SampleLayout implements PackedLayout<Sample> {
    public SampleLayout() {}

    @Override
    public int references() {
      return 2;
    }

    @Override
    public void write(long key, Sample v, PackedWriter out) {
      out.writeRef(v.who());
      out.writeRef(v.other());
      out.writeDelta(v.amount(), key);
      out.writeSignedVarLong(v.small());
      out.writeString(v.label());
      out.writeCid(v.cid());
      out.writeDealIds(v.deals());
      out.writeEnum(v.colour());
      out.writeBoolean(v.flag());
      out.writeScaledLong(v.size());
    }

    @Override
    public Sample read(long key, PackedReader in) {
      return new Sample(
          in.readDelta(key),
          (int) in.readSignedVarLong(),
          in.readString(),
          in.readRef(AccountId.class),
          in.readRef(AccountId.class),
          in.readCid(),
          in.readDealIds(),
          in.readEnum(Colour.values()),
          in.readBoolean(),
          in.readScaledLong());
    }
  }

  static final SampleLayout LAYOUT = new SampleLayout();

  static final long[] EXTREMES = {
    0, 1, -1, 127, 128, -128, 1L << 35, -(1L << 35), Long.MAX_VALUE, Long.MIN_VALUE, 3L << 40
  };

  static Sample sample(SplittableRandom r) {
    long amount =
        r.nextInt(4) == 0 ? EXTREMES[r.nextInt(EXTREMES.length)] : r.nextLong(-1_000_000, 1L << 40);
    String label =
        switch (r.nextInt(5)) {
          case 0 -> null;
          case 1 -> "";
          case 2 -> "deal " + r.nextInt(1000);
          case 3 -> "naïve \uD83D\uDE00 " + r.nextInt(); // non-Latin-1, a surrogate pair
          default -> "\uD800 unpaired";
        };
    AccountId[] accounts = {ALICE, BOB, CHARLIE, null};
    Cid cid =
        switch (r.nextInt(5)) {
          case 0 -> null;
          case 1 -> Cid.UNDEFINED;
          case 2 -> Commitments.piece("p" + r.nextInt(100));
          case 3 -> Cid.sealed(H256.of(randomBytes(r)).toBytes());
          default -> Cid.of(0x55, 0x1e, randomBytes(r));
        };
    DealIds deals =
        switch (r.nextInt(4)) {
          case 0 -> null;
          case 1 -> DealIds.empty();
          case 2 -> DealIds.of(r.nextLong(0, 1L << 30));
          default -> DealIds.of(Long.MIN_VALUE, -5, 0, r.nextLong(1, 1000), Long.MAX_VALUE);
        };
    return new Sample(
        amount,
        r.nextInt(),
        label,
        accounts[r.nextInt(accounts.length)],
        accounts[r.nextInt(accounts.length)],
        cid,
        deals,
        r.nextInt(3) == 0 ? null : Colour.values()[r.nextInt(2)],
        r.nextBoolean(),
        r.nextInt(3) == 0 ? EXTREMES[r.nextInt(EXTREMES.length)] : 1L << r.nextInt(40));
  }

  static byte[] randomBytes(SplittableRandom r) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) b[i] = (byte) r.nextInt(256);
    return b;
  }

  static long mapHash(java.util.TreeMap<Long, Sample> model, boolean asMap) {
    long sum = 0;
    for (var e : model.entrySet()) sum += StateHasher.entry(e.getKey(), e.getValue());
    long tag = asMap ? 0x4d6170526f6f74L : 0x496e6465786564L;
    return dev.palletsim.frame.primitives.Bytes.mix(tag ^ model.size(), sum);
  }

  static List<Long> seeds() {
    List<Long> out = new ArrayList<>();
    for (long s = 1; s <= 40; s++) out.add(s);
    return out;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void aPackedRootAnswersAsASortedMapOfTheSameEntriesWhateverItsHistory(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean asMap = r.nextBoolean();
    // keys around 0 and far apart, so that leaves fill, empty and take negative indexes
    long base = r.nextBoolean() ? 0 : r.nextLong(-(1L << 40), 1L << 40);
    int spread = 1 << r.nextInt(3, 12);
    PackedRoot<Sample> root = PackedRoot.empty(LAYOUT, asMap);
    java.util.TreeMap<Long, Sample> model = new java.util.TreeMap<>();
    List<Tuple2<PackedRoot<Sample>, java.util.TreeMap<Long, Sample>>> past = new ArrayList<>();
    for (int step = 0; step < 600; step++) {
      long key = base + r.nextInt(spread) - spread / 4;
      if (r.nextInt(3) == 0) {
        root = root.remove(key);
        model.remove(key);
      } else {
        Sample v = sample(r);
        root = root.put(key, v);
        model.put(key, v);
      }
      if (r.nextInt(50) == 0) past.add(new Tuple2<>(root, new java.util.TreeMap<>(model)));
      if (r.nextInt(20) == 0) assertThat(root.stateHash()).isEqualTo(mapHash(model, asMap));
      long probe = base + r.nextInt(spread) - spread / 4;
      assertThat(root.get(probe)).isEqualTo(model.get(probe));
      assertThat(root.containsKey(probe)).isEqualTo(model.containsKey(probe));
    }
    assertThat(root.size()).isEqualTo(model.size());
    assertThat(root.entries().map(Tuple2::_1)).containsExactlyElementsOf(model.keySet());
    assertThat(root.entries().map(Tuple2::_2)).containsExactlyElementsOf(model.values());
    assertThat(root.stateHash()).isEqualTo(mapHash(model, asMap));
    // earlier roots are untouched by later writes (persistence) and hash as their contents
    for (var p : past) {
      assertThat(p._1.size()).isEqualTo(p._2.size());
      assertThat(p._1.entries().map(Tuple2::_2)).containsExactlyElementsOf(p._2.values());
      assertThat(p._1.stateHash()).isEqualTo(mapHash(p._2, asMap));
    }
    // equal contents reached another way are equal, with the same hash
    PackedRoot.Builder<Sample> b = new PackedRoot.Builder<>(LAYOUT, asMap);
    model.forEach(b::add);
    PackedRoot<Sample> rebuilt = b.build();
    assertThat(rebuilt).isEqualTo(root);
    assertThat(rebuilt.stateHash()).isEqualTo(root.stateHash());
    if (!model.isEmpty()) {
      assertThat(root.put(model.firstKey(), sample(r))).isNotEqualTo(root);
    }
  }

  @Test
  void everyEncodingReadsBackExactly() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      Sample v = sample(r);
      long key = EXTREMES[r.nextInt(EXTREMES.length)];
      PackedRoot<Sample> root = PackedRoot.empty(LAYOUT, false).put(key, v);
      assertThat(root.get(key)).isEqualTo(v);
      assertThat(StateHasher.hash(root.get(key))).isEqualTo(StateHasher.hash(v));
    }
  }

  @Test
  void smallValuesTakeFewBytes() {
    PackedWriter w = new PackedWriter();
    w.writeScaledLong(32L << 30); // a 32 GiB sector: its trailing zeros and 1
    assertThat(w.length()).isEqualTo(2);
    w.reset();
    w.writeCid(Commitments.piece("x")); // the unsealed prefix in one byte, then the digest
    assertThat(w.length()).isEqualTo(33);
    w.reset();
    w.writeDelta(1_000_000, 1_000_003);
    assertThat(w.length()).isEqualTo(1);
    w.reset();
    w.writeString("1234:xxxxxxxxxxx");
    assertThat(w.length()).isEqualTo(17);
  }

  @Test
  void aLeafKeepsOneReferenceTableEntryPerDistinctAccountAndCompactsIt() {
    PackedRoot<Sample> root = PackedRoot.empty(LAYOUT, false);
    Sample base = new Sample(1, 1, "x", ALICE, ALICE, null, null, null, false, 0);
    for (long k = 0; k < 32; k++) root = root.put(k, base);
    PackedLeaf leaf = leafOf(root, 0);
    assertThat(leaf.refs).hasSize(1);
    // churn: 2,000 distinct accounts pass through slot 5; the table never grows past 255
    for (int i = 0; i < 2_000; i++) {
      AccountId who = AccountId.of(H256.of(randomBytes(new SplittableRandom(i))).toBytes());
      root = root.put(5, new Sample(1, 1, "x", who, BOB, null, null, null, false, 0));
      assertThat(leafOf(root, 0).refs.length).isLessThanOrEqualTo(255);
      assertThat(root.get(5).who()).isEqualTo(who);
    }
    for (long k = 0; k < 32; k++) {
      if (k != 5) assertThat(root.get(k)).isEqualTo(base);
    }
  }

  @Test
  void aLeafLargerThan64KiBSwitchesToWideOffsets() {
    PackedRoot<Sample> root = PackedRoot.empty(LAYOUT, true);
    String big = "y".repeat(5_000);
    java.util.TreeMap<Long, Sample> model = new java.util.TreeMap<>();
    for (long k = 0; k < 32; k++) {
      Sample v = new Sample(k, 0, big + k, null, null, null, null, null, true, k);
      root = root.put(k, v);
      model.put(k, v);
    }
    assertThat(leafOf(root, 0).data.length).isGreaterThan(0xffff);
    for (long k = 0; k < 32; k++) assertThat(root.get(k)).isEqualTo(model.get(k));
    // and back to narrow offsets when it shrinks
    for (long k = 0; k < 30; k++) {
      root = root.remove(k);
      model.remove(k);
    }
    assertThat(leafOf(root, 0).data.length).isLessThan(0xffff);
    assertThat(root.entries().map(Tuple2::_2)).containsExactlyElementsOf(model.values());
    assertThat(root.stateHash()).isEqualTo(mapHash(model, true));
  }

  @Test
  void aLayoutMustWriteTheReferencesItDeclares() {
    PackedLayout<String> liar =
        new PackedLayout<>() {
          @Override
          public int references() {
            return 1;
          }

          @Override
          public void write(long key, String value, PackedWriter out) {
            out.writeString(value);
          }

          @Override
          public String read(long key, PackedReader in) {
            return in.readString();
          }
        };
    assertThatThrownBy(() -> PackedRoot.empty(liar, false).put(1, "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("wrote 0 references");
  }

  static PackedLeaf leafOf(PackedRoot<?> root, long key) {
    // the leaf is reachable through equality only; rebuild it by writing the same entries
    try {
      var f = PackedRoot.class.getDeclaredField("leaves");
      f.setAccessible(true);
      @SuppressWarnings("unchecked")
      HashMap<Long, PackedLeaf> leaves = (HashMap<Long, PackedLeaf>) f.get(root);
      return leaves.get(key >> PackedLeaf.SHIFT).get();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ packed storage items

  static final IndexedStorageMap<Sample> INDEXED = IndexedStorageMap.of("P", "Indexed");
  static final IndexedStorageMap<Sample> INDEXED_PACKED =
      IndexedStorageMap.packed("P", "IndexedPacked", LAYOUT);
  static final StorageDoubleMap<AccountId, Long, Sample> DOUBLE =
      StorageDoubleMap.orderedInner("P", "Double");
  static final StorageDoubleMap<AccountId, Long, Sample> DOUBLE_HASHED =
      StorageDoubleMap.of("P", "DoubleHashed");
  static final StorageDoubleMap<AccountId, Long, Sample> DOUBLE_PACKED =
      StorageDoubleMap.packed("P", "DoublePacked", LAYOUT);

  static Tx tx(World w) {
    return Tx.begin(w, BlockContext.genesis(H256.ZERO), new WeightMeter());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void packedItemsAnswerAsTheirUnpackedTwinsWithTheSameItemHash(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    World w = World.empty();
    AccountId[] owners = {ALICE, BOB, CHARLIE};
    for (int block = 0; block < 12; block++) {
      Tx tx = tx(w);
      for (int i = 0; i < 60; i++) {
        long id = r.nextInt(3_000);
        AccountId owner = owners[r.nextInt(owners.length)];
        switch (r.nextInt(4)) {
          case 0 -> {
            INDEXED.remove(tx, id);
            INDEXED_PACKED.remove(tx, id);
            DOUBLE.remove(tx, owner, id);
            DOUBLE_HASHED.remove(tx, owner, id);
            DOUBLE_PACKED.remove(tx, owner, id);
          }
          case 1 -> {
            if (r.nextInt(8) == 0) {
              var removed = DOUBLE.removePrefix(tx, owner);
              DOUBLE_HASHED.removePrefix(tx, owner);
              assertThat(DOUBLE_PACKED.removePrefix(tx, owner)).containsExactlyElementsOf(removed);
            }
          }
          default -> {
            Sample v = sample(r);
            INDEXED.insert(tx, id, v);
            INDEXED_PACKED.insert(tx, id, v);
            DOUBLE.insert(tx, owner, id, v);
            DOUBLE_HASHED.insert(tx, owner, id, v);
            DOUBLE_PACKED.insert(tx, owner, id, v);
          }
        }
        long probe = r.nextInt(3_000);
        assertThat(INDEXED_PACKED.find(tx, probe)).isEqualTo(INDEXED.find(tx, probe));
        assertThat(DOUBLE_PACKED.find(tx, owner, probe)).isEqualTo(DOUBLE.find(tx, owner, probe));
        assertThat(DOUBLE_PACKED.contains(tx, owner, probe))
            .isEqualTo(DOUBLE.contains(tx, owner, probe));
      }
      if (r.nextBoolean()) {
        w = tx.commit();
        assertThat(w.itemHash("P.IndexedPacked")).isEqualTo(w.itemHash("P.Indexed"));
        assertThat(w.itemHash("P.DoublePacked")).isEqualTo(w.itemHash("P.Double"));
        assertThat(w.itemHash("P.DoublePacked")).isEqualTo(w.itemHash("P.DoubleHashed"));
      }
    }
    assertThat(INDEXED_PACKED.count(w)).isEqualTo(INDEXED.count(w));
    assertThat(INDEXED_PACKED.entries(w)).containsExactlyElementsOf(INDEXED.entries(w));
    assertThat(DOUBLE_PACKED.entries(w)).containsExactlyElementsOf(DOUBLE.entries(w));
    assertThat(DOUBLE_PACKED.prefixes(w)).containsExactlyElementsOf(DOUBLE.prefixes(w));
    for (AccountId o : owners) {
      assertThat(DOUBLE_PACKED.countOf(w, o)).isEqualTo(DOUBLE.countOf(w, o));
      assertThat(DOUBLE_PACKED.entriesOf(w, o)).containsExactlyElementsOf(DOUBLE.entriesOf(w, o));
    }
  }

  @Test
  void packedItemsMeterReadsAsTheirTwins() {
    Tx tx = tx(World.empty());
    for (long id = 0; id < 100; id++) {
      Sample v = new Sample(id, 0, "x", ALICE, null, null, null, null, false, 0);
      INDEXED.insert(tx, id, v);
      INDEXED_PACKED.insert(tx, id, v);
      DOUBLE.insert(tx, ALICE, id, v);
      DOUBLE_PACKED.insert(tx, ALICE, id, v);
    }
    World w = tx.commit();
    WeightMeter plain = new WeightMeter();
    Tx a = Tx.begin(w, BlockContext.genesis(H256.ZERO), plain);
    INDEXED.entries(a);
    DOUBLE.entriesOf(a, ALICE);
    WeightMeter packed = new WeightMeter();
    Tx b = Tx.begin(w, BlockContext.genesis(H256.ZERO), packed);
    INDEXED_PACKED.entries(b);
    DOUBLE_PACKED.entriesOf(b, ALICE);
    assertThat(packed.total(WeightCosts.ROCKS_DB)).isEqualTo(plain.total(WeightCosts.ROCKS_DB));
  }

  @Test
  void anEmptiedPackedItemHoldsNoRoot() {
    Tx tx = tx(World.empty());
    Sample v = new Sample(1, 0, "x", ALICE, null, null, null, null, false, 0);
    INDEXED_PACKED.insert(tx, 7, v);
    DOUBLE_PACKED.insert(tx, ALICE, 7L, v);
    INDEXED_PACKED.remove(tx, 7);
    DOUBLE_PACKED.remove(tx, ALICE, 7L);
    World w = tx.commit();
    assertThat(w.itemKeys()).isEmpty();
    assertThat(w.stateHash()).isEqualTo(World.empty().stateHash());
    assertThatThrownBy(() -> INDEXED_PACKED.insert(tx(w), -1, v))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(INDEXED_PACKED.find(w, -1)).isEmpty();
  }

  @Test
  void dealIdsPackAsTheirSize() {
    PackedRoot<DealIds> root = PackedRoot.empty(new DealIds.Layout(), true);
    root = root.put(1, DealIds.of(10_000_000L)).put(2, DealIds.of(5, 6, 7, 8));
    assertThat(root.get(1)).isEqualTo(DealIds.of(10_000_000L));
    assertThat(root.get(2)).isEqualTo(DealIds.of(5, 6, 7, 8));
    assertThat(leafOf(root, 1).valueBytes(1)).isEqualTo(1 + 4); // count, first id
    assertThat(leafOf(root, 2).valueBytes(2)).isEqualTo(1 + 1 + 3); // count, first, three gaps
  }
}
