package dev.palletsim.frame.snapshot;

import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.MapRoot;
import dev.palletsim.frame.PackedLayout;
import dev.palletsim.frame.PackedRoot;
import dev.palletsim.frame.StateHashed;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.snapshot.SnapshotException.Problem;
import io.vavr.collection.Array;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Queue;
import io.vavr.collection.Stream;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.zip.CRC32C;

/**
 * Reads the snapshot encoding written by {@link Encoder}, from a channel through a 64 KiB buffer,
 * keeping a CRC-32C of every byte read and never reading past the end of the data. Records are
 * rebuilt through their canonical constructors, collections with their own backing types and
 * comparators, storage roots through their public shapes ({@link MapRoot#of} over the map read;
 * {@link IndexedStorageMap.Root} chunk by chunk), so every root hashes as it did. Every problem is
 * a {@link DecodingError} carrying the kind of problem and the byte offset.
 */
final class Decoder implements ValueInput {
  private final ReadableByteChannel channel;
  private final long end;
  private final byte[] buf = new byte[1 << 16];
  private final ByteBuffer wrapped = ByteBuffer.wrap(buf);
  private int pos;
  private int lim;
  private long base;
  private final CRC32C crc = new CRC32C();
  private final ArrayList<Object> types = new ArrayList<>();
  private final ArrayList<ArrayList<Object>> internedValues = new ArrayList<>();

  /** Reads {@code channel} from its current position up to offset {@code end}. */
  Decoder(ReadableByteChannel channel, long start, long end) {
    this.channel = channel;
    this.base = start;
    this.end = end;
  }

  /** The offset of the next byte to read. */
  long position() {
    return base + pos;
  }

  /** Bytes left before the end of the data. */
  long remaining() {
    return end - position();
  }

  /** Reads (and checksums) everything left up to the end of the data; returns the CRC-32C. */
  long drain() throws IOException {
    pos = lim;
    while (fill()) pos = lim;
    return crc.getValue();
  }

  /** The CRC-32C of the bytes read so far (all of them once the data is consumed). */
  long checksum() {
    return crc.getValue();
  }

  private boolean fill() throws IOException {
    base += lim;
    pos = 0;
    lim = 0;
    long left = end - base;
    if (left <= 0) return false;
    wrapped.clear().limit((int) Math.min(buf.length, left));
    while (wrapped.hasRemaining()) {
      if (channel.read(wrapped) < 0) {
        throw new DecodingError(
            Problem.TRUNCATED, base + wrapped.position(), "the file ended while being read");
      }
    }
    lim = wrapped.position();
    crc.update(buf, 0, lim);
    return true;
  }

  int readByte() throws IOException {
    if (pos == lim && !fill()) {
      throw new DecodingError(Problem.CORRUPT, position(), "a value runs past the end of the data");
    }
    return buf[pos++] & 0xff;
  }

  /** Reads four big-endian bytes. */
  int readInt32() throws IOException {
    return (readByte() << 24) | (readByte() << 16) | (readByte() << 8) | readByte();
  }

