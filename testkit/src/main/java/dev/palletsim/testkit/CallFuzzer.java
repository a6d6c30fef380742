package dev.palletsim.testkit;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.PalletBug;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.primitives.PeerId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Random;

/**
 * Dispatches every call of a runtime with hostile arguments — nulls, negative and extreme numbers,
 * empty and oversized lists, unknown accounts, nested records built the same way — from signed,
 * Root and None origins, and reports every case where an exception escaped a pallet or a failed
 * call changed the world. This is the standard's "bad input of any shape gets a clear typed error
 * and loses nothing", checked mechanically for every call type a runtime lists.
 */
public final class CallFuzzer {
  private final Random rng;
  private final int listLimit;

  private CallFuzzer(long seed, int listLimit) {
    this.rng = new Random(seed);
    this.listLimit = listLimit;
  }

  /** What a fuzz run found. */
  public record Report(int dispatched, int succeeded, java.util.List<String> problems) {}

  /**
   * Fuzzes every call type of {@code chain}'s runtime with {@code variants} argument sets each,
   * from each origin kind. Mutates {@code chain} (successful calls apply); run it on a fork.
   */
  public static Report fuzz(Chain chain, long seed, int variants) {
    return new CallFuzzer(seed, 2_000).run(chain, chain.runtime().callTypes(), variants);
  }

  /** Fuzzes the given call types only. */
  public static Report fuzz(
      Chain chain, Seq<Class<? extends Call<?>>> types, long seed, int variants) {
    return new CallFuzzer(seed, 2_000).run(chain, types, variants);
  }

  private Report run(Chain chain, Seq<Class<? extends Call<?>>> types, int variants) {
    var problems = new ArrayList<String>();
    int dispatched = 0;
    int ok = 0;
    Seq<Origin> origins =
        List.of(
            Origin.signed(Dev.ALICE),
            Origin.signed(Dev.account("fuzz-stranger")),
            Origin.root(),
            Origin.none());
    for (Class<? extends Call<?>> type : types) {
      for (int v = 0; v < variants; v++) {
        Call<?> call;
        try {
          call = (Call<?>) build(type, 0);
        } catch (ReflectiveOperationException | RuntimeException e) {
          problems.add("cannot build " + type.getSimpleName() + ": " + e);
          continue;
        }
        for (Origin origin : origins) {
          long before = chain.stateHash();
          World beforeWorld = chain.world();
          DispatchOutcome out;
          try {
            out = chain.dispatch(origin, call);
          } catch (PalletBug bug) {
            problems.add(
                type.getSimpleName() + " from " + origin + " with " + call + ": " + bug.getCause());
            continue;
          } catch (RuntimeException e) {
            problems.add(type.getSimpleName() + " from " + origin + " threw " + e);
            continue;
          }
          dispatched++;
          if (out.isSuccess()) {
            ok++;
          } else if (chain.stateHash() != before) {
            // in a runtime charging fees a signed failure pays its fee and nothing more
            Option<String> beyond =
                chain.runtime().transactionPayment().isEmpty()
                    ? Option.some("changed the world")
                    : FeeEffects.beyondTheFee(
                        chain.runtime(), beforeWorld, chain.world(), out, chain.author());
            beyond.forEach(
                b -> problems.add(type.getSimpleName() + " failed but " + b + ": " + call));
          }
        }
      }
      chain.nextBlock();
    }
    return new Report(dispatched, ok, problems);
  }

  private Object build(Class<?> type, int depth) throws ReflectiveOperationException {
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) return null;
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = value(components[i].getType(), components[i].getGenericType(), depth);
    }
    Constructor<?> ctor = type.getDeclaredConstructor(types);
    ctor.setAccessible(true);
    return ctor.newInstance(args);
  }

  private Object value(Class<?> type, Type generic, int depth) throws ReflectiveOperationException {
    boolean nullable = !type.isPrimitive();
    if (nullable && rng.nextInt(6) == 0) return null;
    if (type == long.class || type == Long.class) {
      long[] picks = {
        -1, 0, 1, 2, 7, 128, 1L << 20, Long.MAX_VALUE, Long.MIN_VALUE, rng.nextInt(1000)
      };
      return picks[rng.nextInt(picks.length)];
    }
    if (type == int.class || type == Integer.class) {
      int[] picks = {-1, 0, 1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE, rng.nextInt(100)};
      return picks[rng.nextInt(picks.length)];
    }
    if (type == boolean.class || type == Boolean.class) return rng.nextBoolean();
    if (type == String.class) {
      String[] picks = {"", "x", "label", "a".repeat(300), "ü∑\u0000"};
      return picks[rng.nextInt(picks.length)];
    }
    if (type == AccountId.class) {
      return rng.nextBoolean()
          ? Dev.ALL.get(rng.nextInt(Dev.ALL.size()))
          : Dev.account("fuzz-" + rng.nextInt(5));
    }
    if (type == H256.class) return rng.nextBoolean() ? H256.ZERO : H256.of(randomBytes(32));
    if (type == Cid.class) {
      int pick = rng.nextInt(3);
      return pick == 0
          ? Cid.UNDEFINED
          : pick == 1 ? Cid.unsealed(randomBytes(32)) : Cid.sealed(randomBytes(32));
    }
    if (type == PeerId.class)
      return new PeerId(rng.nextBoolean() ? "" : "12D3KooW" + "x".repeat(rng.nextInt(200)));
    if (type == byte[].class) return randomBytes(rng.nextInt(3) == 0 ? 0 : 1 + rng.nextInt(300));
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      return constants[rng.nextInt(constants.length)];
    }
    if (type == Option.class) {
      if (rng.nextBoolean()) return Option.none();
      return Option.of(value(elementClass(generic), elementType(generic), depth + 1));
    }
    if (Seq.class.isAssignableFrom(type)) {
      int size;
      int pick = rng.nextInt(5);
      size = pick == 0 ? 0 : pick == 4 ? listLimit : 1 + rng.nextInt(3);
      if (depth > 2) size = Math.min(size, 2);
      Vector<Object> out = Vector.empty();
      Class<?> elementClass = elementClass(generic);
      for (int i = 0; i < size; i++) {
        out =
            out.append(
                i == 1 && rng.nextInt(4) == 0
                    ? null
                    : value(elementClass, elementType(generic), depth + 1));
      }
      return type.isAssignableFrom(Vector.class)
          ? out
          : type.isAssignableFrom(List.class) ? out.toList() : out;
    }
    if (type.isRecord() && depth < 4) return build(type, depth + 1);
    return null;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    rng.nextBytes(b);
    return b;
  }

  private static Type elementType(Type generic) {
    if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length > 0) {
      return p.getActualTypeArguments()[0];
    }
    return Object.class;
  }

  private static Class<?> elementClass(Type generic) {
    Type t = elementType(generic);
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) return c;
    return Object.class;
  }
}
