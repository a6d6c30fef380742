package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Bytes;
import io.vavr.collection.Map;
import io.vavr.control.Option;

/**
 * The root of a storage map: a Vavr persistent map and the sum of its entries' hashes, kept up to
 * date on every write so that hashing the map is O(1) whatever its size.
 *
 * @param map the entries
 * @param sum the wrapping sum of {@link StateHasher#entry} over the entries
 */
public record MapRoot<K, V>(Map<K, V> map, long sum) implements StateHashed {
  /** An empty root over the given (empty) backing map. */
  public static <K, V> MapRoot<K, V> empty(Map<K, V> backing) {
    return new MapRoot<>(backing, 0);
  }

  /** This root with {@code key} bound to {@code value}. */
  public MapRoot<K, V> put(K key, V value) {
    Option<V> old = map.get(key);
    long s = sum + StateHasher.entry(key, value);
    if (old.isDefined()) s -= StateHasher.entry(key, old.get());
    return new MapRoot<>(map.put(key, value), s);
  }

  /** This root without {@code key}. */
  public MapRoot<K, V> remove(K key) {
    Option<V> old = map.get(key);
    if (old.isEmpty()) return this;
    return new MapRoot<>(map.remove(key), sum - StateHasher.entry(key, old.get()));
  }

  /** The number of entries. */
  public int size() {
    return map.size();
  }

  @Override
  public long stateHash() {
    return Bytes.mix(0x4d6170526f6f74L ^ map.size(), sum);
  }
}
