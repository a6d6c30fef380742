package dev.palletsim.frame;

import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A map from keys to values (FRAME's {@code StorageMap}) over a Vavr persistent map.
 *
 * <p>Two backings: {@link #hashed} (a HAMT: fastest point reads and writes; iteration sorts the
 * keys first) and {@link #ordered} (a red-black tree: ordered iteration and range queries such as
 * "everything due at or before block n", O(log n) per access). Iteration is always in key order,
 * never in hash order, so no outcome depends on hash iteration (ARCHITECTURE §3).
 *
 * <p>Declared with a default ({@code ValueQuery}: {@link #get} of a missing key returns it, and
 * inserting the default removes the key, as Filecoin deletes zero balances) or without ({@code
 * OptionQuery}).
 */
public final class StorageMap<K extends Comparable<? super K>, V>
    extends StorageItem<MapRoot<K, V>> {
  private final V defaultValue;
  private final boolean ordered;

  private StorageMap(String pallet, String name, V defaultValue, boolean ordered) {
    super(pallet, name);
    this.defaultValue = defaultValue;
    this.ordered = ordered;
  }

  /** A hashed map without default. */
  public static <K extends Comparable<? super K>, V> StorageMap<K, V> hashed(
      String pallet, String name) {
    return new StorageMap<>(pallet, name, null, false);
  }

  /** A hashed map whose missing keys read as {@code defaultValue}. */
  public static <K extends Comparable<? super K>, V> StorageMap<K, V> hashed(
      String pallet, String name, V defaultValue) {
    return new StorageMap<>(pallet, name, Objects.requireNonNull(defaultValue), false);
  }

  /** An ordered map without default. */
  public static <K extends Comparable<? super K>, V> StorageMap<K, V> ordered(
      String pallet, String name) {
    return new StorageMap<>(pallet, name, null, true);
  }

  /** An ordered map whose missing keys read as {@code defaultValue}. */
  public static <K extends Comparable<? super K>, V> StorageMap<K, V> ordered(
      String pallet, String name, V defaultValue) {
    return new StorageMap<>(pallet, name, Objects.requireNonNull(defaultValue), true);
  }

  private MapRoot<K, V> emptyRoot() {
    return ordered
        ? MapRoot.empty(TreeMap.<K, V>empty(Comparator.naturalOrder()))
        : MapRoot.empty(HashMap.empty());
  }

  /** The value at {@code key}, if stored. */
  public Option<V> find(StateView view, K key) {
    Object v = lookup(view, key);
    return v == null ? Option.none() : Option.some(cast(v));
  }

  /**
   * {@link #find} for a key that is costly to compute (a proposal's hash): {@code key} is called
   * only when the map holds something it could find. One read either way, as {@link #find}.
   */
  public Option<V> find(StateView view, Supplier<K> key) {
    if (view instanceof Tx tx && tx.hasPendingEntries(this)) return find(view, key.get());
    MapRoot<K, V> r = rootBeneathPending(view);
    return r == null ? Option.none() : r.map().get(key.get());
  }

  /** The value at {@code key}, else the default (else {@code null} without default). */
  public V get(StateView view, K key) {
    Object v = lookup(view, key);
    return v == null ? defaultValue : cast(v);
  }

  /** Whether {@code key} is stored. */
  public boolean contains(StateView view, K key) {
    return lookup(view, key) != null;
  }

  /**
   * The value stored at {@code key} or {@code null}, reading a transaction's buffered entry first
   * (see {@link Tx}); meters one read.
   */
  private Object lookup(StateView view, K key) {
    if (view instanceof Tx tx) {
      Object p = tx.pendingEntry(this, key);
      if (p != Tx.NOT_PENDING) return p == Tx.REMOVED ? null : p;
    }
    MapRoot<K, V> r = rootBeneathPending(view);
    return r == null ? null : r.map().getOrElse(key, null);
  }

  /** The root in {@code view}, without a transaction's buffered entries; meters one read. */
  private MapRoot<K, V> rootBeneathPending(StateView view) {
    return view instanceof Tx tx ? cast(tx.rootBeneathPending(this)) : rootIn(view);
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }

  /** Binds {@code key} to {@code value}; the default or {@code null} removes the key. */
  public void insert(Tx tx, K key, V value) {
    if (value == null || value.equals(defaultValue)) {
      remove(tx, key);
    } else {
      tx.meterReads(this, 1); // the root read a write of the trie path needs
      tx.writeEntry(this, key, value);
    }
  }

  /** Removes {@code key}. */
  public void remove(Tx tx, K key) {
    if (lookup(tx, key) != null) tx.writeEntry(this, key, Tx.REMOVED);
  }

  /**
   * {@code root} (or an empty root) with the buffered {@code entries} written into it ({@link
   * Tx#REMOVED} removes); {@code null} when the result is empty.
   */
  Object withEntries(Object root, java.util.Map<Object, Object> entries) {
    MapRoot<K, V> r = root == null ? emptyRoot() : cast(root);
    for (var e : entries.entrySet()) {
      K key = cast(e.getKey());
      r = e.getValue() == Tx.REMOVED ? r.remove(key) : r.put(key, cast(e.getValue()));
    }
    return r.size() == 0 ? null : r;
  }

  /** Removes {@code key} and returns what was stored there. */
  public Option<V> take(Tx tx, K key) {
    Option<V> old = find(tx, key);
    if (old.isDefined()) remove(tx, key);
    return old;
  }

  /**
   * Replaces the value at {@code key} (or the default, or {@code null}) by {@code f} of it and
   * returns the result; a {@code null} or default result removes the key.
   */
  public V mutate(Tx tx, K key, UnaryOperator<V> f) {
    V next = f.apply(get(tx, key));
    insert(tx, key, next);
    return next;
  }

  /** The number of stored keys. */
  public int count(StateView view) {
    MapRoot<K, V> r = rootIn(view);
    return r == null ? 0 : r.size();
  }

  /** All entries in key order; meters one read per entry. */
  public Seq<Tuple2<K, V>> entries(StateView view) {
    MapRoot<K, V> r = rootIn(view);
    if (r == null) return io.vavr.collection.List.empty();
    view.meterReads(this, r.size());
    return ordered ? r.map().toList() : r.map().toList().sortBy(Tuple2::_1);
  }

  /** All keys in order; meters one read per key. */
  public Seq<K> keys(StateView view) {
    return entries(view).map(Tuple2::_1);
  }

  /** The smallest key, if any (ordered maps; on hashed maps this sorts). */
  public Option<K> firstKey(StateView view) {
    MapRoot<K, V> r = rootIn(view);
    if (r == null) return Option.none();
    if (ordered) return Option.some(((TreeMap<K, V>) r.map()).head()._1);
    return r.map().keySet().toList().sorted().headOption();
  }

  /**
   * The entries whose key is at most {@code max}, in key order; meters one read per entry returned.
   * On an ordered map this costs O(log n + returned).
   */
  public Seq<Tuple2<K, V>> entriesUpTo(StateView view, K max) {
    MapRoot<K, V> r = rootIn(view);
    if (r == null) return io.vavr.collection.List.empty();
    Seq<Tuple2<K, V>> out;
    if (ordered) {
      out = r.map().iterator().takeWhile(t -> t._1.compareTo(max) <= 0).toList();
    } else {
      out = r.map().filterKeys(k -> k.compareTo(max) <= 0).toList().sortBy(Tuple2::_1);
    }
    view.meterReads(this, out.size());
    return out;
  }

  /** The default value, or {@code null}. */
  public V defaultValue() {
    return defaultValue;
  }
}
