package dev.palletsim.frame.traits;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A smoothed estimate of a network quantity and its rate of change per block, as builtin-actors'
 * {@code FilterEstimate} (the alpha-beta filter the reward and power actors keep for the per-epoch
 * reward and the network's quality-adjusted power; filecoin-actors.md §3.9). Both components are in
 * Q.128 fixed point, exactly as Filecoin stores them, so that formulas reading them round as
 * Filecoin's do.
 *
 * @param position the estimate, Q.128
 * @param velocity its change per block, Q.128 (may be negative)
 */
public record FilterEstimate(BigInteger position, BigInteger velocity) {
  /** Fractional bits of the fixed-point representation. */
  public static final int PRECISION = 128;

  /** A null-checked estimate. */
  public FilterEstimate {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(velocity, "velocity");
  }

  /** An estimate of {@code position} changing by {@code velocity} per block (whole units). */
  public static FilterEstimate of(BigInteger position, BigInteger velocity) {
    return new FilterEstimate(position.shiftLeft(PRECISION), velocity.shiftLeft(PRECISION));
  }

  /** {@link #of(BigInteger, BigInteger)} for longs. */
  public static FilterEstimate of(long position, long velocity) {
    return of(BigInteger.valueOf(position), BigInteger.valueOf(velocity));
  }

  /** A constant estimate (zero velocity), as builtin-actors' tests use. */
  public static FilterEstimate constant(BigInteger position) {
    return of(position, BigInteger.ZERO);
  }

  /** {@link #constant(BigInteger)} for a long. */
  public static FilterEstimate constant(long position) {
    return constant(BigInteger.valueOf(position));
  }

  /** The estimate in whole units, rounded down (builtin-actors' {@code estimate()}). */
  public BigInteger estimate() {
    return position.shiftRight(PRECISION);
  }
}
