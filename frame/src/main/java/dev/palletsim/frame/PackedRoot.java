package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Bytes;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The root of a storage map from {@code long} keys to values packed by a {@link PackedLayout}
 * (issue 16): keys in leaves of 32 consecutive keys ({@link PackedLeaf}), the leaves in a Vavr
 * persistent hash map by {@code key >> 5}. An entry costs its packed bytes, two bytes of offset and
 * a share of its leaf: a deal proposal about 80 bytes instead of the 250 its objects took, a sector
 * about 100 instead of 340. Reading a value unpacks it (a fresh object each time); writing one
 * copies its leaf.
 *
 * <p>It hashes as the map of the same entries it stands for: {@code mix(tag ^ size, Σ
 * StateHasher.entry(key, value))} over the unpacked values, folded in lazily as {@link MapRoot}'s
 * sum is ({@link EntrySum}), with the tag of an {@link IndexedStorageMap} or of a {@link MapRoot}
 * (a {@link StorageDoubleMap}'s inner map), so packing a map changes no state hash. Keys may be any
 * {@code long}; iteration is in ascending key order. An immutable value, safe to share between
 * threads. Two roots are equal when they hold equal entries.
 *
 * @param <V> the type of the values
 */
public final class PackedRoot<V> extends EntrySum implements StateHashed {
  private static final long INDEXED_TAG = 0x496e6465786564L;
  private static final long MAP_TAG = 0x4d6170526f6f74L;

  private final PackedLayout<V> layout;
  private final boolean hashedAsMap;
  private final HashMap<Long, PackedLeaf> leaves;
  private final long size;

  private PackedRoot(
      PackedLayout<V> layout,
      boolean hashedAsMap,
      HashMap<Long, PackedLeaf> leaves,
      long size,
      long sum) {
    super(sum);
    this.layout = layout;
    this.hashedAsMap = hashedAsMap;
    this.leaves = leaves;
    this.size = size;
  }

  private PackedRoot(
      PackedRoot<V> parent, HashMap<Long, PackedLeaf> leaves, long size, long key, V old, V now) {
    super(parent, key, old == null ? ABSENT : old, now == null ? ABSENT : now);
    this.layout = parent.layout;
    this.hashedAsMap = parent.hashedAsMap;
    this.leaves = leaves;
    this.size = size;
  }

  /**
   * An empty root packing values with {@code layout}, hashing as a {@link MapRoot} ({@code
   * hashedAsMap}) or as an {@link IndexedStorageMap}'s root.
   */
  public static <V> PackedRoot<V> empty(PackedLayout<V> layout, boolean hashedAsMap) {
    Objects.requireNonNull(layout, "layout");
    if (layout.references() < 0 || layout.references() > 7) {
      throw new IllegalArgumentException("a packed layout writes 0 to 7 references per value");
    }
    return new PackedRoot<>(layout, hashedAsMap, HashMap.empty(), 0, 0);
  }

  /**
   * The bytes {@code layout} packs {@code value} at {@code key} into, its reference indexes
   * included (its share of the leaf's offsets and reference table comes on top).
   */
  public static <V> int packedBytes(PackedLayout<V> layout, long key, V value) {
    PackedWriter w = new PackedWriter();
    layout.write(key, value, w);
    return w.length() + layout.references();
  }

  /** The layout. */
  public PackedLayout<V> layout() {
    return layout;
  }

  /** Whether it hashes as a {@link MapRoot} (else as an {@link IndexedStorageMap}'s root). */
  public boolean hashedAsMap() {
    return hashedAsMap;
  }

  /** The number of entries. */
  public long size() {
    return size;
  }

  /** The value at {@code key}, or {@code null}. */
  public V get(long key) {
    PackedLeaf leaf = leaves.getOrElse(key >> PackedLeaf.SHIFT, null);
    int slot = (int) key & PackedLeaf.MASK;
    return leaf == null || !leaf.has(slot) ? null : leaf.read(layout, key, slot);
  }

  /** Whether {@code key} holds a value. */
  public boolean containsKey(long key) {
    PackedLeaf leaf = leaves.getOrElse(key >> PackedLeaf.SHIFT, null);
    return leaf != null && leaf.has((int) key & PackedLeaf.MASK);
  }

  /** This root with {@code key} bound to {@code value} ({@code null} removes). */
  public PackedRoot<V> put(long key, V value) {
    if (value == null) return remove(key);
    Long index = key >> PackedLeaf.SHIFT;
    int slot = (int) key & PackedLeaf.MASK;
    PackedLeaf leaf = leaves.getOrElse(index, null);
    V old = leaf == null || !leaf.has(slot) ? null : leaf.read(layout, key, slot);
    PackedWriter w = new PackedWriter();
    layout.write(key, value, w);
    int refs = layout.references();
    PackedLeaf next = leaf == null ? PackedLeaf.of(slot, w, refs) : leaf.with(slot, w, refs);
    return new PackedRoot<>(
        this, leaves.put(index, next), old == null ? size + 1 : size, key, old, value);
  }

  /** This root without {@code key}. */
  public PackedRoot<V> remove(long key) {
    Long index = key >> PackedLeaf.SHIFT;
    int slot = (int) key & PackedLeaf.MASK;
    PackedLeaf leaf = leaves.getOrElse(index, null);
    if (leaf == null || !leaf.has(slot)) return this;
    V old = leaf.read(layout, key, slot);
    PackedLeaf next = leaf.without(slot);
    HashMap<Long, PackedLeaf> rest = next == null ? leaves.remove(index) : leaves.put(index, next);
    return new PackedRoot<>(this, rest, size - 1, key, old, null);
  }

  /** Calls {@code action} with every entry in ascending key order. */
  public void forEach(BiConsumer<Long, V> action) {
    long[] indexes = sortedLeafIndexes();
    for (long index : indexes) {
      PackedLeaf leaf = leaves.get(index).get();
      for (int slot = 0; slot < PackedLeaf.SLOTS; slot++) {
        if (!leaf.has(slot)) continue;
        long key = (index << PackedLeaf.SHIFT) | slot;
        action.accept(key, leaf.read(layout, key, slot));
      }
    }
  }

  /** Every entry in ascending key order. */
  public Vector<Tuple2<Long, V>> entries() {
    java.util.ArrayList<Tuple2<Long, V>> out =
        new java.util.ArrayList<>((int) Math.min(size, 1 << 20));
    forEach((k, v) -> out.add(Tuple.of(k, v)));
    return Vector.ofAll(out);
  }

  private long[] sortedLeafIndexes() {
    long[] indexes = new long[leaves.size()];
    int i = 0;
    for (Long index : leaves.keySet()) indexes[i++] = index;
    Arrays.sort(indexes);
    return indexes;
  }

  /** The wrapping sum of {@link StateHasher#entry} over the entries (keys as {@code Long}s). */
  public long sum() {
    return entrySum();
  }

  @Override
  public long stateHash() {
    return Bytes.mix((hashedAsMap ? MAP_TAG : INDEXED_TAG) ^ size, sum());
  }

  /**
   * Builds a root from entries in ascending key order, computing its sum as it goes (for code that
   * rebuilds a root, e.g. a decoder); a key not above the previous one is refused.
   */
  public static final class Builder<V> {
    private final PackedRoot<V> empty;
    private HashMap<Long, PackedLeaf> leaves = HashMap.empty();
    private long size;
    private long sum;
    private long last = Long.MIN_VALUE;
    private long leafIndex;
    private PackedLeaf leaf;
    private final PackedWriter w = new PackedWriter();

    /** A builder of a root of {@code layout} hashing as a map or an indexed map. */
    public Builder(PackedLayout<V> layout, boolean hashedAsMap) {
      this.empty = empty(layout, hashedAsMap);
    }

    /** Adds {@code value} (not {@code null}) at {@code key}, above every key added before. */
    public Builder<V> add(long key, V value) {
      Objects.requireNonNull(value, "value");
      if (size > 0 && key <= last) {
        throw new IllegalArgumentException("keys must ascend: " + key + " after " + last);
      }
      long index = key >> PackedLeaf.SHIFT;
      if (leaf != null && index != leafIndex) {
        leaves = leaves.put(leafIndex, leaf);
        leaf = null;
      }
      leafIndex = index;
      w.reset();
      empty.layout.write(key, value, w);
      int refs = empty.layout.references();
      int slot = (int) key & PackedLeaf.MASK;
      leaf = leaf == null ? PackedLeaf.of(slot, w, refs) : leaf.with(slot, w, refs);
      sum += StateHasher.entry(key, value);
      size++;
      last = key;
      return this;
    }

    /** The root. */
    public PackedRoot<V> build() {
      if (leaf != null) leaves = leaves.put(leafIndex, leaf);
      return new PackedRoot<>(empty.layout, empty.hashedAsMap, leaves, size, sum);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof PackedRoot<?> r)) return false;
    if (size != r.size
        || hashedAsMap != r.hashedAsMap
        || !layout.getClass().equals(r.layout.getClass())) return false;
    if (!leaves.keySet().equals(r.leaves.keySet())) return false;
    int refs = layout.references();
    for (Tuple2<Long, PackedLeaf> e : leaves) {
      if (!e._2.sameValues(r.leaves.get(e._1).get(), refs)) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + leaves.keySet().hashCode();
  }

  @Override
  public String toString() {
    return "PackedRoot["
        + layout.getClass().getSimpleName()
        + ", size="
        + size
        + ", sum="
        + sum()
        + "]";
  }
}
