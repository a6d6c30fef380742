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

  /** This estimate with its position at {@code position} whole units, the velocity unchanged. */
  public FilterEstimate withPosition(long position) {
    return new FilterEstimate(BigInteger.valueOf(position).shiftLeft(PRECISION), velocity);
  }

  /**
   * builtin-actors' {@code DEFAULT_ALPHA} (Q.128, ≈ 9.25·10⁻⁴): the share of an observation's
   * residual the position takes in.
   */
  public static final BigInteger DEFAULT_ALPHA =
      new BigInteger("314760000000000000000000000000000000");

  /**
   * builtin-actors' {@code DEFAULT_BETA} (Q.128, ≈ 2.84·10⁻⁷): the share of the residual per block
   * the velocity takes in.
   */
  public static final BigInteger DEFAULT_BETA = new BigInteger("96640100000000000000000000000000");

  /**
   * The next estimate after observing {@code observation} (whole units) {@code blocks} blocks after
   * this one, with builtin-actors' default gains: the alpha-beta filter of the reward actor's
   * smoothed reward and the power actor's smoothed QA power ({@code
   * AlphaBetaFilter::next_estimate}).
   */
  public FilterEstimate next(BigInteger observation, long blocks) {
    return next(observation, blocks, DEFAULT_ALPHA, DEFAULT_BETA);
  }

  /**
   * The alpha-beta filter step with gains {@code alpha} and {@code beta} (Q.128): the position is
   * extrapolated by the velocity over {@code blocks}, then both are revised by the residual of the
   * observation. Shifts and divisions round towards negative infinity, as Rust's {@code BigInt}
   * does, so the results are builtin-actors' bit for bit.
   */
  public FilterEstimate next(
      BigInteger observation, long blocks, BigInteger alpha, BigInteger beta) {
    if (blocks <= 0) throw new IllegalArgumentException("blocks must be positive: " + blocks);
    BigInteger deltaT = BigInteger.valueOf(blocks).shiftLeft(PRECISION);
    BigInteger extrapolated = deltaT.multiply(velocity).shiftRight(PRECISION).add(position);
    BigInteger residual = observation.shiftLeft(PRECISION).subtract(extrapolated);
    BigInteger nextPosition = extrapolated.add(alpha.multiply(residual).shiftRight(PRECISION));
    BigInteger nextVelocity = Q128.floorDiv(residual.multiply(beta), deltaT).add(velocity);
    return new FilterEstimate(nextPosition, nextVelocity);
  }
}
