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

  /** This weight in microseconds, rounded down. */
  public long micros() {
    return refTime / PICOS_PER_MICRO;
  }

  @Override
  public int compareTo(Weight o) {
    return Long.compare(refTime, o.refTime);
  }
}
