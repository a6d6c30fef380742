package dev.palletsim.frame.traits;

import java.math.BigInteger;

/**
 * Fixed-point arithmetic in Q.128 as builtin-actors' reward and power actors do it ({@code
 * builtin::reward::math}): {@link #PRECISION} fractional bits, polynomials evaluated by Horner's
 * rule with a shift after each product, and divisions rounding towards negative infinity as Rust's
 * {@code BigInt::div_floor} does (Java's {@link BigInteger#divide} truncates towards zero). Shared
 * by the smoothing of {@link FilterEstimate}s and the reward pallet's minting functions, so that
 * every formula rounds as Filecoin's.
 */
public final class Q128 {
  private Q128() {}

  /** Fractional bits ({@code PRECISION}). */
  public static final int PRECISION = 128;

  /** 1 in Q.128. */
  public static final BigInteger ONE = BigInteger.ONE.shiftLeft(PRECISION);

  /** Division rounding towards negative infinity (Rust's {@code div_floor}). */
  public static BigInteger floorDiv(BigInteger a, BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() != 0 && qr[1].signum() != b.signum()
        ? qr[0].subtract(BigInteger.ONE)
        : qr[0];
  }

  /**
   * The polynomial with coefficients {@code poly} (Q.128, highest order first) at {@code x}
   * (Q.128), in Q.128 ({@code poly_val}).
   */
  public static BigInteger polyVal(BigInteger[] poly, BigInteger x) {
    BigInteger res = BigInteger.ZERO;
    for (BigInteger c : poly) res = res.multiply(x).shiftRight(PRECISION).add(c);
    return res;
  }

  /** Decimal coefficients as big integers ({@code poly_parse}). */
  public static BigInteger[] parse(String... values) {
    BigInteger[] out = new BigInteger[values.length];
    for (int i = 0; i < values.length; i++) out[i] = new BigInteger(values[i]);
    return out;
  }
}
