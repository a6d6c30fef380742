package dev.palletsim.frame;

/**
 * Computational weight in picoseconds of reference time (Substrate's {@code Weight::ref_time};
 * palletsim does not model proof size). {@link WeightCosts} turns counted storage reads, writes and
 * processed items into weight.
 *
 * @param refTime picoseconds of execution on the reference machine
 */
public record Weight(long refTime) implements Comparable<Weight> {
  /** No weight. */
  public static final Weight ZERO = new Weight(0);

  /** Picoseconds in one microsecond. */
  public static final long PICOS_PER_MICRO = 1_000_000L;

  /** {@code micros} microseconds of weight. */
  public static Weight ofMicros(long micros) {
    return new Weight(Math.multiplyExact(micros, PICOS_PER_MICRO));
  }

  /** The sum, saturating at {@link Long#MAX_VALUE}. */
  public Weight plus(Weight other) {
    long r = refTime + other.refTime;
    return new Weight(r < 0 ? Long.MAX_VALUE : r);
  }

  /** The difference, never below zero. */
  public Weight minus(Weight other) {
    return new Weight(Math.max(0, refTime - other.refTime));
  }

  /** {@code n} times this weight, saturating at {@link Long#MAX_VALUE}; {@code n} below 0 is 0. */
  public Weight times(long n) {
    if (n <= 0) return ZERO;
    try {
      return new Weight(Math.multiplyExact(refTime, n));
    } catch (ArithmeticException overflow) {
      return new Weight(Long.MAX_VALUE);
    }
  }

  /**
   * The number of elements of a call argument, for weight declarations: {@code 0} for {@code null}
   * (a weight is read before the call checks its arguments, so it must not fail on hostile ones).
   */
  public static int countOf(Iterable<?> items) {
    if (items == null) return 0;
    if (items instanceof java.util.Collection<?> c) return c.size();
    if (items instanceof io.vavr.collection.Traversable<?> t) return t.size();
    int n = 0;
    for (Object ignored : items) n++;
    return n;
  }

  /** This weight in microseconds, rounded down. */
  public long micros() {
    return refTime / PICOS_PER_MICRO;
  }

  @Override
  public int compareTo(Weight o) {
    return Long.compare(refTime, o.refTime);
  }
}
