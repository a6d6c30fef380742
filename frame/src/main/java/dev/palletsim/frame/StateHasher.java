package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Bytes;
import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;

/**
 * Deterministic 64-bit hashing of stored values, the basis of the state hash (ARCHITECTURE §3).
 *
 * <p>Java's {@code hashCode} is not usable: enums and arrays hash by identity, which changes from
 * one JVM run to the next. This hasher walks a value structurally instead: primitives and strings
 * by content, enums by class and constant name, records component by component, Vavr sequences in
 * order, Vavr sets and maps order-independently (a sum of element hashes), {@link StateHashed}
 * values by their own hash. Anything else (a mutable JDK collection, an arbitrary object) is
 * rejected with an {@link IllegalArgumentException}: storage holds immutable values only.
 */
public final class StateHasher {
  private StateHasher() {}

  private static final long NULL_HASH = 0x6e756c6c6e756c6cL;

  /**
   * Per record class, one hasher per component: primitive {@code long}, {@code int} and {@code
   * boolean} components are read through exactly typed handles and hashed as their boxed values
   * would be (no boxing, no type dispatch), other components through {@link #hash}.
   */
  private static final ClassValue<Component[]> RECORD_COMPONENTS =
      new ClassValue<>() {
        @Override
        protected Component[] computeValue(Class<?> type) {
          RecordComponent[] components = type.getRecordComponents();
          Component[] out = new Component[components.length];
          for (int i = 0; i < components.length; i++) {
            MethodHandle handle;
            try {
              var accessor = components[i].getAccessor();
              accessor.setAccessible(true);
              handle = MethodHandles.lookup().unreflect(accessor);
            } catch (IllegalAccessException | RuntimeException e) {
              throw new IllegalArgumentException("cannot read record " + type.getName(), e);
            }
            Class<?> t = components[i].getType();
            Kind kind =
                t == long.class
                    ? Kind.LONG
                    : t == int.class ? Kind.INT : t == boolean.class ? Kind.BOOLEAN : Kind.OBJECT;
            Class<?> read = kind == Kind.OBJECT ? Object.class : t;
            out[i] = new Component(kind, handle.asType(MethodType.methodType(read, Record.class)));
          }
          return out;
        }
      };

  /** How a record component is read and hashed. */
  private enum Kind {
    LONG,
    INT,
    BOOLEAN,
    OBJECT
  }

  /** Hashes one component of a record through an accessor typed {@code (Record) -> kind}. */
  private record Component(Kind kind, MethodHandle accessor) {
    long hash(Record r) throws Throwable {
      return switch (kind) {
        case LONG -> ofLong((long) accessor.invokeExact(r));
        case INT -> ofInt((int) accessor.invokeExact(r));
        case BOOLEAN -> ofBoolean((boolean) accessor.invokeExact(r));
        case OBJECT -> StateHasher.hash((Object) accessor.invokeExact(r));
      };
    }
  }

  private static final ClassValue<Long> CLASS_SEED =
      new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
          return ofString(type.getName());
        }
      };

  /** The hash of {@code value}; see the class comment for what is accepted. */
  public static long hash(Object value) {
    if (value == null) return NULL_HASH;
    // the commonest stored values first (the classes are disjoint: the order changes no hash)
    if (value instanceof Long l) return ofLong(l);
    if (value instanceof StateHashed h) return h.stateHash();
    if (value instanceof Integer i) return ofInt(i);
    if (value instanceof String s) return ofString(s);
    if (value instanceof Boolean b) return ofBoolean(b);
    if (value instanceof Enum<?> e) {
      return Bytes.mix(CLASS_SEED.get(e.getDeclaringClass()), ofString(e.name()));
    }
    if (value instanceof Record r) return ofRecord(r);
    if (value instanceof Option<?> o) {
      return o.isEmpty() ? 0x4e6f6e65L : Bytes.mix(0x536f6d65L, hash(o.get()));
    }
    if (value instanceof Seq<?> seq) {
      long h = 0x5365710000000000L ^ seq.size();
      for (Object e : seq) h = Bytes.mix(h, hash(e));
      return h;
    }
    if (value instanceof Set<?> set) {
      long sum = 0;
      for (Object e : set) sum += hash(e);
      return Bytes.mix(0x5365740000000000L ^ set.size(), sum);
    }
    if (value instanceof Map<?, ?> map) {
      long sum = 0;
      for (Tuple2<?, ?> e : map) sum += entry(e._1, e._2);
      return Bytes.mix(0x4d61700000000000L ^ map.size(), sum);
    }
    if (value instanceof byte[] bytes) return ofBytes(bytes);
    if (value instanceof Short s) return Bytes.fmix(s.longValue() ^ 0x53686f7274L);
    if (value instanceof Byte b) return Bytes.fmix(b.longValue() ^ 0x42797465L);
    if (value instanceof Character c) return Bytes.fmix((long) c ^ 0x43686172L);
    if (value instanceof BigInteger b) return Bytes.mix(0x426967496e74L, ofBytes(b.toByteArray()));
    throw new IllegalArgumentException(
        "not a storable value (use records, primitives, strings, enums and Vavr collections): "
            + value.getClass().getName());
  }

  private static long ofLong(long l) {
    return Bytes.fmix(l ^ 0x4c6f6e67L);
  }

  private static long ofInt(int i) {
    return Bytes.fmix((long) i ^ 0x496e74L);
  }

  private static long ofBoolean(boolean b) {
    return b ? 0x7472756574727565L : 0x66616c7365000000L;
  }

  /** The hash of a key-value entry, as maps and storage maps sum them. */
  public static long entry(Object key, Object value) {
    return entryOf(entryKey(key), value);
  }

  /** The key's part of {@link #entry}: for hashing several values under one key. */
  static long entryKey(Object key) {
    return Bytes.mix(0x456e747279L, hash(key));
  }

  /** {@link #entry} from the key's part, {@link #entryKey}. */
  static long entryOf(long entryKey, Object value) {
    return Bytes.mix(entryKey, hash(value));
  }

  /** A 64-bit hash of the UTF-16 code units of {@code s}. */
  public static long ofString(String s) {
    long h = 0x537472696e67L ^ s.length();
    for (int i = 0; i < s.length(); i++) {
      h = h * 0x100000001b3L + s.charAt(i);
    }
    return Bytes.fmix(h);
  }

  /** A 64-bit hash of the bytes of {@code b}. */
  public static long ofBytes(byte[] b) {
    long h = 0x4279746573L ^ b.length;
    for (byte x : b) {
      h = h * 0x100000001b3L + (x & 0xff);
    }
    return Bytes.fmix(h);
  }

  private static long ofRecord(Record r) {
    Class<?> type = r.getClass();
    long h = CLASS_SEED.get(type);
    for (Component c : RECORD_COMPONENTS.get(type)) {
      long component;
      try {
        component = c.hash(r);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException("cannot read a component of " + type.getName(), t);
      }
      h = Bytes.mix(h, component);
    }
    return h;
  }
}
