package dev.palletsim.sim;

import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageItem;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.World;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/**
 * Reads storage and record fields for expectations and reports ({@code
 * Balances.Account[alice].free} in a scenario file). It reads through the typed storage item, so an
 * absent entry of an item with a default reads as that default, as FRAME's {@code ValueQuery} does.
 * Pallet code never needs this; it uses its storage items directly.
 */
public final class StorageReader {
  private StorageReader() {}

  /**
   * The value of {@code item} (at {@code key1}, and {@code key2} for double maps; ignored for
   * values), then down the record field path {@code fields}; {@code null} when an entry without
   * default is absent.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Object read(
      World world, StorageItem<?> item, Object key1, Object key2, List<String> fields) {
    Object value;
    if (item instanceof StorageValue v) {
      value = v.get(world);
    } else if (item instanceof StorageMap m) {
      value = m.get(world, (Comparable) key1);
    } else if (item instanceof StorageDoubleMap d) {
      value = d.find(world, (Comparable) key1, (Comparable) key2).getOrNull();
    } else if (item instanceof IndexedStorageMap ix) {
      value = ix.find(world, (Long) key1).getOrNull();
    } else {
      throw new IllegalStateException("unsupported storage item " + item);
    }
    for (String f : fields) {
      if (value == null) return null;
      value = fieldOf(value, f);
    }
    return value;
  }

  /** The record field {@code name} of {@code value}; an error if it has no such field. */
  public static Object fieldOf(Object value, String name) {
    if (value.getClass().isRecord()) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        if (c.getName().equals(name)) {
          try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(value);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read field " + name, e);
          }
        }
      }
    }
    throw new IllegalArgumentException(value.getClass().getSimpleName() + " has no field " + name);
  }

  /**
   * Whether a value read from the chain equals a scenario's value: integers exactly, other numbers
   * by their double value, everything else by {@code equals}.
   */
  public static boolean sameValue(Object actual, Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      boolean integral =
          (a instanceof Long || a instanceof Integer || a instanceof Short || a instanceof Byte)
              && (e instanceof Long || e instanceof Integer);
      return integral ? a.longValue() == e.longValue() : a.doubleValue() == e.doubleValue();
    }
    return Objects.equals(actual, expected);
  }
}
