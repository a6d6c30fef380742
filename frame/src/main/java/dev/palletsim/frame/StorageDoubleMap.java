package dev.palletsim.frame;

import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.function.UnaryOperator;

/**
 * A map keyed by two keys (FRAME's {@code StorageDoubleMap}): an outer map from the first key to an
 * inner map from the second key to the value. Prefix operations on the first key ({@link
 * #entriesOf}, {@link #removePrefix}) cost what the prefix holds, as {@code iter_prefix} and {@code
 * clear_prefix} do. Both levels are hashed maps; iteration is in key order.
 */
public final class StorageDoubleMap<
        K1 extends Comparable<? super K1>, K2 extends Comparable<? super K2>, V>
    extends StorageItem<MapRoot<K1, Object>> {
  private final boolean orderedInner;

  /** The layout of packed inner maps ({@link #packed}); {@code null} for maps of objects. */
  private final PackedLayout<V> layout;

  private StorageDoubleMap(
      String pallet, String name, boolean orderedInner, PackedLayout<V> layout) {
    super(pallet, name);
    this.orderedInner = orderedInner;
    this.layout = layout;
  }

  /** A double map whose inner maps are hashed. */
  public static <K1 extends Comparable<? super K1>, K2 extends Comparable<? super K2>, V>
      StorageDoubleMap<K1, K2, V> of(String pallet, String name) {
    return new StorageDoubleMap<>(pallet, name, false, null);
  }

  /** A double map whose inner maps are ordered (range queries on the second key). */
  public static <K1 extends Comparable<? super K1>, K2 extends Comparable<? super K2>, V>
      StorageDoubleMap<K1, K2, V> orderedInner(String pallet, String name) {
    return new StorageDoubleMap<>(pallet, name, true, null);
  }

  /**
   * A double map whose second keys are {@code long}s (sector numbers) and whose inner maps hold
   * their values packed by {@code layout} ({@link PackedRoot}): a few dozen bytes per entry instead
   * of a tree node, a boxed key and an object graph. Iteration is in key order and every entry
   * hashes as it would in a map of objects, so the item's state hash is that of {@link #of} or
   * {@link #orderedInner} over the same entries.
   */
  public static <K1 extends Comparable<? super K1>, V> StorageDoubleMap<K1, Long, V> packed(
      String pallet, String name, PackedLayout<V> layout) {
    PackedRoot.empty(layout, true); // checks the layout
    return new StorageDoubleMap<>(pallet, name, true, layout);
  }

  /** Whether the inner maps are packed ({@link #packed}). */
  public boolean isPacked() {
    return layout != null;
  }

  private MapRoot<K1, Object> outer(StateView view) {
    MapRoot<K1, Object> r = rootIn(view);
    return r == null ? MapRoot.empty(HashMap.empty()) : r;
  }

  private Object emptyInner() {
    if (layout != null) return PackedRoot.empty(layout, true);
    return orderedInner
        ? MapRoot.empty(TreeMap.<K2, V>empty(Comparator.naturalOrder()))
        : MapRoot.empty(HashMap.empty());
  }

  private Option<Object> inner(StateView view, K1 k1) {
    MapRoot<K1, Object> r = rootIn(view);
    return r == null ? Option.none() : r.map().get(k1);
  }

  private void storeInner(Tx tx, K1 k1, Object inner) {
    MapRoot<K1, Object> o = outer(tx);
    o = innerSize(inner) == 0 ? o.remove(k1) : o.put(k1, inner);
    setRoot(tx, o.size() == 0 ? null : o);
  }

  // ------------------------------------------------------------------ inner maps of either kind

  @SuppressWarnings("unchecked")
  private Option<V> innerGet(Object inner, K2 k2) {
    if (inner instanceof PackedRoot<?> p) {
      return Option.of(((PackedRoot<V>) p).get((Long) k2));
    }
    return ((MapRoot<K2, V>) inner).map().get(k2);
  }

  @SuppressWarnings("unchecked")
  private Object innerPut(Object inner, K2 k2, V value) {
    if (inner instanceof PackedRoot<?> p) return ((PackedRoot<V>) p).put((Long) k2, value);
    return ((MapRoot<K2, V>) inner).put(k2, value);
  }

  @SuppressWarnings("unchecked")
  private Object innerRemove(Object inner, K2 k2) {
    if (inner instanceof PackedRoot<?> p) return ((PackedRoot<V>) p).remove((Long) k2);
    return ((MapRoot<K2, V>) inner).remove(k2);
  }

  @SuppressWarnings("unchecked")
  private boolean innerContains(Object inner, K2 k2) {
    if (inner instanceof PackedRoot<?> p) return p.containsKey((Long) k2);
    return ((MapRoot<K2, V>) inner).map().containsKey(k2);
  }

  private static long innerSize(Object inner) {
    if (inner instanceof PackedRoot<?> p) return p.size();
    return ((MapRoot<?, ?>) inner).size();
  }

  @SuppressWarnings("unchecked")
  private Seq<Tuple2<K2, V>> innerEntries(Object inner) {
    if (inner instanceof PackedRoot<?> p) {
      return (Seq<Tuple2<K2, V>>) (Seq<?>) ((PackedRoot<V>) p).entries();
    }
    MapRoot<K2, V> m = (MapRoot<K2, V>) inner;
    return orderedInner ? m.map().toList() : m.map().toList().sortBy(Tuple2::_1);
  }

  /** The value at {@code (k1, k2)}, if stored. */
  public Option<V> find(StateView view, K1 k1, K2 k2) {
    if (k2 == null) return Option.none();
    return inner(view, k1).flatMap(m -> innerGet(m, k2));
  }

  /** Whether {@code (k1, k2)} is stored. */
  public boolean contains(StateView view, K1 k1, K2 k2) {
    return find(view, k1, k2).isDefined();
  }

  /** Whether anything is stored under {@code k1}. */
  public boolean containsPrefix(StateView view, K1 k1) {
    return inner(view, k1).isDefined();
  }

  /** Binds {@code (k1, k2)} to {@code value} ({@code null} removes). */
  public void insert(Tx tx, K1 k1, K2 k2, V value) {
    if (value == null) {
      remove(tx, k1, k2);
      return;
    }
    storeInner(tx, k1, innerPut(inner(tx, k1).getOrElse(this::emptyInner), k2, value));
  }

  /** Removes {@code (k1, k2)}. */
  public void remove(Tx tx, K1 k1, K2 k2) {
    Option<Object> in = inner(tx, k1);
    if (in.isDefined() && k2 != null && innerContains(in.get(), k2)) {
      storeInner(tx, k1, innerRemove(in.get(), k2));
    }
  }

  /** Removes {@code (k1, k2)} and returns what was stored. */
  public Option<V> take(Tx tx, K1 k1, K2 k2) {
    Option<V> old = find(tx, k1, k2);
    if (old.isDefined()) remove(tx, k1, k2);
    return old;
  }

  /** Replaces the value (or {@code null}) by {@code f} of it; a {@code null} result removes. */
  public V mutate(Tx tx, K1 k1, K2 k2, UnaryOperator<V> f) {
    V next = f.apply(find(tx, k1, k2).getOrNull());
    insert(tx, k1, k2, next);
    return next;
  }

  /** The entries under {@code k1}, ordered by the second key; meters one read per entry. */
  public Seq<Tuple2<K2, V>> entriesOf(StateView view, K1 k1) {
    Option<Object> in = inner(view, k1);
    if (in.isEmpty()) return List.empty();
    view.meterReads(this, innerSize(in.get()));
    return innerEntries(in.get());
  }

  /** The number of entries under {@code k1}. */
  public int countOf(StateView view, K1 k1) {
    return inner(view, k1).map(m -> (int) innerSize(m)).getOrElse(0);
  }

  /** The first keys that hold anything, in order; meters one read per key. */
  public Seq<K1> prefixes(StateView view) {
    MapRoot<K1, Object> r = rootIn(view);
    if (r == null) return List.empty();
    view.meterReads(this, r.size());
    return r.map().keySet().toList().sorted();
  }

  /**
   * Every entry as {@code ((k1, k2), value)}, ordered by the first key then the second; meters one
   * read per entry.
   */
  public Seq<Tuple2<Tuple2<K1, K2>, V>> entries(StateView view) {
    io.vavr.collection.Vector<Tuple2<Tuple2<K1, K2>, V>> out = io.vavr.collection.Vector.empty();
    for (K1 k1 : prefixes(view)) {
      for (Tuple2<K2, V> e : entriesOf(view, k1)) {
        out = out.append(io.vavr.Tuple.of(io.vavr.Tuple.of(k1, e._1), e._2));
      }
    }
    return out;
  }

  /** Removes everything under {@code k1} and returns it, ordered by the second key. */
  public Seq<Tuple2<K2, V>> removePrefix(Tx tx, K1 k1) {
    Seq<Tuple2<K2, V>> removed = entriesOf(tx, k1);
    if (!removed.isEmpty()) storeInner(tx, k1, emptyInner());
    return removed;
  }
}
