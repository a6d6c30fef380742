package dev.palletsim.frame.transactionpayment;

import dev.palletsim.frame.Weight;
import java.math.BigInteger;

/**
 * pallet-transaction-payment's {@code TargetedFeeAdjustment}: the fee multiplier of the next block
 * from the previous one and how full the block was. With {@code s} the weight of the block's
 * extrinsics (capped at the limit {@code m}), {@code s'} the target ({@code targetBlockFullness ×
 * m}) and {@code v} the adjustment variable, {@code diff = |s − s'| / m} and
 *
 * <pre>
 *   next = previous × (1 + v·diff + (v·diff)²/2)   when s ≥ s'
 *   next = previous × (1 − (v·diff − (v·diff)²/2)) when s &lt; s'
 * </pre>
 *
 * clamped into [{@code minimum}, {@code maximum}], a previous value below the minimum first raised
 * to it. The arithmetic is upstream's step for step in {@link Multiplier}'s FixedU128 (rounding
 * down), the target {@code Perquintill × weight} rounded to nearest with ties down, as
 * sp-arithmetic's {@code Perquintill} multiplication rounds. palletsim has one dispatch class and
 * one weight dimension (reference time), so {@code m} is the block weight limit and {@code s} the
 * weight of every extrinsic of the block (their actual weight, after refunds, as frame-system's
 * {@code BlockWeight} counts the normal class), without the hooks'.
 *
 * <p>Polkadot's and its system parachains' {@code SlowAdjustingFeeUpdate} is {@link #POLKADOT}.
 *
 * @param targetBlockFullness {@code s'} as a fraction of the limit (a Perquintill, at most 1)
 * @param adjustmentVariable {@code v}
 * @param minimum the smallest multiplier
 * @param maximum the largest multiplier
 */
public record TargetedFeeAdjustment(
    Multiplier targetBlockFullness,
    Multiplier adjustmentVariable,
    Multiplier minimum,
    Multiplier maximum) {

  /**
   * polkadot-sdk's {@code polkadot_runtime_common::SlowAdjustingFeeUpdate}: a 25% target, {@code v
   * = 75/1,000,000}, at least 0.1, no maximum.
   */
  public static final TargetedFeeAdjustment POLKADOT =
      new TargetedFeeAdjustment(
          Multiplier.ofRational(1, 4),
          Multiplier.ofRational(75, 1_000_000),
          Multiplier.ofRational(1, 10),
          Multiplier.MAX);

  /** Rejects a target above 1 and a minimum above the maximum. */
  public TargetedFeeAdjustment {
    if (targetBlockFullness == null
        || adjustmentVariable == null
        || minimum == null
        || maximum == null) {
      throw new IllegalArgumentException("every parameter of the fee adjustment is required");
    }
    if (targetBlockFullness.compareTo(Multiplier.ONE) > 0) {
      throw new IllegalArgumentException(
          "the target block fullness is a fraction of at most 1: " + targetBlockFullness);
    }
    if (minimum.compareTo(maximum) > 0) {
      throw new IllegalArgumentException(
          "the minimum multiplier " + minimum + " is above the maximum " + maximum);
    }
  }

  /** The target weight of a block whose limit is {@code limit}: {@code s'}. */
  public long targetWeight(long limit) {
    BigInteger[] qr =
        BigInteger.valueOf(limit)
            .multiply(targetBlockFullness.inner())
            .divideAndRemainder(Multiplier.DIV);
    BigInteger q = qr[0];
    // nearest, ties down: round up only when the remainder is more than half
    if (qr[1].shiftLeft(1).compareTo(Multiplier.DIV) > 0) q = q.add(BigInteger.ONE);
    return q.longValueExact();
  }

  /**
   * The multiplier after a block whose extrinsics weighed {@code blockWeight} under the limit
   * {@code limit}, the multiplier having been {@code previous}.
   */
  public Multiplier next(Multiplier previous, Weight blockWeight, Weight limit) {
    Multiplier prev = previous.compareTo(minimum) < 0 ? minimum : previous;
    long max = limit.refTime();
    long block = Math.min(blockWeight.refTime(), max);
    long target = targetWeight(max);
    boolean positive = block >= target;
    long diffAbs = Math.max(block, target) - Math.min(block, target);
    Multiplier diff = Multiplier.ofRational(diffAbs, Math.max(max, 1));
    Multiplier diffSquared = diff.times(diff);
    Multiplier vSquaredHalf = adjustmentVariable.times(adjustmentVariable).dividedBy(2);
    Multiplier first = adjustmentVariable.times(diff);
    Multiplier second = vSquaredHalf.times(diffSquared);
    if (positive) {
      Multiplier excess = first.plus(second).times(prev);
      return prev.plus(excess).clamp(minimum, maximum);
    }
    Multiplier negative = first.minus(second).times(prev);
    return prev.minus(negative).clamp(minimum, maximum);
  }
}
