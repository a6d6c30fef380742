package dev.palletsim.benchmarks.tools;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.Predicate;

/**
 * Estimates the heap an object graph holds, for the per-storage-item breakdown of {@link
 * MemoryProbe}: walks every reachable object once and adds up HotSpot's layout on a 64-bit JVM with
 * compressed oops and class pointers (heaps under 32 GiB): a 12-byte header, 4-byte references,
 * fields at their natural sizes, arrays with a 16-byte header, everything rounded up to 8 bytes.
 * Field packing gaps are ignored, so this is an estimate; {@link MemoryProbe} checks it against the
 * heap measured after a full GC.
 *
 * <p>Strings and boxed primitives are sized without reflection (their fields are private to {@code
 * java.base}); other JDK objects count their header only and are not followed (none is expected in
 * chain state); objects matching {@code shared} (interned accounts, enum constants) are neither
 * counted nor followed, since they belong to no single item.
 */
public final class HeapWalker {
  private static final ClassValue<Field[]> FIELDS =
      new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
          List<Field> out = new ArrayList<>();
          for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
              if (Modifier.isStatic(f.getModifiers())) continue;
              f.setAccessible(true);
              out.add(f);
            }
          }
          return out.toArray(new Field[0]);
        }
      };

  private static final ClassValue<Long> SHALLOW =
      new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
          long size = 12;
          for (Field f : FIELDS.get(type)) size += sizeOf(f.getType());
          return align(size);
        }
      };

  private final Predicate<Object> shared;
  private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
  private long opaque;

  /** A walker that skips the objects {@code shared} accepts. */
  public HeapWalker(Predicate<Object> shared) {
    this.shared = shared;
  }

  /**
   * The bytes reachable from {@code root} and not yet counted by this walker (so walking several
   * roots with one walker counts what they share once, in the first).
   */
  public long size(Object root) {
    long total = 0;
    ArrayDeque<Object> stack = new ArrayDeque<>();
    push(stack, root);
    while (!stack.isEmpty()) {
      Object o = stack.pop();
      Class<?> type = o.getClass();
      if (type.isArray()) {
        Class<?> component = type.getComponentType();
        int n = java.lang.reflect.Array.getLength(o);
        total += align(16 + (long) n * sizeOf(component));
        if (!component.isPrimitive()) {
          for (Object e : (Object[]) o) push(stack, e);
        }
      } else if (o instanceof String s) {
        total += 24 + align(16 + s.length());
      } else if (o instanceof Long || o instanceof Double) {
        total += 24;
      } else if (o instanceof Number || o instanceof Boolean || o instanceof Character) {
        total += 16;
      } else if (type.getName().startsWith("java.") || type.getName().startsWith("jdk.")) {
        total += 16;
        opaque++;
      } else {
        total += SHALLOW.get(type);
        for (Field f : FIELDS.get(type)) {
          if (f.getType().isPrimitive()) continue;
          try {
            push(stack, f.get(o));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return total;
  }

  private void push(ArrayDeque<Object> stack, Object o) {
    if (o == null || shared.test(o) || seen.put(o, Boolean.TRUE) != null) return;
    stack.push(o);
  }

  /** JDK objects met whose insides were not followed. */
  public long opaqueObjects() {
    return opaque;
  }

  /** The size of a field or array element of {@code type}. */
  static long sizeOf(Class<?> type) {
    if (!type.isPrimitive()) return 4;
    if (type == long.class || type == double.class) return 8;
    if (type == int.class || type == float.class) return 4;
    if (type == short.class || type == char.class) return 2;
    return 1;
  }

  /** {@code bytes} rounded up to a multiple of 8. */
  static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}
