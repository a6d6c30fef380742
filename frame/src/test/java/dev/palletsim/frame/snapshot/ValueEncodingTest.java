package dev.palletsim.frame.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.MapRoot;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.snapshot.Decoder.DecodingError;
import dev.palletsim.frame.snapshot.Encoder.EncodingError;
import dev.palletsim.frame.snapshot.SnapshotException.Problem;
import io.vavr.collection.Array;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Queue;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

class ValueEncodingTest {
  private static final AccountId ALICE = Keyring.account("alice");
  private static final AccountId BOB = Keyring.account("bob");
  private static final io.vavr.collection.List<AccountId> ACCOUNTS =
      io.vavr.collection.List.of("alice", "bob", "charlie", "dave", "eve", "ferdie")
          .map(Keyring::account);

  enum Colour {
    Red,
    Green {
      @Override
      public String toString() {
        return "green";
      }
    }
  }

  record Deal(AccountId client, long price, Colour colour, Option<String> label, int count) {}

  record Nested(Vector<Deal> deals, HashMap<AccountId, Long> balances, Object anything) {}

  /** A record whose name has the same length as {@link Deal}'s, for the changed-type test. */
  record Deel(AccountId client, long price, Colour colour, Option<String> label, int total) {}

  static byte[] encode(Object v) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(Channels.newChannel(bos));
    e.writeValue(v);
    e.flush();
    return bos.toByteArray();
  }

  static Object decode(byte[] b) throws IOException {
    Decoder d = new Decoder(Channels.newChannel(new ByteArrayInputStream(b)), 0, b.length);
    Object v = d.readValue();
    assertThat(d.remaining()).isZero();
    return v;
  }

  static Object roundTrip(Object v) throws IOException {
    Object back = decode(encode(v));
    assertThat(back).isEqualTo(v);
    if (!(v instanceof double[] || v instanceof long[] || v instanceof Double)) {
      assertThat(StateHasher.hash(back)).isEqualTo(StateHasher.hash(v));
    }
    return back;
  }

  @Test
  void primitivesStringsAndNumbersComeBackExactly() throws IOException {
    for (Object v :
        new Object[] {
          null,
          true,
          false,
          0L,
          -1L,
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          42,
          Integer.MIN_VALUE,
          (short) -7,
          (byte) -128,
          'x',
          '\uffff',
          "",
          "plain ascii",
          "ünïcödé ✓ 𝄞",
          "nul\0inside",
          "\ud800 unpaired surrogate",
          BigInteger.ZERO,
          BigInteger.TWO.pow(200).negate(),
          3.25,
          Double.NaN
        }) {
      assertThat(decode(encode(v))).isEqualTo(v);
    }
    assertThat((byte[]) decode(encode(new byte[] {1, 2, 3}))).containsExactly(1, 2, 3);
    assertThat((long[]) decode(encode(new long[] {-5, 0, Long.MAX_VALUE})))
        .containsExactly(-5, 0, Long.MAX_VALUE);
    assertThat((double[]) decode(encode(new double[] {0.5, -1e300}))).containsExactly(0.5, -1e300);
  }

  @Test
  void recordsEnumsOptionsAndIdentifiersComeBackEqualWithTheSameStateHash() throws IOException {
    roundTrip(new Deal(ALICE, 5, Colour.Red, Option.some("x"), 3));
    roundTrip(new Deal(BOB, -5, Colour.Green, Option.none(), 0));
    assertThat(roundTrip(Colour.Green)).isSameAs(Colour.Green);
    roundTrip(H256.fromHex("0x" + "ab".repeat(32)));
    roundTrip(Commitments.piece("a piece"));
    roundTrip(dev.palletsim.frame.primitives.Cid.UNDEFINED);
    roundTrip(DealIds.of(3, 1_000_000_007L, 9, -4));
    roundTrip(DealIds.empty());
    roundTrip(new Deal(null, 1, null, Option.some(null), 2));
  }

  @Test
  void collectionsKeepTheirBackingTypeAndComparator() throws IOException {
    assertThat(roundTrip(List.of(1L, 2L))).isInstanceOf(List.class);
    assertThat(roundTrip(Vector.of("a", "b"))).isInstanceOf(Vector.class);
    assertThat(roundTrip(Array.of(1, 2))).isInstanceOf(Array.class);
    assertThat(roundTrip(Queue.of(1, 2))).isInstanceOf(Queue.class);
    assertThat(roundTrip(HashSet.of(ALICE, BOB))).isInstanceOf(HashSet.class);
    assertThat(roundTrip(LinkedHashSet.of(3L, 1L, 2L)).toString())
        .isEqualTo(LinkedHashSet.of(3L, 1L, 2L).toString());
    assertThat(roundTrip(LinkedHashMap.of("z", 1L, "a", 2L)).toString())
        .isEqualTo("LinkedHashMap((z, 1), (a, 2))");
    TreeSet<Long> natural = TreeSet.of(3L, 1L);
    assertThat(((TreeSet<?>) roundTrip(natural)).comparator()).isSameAs(natural.comparator());
    TreeMap<Long, String> jdk = TreeMap.<Long, String>empty(Comparator.naturalOrder()).put(1L, "a");
    assertThat(((TreeMap<?, ?>) roundTrip(jdk)).comparator()).isSameAs(Comparator.naturalOrder());
    TreeMap<Long, String> reversed =
        TreeMap.<Long, String>empty(Comparator.reverseOrder()).put(1L, "a").put(2L, "b");
    TreeMap<?, ?> back = (TreeMap<?, ?>) roundTrip(reversed);
    assertThat(back.comparator()).isSameAs(Comparator.reverseOrder());
    assertThat(back.head()._1).isEqualTo(2L);
    roundTrip(
        new Nested(
            Vector.of(new Deal(ALICE, 1, Colour.Red, Option.none(), 1)),
            HashMap.of(ALICE, 1L, BOB, 2L),
            TreeSet.of("x")));
  }

  @Test
  void storageRootsComeBackWithTheirBackingAndHash() throws IOException {
    MapRoot<Long, String> hashed = MapRoot.empty(HashMap.empty());
    MapRoot<Long, String> ordered =
        MapRoot.empty(TreeMap.<Long, String>empty(Comparator.naturalOrder()));
    for (long i = 0; i < 100; i++) {
      hashed = hashed.put(i * 7919 % 1000, "v" + i);
      ordered = ordered.put(i * 7919 % 1000, "v" + i);
    }
    MapRoot<?, ?> h = (MapRoot<?, ?>) roundTrip(hashed);
    assertThat(h.map()).isInstanceOf(HashMap.class);
    assertThat(h.stateHash()).isEqualTo(hashed.stateHash());
    MapRoot<?, ?> o = (MapRoot<?, ?>) roundTrip(ordered);
    assertThat(((TreeMap<?, ?>) o.map()).comparator()).isSameAs(Comparator.naturalOrder());
    var value = new StorageValue.Root<>(Vector.of(1L), StateHasher.hash(Vector.of(1L)));
    assertThat(((StorageValue.Root<?>) roundTrip(value)).hash()).isEqualTo(value.hash());
  }

  @Test
  void anIndexedRootComesBackChunkByChunk() throws IOException {
    var item = IndexedStorageMap.<String>of("Test", "Indexed");
    var tx =
        dev.palletsim.frame.Tx.begin(
            dev.palletsim.frame.World.empty(),
            dev.palletsim.frame.BlockContext.genesis(H256.ZERO),
            new dev.palletsim.frame.WeightMeter());
    for (long id : new long[] {0, 1, 1023, 1024, 5000, 1_000_000})
      item.insert(tx, id, "deal " + id);
    item.remove(tx, 1);
    var world = tx.commit();
    var root = (IndexedStorageMap.Root<?>) world.rootByKey("Test.Indexed");
    var back = (IndexedStorageMap.Root<?>) roundTrip(root);
    assertThat(back.live()).isEqualTo(5);
    assertThat(back.get(1_000_000)).isEqualTo("deal 1000000");
    assertThat(back.get(1)).isNull();
    assertThat(back.chunks().keySet()).isEqualTo(root.chunks().keySet());
  }

  @Test
  void bitFieldsComeBackRunForRunWithTheHashOfTheSameSet() throws IOException {
    java.util.SplittableRandom random = new java.util.SplittableRandom(16);
    java.util.List<BitField> fields = new java.util.ArrayList<>();
    fields.add(BitField.empty());
    fields.add(BitField.of(0));
    fields.add(BitField.of(BitField.MAX_MEMBER));
    fields.add(BitField.range(BitField.MAX_MEMBER - 3_000, BitField.MAX_MEMBER + 1));
    fields.add(BitField.range(1_000, 3_349).union(BitField.of(5, 7, 9)));
    for (int i = 0; i < 200; i++) {
      long[] members = new long[random.nextInt(1, 300)];
      long base = random.nextLong(0, 1L << random.nextInt(1, 62));
      for (int k = 0; k < members.length; k++) members[k] = base + random.nextLong(0, 2_000);
      fields.add(BitField.of(members));
    }
    for (BitField f : fields) {
      BitField back = (BitField) roundTrip(f);
      assertThat(back.ranges()).isEqualTo(f.ranges());
      assertThat(back.stateHash()).isEqualTo(StateHasher.hash(TreeSet.ofAll(f)));
    }
    // a full partition of 2,349 sectors is a few bytes, whatever its size
    int one = encode(Vector.of(BitField.range(0, 2_349))).length;
    int two = encode(Vector.of(BitField.range(0, 2_349), BitField.range(4_000, 6_349))).length;
    assertThat(two - one).isLessThanOrEqualTo(6);
  }

  @Test
  void aDamagedBitFieldIsRefusedAsCorrupt() throws IOException {
    byte[] good = encode(BitField.of(1, 2, 10));
    // the two runs [1, 3) and [10, 11): count 2, gaps 1 and 7, lengths − 1: 1 and 0
    assertThat(java.util.Arrays.copyOfRange(good, good.length - 5, good.length))
        .containsExactly(2, 1, 1, 7, 0);
    byte[] touching = good.clone();
    touching[good.length - 2] = 0; // the second run starts where the first ends
    assertThatThrownBy(() -> decode(touching))
        .isInstanceOf(DecodingError.class)
        .hasMessageContaining("a damaged BitField")
        .satisfies(e -> assertThat(((DecodingError) e).problem).isEqualTo(Problem.CORRUPT));
    byte[] beyond = encode(BitField.of(BitField.MAX_MEMBER - 1));
    beyond[beyond.length - 1] = 2; // a run of three from MAX_MEMBER − 1 would pass it
    assertThatThrownBy(() -> decode(beyond))
        .isInstanceOf(DecodingError.class)
        .hasMessageContaining("passes the largest member");
  }

  @Test
  void aPackedRootComesBackEntryByEntryWithItsLayoutAndHash() throws IOException {
    for (boolean asMap : new boolean[] {false, true}) {
      var root = dev.palletsim.frame.PackedRoot.empty(new DealIds.Layout(), asMap);
      for (long k : new long[] {-70, -1, 0, 5, 31, 32, 1_000_000, Long.MAX_VALUE}) {
        root = root.put(k, DealIds.of(k, k / 2 + 1));
      }
      root = root.remove(5);
      var back = (dev.palletsim.frame.PackedRoot<?>) roundTrip(root);
      assertThat(back.hashedAsMap()).isEqualTo(asMap);
      assertThat(back.layout()).isInstanceOf(DealIds.Layout.class);
      assertThat(back.entries().toJavaList()).isEqualTo(root.entries().toJavaList());
      assertThat(back.stateHash()).isEqualTo(root.stateHash());
    }
    // inside a double map's outer root, as storage holds it
    MapRoot<AccountId, Object> outer = MapRoot.empty(HashMap.empty());
    outer =
        outer.put(
            ALICE,
            dev.palletsim.frame.PackedRoot.empty(new DealIds.Layout(), true).put(3, DealIds.of(9)));
    assertThat(((MapRoot<?, ?>) roundTrip(outer)).stateHash()).isEqualTo(outer.stateHash());
  }

  @Test
  void aPackedRootWhoseLayoutIsGoneIsNamedOnLoad() throws IOException {
    var root =
        dev.palletsim.frame.PackedRoot.empty(new DealIds.Layout(), false).put(1, DealIds.of(2));
    byte[] bytes = encode(root);
    String layout = DealIds.Layout.class.getName();
    byte[] gone = replace(bytes, layout, layout.replace("Layout", "Layoux"));
    assertThatThrownBy(() -> decode(gone))
        .isInstanceOf(DecodingError.class)
        .hasMessageContaining("DealIds$Layoux does not exist")
        .satisfies(e -> assertThat(((DecodingError) e).problem).isEqualTo(Problem.UNKNOWN_TYPE));
  }

  @Test
  void equalCollectionsGiveEqualBytesHoweverTheyWereBuilt() throws IOException {
    HashMap<AccountId, Long> a = HashMap.empty();
    HashMap<AccountId, Long> b = HashMap.empty();
    for (AccountId x : ACCOUNTS) a = a.put(x, 1L);
    for (AccountId x : ACCOUNTS.reverse()) b = b.put(x, 1L);
    assertThat(encode(a)).isEqualTo(encode(b));
    // enum keys hash by identity in the JVM; the encoding orders them by name-independent rank
    HashSet<Colour> c1 = HashSet.of(Colour.Red, Colour.Green);
    HashSet<Colour> c2 = HashSet.of(Colour.Green, Colour.Red);
    assertThat(encode(c1)).isEqualTo(encode(c2));
    // keys of mixed classes fall back to state-hash order
    HashSet<Object> mixed1 = HashSet.of(1L, "one", 2);
    HashSet<Object> mixed2 = HashSet.of(2, "one", 1L);
    assertThat(encode(mixed1)).isEqualTo(encode(mixed2));
    assertThat(decode(encode(mixed1))).isEqualTo(mixed1);
  }

  @Test
  void typesAreNamedOnceAndRepeatedAccountsAreReferenced() throws IOException {
    Vector<Deal> one = Vector.of(new Deal(ALICE, 1, Colour.Red, Option.none(), 1));
    Vector<Deal> many = Vector.fill(1000, () -> one.head());
    int perDeal = (encode(many).length - encode(one).length) / 999;
    // record tag 1, account tag + reference 2, price tag + varint 2, enum 1, none 1, count tag +
    // varint 2: nine bytes, no class name and no 32-byte key repeated
    assertThat(perDeal).isEqualTo(9);
    String text = new String(encode(many), StandardCharsets.ISO_8859_1);
    assertThat(text.split(java.util.regex.Pattern.quote(Deal.class.getName()), -1)).hasSize(2);
  }

  @Test
  void aValueThatIsNotStorableIsRefusedWithWhereItSits() {
    assertThatThrownBy(
            () -> encode(new Nested(Vector.empty(), HashMap.empty(), new java.util.ArrayList<>())))
        .isInstanceOf(EncodingError.class)
        .hasMessageContaining("java.util.ArrayList")
        .satisfies(e -> assertThat(((EncodingError) e).path()).isEqualTo("Nested.anything"));
    assertThatThrownBy(() -> encode(TreeSet.of((x, y) -> 0, 1L)))
        .isInstanceOf(EncodingError.class)
        .hasMessageContaining("comparator");
  }

  @Test
  void aTypeThatNoLongerExistsOrChangedShapeIsNamedOnLoad() throws IOException {
    byte[] bytes = encode(new Deal(ALICE, 1, Colour.Red, Option.none(), 1));
    byte[] missing =
        replace(bytes, Deal.class.getName(), Deal.class.getName().replace("Deal", "Dxal"));
    assertThatThrownBy(() -> decode(missing))
        .isInstanceOf(DecodingError.class)
        .hasMessageContaining("ValueEncodingTest$Dxal does not exist")
        .satisfies(e -> assertThat(((DecodingError) e).problem).isEqualTo(Problem.UNKNOWN_TYPE));
    byte[] changed = replace(bytes, Deal.class.getName(), Deel.class.getName());
    assertThatThrownBy(() -> decode(changed))
        .isInstanceOf(DecodingError.class)
        .hasMessageContaining("has changed since the snapshot was saved")
        .hasMessageContaining("(client, price, colour, label, count)")
        .hasMessageContaining("(client, price, colour, label, total)");
    byte[] constant = replace(encode(Colour.Red), "Red", "Rex");
    assertThatThrownBy(() -> decode(constant)).hasMessageContaining("has no constant Rex");
  }

  static byte[] replace(byte[] bytes, String from, String to) {
    String s = new String(bytes, StandardCharsets.ISO_8859_1);
    assertThat(s).contains(from);
    assertThat(to).hasSameSizeAs(from);
    return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
  }
}
