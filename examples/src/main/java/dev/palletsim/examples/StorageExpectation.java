package dev.palletsim.examples;

import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.runtime.sim.Expectation;
import dev.palletsim.runtime.sim.Metrics;
import dev.palletsim.runtime.sim.Verdict;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/**
 * A scenario's {@code storage:} expectation: after a block (or at the end), a storage item (at a
 * key, down a record field path) equals a value. It reads through the typed storage item, so an
 * absent entry of an item with a default reads as that default, as FRAME's {@code ValueQuery} does;
 * {@code equals: null} expects an absent entry of an item without default.
 */
final class StorageExpectation implements Expectation {
  private final String description;
  private final RuntimeCatalog.StorageInfo info;
  private final Object key1;
  private final Object key2;
  private final List<String> fields;
  private final Object expected;
  private final long at;
  private final boolean tokens;

  StorageExpectation(
      String description,
      RuntimeCatalog.StorageInfo info,
      Object key1,
      Object key2,
      List<String> fields,
      Object expected,
      long at,
      boolean tokens) {
    this.description = description;
    this.info = info;
    this.key1 = key1;
    this.key2 = key2;
    this.fields = List.copyOf(fields);
    this.expected = expected;
    this.at = at;
    this.tokens = tokens;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
    return block.number() == at ? check(world, block.number()) : Verdict.PENDING;
  }

  @Override
  public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
    return check(world, lastBlock);
  }

  private Verdict check(World world, long block) {
    Object actual = read(world);
    return same(actual, expected)
        ? new Verdict.Met(block)
        : new Verdict.Failed(block, "expected " + description + ", found " + show(actual));
  }

  private String show(Object actual) {
    if (tokens && actual instanceof Long l) return Show.tokens(l) + " (" + l + " planck)";
    return Show.value(actual);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  Object read(World world) {
    Object value;
    if (info.item() instanceof StorageValue v) {
      value = v.get(world);
    } else if (info.item() instanceof StorageMap m) {
      value = m.get(world, (Comparable) key1);
    } else if (info.item() instanceof StorageDoubleMap d) {
      value = d.find(world, (Comparable) key1, (Comparable) key2).getOrNull();
    } else if (info.item() instanceof IndexedStorageMap ix) {
      value = ix.find(world, (Long) key1).getOrNull();
    } else {
      throw new IllegalStateException("unsupported storage item " + info.item());
    }
    for (String f : fields) {
      if (value == null) return null;
      value = component(value, f);
    }
    return value;
  }

  private static Object component(Object value, String name) {
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
    throw new IllegalStateException(value.getClass().getSimpleName() + " has no field " + name);
  }

  static boolean same(Object actual, Object expected) {
    if (actual instanceof Number a && expected instanceof Number e) {
      boolean integral =
          (a instanceof Long || a instanceof Integer || a instanceof Short || a instanceof Byte)
              && (e instanceof Long || e instanceof Integer);
      return integral ? a.longValue() == e.longValue() : a.doubleValue() == e.doubleValue();
    }
    return Objects.equals(actual, expected);
  }
}