  @Override
  public long readVarLong() throws IOException {
    if (lim - pos >= 10) { // the whole number is in the buffer
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = buf[pos++];
        v |= (long) (b & 0x7f) << shift;
        if (b >= 0) return v;
      }
      throw new DecodingError(Problem.CORRUPT, position(), "a number is longer than 10 bytes");
    }
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    throw new DecodingError(Problem.CORRUPT, position(), "a number is longer than 10 bytes");
  }

  @Override
  public int readCount() throws IOException {
    long at = position();
    long n = readVarLong();
    if (n < 0 || n > remaining()) {
      throw new DecodingError(
          Problem.CORRUPT,
          at,
          "a count of " + n + " is more than the " + remaining() + " bytes left");
    }
    return (int) n;
  }

  @Override
  public long readSignedVarLong() throws IOException {
    long z = readVarLong();
    return (z >>> 1) ^ -(z & 1);
  }

  @Override
  public long readLong() throws IOException {
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | readByte();
    return v;
  }

  @Override
  public byte[] readRaw(int n) throws IOException {
    if (n < 0 || n > remaining()) {
      throw new DecodingError(
          Problem.CORRUPT, position(), n + " bytes are more than the " + remaining() + " left");
    }
    byte[] out = new byte[n];
    int done = 0;
    while (done < n) {
      if (pos == lim) fill();
      int k = Math.min(n - done, lim - pos);
      System.arraycopy(buf, pos, out, done, k);
      pos += k;
      done += k;
    }
    return out;
  }

  @Override
  public byte[] readBytes() throws IOException {
    return readRaw(readCount());
  }

  @Override
  public String readString() throws IOException {
    long at = position();
    byte[] b = readBytes();
    int n = b.length;
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) ascii = b[i] > 0;
    if (ascii) return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    char[] out = new char[n];
    int len = 0;
    int i = 0;
    while (i < n) {
      int x = b[i] & 0xff;
      if (x != 0 && x < 0x80) {
        out[len++] = (char) x;
        i++;
      } else if ((x & 0xe0) == 0xc0 && i + 1 < n && (b[i + 1] & 0xc0) == 0x80) {
        out[len++] = (char) (((x & 0x1f) << 6) | (b[i + 1] & 0x3f));
        i += 2;
      } else if ((x & 0xf0) == 0xe0
          && i + 2 < n
          && (b[i + 1] & 0xc0) == 0x80
          && (b[i + 2] & 0xc0) == 0x80) {
        out[len++] = (char) (((x & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f));
        i += 3;
      } else {
        throw new DecodingError(Problem.CORRUPT, at, "a string is not well encoded");
      }
    }
    return new String(out, 0, len);
  }

  // ------------------------------------------------------------------ values

  @Override
  public Object readValue() throws IOException {
    long at = position();
    int tag = readByte();
    while (tag == Tags.DEFINE) {
      readDefinition(at);
      at = position();
      tag = readByte();
    }
    if (tag >= Tags.TYPED_SHORT) return readTyped(tag - Tags.TYPED_SHORT, at);
    switch (tag) {
      case Tags.NULL:
        return null;
      case Tags.FALSE:
        return Boolean.FALSE;
      case Tags.TRUE:
        return Boolean.TRUE;
      case Tags.LONG:
        return readSignedVarLong();
      case Tags.INT:
        return (int) readSignedVarLong();
      case Tags.SHORT:
        return (short) readSignedVarLong();
      case Tags.BYTE:
        return (byte) readByte();
      case Tags.CHAR:
        return (char) readVarLong();
      case Tags.STRING:
        return readString();
      case Tags.BYTES:
        return readBytes();
      case Tags.BIG_INTEGER:
        {
          byte[] b = readBytes();
          if (b.length == 0) throw new DecodingError(Problem.CORRUPT, at, "an empty big integer");
          return new BigInteger(b);
        }
      case Tags.DOUBLE:
        return Double.longBitsToDouble(readLong());
      case Tags.NONE:
        return Option.none();
      case Tags.SOME:
        return Option.some(readValue());
      case Tags.LONG_ARRAY:
        {
          long[] a = new long[readCount()];
          for (int i = 0; i < a.length; i++) a[i] = readSignedVarLong();
          return a;
        }
      case Tags.DOUBLE_ARRAY:
        {
          int n = readCount();
          if (8L * n > remaining() + 8) {
            throw new DecodingError(Problem.CORRUPT, at, "an array longer than the data left");
          }
          double[] a = new double[n];
          for (int i = 0; i < n; i++) a[i] = Double.longBitsToDouble(readLong());
          return a;
        }
      case Tags.LIST:
        return List.ofAll(readElements());
      case Tags.VECTOR:
        return Vector.ofAll(readElements());
      case Tags.ARRAY:
        return Array.ofAll(readElements());
      case Tags.QUEUE:
        return Queue.ofAll(readElements());
      case Tags.STREAM:
        return Stream.ofAll(readElements());
      case Tags.HASH_SET:
        return HashSet.ofAll(readElements());
      case Tags.LINKED_HASH_SET:
        return LinkedHashSet.ofAll(readElements());
      case Tags.TREE_SET:
        {
          Comparator<Object> cmp = comparator(at);
          return TreeSet.ofAll(cmp, readElements());
        }
      case Tags.HASH_MAP:
      case Tags.TREE_MAP:
      case Tags.LINKED_HASH_MAP:
        return readMap(tag, at);
      case Tags.MAP_ROOT:
        return readMapRoot(at);
      case Tags.INDEXED_ROOT:
        return readIndexedRoot(at);
      case Tags.PACKED_ROOT:
        return readPackedRoot(at);
      case Tags.VALUE_ROOT:
        {
          return new StorageValue.Root<>(readValue()); // hashed on first use
        }
      case Tags.TYPED:
        {
          long id = readVarLong();
          if (id > Integer.MAX_VALUE) throw new DecodingError(Problem.CORRUPT, at, "bad type id");
          return readTyped((int) id, at);
        }
      default:
        throw new DecodingError(Problem.CORRUPT, at, "unknown value tag 0x" + hex(tag));
    }
  }

  private static String hex(int b) {
    return String.format("%02x", b);
  }

  private ArrayList<Object> readElements() throws IOException {
    int n = readCount();
    ArrayList<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(readValue());
    return out;
  }

  @SuppressWarnings("unchecked")
  private Comparator<Object> comparator(long at) throws IOException {
    Object t = type(readVarLong(), at);
    if (!(t instanceof Comparator<?> c)) {
      throw new DecodingError(Problem.CORRUPT, at, "a sorted collection names no comparator");
    }
    return (Comparator<Object>) c;
  }

  private Map<Object, Object> readMap(int tag, long at) throws IOException {
    Map<Object, Object> m =
        switch (tag) {
          case Tags.TREE_MAP -> TreeMap.empty(comparator(at));
          case Tags.LINKED_HASH_MAP -> LinkedHashMap.empty();
          default -> HashMap.empty();
        };
    int n = readCount();
    for (int i = 0; i < n; i++) {
      Object k = readValue();
      m = m.put(k, readValue());
    }
    if (m.size() != n) throw new DecodingError(Problem.CORRUPT, at, "a map repeats a key");
    return m;
  }

  private MapRoot<Object, Object> readMapRoot(long at) throws IOException {
    int tag = readByte();
    while (tag == Tags.DEFINE) {
      readDefinition(position());
      tag = readByte();
    }
    Map<Object, Object> backing =
        switch (tag) {
          case Tags.TREE_MAP -> TreeMap.empty(comparator(at));
          case Tags.LINKED_HASH_MAP -> LinkedHashMap.empty();
          case Tags.HASH_MAP -> HashMap.empty();
          default -> throw new DecodingError(Problem.CORRUPT, at, "a map root holds no map");
        };
    int n = readCount();
    for (int i = 0; i < n; i++) {
      Object k = readValue();
      backing = backing.put(k, readValue());
    }
    if (backing.size() != n) throw new DecodingError(Problem.CORRUPT, at, "a map repeats a key");
    return MapRoot.of(backing);
  }

  private IndexedStorageMap.Root<Object> readIndexedRoot(long at) throws IOException {
    long live = readVarLong();
    int chunkCount = readCount();
    HashMap<Long, IndexedStorageMap.Chunk<Object>> chunks = HashMap.empty();
    long sum = 0;
    long counted = 0;
    long previousKey = -1;
    for (int c = 0; c < chunkCount; c++) {
      long key = readVarLong();
      long chunkLive = readVarLong();
      if (key <= previousKey
          || key > (Long.MAX_VALUE >>> 10)
          || chunkLive < 1
          || chunkLive > IndexedStorageMap.CHUNK) {
        throw new DecodingError(Problem.CORRUPT, at, "a damaged chunk in an indexed map");
      }
      previousKey = key;
      Object[] slots = new Object[IndexedStorageMap.CHUNK];
      int slot = -1;
      for (int i = 0; i < chunkLive; i++) {
        slot += (int) Math.min(readVarLong(), IndexedStorageMap.CHUNK) + 1;
        if (slot >= IndexedStorageMap.CHUNK) {
          throw new DecodingError(Problem.CORRUPT, at, "a slot outside its chunk");
        }
        Object v = readValue();
        if (v == null) throw new DecodingError(Problem.CORRUPT, at, "an empty slot marked live");
        slots[slot] = v;
        sum += StateHasher.entry((key * IndexedStorageMap.CHUNK) + slot, v);
      }
      counted += chunkLive;
      chunks = chunks.put(key, new IndexedStorageMap.Chunk<>(Vector.of(slots), (int) chunkLive));
    }
    if (counted != live || live == 0) {
      throw new DecodingError(Problem.CORRUPT, at, "an indexed map's count does not add up");
    }
    return new IndexedStorageMap.Root<>(chunks, live, sum);
  }

  @SuppressWarnings("unchecked")
  private PackedRoot<Object> readPackedRoot(long at) throws IOException {
    if (!(type(readVarLong(), at) instanceof LayoutType layout)) {
      throw new DecodingError(Problem.CORRUPT, at, "a packed map names no layout");
    }
    int flag = readByte();
    if (flag > 1) throw new DecodingError(Problem.CORRUPT, at, "a damaged packed map");
    long n = readCount();
    PackedRoot.Builder<Object> b =
        new PackedRoot.Builder<>((PackedLayout<Object>) layout.layout(), flag == 1);
    long key = 0;
    for (long i = 0; i < n; i++) {
      if (i == 0) {
        key = readSignedVarLong();
      } else {
        long gap = readVarLong();
        if (gap < 0 || key + gap + 1 <= key) {
          throw new DecodingError(Problem.CORRUPT, at, "a packed map's keys do not ascend");
        }
        key += gap + 1;
      }
      Object v = readValue();
      if (v == null) throw new DecodingError(Problem.CORRUPT, at, "an empty entry in a packed map");
      try {
        b.add(key, v);
      } catch (RuntimeException e) {
        throw new DecodingError(
            Problem.CORRUPT,
            at,
            "a value the layout "
                + layout.type().getSimpleName()
                + " cannot pack at ["
                + key
                + "]: "
                + e);
      }
    }
    return b.build();
  }

  // ------------------------------------------------------------------ types

  private Object type(long id, long at) {
    if (id < 0 || id >= types.size()) {
      throw new DecodingError(Problem.CORRUPT, at, "type id " + id + " is not defined");
    }
    return types.get((int) id);
  }

  private Object readTyped(int id, long at) throws IOException {
    Object t = type(id, at);
    if (t instanceof RecordType r) return r.read(this, at);
    if (t instanceof CodecType c) return c.read(this, id, at);
    if (t instanceof Comparator<?> || t instanceof LayoutType) {
      throw new DecodingError(Problem.CORRUPT, at, "a type that is no value where a value belongs");
    }
    return t; // an enum constant
  }

  private void readDefinition(long at) throws IOException {
    int kind = readByte();
    Object t;
    switch (kind) {
      case Tags.KIND_RECORD -> {
        String name = readString();
        int n = readCount();
        String[] names = new String[n];
        for (int i = 0; i < n; i++) names[i] = readString();
        t = RecordType.resolve(name, names, at);
      }
      case Tags.KIND_ENUM -> t = resolveEnum(readString(), readString(), at);
      case Tags.KIND_CODEC -> {
        String name = readString();
        t = CodecType.resolve(name, readVarLong(), at);
      }
      case Tags.KIND_COMPARATOR -> t = readComparator(at);
      case Tags.KIND_LAYOUT -> t = LayoutType.resolve(readString(), at);
      default -> throw new DecodingError(Problem.CORRUPT, at, "unknown kind of type " + kind);
    }
    types.add(t);
    internedValues.add(null);
  }

  private Comparator<?> readComparator(long at) throws IOException {
    int kind = readByte();
    switch (kind) {
      case Tags.COMPARATOR_NATURAL:
        return Comparator.naturalOrder();
      case Tags.COMPARATOR_REVERSE:
        return Comparator.reverseOrder();
      case Tags.COMPARATOR_VAVR_NATURAL:
        return TreeSet.empty().comparator();
      case Tags.COMPARATOR_ENUM:
        {
          Object e = resolveEnum(readString(), readString(), at);
          if (e instanceof Comparator<?> c) return c;
          throw new DecodingError(
              Problem.UNKNOWN_TYPE, at, e.getClass().getName() + " is no longer a comparator");
        }
      case Tags.COMPARATOR_RECORD:
        {
          String name = readString();
          RecordType r = RecordType.resolve(name, new String[0], at);
          Object c = r.construct(new Object[0], at);
          if (c instanceof Comparator<?> cmp) return cmp;
          throw new DecodingError(Problem.UNKNOWN_TYPE, at, name + " is no longer a comparator");
        }
      default:
        throw new DecodingError(Problem.CORRUPT, at, "unknown comparator kind " + kind);
    }
  }

  static Class<?> load(String name, long at) {
    ClassLoader[] loaders = {
      Thread.currentThread().getContextClassLoader(), Decoder.class.getClassLoader()
    };
    for (ClassLoader l : loaders) {
      if (l == null) continue;
      try {
        return Class.forName(name, false, l);
      } catch (ClassNotFoundException | LinkageError e) {
        // try the next loader
      }
    }
    throw new DecodingError(
        Problem.UNKNOWN_TYPE, at, "type " + name + " does not exist in this palletsim");
  }

  private static Object resolveEnum(String className, String constant, long at) {
    Class<?> c = load(className, at);
    if (!c.isEnum()) {
      throw new DecodingError(Problem.UNKNOWN_TYPE, at, className + " is no longer an enum");
    }
    for (Object e : c.getEnumConstants()) {
      if (((Enum<?>) e).name().equals(constant)) return e;
    }
    throw new DecodingError(
        Problem.UNKNOWN_TYPE,
        at,
        "enum " + className + " has no constant " + constant + " any more");
  }

  /** A record class and its canonical constructor, checked against the saved components. */
  private record RecordType(Class<?> type, Constructor<?> constructor, Class<?>[] params) {
    static RecordType resolve(String name, String[] saved, long at) {
      Class<?> c = load(name, at);
      if (!c.isRecord()) {
        throw new DecodingError(Problem.UNKNOWN_TYPE, at, name + " is no longer a record");
      }
      RecordComponent[] components = c.getRecordComponents();
      String[] now = new String[components.length];
      Class<?>[] params = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        now[i] = components[i].getName();
        params[i] = components[i].getType();
      }
      if (!Arrays.equals(now, saved)) {
        throw new DecodingError(
            Problem.UNKNOWN_TYPE,
            at,
            "record "
                + name
                + " has changed since the snapshot was saved: saved with components ("
                + String.join(", ", saved)
                + "), now ("
                + String.join(", ", now)
                + ")");
      }
      try {
        Constructor<?> k = c.getDeclaredConstructor(params);
        k.setAccessible(true);
        return new RecordType(c, k, params);
      } catch (NoSuchMethodException | RuntimeException e) {
        throw new DecodingError(
            Problem.UNKNOWN_TYPE, at, "cannot build record " + name + ": " + e.getMessage());
      }
    }

    Object read(Decoder in, long at) throws IOException {
      Object[] args = new Object[params.length];
      for (int i = 0; i < args.length; i++) args[i] = in.readValue();
      return construct(args, at);
    }

    Object construct(Object[] args, long at) {
      for (int i = 0; i < args.length; i++) {
        if (!fits(params[i], args[i])) {
          throw new DecodingError(
              Problem.UNKNOWN_TYPE,
              at,
              "record "
                  + type.getName()
                  + " component "
                  + type.getRecordComponents()[i].getName()
                  + " is a "
                  + params[i].getName()
                  + " now, but the snapshot holds "
                  + (args[i] == null ? "null" : "a " + args[i].getClass().getName()));
        }
      }
      try {
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        throw new DecodingError(
            Problem.CORRUPT,
            at,
            "record " + type.getName() + " refused the saved values: " + e.getCause());
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new DecodingError(
            Problem.UNKNOWN_TYPE, at, "cannot build record " + type.getName() + ": " + e);
      }
    }

    private static boolean fits(Class<?> param, Object arg) {
      if (!param.isPrimitive()) return arg == null || param.isInstance(arg);
      if (arg == null) return false;
      Class<?> a = arg.getClass();
      return (param == long.class && a == Long.class)
          || (param == int.class && a == Integer.class)
          || (param == boolean.class && a == Boolean.class)
          || (param == short.class && a == Short.class)
          || (param == byte.class && a == Byte.class)
          || (param == char.class && a == Character.class)
          || (param == double.class && a == Double.class);
    }
  }

  /** A value class read by its registered codec. */
  /** A packed map's layout: its class and an instance made by its no-argument constructor. */
  private record LayoutType(Class<?> type, PackedLayout<?> layout) {
    static LayoutType resolve(String name, long at) {
      Class<?> c = load(name, at);
      if (!PackedLayout.class.isAssignableFrom(c)) {
        throw new DecodingError(Problem.UNKNOWN_TYPE, at, name + " is no longer a packed layout");
      }
      try {
        var constructor = c.getDeclaredConstructor();
        constructor.setAccessible(true);
        return new LayoutType(c, (PackedLayout<?>) constructor.newInstance());
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        throw new DecodingError(
            Problem.UNKNOWN_TYPE, at, "cannot make the packed layout " + name + ": " + e);
      }
    }
  }

  private record CodecType(Class<?> type, ValueCodec<?> codec, int version) {
    static CodecType resolve(String name, long version, long at) {
      Class<?> c = load(name, at);
      if (!StateHashed.class.isAssignableFrom(c)) {
        throw new DecodingError(
            Problem.UNKNOWN_TYPE, at, name + " is not a value class with a snapshot codec");
      }
      try {
        Class.forName(name, true, c.getClassLoader()); // its static initialiser registers it
      } catch (ClassNotFoundException | LinkageError e) {
        throw new DecodingError(Problem.UNKNOWN_TYPE, at, "cannot load " + name + ": " + e);
      }
      ValueCodec<?> codec = ValueCodecs.find(c);
      if (codec == null) {
        throw new DecodingError(Problem.UNKNOWN_TYPE, at, "no snapshot codec for " + name);
      }
      if (version < 1 || version > codec.version()) {
        throw new DecodingError(
            Problem.UNKNOWN_TYPE,
            at,
            name
                + " was saved in its encoding version "
                + version
                + "; this palletsim reads up to "
                + codec.version());
      }
      return new CodecType(c, codec, (int) version);
    }

    Object read(Decoder in, int id, long at) throws IOException {
      ArrayList<Object> seen = null;
      if (codec.interned()) {
        seen = in.internedValues.get(id);
        if (seen == null) {
          seen = new ArrayList<>();
          in.internedValues.set(id, seen);
        }
        long ref = in.readVarLong();
        if (ref > 0) {
          if (ref > seen.size()) {
            throw new DecodingError(Problem.CORRUPT, at, "a reference to an unseen value");
          }
          return seen.get((int) ref - 1);
        }
      }
      Object v;
      try {
        v = codec.read(in, version);
      } catch (IllegalArgumentException e) {
        throw new DecodingError(
            Problem.CORRUPT, at, "a damaged " + type.getSimpleName() + ": " + e.getMessage());
      }
      if (v == null || v.getClass() != type) {
        throw new DecodingError(
            Problem.CORRUPT, at, "the codec of " + type.getName() + " read back another type");
      }
      if (seen != null) seen.add(v);
      return v;
    }
  }

  /** A problem found while reading, with its kind and the offset where it shows. */
  static final class DecodingError extends RuntimeException {
    final Problem problem;
    final long offset;

    DecodingError(Problem problem, long offset, String message) {
      super(message, null, false, false);
      this.problem = problem;
      this.offset = offset;
    }
  }
}
