package dev.palletsim.runtime.sim;

import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.MapRoot;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.World;
import io.vavr.control.Option;
import java.lang.reflect.RecordComponent;

/**
 * Reads storage by name, for scenario files and reports: {@code Market.NextDealId}, {@code
 * Balances.Account[alice].free}. Pallet code never needs this; it uses typed storage items.
 */
public final class StorageReader {
  private StorageReader() {}

  /**
   * The value of item {@code itemKey} (at {@code key} for maps, {@code null} for values), then
   * following the dotted record field path {@code fields} ({@code ""} for none); none when absent.
   */
  public static Option<Object> read(World world, String itemKey, Object key, String fields) {
    Object root = world.rootByKey(itemKey);
    if (root == null) return Option.none();
    Object value;
    if (root instanceof StorageValue.Root<?> r) {
      value = r.value();
    } else if (root instanceof MapRoot<?, ?> m) {
      value = lookup(m, key);
    } else if (root instanceof IndexedStorageMap.Root<?> ix) {
      value = ix.get(key instanceof Number n ? n.longValue() : -1);
    } else {
      throw new IllegalArgumentException("cannot read " + itemKey + " by name");
    }
    if (value instanceof MapRoot<?, ?> inner
        && key instanceof java.util.List<?> pair
        && pair.size() == 2) {
      value = lookup(inner, pair.get(1));
    }
    if (value == null) return Option.none();
    if (fields != null && !fields.isEmpty()) {
      for (String f : fields.split("\\.")) {
        value = field(value, f);
        if (value == null) return Option.none();
      }
    }
    return Option.some(value);
  }

  @SuppressWarnings("unchecked")
  private static Object lookup(MapRoot<?, ?> root, Object key) {
    Object k = key instanceof java.util.List<?> pair && pair.size() == 2 ? pair.get(0) : key;
    if (k instanceof Integer i) k = i.longValue();
    return ((MapRoot<Object, Object>) root).map().get(k).getOrNull();
  }

  private static Object field(Object value, String name) {
    if (!value.getClass().isRecord()) {
      throw new IllegalArgumentException(
          value.getClass().getSimpleName() + " has no field " + name);
    }
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          var accessor = c.getAccessor();
          accessor.setAccessible(true);
          return accessor.invoke(value);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + name, e);
        }
      }
    }
    throw new IllegalArgumentException(value.getClass().getSimpleName() + " has no field " + name);
  }

  /** Whether two scenario values are equal: numbers by value, everything else by equals/text. */
  public static boolean sameValue(Object actual, Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      return a.doubleValue() == e.doubleValue();
    }
    if (actual == null || expected == null) return actual == expected;
    return actual.equals(expected) || String.valueOf(actual).equals(String.valueOf(expected));
  }

  /** The record field {@code name} of {@code value} (for matching event fields). */
  public static Object fieldOf(Object value, String name) {
    return field(value, name);
  }
}
