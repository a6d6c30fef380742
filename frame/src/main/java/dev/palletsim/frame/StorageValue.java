package dev.palletsim.frame;

import io.vavr.control.Option;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A single stored value (FRAME's {@code StorageValue}). Declared with a default ({@code
 * ValueQuery}: reads of an empty item return the default, and writing the default empties the item)
 * or without ({@code OptionQuery}: use {@link #find}).
 *
 * @param <V> the value type: a record, a primitive wrapper, a string, an enum or a Vavr collection
 */
public final class StorageValue<V> extends StorageItem<StorageValue.Root<V>> {
  private final V defaultValue;

  private StorageValue(String pallet, String name, V defaultValue) {
    super(pallet, name);
    this.defaultValue = defaultValue;
  }

  /** A value with no default ({@code OptionQuery}). */
  public static <V> StorageValue<V> optional(String pallet, String name) {
    return new StorageValue<>(pallet, name, null);
  }

  /** A value with a default ({@code ValueQuery}). */
  public static <V> StorageValue<V> withDefault(String pallet, String name, V defaultValue) {
    return new StorageValue<>(pallet, name, Objects.requireNonNull(defaultValue));
  }

  /** The stored value, if any. */
  public Option<V> find(StateView view) {
    Root<V> r = rootIn(view);
    return r == null ? Option.none() : Option.some(r.value());
  }

  /** The stored value, else the default (else {@code null} for an item without default). */
  public V get(StateView view) {
    Root<V> r = rootIn(view);
    return r == null ? defaultValue : r.value();
  }

  /** Whether a value is stored. */
  public boolean exists(StateView view) {
    return rootIn(view) != null;
  }

  /** Stores {@code value}; storing the default or {@code null} empties the item. */
  public void put(Tx tx, V value) {
    if (value == null || value.equals(defaultValue)) {
      setRoot(tx, null);
    } else {
      setRoot(tx, new Root<>(value));
    }
  }

  /** Empties the item. */
  public void kill(Tx tx) {
    setRoot(tx, null);
  }

  /** Replaces the value (or default) with {@code f} of it and returns the new value. */
  public V mutate(Tx tx, UnaryOperator<V> f) {
    V next = f.apply(get(tx));
    put(tx, next);
    return next;
  }

  /** The default, or {@code null}. */
  public V defaultValue() {
    return defaultValue;
  }

  /**
   * The root of a storage value: the value and its hash, computed on first use (the state hash at
   * the block's end) rather than on every write, so a value written many times in a block is hashed
   * once. An immutable value, safe to share between threads (see {@link CachedStateHash}).
   */
  public static final class Root<V> extends CachedStateHash {
    private final V value;

    /** A root of {@code value}, hashed when first asked. */
    public Root(V value) {
      this.value = value;
    }

    /**
     * A root of {@code value} whose {@link StateHasher#hash} is {@code hash} (not checked): for
     * code that rebuilds a root whose hash it knows, e.g. a decoder.
     */
    public Root(V value, long hash) {
      super(hash);
      this.value = value;
    }

    /** The stored value. */
    public V value() {
      return value;
    }

    /** {@link StateHasher#hash} of the value. */
    public long hash() {
      return stateHash();
    }

    @Override
    protected long computeStateHash() {
      return StateHasher.hash(value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Root<?> r && Objects.equals(value, r.value);
    }

    @Override
    public int hashCode() {
      return Objects.hashCode(value);
    }

    @Override
    public String toString() {
      return "StorageValue.Root[value=" + value + "]";
    }
  }
}
