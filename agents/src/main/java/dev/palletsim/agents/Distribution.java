package dev.palletsim.agents;

import dev.palletsim.sim.Params;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A distribution of whole numbers (amounts, sizes, blocks) a client agent draws its requests' terms
 * from with its own random stream. In a scenario file: a value ({@code 2 KIB}, {@code 300}), a
 * uniform range {@code {uniform: [100, 500]}} (both ends included) or a choice {@code {choice:
 * [512, 1024, 2048]}} (each equally likely; repeat a value to weight it).
 */
public sealed interface Distribution {
  /** A draw. */
  long draw(RandomGenerator random);

  /** The smallest value it can draw. */
  long min();

  /** The largest value it can draw. */
  long max();

  /** Always {@code value}. */
  record Fixed(long value) implements Distribution {
    @Override
    public long draw(RandomGenerator random) {
      return value;
    }

    @Override
    public long min() {
      return value;
    }

    @Override
    public long max() {
      return value;
    }
  }

  /** Uniform over {@code [low, high]}. */
  record Uniform(long low, long high) implements Distribution {
    /** Checks the bounds. */
    public Uniform {
      if (high < low)
        throw new IllegalArgumentException("uniform range [" + low + ", " + high + "] is empty");
    }

    @Override
    public long draw(RandomGenerator random) {
      if (high == low) return low;
      long span = high - low + 1;
      return span > 0 ? low + random.nextLong(span) : random.nextLong(low, high);
    }

    @Override
    public long min() {
      return low;
    }

    @Override
    public long max() {
      return high;
    }
  }

  /** One of {@code values}, each equally likely. */
  record Choice(Vector<Long> values) implements Distribution {
    /** Checks there is something to choose. */
    public Choice {
      if (values.isEmpty()) throw new IllegalArgumentException("choice needs at least one value");
    }

    @Override
    public long draw(RandomGenerator random) {
      return values.get(random.nextInt(values.size()));
    }

    @Override
    public long min() {
      return values.min().get();
    }

    @Override
    public long max() {
      return values.max().get();
    }
  }

  /**
   * The distribution written as {@code value} for parameter {@code key} of {@code owner}; errors
   * name both.
   */
  static Distribution parse(String owner, String key, Object value) {
    if (value instanceof Map<?, ?> m) {
      if (m.size() != 1) throw bad(owner, key, value);
      var e = m.entrySet().iterator().next();
      String kind = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof List<?> list) || list.isEmpty()) throw bad(owner, key, value);
      Vector<Long> xs = Vector.empty();
      for (Object x : list) xs = xs.append(amount(owner, key, x));
      try {
        return switch (kind) {
          case "uniform" -> {
            if (xs.size() != 2) throw bad(owner, key, value);
            yield new Uniform(xs.get(0), xs.get(1));
          }
          case "choice" -> new Choice(xs);
          default -> throw bad(owner, key, value);
        };
      } catch (IllegalArgumentException ex) {
        if (ex.getMessage() != null && ex.getMessage().startsWith(owner)) throw ex;
        throw new IllegalArgumentException(
            owner + ": parameter '" + key + "': " + ex.getMessage(), ex);
      }
    }
    return new Fixed(amount(owner, key, value));
  }

  /** A whole number or an amount with a unit ({@code 5 TOKEN}, {@code 2 KIB}). */
  static long amount(String owner, String key, Object value) {
    if (value instanceof Number n && n.doubleValue() == n.longValue()) return n.longValue();
    if (value instanceof String s) {
      try {
        return Params.amount(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            owner
                + ": parameter '"
                + key
                + "' must be a whole number with an optional unit, got "
                + s,
            e);
      }
    }
    throw new IllegalArgumentException(
        owner
            + ": parameter '"
            + key
            + "' must be a whole number with an optional unit, got "
            + value);
  }

  private static IllegalArgumentException bad(String owner, String key, Object value) {
    return new IllegalArgumentException(
        owner
            + ": parameter '"
            + key
            + "' must be a value, {uniform: [min, max]} or {choice: [a, b, …]}, got "
            + value);
  }
}
