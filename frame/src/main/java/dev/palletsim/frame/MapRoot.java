package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Bytes;
import io.vavr.collection.Map;
import java.util.Objects;

/**
 * The root of a storage map: a Vavr persistent map and the sum of its entries' hashes. Writes do no
 * hashing; the sum is folded in lazily, once per block for each key written however often (see
 * {@link EntrySum}), and is then read in O(1). The hash is the same as if every write had been
 * hashed at once: {@code stateHash = mix(tag ^ size, sum)}, {@code sum} the wrapping sum of {@link
 * StateHasher#entry} over the entries.
 *
 * <p>An immutable value, safe to share between threads (the lazily folded sum is a benign race: see
 * {@link EntrySum}). Two roots are equal when their maps are.
 */
public final class MapRoot<K, V> extends EntrySum implements StateHashed {
  private final Map<K, V> map;

  /**
   * A root over {@code map} whose entry hashes sum to {@code sum} (not checked): for code that
   * rebuilds a root whose sum it knows, e.g. a decoder. {@link #of} computes the sum.
   */
  public MapRoot(Map<K, V> map, long sum) {
    super(sum);
    this.map = Objects.requireNonNull(map);
  }

  private MapRoot(Map<K, V> map, MapRoot<K, V> parent, Object key, Object old, Object now) {
    super(parent, key, old, now);
    this.map = map;
  }

  /** An empty root over the given (empty) backing map. */
  public static <K, V> MapRoot<K, V> empty(Map<K, V> backing) {
    return new MapRoot<>(backing, 0);
  }

  /** A root over {@code map}, its sum computed from the entries. */
  public static <K, V> MapRoot<K, V> of(Map<K, V> map) {
    long sum = 0;
    for (var e : map) sum += StateHasher.entry(e._1, e._2);
    return new MapRoot<>(map, sum);
  }

  /** The entries. */
  public Map<K, V> map() {
    return map;
  }

  /** The wrapping sum of {@link StateHasher#entry} over the entries. */
  public long sum() {
    return entrySum();
  }

  /** This root with {@code key} bound to {@code value}. */
  public MapRoot<K, V> put(K key, V value) {
    return new MapRoot<>(map.put(key, value), this, key, lookup(key), value);
  }

  /** This root without {@code key}. */
  public MapRoot<K, V> remove(K key) {
    Object old = lookup(key);
    if (old == ABSENT) return this;
    return new MapRoot<>(map.remove(key), this, key, old, ABSENT);
  }

  /** The number of entries. */
  public int size() {
    return map.size();
  }

  @SuppressWarnings("unchecked")
  private Object lookup(K key) {
    return map.getOrElse(key, (V) ABSENT);
  }

  @Override
  public long stateHash() {
    return Bytes.mix(0x4d6170526f6f74L ^ map.size(), sum());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapRoot<?, ?> r && map.equals(r.map);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  @Override
  public String toString() {
    return "MapRoot[map=" + map + ", sum=" + sum() + "]";
  }
}
