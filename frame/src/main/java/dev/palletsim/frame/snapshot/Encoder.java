package dev.palletsim.frame.snapshot;

import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.MapRoot;
import dev.palletsim.frame.PackedRoot;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.StorageValue;
import io.vavr.Tuple2;
import io.vavr.collection.Array;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Queue;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.collection.SortedSet;
import io.vavr.collection.Stream;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.zip.CRC32C;

/**
 * Writes values in the snapshot encoding, walking them as {@link StateHasher} does: the same types,
 * records component by component, sequences in order, sets and maps in a canonical order (sorted
 * collections in their own order; hashed ones by key, naturally when the keys are comparable values
 * of one class, else by state hash), so that equal worlds give equal bytes however they were
 * reached. Types are defined inline the first time they occur (class name once, then a small id).
 * Output goes through a 64 KiB buffer to a channel, with a running CRC-32C of every byte.
 */
final class Encoder implements ValueOutput {
  private static final Comparator<?> VAVR_NATURAL = TreeSet.empty().comparator();

  private final WritableByteChannel channel;
  private final byte[] buf = new byte[1 << 16];
  private final ByteBuffer wrapped = ByteBuffer.wrap(buf);
  private int pos;
  private long flushed;
  private final CRC32C crc = new CRC32C();

  private int nextId;
  private final IdentityHashMap<Class<?>, Integer> recordIds = new IdentityHashMap<>();
  private final IdentityHashMap<Enum<?>, Integer> enumIds = new IdentityHashMap<>();
  private final IdentityHashMap<Class<?>, Integer> codecIds = new IdentityHashMap<>();
  private final IdentityHashMap<Comparator<?>, Integer> comparatorIds = new IdentityHashMap<>();
  private final IdentityHashMap<Class<?>, Integer> layoutIds = new IdentityHashMap<>();
  private final IdentityHashMap<Class<?>, java.util.HashMap<Object, Integer>> interned =
      new IdentityHashMap<>();

  Encoder(WritableByteChannel channel) {
    this.channel = channel;
  }

  /** Bytes written so far (flushed or buffered). */
  long position() {
    return flushed + pos;
  }

  /** The CRC-32C of every byte written so far; flushes first. */
  long checksum() throws IOException {
    flush();
    return crc.getValue();
  }

  /** Writes the buffered bytes to the channel. */
  void flush() throws IOException {
    if (pos == 0) return;
    crc.update(buf, 0, pos);
    wrapped.clear().limit(pos);
    while (wrapped.hasRemaining()) channel.write(wrapped);
    flushed += pos;
    pos = 0;
  }

  private void ensure(int n) throws IOException {
    if (buf.length - pos < n) flush();
  }

  void writeByte(int b) throws IOException {
    if (pos == buf.length) flush();
    buf[pos++] = (byte) b;
  }

  // ------------------------------------------------------------------ primitives

