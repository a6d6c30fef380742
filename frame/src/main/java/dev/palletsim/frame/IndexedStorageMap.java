package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Bytes;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;

/**
 * A map keyed by dense {@code long} ids (deal ids, sequence numbers): Filecoin's AMT. Ids are
 * grouped in chunks of {@value #CHUNK} consecutive slots, each a Vavr persistent {@link Vector},
 * found through a persistent hash map from chunk index to chunk. Point access is a hash lookup plus
 * a shallow vector access with no key boxing, and a full chunk costs about four bytes of slot per
 * entry, which is what lets the market hold millions of deals. Chunks that empty are dropped, so
 * any pattern of ids — a window of live deals sliding upward, a long-lived deal far below a million
 * newer ones — costs what the live entries need. A {@link #packed} map keeps its values packed in
 * bytes instead ({@link PackedRoot}), with the same hash.
 */
public final class IndexedStorageMap<V> extends StorageItem<Object> {
  /** Slots per chunk. */
  public static final int CHUNK = 1024;

  private static final int SHIFT = 10;
  private static final int MASK = CHUNK - 1;

  /** The layout of a packed map ({@link #packed}); {@code null} for a map of objects. */
  private final PackedLayout<V> layout;

  private IndexedStorageMap(String pallet, String name, PackedLayout<V> layout) {
    super(pallet, name);
    this.layout = layout;
  }

  /** A map named {@code name} in {@code pallet}, holding its values as objects. */
  public static <V> IndexedStorageMap<V> of(String pallet, String name) {
    return new IndexedStorageMap<>(pallet, name, null);
  }

  /**
   * A map named {@code name} in {@code pallet} holding its values packed by {@code layout} ({@link
   * PackedRoot}: a few dozen bytes per entry instead of an object graph, each read unpacking a
   * fresh value). The same entries hash as they would in a map of objects.
   */
  public static <V> IndexedStorageMap<V> packed(
      String pallet, String name, PackedLayout<V> layout) {
    PackedRoot.empty(layout, false); // checks the layout
    return new IndexedStorageMap<>(pallet, name, layout);
  }

  /** Whether values are packed ({@link #packed}). */
  public boolean isPacked() {
    return layout != null;
  }

  @SuppressWarnings("unchecked")
  private Root<V> objects(StateView view) {
    return (Root<V>) rootIn(view);
  }

  @SuppressWarnings("unchecked")
  private PackedRoot<V> packedRoot(StateView view) {
    return (PackedRoot<V>) rootIn(view);
  }

  /** The value at {@code id}, if stored. */
  public Option<V> find(StateView view, long id) {
    return Option.of(get(view, id));
  }

  /** The value at {@code id}, or {@code null}. */
  public V get(StateView view, long id) {
    if (layout != null) {
      PackedRoot<V> r = packedRoot(view);
      return r == null || id < 0 ? null : r.get(id);
    }
    Root<V> r = objects(view);
    return r == null ? null : r.get(id);
  }

  /** Whether {@code id} is stored. */
  public boolean contains(StateView view, long id) {
    if (layout != null) {
      PackedRoot<V> r = packedRoot(view);
      return r != null && id >= 0 && r.containsKey(id);
    }
    return get(view, id) != null;
  }

  /** Binds {@code id} to {@code value} ({@code null} removes). */
  public void insert(Tx tx, long id, V value) {
    if (id < 0) throw new IllegalArgumentException("ids are non-negative: " + id);
    if (value == null) {
      remove(tx, id);
      return;
    }
    if (layout != null) {
      PackedRoot<V> r = packedRoot(tx);
      setRoot(tx, (r == null ? PackedRoot.empty(layout, false) : r).put(id, value));
      return;
    }
    Root<V> r = objects(tx);
    if (r == null) r = Root.empty();
    long key = id >>> SHIFT;
    Chunk<V> chunk = r.chunks().getOrElse(key, null);
    if (chunk == null) chunk = Chunk.empty();
    V old = chunk.slots().get((int) (id & MASK));
    long live = r.live();
    int chunkLive = chunk.live();
    if (old == null) {
      live++;
      chunkLive++;
    }
    Chunk<V> next = new Chunk<>(chunk.slots().update((int) (id & MASK), value), chunkLive);
    setRoot(tx, new Root<>(r.chunks().put(key, next), live, r, id, old, value));
  }

  /** Removes {@code id}. */
  public void remove(Tx tx, long id) {
    if (layout != null) {
      PackedRoot<V> r = packedRoot(tx);
      if (r == null || id < 0) return;
      PackedRoot<V> next = r.remove(id);
      if (next != r) setRoot(tx, next.size() == 0 ? null : next);
      return;
    }
    Root<V> r = objects(tx);
    if (r == null || id < 0) return;
    long key = id >>> SHIFT;
    Chunk<V> chunk = r.chunks().getOrElse(key, null);
    if (chunk == null) return;
    V old = chunk.slots().get((int) (id & MASK));
    if (old == null) return;
    long live = r.live() - 1;
    if (live == 0) {
      setRoot(tx, null);
      return;
    }
    HashMap<Long, Chunk<V>> chunks =
        chunk.live() == 1
            ? r.chunks().remove(key)
            : r.chunks()
                .put(
                    key,
                    new Chunk<>(
                        chunk.slots().update((int) (id & MASK), (V) null), chunk.live() - 1));
    setRoot(tx, new Root<>(chunks, live, r, id, old, null));
  }

