package dev.palletsim.frame.snapshot;

import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainState;
import dev.palletsim.frame.executive.OpenBlock;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeSettings;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.snapshot.Decoder.DecodingError;
import dev.palletsim.frame.snapshot.Encoder.EncodingError;
import dev.palletsim.frame.snapshot.SnapshotException.Problem;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * A chain saved to a file and loaded back exactly (chopsticks' and try-runtime's saved state, for
 * palletsim): {@link #write} streams a chain's world, open block, recent block records and extra
 * {@link Section}s into a file; {@link #read} loads it once, after which {@link #chain} starts any
 * number of independent chains from it in O(1), each under a runtime whose configuration must match
 * the saved one unless the caller asks for a {@linkplain ConfigCheck#OVERRIDE new configuration}.
 * {@code Chain.save} and {@code Chain.load} are the short forms.
 *
 * <h2>File format, version 1</h2>
 *
 * <pre>
 * "PSIMSNAP"                 8 bytes, the magic
 * format version             4 bytes big-endian (1)
 * palletsim version          string
 * header                     value: a sorted map (runtime-preset, config-hash, settings,
 *                            block-number, last-block, state-hash, storage-items, sections)
 * section count              varint
 * sections                   each: name (string), version (varint), value count (varint), values
 *   world/1                  item key (string value), item root (value), for every item, by key
 *   chain/1                  the open block, the recent block records, the offline authorities
 *   &lt;name&gt;/&lt;version&gt;         one value per extra section (e.g. simulation/1)
 * trailer                    16 bytes: data length (8, big-endian), CRC-32C of the data (4),
 *                            "PSND"
 * </pre>
 *
 * Every format version starts with the magic, the version and the palletsim version, and ends with
 * the same trailer, so any palletsim can tell a newer file from a damaged one.
 *
 * <p><b>Values</b> are written as {@link dev.palletsim.frame.StateHasher} walks them, so a loaded
 * world hashes as the saved one: a one-byte tag, then the content. Integers are varints (zigzag for
 * signed), strings their UTF-16 code units in modified UTF-8, sequences in order, sorted sets and
 * maps in their order with their comparator, hashed ones in a canonical order (naturally sorted
 * keys, else by state hash), storage roots as their entries ({@code MapRoot} with its backing map's
 * kind, an {@code IndexedStorageMap} root chunk by chunk). A record, an enum constant, a value
 * class with a {@link ValueCodec} or a comparator is defined the first time it occurs (its class
 * name, a record's component names, a codec's version) and is one byte (id below 128) or a varint
 * id after. Equal worlds give equal files; a file holds no timestamp.
 *
 * <p><b>Integrity.</b> A load checks the magic, the version, the trailer (a missing end marker is a
 * truncated file), the checksum over every byte, that every type still exists in the same shape,
 * and that the loaded world's state hash is the one saved. A file is written to a temporary file in
 * the same directory, forced to disk and renamed, so the target name only ever holds a complete
 * snapshot.
 */
public final class Snapshot {
  /** The format version this palletsim writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** The world section. */
  public static final String WORLD = "world";

  /** The chain section: the open block, recent block records, offline authorities. */
  public static final String CHAIN = "chain";

  static final byte[] MAGIC = "PSIMSNAP".getBytes(StandardCharsets.US_ASCII);
  static final byte[] END = "PSND".getBytes(StandardCharsets.US_ASCII);
  static final int TRAILER = 16;

  private static final String VERSION = readVersion();

  private final Path file;
  private final SnapshotHeader header;
  private final ChainState state;
  private final Map<String, Section> sections;
  private final Map<String, String> unreadable;

  private Snapshot(
      Path file,
      SnapshotHeader header,
      ChainState state,
      Map<String, Section> sections,
      Map<String, String> unreadable) {
    this.file = file;
    this.header = header;
    this.state = state;
    this.sections = sections;
    this.unreadable = unreadable;
  }

  private static String readVersion() {
    Properties p = new Properties();
    try (InputStream in = Snapshot.class.getResourceAsStream("version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      // no version resource: a development build
    }
    String v = p.getProperty("version", "");
    return v.isEmpty() || v.startsWith("$") ? "development" : v;
  }

  /** The version of this palletsim, as snapshot headers record it. */
  public static String palletsimVersion() {
    return VERSION;
  }

  // ------------------------------------------------------------------ reading

  /** The file this snapshot was read from. */
  public Path file() {
    return file;
  }

  /** What the file says about itself. */
  public SnapshotHeader header() {
    return header;
  }

  /** The saved chain's state: world, open block, recent block records, offline authorities. */
  public ChainState state() {
    return state;
  }

  /** The saved world. */
  public World world() {
    return state.world();
  }

  /** The extra section called {@code name}, if the file has it. */
  public Option<Section> section(String name) {
    return sections.get(name);
  }

  /** The extra sections, in file order. */
  public Seq<Section> sections() {
    return sections.values().toVector();
  }

  /**
   * The extra sections this palletsim could not read, by name, with why: a section holding a type
   * this JVM does not have (a simulation's section read by a program without the simulation layer).
   * The chain itself always reads in full or not at all; a reader that needs a section checks here
   * why it is missing.
   */
  public Map<String, String> unreadableSections() {
    return unreadable;
  }

  /**
   * A chain continuing the saved one under {@code runtime}, whose configuration must be the saved
   * one: O(1), so any number of experiments can fork from one loaded file.
   *
   * @throws SnapshotException ({@link Problem#CONFIG_MISMATCH}) naming every setting that differs
   */
  public Chain chain(Runtime runtime) throws SnapshotException {
    return chain(runtime, ConfigCheck.STRICT);
  }

  /**
   * A chain continuing the saved one under {@code runtime}; with {@link ConfigCheck#OVERRIDE} the
   * runtime's configuration may differ from the saved one (a "what-if with a new config", like a
   * runtime upgrade). O(1).
   *
   * @throws SnapshotException ({@link Problem#CONFIG_MISMATCH}) when {@code check} is strict and a
   *     setting differs
   */
  public Chain chain(Runtime runtime, ConfigCheck check) throws SnapshotException {
    if (check == ConfigCheck.STRICT) {
      Seq<ConfigDifference> diffs = differences(runtime);
      if (!diffs.isEmpty()) {
        String list = String.join("; ", diffs.take(5).map(ConfigDifference::toString));
        throw new SnapshotException(
            file,
            Problem.CONFIG_MISMATCH,
            (diffs.size() == 1 ? "1 setting differs: " : diffs.size() + " settings differ: ")
                + list
                + (diffs.size() > 5 ? "; and " + (diffs.size() - 5) + " more" : "")
                + " (saved under preset "
                + header.runtimePreset()
                + ", config "
                + header.configHash()
                + "; this runtime: preset "
                + runtime.preset()
                + ", config "
                + RuntimeSettings.hash(runtime.settings())
                + "). Load with ConfigCheck.OVERRIDE to run the saved state under the new"
                + " config, as a runtime upgrade would");
      }
    }
    return runtime.resume(state);
  }

  /**
   * The settings on which {@code runtime} differs from the runtime that saved this chain, by name
   * (harness settings such as the invariant check interval do not count).
   */
  public Seq<ConfigDifference> differences(Runtime runtime) {
    return differences(header.settings(), runtime.settings());
  }

  static Seq<ConfigDifference> differences(
      SortedMap<String, String> saved, SortedMap<String, String> now) {
    Vector<ConfigDifference> out = Vector.empty();
    for (String k : saved.keySet().addAll(now.keySet()).toSortedSet()) {
      if (RuntimeSettings.HARNESS.contains(k)) continue;
      Option<String> a = saved.get(k);
      Option<String> b = now.get(k);
      if (!a.equals(b)) out = out.append(new ConfigDifference(k, a, b));
    }
    return out;
  }

  /**
   * Loads the snapshot in {@code file}: streams it once, checking it as it goes (see the class
   * comment).
   *
   * @throws SnapshotException naming the file and the problem
   */
  public static Snapshot read(Path file) throws SnapshotException {
    try (FileChannel ch = open(file)) {
      long size = ch.size();
      long expectedCrc = checkFrame(file, ch, size);
      Decoder d = new Decoder(ch.position(0), 0, size - TRAILER);
      try {
        Snapshot s = readBody(file, d);
        if (d.remaining() != 0) {
          throw new DecodingError(Problem.CORRUPT, d.position(), "data after the last section");
        }
        if (d.checksum() != expectedCrc) throw checksumMismatch(file, null);
        String hash = s.state.world().stateHashHex();
        if (!hash.equals(s.header.stateHash())) {
          throw new SnapshotException(
              file,
              Problem.CORRUPT,
              "the loaded world hashes to "
                  + hash
                  + ", the file says "
                  + s.header.stateHash()
                  + " (a value class reads back differently)");
        }
        return s;
      } catch (RuntimeException | StackOverflowError e) {
        DecodingError error =
            e instanceof DecodingError de
                ? de
                : new DecodingError(
                    Problem.CORRUPT,
                    d.position(),
                    e instanceof StackOverflowError
                        ? "values nested too deeply"
                        : "content that does not hold together (" + e + ")");
        long crc;
        try {
          crc = d.drain();
        } catch (DecodingError | IOException again) {
          crc = ~expectedCrc;
        }
        if (crc != expectedCrc) throw checksumMismatch(file, error);
        throw new SnapshotException(
            file, error.problem, "at byte " + error.offset + ": " + error.getMessage());
      }
    } catch (SnapshotException e) {
      throw e;
    } catch (IOException e) {
      throw new SnapshotException(file, Problem.UNREADABLE, reason(e), e);
    }
  }

  /**
   * Reads only the header of the snapshot in {@code file} (its trailer is checked, not its
   * checksum).
   */
  public static SnapshotHeader readHeader(Path file) throws SnapshotException {
    try (FileChannel ch = open(file)) {
      long size = ch.size();
      checkFrame(file, ch, size);
      Decoder d = new Decoder(ch.position(0), 0, size - TRAILER);
      try {
        d.readRaw(MAGIC.length);
        d.readInt32();
        String version = d.readString();
        return header(d.readValue(), version, d.position());
      } catch (DecodingError e) {
        throw new SnapshotException(
            file, e.problem, "at byte " + e.offset + ": " + e.getMessage() + " (in the header)");
      } catch (RuntimeException e) {
        throw new SnapshotException(file, Problem.CORRUPT, "a damaged header (" + e + ")", e);
      }
    } catch (SnapshotException e) {
      throw e;
    } catch (IOException e) {
      throw new SnapshotException(file, Problem.UNREADABLE, reason(e), e);
    }
  }

  private static FileChannel open(Path file) throws SnapshotException {
    if (Files.isDirectory(file)) {
      throw new SnapshotException(file, Problem.UNREADABLE, "it is a directory, not a file");
    }
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new SnapshotException(file, Problem.UNREADABLE, "no such file", e);
    } catch (AccessDeniedException e) {
      throw new SnapshotException(file, Problem.UNREADABLE, "permission denied", e);
    } catch (IOException e) {
      throw new SnapshotException(file, Problem.UNREADABLE, reason(e), e);
    }
  }

  static String reason(IOException e) {
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Checks the magic, the version and the trailer; returns the checksum the trailer promises.
   * Leaves the channel's position unspecified.
   */
  private static long checkFrame(Path file, FileChannel ch, long size) throws IOException {
    if (size == 0) throw new SnapshotException(file, Problem.NOT_A_SNAPSHOT, "the file is empty");
    ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, 12));
    ch.read(head, 0);
    byte[] h = head.array();
    int n = head.position();
    int magic = Math.min(n, MAGIC.length);
    for (int i = 0; i < magic; i++) {
      if (h[i] != MAGIC[i]) {
        throw new SnapshotException(
            file,
            Problem.NOT_A_SNAPSHOT,
            "it starts with " + describeStart(h, n) + "; a snapshot starts with \"PSIMSNAP\"");
      }
    }
    if (size < 12 + TRAILER) {
      throw new SnapshotException(
          file,
          Problem.TRUNCATED,
          "only " + size + " bytes: the file was cut short or is still being written");
    }
    int version =
        ((h[8] & 0xff) << 24) | ((h[9] & 0xff) << 16) | ((h[10] & 0xff) << 8) | (h[11] & 0xff);
    ByteBuffer tail = ByteBuffer.allocate(TRAILER);
    ch.read(tail, size - TRAILER);
    tail.flip();
    long length = tail.getLong();
    long crc = tail.getInt() & 0xffffffffL;
    byte[] end = new byte[4];
    tail.get(end);
    if (!java.util.Arrays.equals(end, END)) {
      throw new SnapshotException(
          file,
          Problem.TRUNCATED,
          "it has no end marker after "
              + size
              + " bytes: the file was cut short or is still being written");
    }
    if (length != size - TRAILER) {
      throw new SnapshotException(
          file,
          Problem.CORRUPT,
          "its trailer counts " + length + " bytes of data, the file holds " + (size - TRAILER));
    }
    if (version != FORMAT_VERSION) {
      // a newer (or damaged) version: trust the version only if the checksum holds
      Decoder all = new Decoder(ch.position(0), 0, size - TRAILER);
      if (all.drain() != crc) throw checksumMismatch(file, null);
      if (version > FORMAT_VERSION) {
        String by = "";
        try {
          Decoder d = new Decoder(ch.position(12), 12, size - TRAILER);
          by = " by palletsim " + d.readString();
        } catch (DecodingError | IOException e) {
          // the version string is unreadable: say less
        }
        throw new SnapshotException(
            file,
            Problem.NEWER_VERSION,
            "it was written in format version "
                + version
                + by
                + "; this palletsim ("
                + VERSION
                + ") reads format version "
                + FORMAT_VERSION
                + ": upgrade palletsim to load it");
      }
      throw new SnapshotException(
          file, Problem.CORRUPT, "format version " + version + " is not valid");
    }
    return crc;
  }

  private static SnapshotException checksumMismatch(Path file, DecodingError first) {
    return new SnapshotException(
        file,
        Problem.CORRUPT,
        "its checksum does not match its content: the file was damaged after it was written"
            + (first == null
                ? ""
                : " (the first inconsistency shows at byte "
                    + first.offset
                    + ": "
                    + first.getMessage()
                    + ")"));
  }

  private static String describeStart(byte[] h, int n) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(n, 8); i++) hex.append(String.format("%02x ", h[i] & 0xff));
    String what;
    if (n >= 2 && (h[0] & 0xff) == 0x1f && (h[1] & 0xff) == 0x8b) what = "gzip data";
    else if (n >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) what = "a zip archive";
    else if (h[0] == '{' || h[0] == '[') what = "JSON text?";
    else if (isText(h, n)) what = "text";
    else what = "binary data";
    return hex.toString().trim() + " (" + what + ")";
  }

  private static boolean isText(byte[] h, int n) {
    for (int i = 0; i < n; i++) {
      int b = h[i] & 0xff;
      if (b < 0x09 || (b > 0x0d && b < 0x20) || b == 0x7f) return false;
    }
    return true;
  }

  private static Snapshot readBody(Path file, Decoder d) throws IOException {
    d.readRaw(MAGIC.length);
    d.readInt32();
    String version = d.readString();
    SnapshotHeader header = header(d.readValue(), version, d.position());
    int count = d.readCount();
    if (count < 2) throw new DecodingError(Problem.CORRUPT, d.position(), "sections are missing");
    World world = readWorld(d);
    ChainState state = readChain(d, world);
    LinkedHashMap<String, Section> extra = LinkedHashMap.empty();
    LinkedHashMap<String, String> unreadable = LinkedHashMap.empty();
    for (int i = 2; i < count; i++) {
      long at = d.position();
      String name = d.readString();
      long sectionVersion = d.readVarLong();
      long values = d.readVarLong();
      if (values != 1 || sectionVersion < 1 || sectionVersion > Integer.MAX_VALUE) {
        throw new DecodingError(Problem.CORRUPT, at, "a damaged section header");
      }
      if (name.equals(WORLD) || name.equals(CHAIN) || extra.containsKey(name)) {
        throw new DecodingError(Problem.CORRUPT, at, "section " + name + " appears twice");
      }
      Object value;
      try {
        value = d.readValue();
      } catch (DecodingError e) {
        if (e.problem != Problem.UNKNOWN_TYPE) throw e;
        // the chain is read; this section and those after it cannot be: keep the chain
        unreadable = unreadable.put(name, e.getMessage());
        d.drain();
        break;
      }
      extra = extra.put(name, new Section(name, (int) sectionVersion, value));
    }
    if (state.block().context().number() != header.blockNumber()
        || world.itemKeys().size() != header.storageItems()) {
      throw new DecodingError(Problem.CORRUPT, d.position(), "the header does not match the chain");
    }
    return new Snapshot(file, header, state, extra, unreadable);
  }

  private static void expectSection(Decoder d, String name) throws IOException {
    long at = d.position();
    String n = d.readString();
    long version = d.readVarLong();
    if (!n.equals(name) || version != 1) {
      throw new DecodingError(
          Problem.CORRUPT, at, "expected section " + name + "/1, found " + n + "/" + version);
    }
  }

  private static World readWorld(Decoder d) throws IOException {
    expectSection(d, WORLD);
    long at = d.position();
    int values = d.readCount();
    if (values % 2 != 0) throw new DecodingError(Problem.CORRUPT, at, "a damaged world section");
    WorldBuilder builder = new WorldBuilder();
    String previous = null;
    for (int i = 0; i < values / 2; i++) {
      at = d.position();
      if (!(d.readValue() instanceof String key)
          || (previous != null && key.compareTo(previous) <= 0)) {
        throw new DecodingError(Problem.CORRUPT, at, "a damaged storage item key");
      }
      previous = key;
      Object root;
      try {
        root = d.readValue();
      } catch (DecodingError e) {
        throw new DecodingError(
            e.problem, e.offset, "in storage item " + key + ": " + e.getMessage());
      }
      if (root == null) throw new DecodingError(Problem.CORRUPT, at, "an empty storage item");
      try {
        builder.put(key, root);
      } catch (IllegalArgumentException e) {
        throw new DecodingError(Problem.CORRUPT, at, e.getMessage());
      }
    }
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  private static ChainState readChain(Decoder d, World world) throws IOException {
    expectSection(d, CHAIN);
    long at = d.position();
    if (d.readVarLong() != 3)
      throw new DecodingError(Problem.CORRUPT, at, "a damaged chain section");
    Object block = d.readValue();
    Object history = d.readValue();
    Object offline = d.readValue();
    if (!(block instanceof OpenBlock ob)
        || !(history instanceof Vector<?> h)
        || h.isEmpty()
        || !h.forAll(r -> r instanceof BlockRecord)
        || !(offline instanceof Set<?> off)
        || !off.forAll(a -> a instanceof AccountId)) {
      throw new DecodingError(Problem.CORRUPT, at, "a damaged chain section");
    }
    return new ChainState(world, ob, (Vector<BlockRecord>) h, (Set<AccountId>) off);
  }

  private static SnapshotHeader header(Object value, String version, long at) {
    if (!(value instanceof Map<?, ?> raw)) {
      throw new DecodingError(Problem.CORRUPT, at, "a damaged header");
    }
    Map<Object, Object> m = (Map<Object, Object>) raw;
    Object settings = m.getOrElse("settings", null);
    Object sections = m.getOrElse("sections", null);
    if (!(settings instanceof Map<?, ?> s) || !(sections instanceof Seq<?> secs)) {
      throw new DecodingError(Problem.CORRUPT, at, "a damaged header");
    }
    TreeMap<String, String> settingMap = TreeMap.empty();
    for (var e : s) {
      if (!(e._1 instanceof String k) || !(e._2 instanceof String v)) {
        throw new DecodingError(Problem.CORRUPT, at, "a damaged header");
      }
      settingMap = settingMap.put(k, v);
    }
    return new SnapshotHeader(
        FORMAT_VERSION,
        version,
        text(m, "runtime-preset", at),
        text(m, "config-hash", at),
        settingMap,
        number(m, "block-number", at),
        number(m, "last-block", at),
        text(m, "state-hash", at),
        number(m, "storage-items", at),
        secs.map(String::valueOf).toVector());
  }

  private static String text(Map<Object, Object> m, String key, long at) {
    if (m.getOrElse(key, null) instanceof String s) return s;
    throw new DecodingError(Problem.CORRUPT, at, "the header has no " + key);
  }

  private static long number(Map<Object, Object> m, String key, long at) {
    if (m.getOrElse(key, null) instanceof Long l) return l;
    throw new DecodingError(Problem.CORRUPT, at, "the header has no " + key);
  }

  // ------------------------------------------------------------------ writing

  /**
   * Writes {@code chain}'s state and {@code sections} to {@code file}: to a temporary file in the
   * same directory first, forced to disk, then renamed, so {@code file} never holds a partial
   * snapshot (an existing file is replaced only by a complete one). Returns the header written.
   *
   * @throws SnapshotException ({@link Problem#WRITE_FAILED}, or {@link Problem#UNSUPPORTED_VALUE}
   *     naming the storage item and the value) when nothing was written
   */
  public static SnapshotHeader write(Path file, Chain chain, Seq<Section> sections)
      throws SnapshotException {
    ChainState state = chain.snapshot();
    Runtime runtime = chain.runtime();
    World world = state.world();
    TreeMap<String, String> settings = runtime.settings();
    SnapshotHeader header =
        new SnapshotHeader(
            FORMAT_VERSION,
            VERSION,
            runtime.preset(),
            RuntimeSettings.hash(settings),
            settings,
            state.block().context().number(),
            state.history().last().number(),
            world.stateHashHex(),
            world.itemKeys().size(),
            sections.map(s -> s.name() + "/" + s.version()).toVector());
    if (sections.map(Section::name).distinct().size() != sections.size()) {
      throw new IllegalArgumentException("two sections have the same name");
    }
    SnapshotFiles.write(
        file,
        channel -> {
          Encoder e = new Encoder(channel);
          e.writeRaw(MAGIC, 0, MAGIC.length);
          e.writeInt32(FORMAT_VERSION);
          e.writeString(VERSION);
          e.writeValue(headerMap(header));
          e.writeVarLong(2 + sections.size());
          e.writeString(WORLD);
          e.writeVarLong(1);
          Seq<String> keys = world.itemKeys();
          e.writeVarLong(2L * keys.size());
          for (String key : keys) {
            e.writeValue(key);
            try {
              e.writeValue(world.rootByKey(key));
            } catch (EncodingError err) {
              throw unsupported(file, "storage item " + key, err);
            }
          }
          e.writeString(CHAIN);
          e.writeVarLong(1);
          e.writeVarLong(3);
          try {
            e.writeValue(state.block());
            e.writeValue(state.history());
            e.writeValue(state.offline());
          } catch (EncodingError err) {
            throw unsupported(file, "the chain's block records", err);
          }
          for (Section s : sections) {
            e.writeString(s.name());
            e.writeVarLong(s.version());
            e.writeVarLong(1);
            try {
              e.writeValue(s.value());
            } catch (EncodingError err) {
              throw unsupported(file, "section " + s.name(), err);
            }
          }
          long length = e.position();
          long crc = e.checksum();
          e.writeLong(length);
          e.writeInt32((int) crc);
          e.writeRaw(END, 0, END.length);
          e.flush();
        });
    return header;
  }

  /**
   * The bytes each storage item of {@code world} takes in a snapshot, by item key: what makes a
   * snapshot large. A type's definition counts toward the first item that uses the type; the
   * header, the chain section and the trailer are not counted.
   *
   * @throws IllegalArgumentException if the world holds a value a snapshot cannot write
   */
  public static io.vavr.collection.SortedMap<String, Long> encodedSizes(World world) {
    java.nio.channels.WritableByteChannel discard =
        new java.nio.channels.WritableByteChannel() {
          @Override
          public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };
    Encoder e = new Encoder(discard);
    TreeMap<String, Long> out = TreeMap.empty();
    for (String key : world.itemKeys()) {
      long before = e.position();
      try {
        e.writeValue(key);
        e.writeValue(world.rootByKey(key));
      } catch (EncodingError err) {
        throw new IllegalArgumentException("storage item " + key + ": " + err.problem(), err);
      } catch (IOException impossible) {
        throw new IllegalStateException(impossible);
      }
      out = out.put(key, e.position() - before);
    }
    return out;
  }

  private static SnapshotException unsupported(Path file, String where, EncodingError err) {
    return new SnapshotException(
        file,
        Problem.UNSUPPORTED_VALUE,
        where + (err.path().isEmpty() ? "" : " at " + err.path()) + ": " + err.problem());
  }

  private static TreeMap<String, Object> headerMap(SnapshotHeader h) {
    return TreeMap.<String, Object>empty()
        .put("palletsim-version", h.palletsimVersion())
        .put("runtime-preset", h.runtimePreset())
        .put("config-hash", h.configHash())
        .put("settings", TreeMap.ofEntries(h.settings()))
        .put("block-number", h.blockNumber())
        .put("last-block", h.lastBlock())
        .put("state-hash", h.stateHash())
        .put("storage-items", h.storageItems())
        .put("sections", h.sections().toVector());
  }
}
