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
    extends StorageItem<MapRoot<K1, MapRoot<K2, V>>> {
  private final boolean orderedInner;

  private StorageDoubleMap(String pallet, String name, boolean orderedInner) {
    super(pallet, name);
    this.orderedInner = orderedInner;
  }

  /** A double map whose inner maps are hashed. */
  public static <K1 extends Comparable<? super K1>, K2 extends Comparable<? super K2>, V>
      StorageDoubleMap<K1, K2, V> of(String pallet, String name) {
    return new StorageDoubleMap<>(pallet, name, false);
  }

  /** A double map whose inner maps are ordered (range queries on the second key). */
  public static <K1 extends Comparable<? super K1>, K2 extends Comparable<? super K2>, V>
      StorageDoubleMap<K1, K2, V> orderedInner(String pallet, String name) {
    return new StorageDoubleMap<>(pallet, name, true);
  }

  private MapRoot<K1, MapRoot<K2, V>> outer(StateView view) {
    MapRoot<K1, MapRoot<K2, V>> r = rootIn(view);
    return r == null ? MapRoot.empty(HashMap.empty()) : r;
  }

  private MapRoot<K2, V> emptyInner() {
    return orderedInner
        ? MapRoot.empty(TreeMap.<K2, V>empty(Comparator.naturalOrder()))
        : MapRoot.empty(HashMap.empty());
  }

  private Option<MapRoot<K2, V>> inner(StateView view, K1 k1) {
    MapRoot<K1, MapRoot<K2, V>> r = rootIn(view);
    return r == null ? Option.none() : r.map().get(k1);
  }

  private void storeInner(Tx tx, K1 k1, MapRoot<K2, V> inner) {
    MapRoot<K1, MapRoot<K2, V>> o = outer(tx);
    o = inner.size() == 0 ? o.remove(k1) : o.put(k1, inner);
    setRoot(tx, o.size() == 0 ? null : o);
  }

  /** The value at {@code (k1, k2)}, if stored. */
  public Option<V> find(StateView view, K1 k1, K2 k2) {
    return inner(view, k1).flatMap(m -> m.map().get(k2));
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
    storeInner(tx, k1, inner(tx, k1).getOrElse(this::emptyInner).put(k2, value));
  }

  /** Removes {@code (k1, k2)}. */
  public void remove(Tx tx, K1 k1, K2 k2) {
    Option<MapRoot<K2, V>> in = inner(tx, k1);
    if (in.isDefined() && in.get().map().containsKey(k2)) storeInner(tx, k1, in.get().remove(k2));
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
    Option<MapRoot<K2, V>> in = inner(view, k1);
    if (in.isEmpty()) return List.empty();
    view.meterReads(this, in.get().size());
    return orderedInner ? in.get().map().toList() : in.get().map().toList().sortBy(Tuple2::_1);
  }

  /** The number of entries under {@code k1}. */
  public int countOf(StateView view, K1 k1) {
    return inner(view, k1).map(MapRoot::size).getOrElse(0);
  }

  /** The first keys that hold anything, in order; meters one read per key. */
  public Seq<K1> prefixes(StateView view) {
    MapRoot<K1, MapRoot<K2, V>> r = rootIn(view);
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