  /** Removes {@code id} and returns what was stored. */
  public Option<V> take(Tx tx, long id) {
    Option<V> old = find(tx, id);
    if (old.isDefined()) remove(tx, id);
    return old;
  }

  /** Replaces the value at {@code id} (or {@code null}) by {@code f} of it; returns the result. */
  public V mutate(Tx tx, long id, UnaryOperator<V> f) {
    V next = f.apply(get(tx, id));
    insert(tx, id, next);
    return next;
  }

  /** The number of stored entries. */
  public long count(StateView view) {
    if (layout != null) {
      PackedRoot<V> r = packedRoot(view);
      return r == null ? 0 : r.size();
    }
    Root<V> r = objects(view);
    return r == null ? 0 : r.live();
  }

  /** All entries in id order; meters one read per entry. */
  public Seq<Tuple2<Long, V>> entries(StateView view) {
    if (layout != null) {
      PackedRoot<V> r = packedRoot(view);
      if (r == null) return Vector.empty();
      view.meterReads(this, r.size());
      return r.entries();
    }
    Root<V> r = objects(view);
    if (r == null) return Vector.empty();
    view.meterReads(this, r.live());
    Vector<Tuple2<Long, V>> out = Vector.empty();
    for (long key : r.chunks().keySet().toList().sorted()) {
      Vector<V> slots = r.chunks().get(key).get().slots();
      for (int i = 0; i < CHUNK; i++) {
        V v = slots.get(i);
        if (v != null) out = out.append(Tuple.of((key << SHIFT) | i, v));
      }
    }
    return out;
  }

  /**
   * One chunk: {@value #CHUNK} slots and how many hold a value.
   *
   * @param slots the slots, {@code null} where empty
   * @param live the number of non-empty slots
   */
  public record Chunk<V>(Vector<V> slots, int live) {
    private static final Chunk<Object> EMPTY = new Chunk<>(Vector.fill(CHUNK, () -> null), 0);

    @SuppressWarnings("unchecked")
    static <V> Chunk<V> empty() {
      return (Chunk<V>) EMPTY;
    }
  }

  /**
   * The root: the chunks by index, the number of live entries, and the wrapping sum of their entry
   * hashes, folded in lazily as a {@link MapRoot}'s is (see {@link EntrySum}): the hash is that of
   * eager hashing, {@code mix(tag ^ live, sum)}. An immutable value, safe to share between threads.
   */
  public static final class Root<V> extends EntrySum implements StateHashed {
    private static final Root<Object> EMPTY = new Root<>(HashMap.empty(), 0, 0);

    private final HashMap<Long, Chunk<V>> chunks;
    private final long live;

    /**
     * A root of {@code live} entries in {@code chunks} whose entry hashes sum to {@code sum} (not
     * checked): for code that rebuilds a root whose sum it knows, e.g. a decoder.
     */
    public Root(HashMap<Long, Chunk<V>> chunks, long live, long sum) {
      super(sum);
      this.chunks = chunks;
      this.live = live;
    }

    private Root(HashMap<Long, Chunk<V>> chunks, long live, Root<V> parent, long id, V old, V now) {
      super(parent, id, old == null ? ABSENT : old, now == null ? ABSENT : now);
      this.chunks = chunks;
      this.live = live;
    }

    @SuppressWarnings("unchecked")
    static <V> Root<V> empty() {
      return (Root<V>) EMPTY;
    }

    /** The chunks by index. */
    public HashMap<Long, Chunk<V>> chunks() {
      return chunks;
    }

    /** The number of stored entries. */
    public long live() {
      return live;
    }

    /** The wrapping sum of {@link StateHasher#entry} over the entries (ids as {@code Long}s). */
    public long sum() {
      return entrySum();
    }

    /** The value at {@code id}, or {@code null}. */
    public V get(long id) {
      if (id < 0) return null;
      Chunk<V> c = chunks.getOrElse(id >>> SHIFT, null);
      return c == null ? null : c.slots().get((int) (id & MASK));
    }

    @Override
    public long stateHash() {
      return Bytes.mix(0x496e6465786564L ^ live, sum());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Root<?> r && live == r.live && chunks.equals(r.chunks);
    }

    @Override
    public int hashCode() {
      return chunks.hashCode();
    }

    @Override
    public String toString() {
      return "IndexedStorageMap.Root[live=" + live + ", sum=" + sum() + "]";
    }
  }
}