  @Override
  public void writeVarLong(long v) throws IOException {
    ensure(10);
    while ((v & ~0x7fL) != 0) {
      buf[pos++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  @Override
  public void writeSignedVarLong(long v) throws IOException {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  @Override
  public void writeLong(long v) throws IOException {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[pos + i] = (byte) v;
      v >>>= 8;
    }
    pos += 8;
  }

  /** Writes {@code v} as four big-endian bytes. */
  void writeInt32(int v) throws IOException {
    ensure(4);
    buf[pos] = (byte) (v >>> 24);
    buf[pos + 1] = (byte) (v >>> 16);
    buf[pos + 2] = (byte) (v >>> 8);
    buf[pos + 3] = (byte) v;
    pos += 4;
  }

  @Override
  public void writeRaw(byte[] b, int off, int len) throws IOException {
    if (len > buf.length - pos) {
      flush();
      if (len > buf.length) {
        crc.update(b, off, len);
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        while (bb.hasRemaining()) channel.write(bb);
        flushed += len;
        return;
      }
    }
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
  }

  @Override
  public void writeString(String s) throws IOException {
    int n = s.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) ascii = s.charAt(i) < 0x80 && s.charAt(i) != 0;
    if (ascii) {
      writeVarLong(n);
      if (n > buf.length - pos) flush();
      if (n <= buf.length) {
        for (int i = 0; i < n; i++) buf[pos + i] = (byte) s.charAt(i);
        pos += n;
        return;
      }
      byte[] b = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      writeRaw(b, 0, n);
      return;
    }
    // every UTF-16 code unit on its own, as Java's modified UTF-8: exact for any string
    byte[] b = new byte[n * 3];
    int len = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c != 0 && c < 0x80) {
        b[len++] = (byte) c;
      } else if (c < 0x800) {
        b[len++] = (byte) (0xc0 | (c >> 6));
        b[len++] = (byte) (0x80 | (c & 0x3f));
      } else {
        b[len++] = (byte) (0xe0 | (c >> 12));
        b[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[len++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    writeVarLong(len);
    writeRaw(b, 0, len);
  }

  // ------------------------------------------------------------------ values

  @Override
  public void writeValue(Object v) throws IOException {
    if (v == null) {
      writeByte(Tags.NULL);
      return;
    }
    Class<?> c = v.getClass();
    if (c == Long.class) {
      writeByte(Tags.LONG);
      writeSignedVarLong((Long) v);
      return;
    }
    ValueCodec<Object> codec = codecOf(c);
    if (codec != null) {
      writeCodecValue(c, codec, v);
      return;
    }
    if (v instanceof MapRoot<?, ?> root) {
      writeByte(Tags.MAP_ROOT);
      writeMap(root.map());
      return;
    }
    if (v instanceof IndexedStorageMap.Root<?> root) {
      writeIndexedRoot(root);
      return;
    }
    if (v instanceof PackedRoot<?> root) {
      writePackedRoot(root);
      return;
    }
    if (v instanceof StorageValue.Root<?> root) {
      writeByte(Tags.VALUE_ROOT);
      writeValue(root.value());
      return;
    }
    if (v instanceof Record r) {
      writeRecord(r);
      return;
    }
    if (c == Integer.class) {
      writeByte(Tags.INT);
      writeSignedVarLong((Integer) v);
    } else if (c == String.class) {
      writeByte(Tags.STRING);
      writeString((String) v);
    } else if (c == Boolean.class) {
      writeByte((Boolean) v ? Tags.TRUE : Tags.FALSE);
    } else if (v instanceof Enum<?> e) {
      writeEnum(e);
    } else if (v instanceof Option<?> o) {
      if (o.isEmpty()) {
        writeByte(Tags.NONE);
      } else {
        writeByte(Tags.SOME);
        writeValue(o.get());
      }
    } else if (v instanceof Seq<?> s) {
      writeSeq(s);
    } else if (v instanceof Set<?> s) {
      writeSet(s);
    } else if (v instanceof Map<?, ?> m) {
      writeMap(m);
    } else if (v instanceof byte[] b) {
      writeByte(Tags.BYTES);
      writeBytes(b);
    } else if (v instanceof long[] a) {
      writeByte(Tags.LONG_ARRAY);
      writeVarLong(a.length);
      for (long x : a) writeSignedVarLong(x);
    } else if (v instanceof double[] a) {
      writeByte(Tags.DOUBLE_ARRAY);
      writeVarLong(a.length);
      for (double x : a) writeLong(Double.doubleToRawLongBits(x));
    } else if (c == Short.class) {
      writeByte(Tags.SHORT);
      writeSignedVarLong((Short) v);
    } else if (c == Byte.class) {
      writeByte(Tags.BYTE);
      writeByte((Byte) v);
    } else if (c == Character.class) {
      writeByte(Tags.CHAR);
      writeVarLong((Character) v);
    } else if (c == BigInteger.class) {
      writeByte(Tags.BIG_INTEGER);
      writeBytes(((BigInteger) v).toByteArray());
    } else if (c == Double.class) {
      writeByte(Tags.DOUBLE);
      writeLong(Double.doubleToRawLongBits((Double) v));
    } else if (v instanceof dev.palletsim.frame.StateHashed) {
      throw new EncodingError(
          "no snapshot codec for "
              + c.getName()
              + " (a value class that is not a record registers a ValueCodec in its static"
              + " initialiser)");
    } else {
      throw new EncodingError(
          "not a storable value (records, primitives, strings, enums and Vavr collections): "
              + c.getName());
    }
  }

  @SuppressWarnings("unchecked")
  private static ValueCodec<Object> codecOf(Class<?> c) {
    return (ValueCodec<Object>) ValueCodecs.find(c);
  }

  private void typed(int id) throws IOException {
    if (id < 0x80) {
      writeByte(Tags.TYPED_SHORT | id);
    } else {
      writeByte(Tags.TYPED);
      writeVarLong(id);
    }
  }

  private void writeCodecValue(Class<?> c, ValueCodec<Object> codec, Object v) throws IOException {
    Integer id = codecIds.get(c);
    if (id == null) {
      id = nextId++;
      codecIds.put(c, id);
      writeByte(Tags.DEFINE);
      writeByte(Tags.KIND_CODEC);
      writeString(c.getName());
      writeVarLong(codec.version());
    }
    typed(id);
    if (codec.interned()) {
      var seen = interned.computeIfAbsent(c, k -> new java.util.HashMap<>());
      Integer index = seen.get(v);
      if (index != null) {
        writeVarLong(index + 1L);
        return;
      }
      seen.put(v, seen.size());
      writeVarLong(0);
    }
    codec.write(v, this);
  }

  private void writeEnum(Enum<?> e) throws IOException {
    Integer id = enumIds.get(e);
    if (id == null) {
      id = nextId++;
      enumIds.put(e, id);
      writeByte(Tags.DEFINE);
      writeByte(Tags.KIND_ENUM);
      writeString(e.getDeclaringClass().getName());
      writeString(e.name());
    }
    typed(id);
  }

  private void writeRecord(Record r) throws IOException {
    Class<?> c = r.getClass();
    RecordShape shape = RecordShape.SHAPES.get(c);
    Integer id = recordIds.get(c);
    if (id == null) {
      id = nextId++;
      recordIds.put(c, id);
      writeByte(Tags.DEFINE);
      writeByte(Tags.KIND_RECORD);
      writeString(c.getName());
      writeVarLong(shape.names.length);
      for (String n : shape.names) writeString(n);
    }
    typed(id);
    for (int i = 0; i < shape.getters.length; i++) {
      Object component;
      try {
        component = (Object) shape.getters[i].invokeExact((Object) r);
      } catch (Throwable t) {
        throw new EncodingError("cannot read " + c.getName() + "." + shape.names[i] + ": " + t);
      }
      try {
        writeValue(component);
      } catch (EncodingError e) {
        throw e.within(c.getSimpleName() + "." + shape.names[i]);
      }
    }
  }

  private void writeSeq(Seq<?> s) throws IOException {
    int tag;
    if (s instanceof Vector) tag = Tags.VECTOR;
    else if (s instanceof List) tag = Tags.LIST;
    else if (s instanceof Array) tag = Tags.ARRAY;
    else if (s instanceof Queue) tag = Tags.QUEUE;
    else if (s instanceof Stream) tag = Tags.STREAM;
    else throw new EncodingError("unsupported sequence type " + s.getClass().getName());
    writeByte(tag);
    writeVarLong(s.size());
    for (Object e : s) writeValue(e);
  }

  private void writeSet(Set<?> s) throws IOException {
    if (s instanceof TreeSet<?> t) {
      int cid = comparatorId(((SortedSet<?>) t).comparator());
      writeByte(Tags.TREE_SET);
      writeVarLong(cid);
      writeVarLong(s.size());
      for (Object e : s) writeValue(e);
    } else if (s instanceof LinkedHashSet) {
      writeByte(Tags.LINKED_HASH_SET);
      writeVarLong(s.size());
      for (Object e : s) writeValue(e);
    } else if (s instanceof HashSet) {
      writeByte(Tags.HASH_SET);
      Object[] elements = s.toJavaArray();
      sortCanonically(elements, e -> e);
      writeVarLong(elements.length);
      for (Object e : elements) writeValue(e);
    } else {
      throw new EncodingError("unsupported set type " + s.getClass().getName());
    }
  }

  private void writeMap(Map<?, ?> m) throws IOException {
    if (m instanceof TreeMap<?, ?> t) {
      int cid = comparatorId(((SortedMap<?, ?>) t).comparator());
      writeByte(Tags.TREE_MAP);
      writeVarLong(cid);
      writeVarLong(m.size());
      for (Tuple2<?, ?> e : m) writeEntry(e._1, e._2);
    } else if (m instanceof LinkedHashMap) {
      writeByte(Tags.LINKED_HASH_MAP);
      writeVarLong(m.size());
      for (Tuple2<?, ?> e : m) writeEntry(e._1, e._2);
    } else if (m instanceof HashMap) {
      writeByte(Tags.HASH_MAP);
      Object[] entries = m.toJavaArray();
      sortCanonically(entries, e -> ((Tuple2<?, ?>) e)._1);
      writeVarLong(entries.length);
      for (Object e : entries) writeEntry(((Tuple2<?, ?>) e)._1, ((Tuple2<?, ?>) e)._2);
    } else {
      throw new EncodingError("unsupported map type " + m.getClass().getName());
    }
  }

  private void writeEntry(Object key, Object value) throws IOException {
    writeValue(key);
    try {
      writeValue(value);
    } catch (EncodingError e) {
      throw e.within("[" + key + "]");
    }
  }

  private void writeIndexedRoot(IndexedStorageMap.Root<?> root) throws IOException {
    writeByte(Tags.INDEXED_ROOT);
    writeVarLong(root.live());
    Long[] keys = root.chunks().keySet().toJavaArray(Long[]::new);
    Arrays.sort(keys);
    writeVarLong(keys.length);
    for (Long key : keys) {
      IndexedStorageMap.Chunk<?> chunk = root.chunks().get(key).get();
      writeVarLong(key);
      writeVarLong(chunk.live());
      int previous = -1;
      int i = 0;
      for (Object v : chunk.slots()) {
        if (v != null) {
          writeVarLong(i - previous - 1);
          try {
            writeValue(v);
          } catch (EncodingError e) {
            throw e.within("[" + ((key * IndexedStorageMap.CHUNK) + i) + "]");
          }
          previous = i;
        }
        i++;
      }
    }
  }

  /**
   * A packed root as its entries (the packing is the layout's business, not the file's): the
   * layout's class (defined once), whether it hashes as a map, the count, then each key (the first
   * zigzag, then the gap minus one) and value.
   */
  private void writePackedRoot(PackedRoot<?> root) throws IOException {
    Class<?> layout = root.layout().getClass();
    Integer id = layoutIds.get(layout);
    if (id == null) {
      id = nextId++;
      layoutIds.put(layout, id);
      writeByte(Tags.DEFINE);
      writeByte(Tags.KIND_LAYOUT);
      writeString(layout.getName());
    }
    writeByte(Tags.PACKED_ROOT);
    writeVarLong(id);
    writeByte(root.hashedAsMap() ? 1 : 0);
    writeVarLong(root.size());
    long previous = 0;
    boolean first = true;
    for (Tuple2<Long, ?> e : root.entries()) {
      long key = e._1;
      if (first) writeSignedVarLong(key);
      else writeVarLong(key - previous - 1);
      first = false;
      previous = key;
      try {
        writeValue(e._2);
      } catch (EncodingError err) {
        throw err.within("[" + key + "]");
      }
    }
  }

  private int comparatorId(Comparator<?> cmp) throws IOException {
    Integer id = comparatorIds.get(cmp);
    if (id != null) return id;
    int kind;
    String className = null;
    String constant = null;
    if (cmp == Comparator.naturalOrder()) {
      kind = Tags.COMPARATOR_NATURAL;
    } else if (cmp == Comparator.reverseOrder()) {
      kind = Tags.COMPARATOR_REVERSE;
    } else if (cmp == VAVR_NATURAL) {
      kind = Tags.COMPARATOR_VAVR_NATURAL;
    } else if (cmp instanceof Enum<?> e) {
      kind = Tags.COMPARATOR_ENUM;
      className = e.getDeclaringClass().getName();
      constant = e.name();
    } else if (cmp instanceof Record r && r.getClass().getRecordComponents().length == 0) {
      kind = Tags.COMPARATOR_RECORD;
      className = r.getClass().getName();
    } else {
      throw new EncodingError(
          "a sorted collection's comparator must be natural or reverse order, an enum constant or"
              + " a record without components, not "
              + cmp.getClass().getName());
    }
    id = nextId++;
    comparatorIds.put(cmp, id);
    writeByte(Tags.DEFINE);
    writeByte(Tags.KIND_COMPARATOR);
    writeByte(kind);
    if (className != null) writeString(className);
    if (constant != null) writeString(constant);
    return id;
  }

  /**
   * Sorts {@code items} (entries or elements) by their keys ({@code keyOf}) in the canonical order
   * of hashed collections: natural order when every key is a comparable value of one class, else by
   * the keys' state hashes (unsigned) and then their text.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void sortCanonically(Object[] items, java.util.function.Function<Object, Object> keyOf) {
    int n = items.length;
    if (n < 2) return;
    Object k0 = keyOf.apply(items[0]);
    Class<?> first = k0 == null ? null : k0.getClass();
    boolean natural = first != null && Comparable.class.isAssignableFrom(first);
    for (int i = 1; i < n && natural; i++) {
      Object k = keyOf.apply(items[i]);
      natural = k != null && k.getClass() == first;
    }
    if (natural) {
      Arrays.sort(items, (a, b) -> ((Comparable) keyOf.apply(a)).compareTo(keyOf.apply(b)));
      return;
    }
    long[] hashes = new long[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      hashes[i] = StateHasher.hash(keyOf.apply(items[i]));
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int c = Long.compareUnsigned(hashes[a], hashes[b]);
          if (c != 0) return c;
          return String.valueOf(keyOf.apply(items[a]))
              .compareTo(String.valueOf(keyOf.apply(items[b])));
        });
    Object[] sorted = new Object[n];
    for (int i = 0; i < n; i++) sorted[i] = items[order[i]];
    System.arraycopy(sorted, 0, items, 0, n);
  }

  /** A record class's component names and accessors, read once per class. */
  static final class RecordShape {
    static final ClassValue<RecordShape> SHAPES =
        new ClassValue<>() {
          @Override
          protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
          }
        };

    final String[] names;
    final MethodHandle[] getters;

    private RecordShape(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      names = new String[components.length];
      getters = new MethodHandle[components.length];
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName();
        try {
          var accessor = components[i].getAccessor();
          accessor.setAccessible(true);
          getters[i] =
              MethodHandles.lookup()
                  .unreflect(accessor)
                  .asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException | RuntimeException e) {
          throw new EncodingError("cannot read record " + type.getName() + ": " + e);
        }
      }
    }
  }

  /** A value the encoding cannot write, with where it sits in the value being written. */
  static final class EncodingError extends RuntimeException {
    private final String path;

    EncodingError(String message) {
      this(message, "");
    }

    private EncodingError(String message, String path) {
      super(message, null, false, false);
      this.path = path;
    }

    /** This error as seen from one level up, {@code step} naming where it sits there. */
    EncodingError within(String step) {
      return new EncodingError(
          super.getMessage(), step + (path.isEmpty() || path.startsWith("[") ? "" : ".") + path);
    }

    /** Where the value sits ({@code DealProposal.label}, {@code [42].client}…), or empty. */
    String path() {
      return path;
    }

    /** The problem without the path. */
    String problem() {
      return super.getMessage();
    }
  }
}
