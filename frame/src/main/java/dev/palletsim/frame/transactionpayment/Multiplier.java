package dev.palletsim.frame.transactionpayment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * pallet-transaction-payment's fee {@code Multiplier}: sp-arithmetic's {@code FixedU128}, an
 * unsigned fixed-point number with 18 decimals held as its inner integer ({@code inner / 10^18}),
 * between 0 and {@code (2^128 − 1) / 10^18}. Every operation saturates at those bounds, as
 * FixedU128's {@code saturating_*} do, and rounds towards zero, as its {@code checked_mul}, {@code
 * checked_div}, {@code checked_from_rational} and {@code checked_mul_int} do for non-negative
 * values. A record, so a saved chain stores it as its inner integer with no codec of its own.
 *
 * @param inner the value times 10^18, in [0, 2^128 − 1]
 */
public record Multiplier(BigInteger inner) implements Comparable<Multiplier> {
  /** FixedU128's accuracy, {@code DIV}: 10^18. */
  public static final BigInteger DIV = BigInteger.TEN.pow(18);

  private static final BigInteger MAX_INNER =
      BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

  /** 0. */
  public static final Multiplier ZERO = new Multiplier(BigInteger.ZERO);

  /** 1, the multiplier at genesis ({@code MULTIPLIER_DEFAULT_VALUE}). */
  public static final Multiplier ONE = new Multiplier(DIV);

  /** The largest value, FixedU128's {@code Bounded::max_value()}. */
  public static final Multiplier MAX = new Multiplier(MAX_INNER);

  /** Rejects an inner value outside [0, 2^128 − 1]. */
  public Multiplier {
    if (inner == null || inner.signum() < 0 || inner.compareTo(MAX_INNER) > 0) {
      throw new IllegalArgumentException(
          "a multiplier's inner value is in [0, 2^128 − 1]: " + inner);
    }
  }

  /** The multiplier whose inner value is {@code inner} ({@code from_inner}). */
  public static Multiplier fromInner(long inner) {
    return new Multiplier(BigInteger.valueOf(inner));
  }

  /** {@code n}, saturating ({@code saturating_from_integer}). */
  public static Multiplier ofInteger(long n) {
    if (n < 0) throw new IllegalArgumentException("a multiplier is not negative: " + n);
    return saturated(BigInteger.valueOf(n).multiply(DIV));
  }

  /** {@code n / d} rounded down, saturating ({@code saturating_from_rational}). */
  public static Multiplier ofRational(long n, long d) {
    return ofRational(BigInteger.valueOf(n), BigInteger.valueOf(d));
  }

  /**
   * {@code n / d} rounded down, saturating; {@code d} must be positive and {@code n} not negative.
   */
  public static Multiplier ofRational(BigInteger n, BigInteger d) {
    if (d.signum() <= 0 || n.signum() < 0) {
      throw new IllegalArgumentException("a multiplier is a non-negative ratio: " + n + "/" + d);
    }
    return saturated(n.multiply(DIV).divide(d));
  }

  /**
   * Parses {@code "0.25"}, {@code "1"}, {@code "75/1000000"} or {@code "max"}: the written forms of
   * scenario files. Decimals beyond the 18th are an error rather than silently dropped.
   */
  public static Multiplier parse(String text) {
    String s = text.strip();
    if (s.equalsIgnoreCase("max")) return MAX;
    try {
      int slash = s.indexOf('/');
      if (slash >= 0) {
        return ofRational(
            new BigInteger(s.substring(0, slash).strip()),
            new BigInteger(s.substring(slash + 1).strip()));
      }
      BigDecimal v = new BigDecimal(s);
      if (v.signum() < 0) throw new IllegalArgumentException("a multiplier is not negative: " + s);
      return saturated(v.movePointRight(18).toBigIntegerExact());
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a multiplier (a decimal with at most 18 places, a ratio n/d, or max): " + text, e);
    }
  }

  private static Multiplier saturated(BigInteger inner) {
    if (inner.signum() < 0) return ZERO;
    return inner.compareTo(MAX_INNER) > 0 ? MAX : new Multiplier(inner);
  }

  /** {@code this + other}, saturating. */
  public Multiplier plus(Multiplier other) {
    return saturated(inner.add(other.inner));
  }

  /** {@code this − other}, saturating at 0. */
  public Multiplier minus(Multiplier other) {
    return saturated(inner.subtract(other.inner));
  }

  /** {@code this × other} rounded down, saturating. */
  public Multiplier times(Multiplier other) {
    return saturated(inner.multiply(other.inner).divide(DIV));
  }

  /** {@code this / n} rounded down ({@code n} positive). */
  public Multiplier dividedBy(long n) {
    if (n <= 0) throw new IllegalArgumentException("divisor must be positive: " + n);
    return new Multiplier(inner.divide(BigInteger.valueOf(n)));
  }

  /**
   * {@code this × amount} rounded down, saturating at {@link Long#MAX_VALUE} ({@code
   * saturating_mul_int}): how the weight fee is adjusted.
   */
  public long timesAmount(long amount) {
    if (amount < 0) throw new IllegalArgumentException("amount must not be negative: " + amount);
    BigInteger r = inner.multiply(BigInteger.valueOf(amount)).divide(DIV);
    return r.bitLength() < 64 ? r.longValue() : Long.MAX_VALUE;
  }

  /** This value clamped into [{@code min}, {@code max}]. */
  public Multiplier clamp(Multiplier min, Multiplier max) {
    if (compareTo(min) < 0) return min;
    return compareTo(max) > 0 ? max : this;
  }

  /** The value as a double (for reports and reference computations). */
  public double toDouble() {
    return new BigDecimal(inner).movePointLeft(18).doubleValue();
  }

  @Override
  public int compareTo(Multiplier o) {
    return inner.compareTo(o.inner);
  }

  /** The exact decimal value, e.g. {@code 0.000075}. */
  @Override
  public String toString() {
    if (equals(MAX)) return "max";
    BigDecimal v = new BigDecimal(inner).movePointLeft(18).stripTrailingZeros();
    return v.scale() < 0
        ? v.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
        : v.toPlainString();
  }
}
