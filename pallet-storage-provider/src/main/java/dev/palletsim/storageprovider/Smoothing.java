package dev.palletsim.storageprovider;

import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.Q128;
import java.math.BigInteger;

/**
 * The integral of the ratio of two smoothed estimates over a projection period: builtin-actors'
 * {@code extrapolated_cum_sum_of_ratio} (reward actor's {@code smooth} module), the core of every
 * {@code BR(t)}. With {@code x₁(t) = p₁ + v₁·t} the reward and {@code x₂(t) = p₂ + v₂·t} the
 * network power, it returns {@code ∫ x₁/x₂ dt} over {@code [t₀, t₀ + Δ]} in Q.128:
 *
 * <ul>
 *   <li>when {@code v₂²} (in Q.128) is at most {@code ε = 2⁻⁵⁰}, the denominator is taken as
 *       constant: {@code (p₁ + v₁·(t₀ + Δ/2)) · Δ / p₂};
 *   <li>otherwise the closed form {@code (v₁·(v₂·Δ + p₂·(ln x₂(t₀) − ln x₂(t₀+Δ))) + p₁·v₂·(ln
 *       x₂(t₀+Δ) − ln x₂(t₀))) / v₂²}, with builtin-actors' fixed-point natural logarithm (a
 *       rational approximation on [1, 2) after taking out powers of two).
 * </ul>
 *
 * Every shift and division rounds towards negative infinity, as Rust's {@code BigInt} does, so the
 * results are bit-for-bit builtin-actors'.
 */
final class Smoothing {
  private Smoothing() {}

  private static final int PRECISION = FilterEstimate.PRECISION;

  // the rational approximation of ln on [1, 2), coefficients in Q.128, highest order first
  private static final BigInteger[] LN_NUM =
      Q128.parse(
          "261417938209272870992496419296200268025",
          "7266615505142943436908456158054846846897",
          "32458783941900493142649393804518050491988",
          "17078670566130897220338060387082146864806",
          "-35150353308172866634071793531642638290419",
          "-20351202052858059355702509232125230498980",
          "-1563932590352680681114104005183375350999");
  private static final BigInteger[] LN_DENOM =
      Q128.parse(
          "49928077726659937662124949977867279384",
          "2508163877009111928787629628566491583994",
          "21757751789594546643737445330202599887121",
          "53400635271583923415775576342898617051826",
          "41248834748603606604000911015235164348839",
          "9015227820322455780436733526367238305537",
          "340282366920938463463374607431768211456");
  private static final BigInteger LN_2 = new BigInteger("235865763225513294137944142764154484399");
  private static final BigInteger EPSILON = BigInteger.ONE.shiftLeft(78);

  /** {@code ∫ num/denom} over {@code delta} blocks from {@code relativeStart}, in Q.128. */
  static BigInteger extrapolatedCumSumOfRatio(
      long delta, long relativeStart, FilterEstimate num, FilterEstimate denom) {
    BigInteger deltaT = BigInteger.valueOf(delta).shiftLeft(PRECISION);
    BigInteger t0 = BigInteger.valueOf(relativeStart).shiftLeft(PRECISION);
    BigInteger p1 = num.position();
    BigInteger p2 = denom.position();
    BigInteger v1 = num.velocity();
    BigInteger v2 = denom.velocity();
    BigInteger v2Squared = v2.multiply(v2).shiftRight(PRECISION);
    if (v2Squared.compareTo(EPSILON) > 0) {
      BigInteger x2a = v2.multiply(t0).shiftRight(PRECISION).add(p2);
      BigInteger x2b = v2.multiply(deltaT).shiftRight(PRECISION).add(x2a);
      BigInteger lnA = ln(x2a);
      BigInteger lnB = ln(x2b);
      BigInteger m1 = lnB.subtract(lnA).multiply(p1).multiply(v2).shiftRight(PRECISION);
      BigInteger m2 =
          lnA.subtract(lnB)
              .multiply(p2)
              .add(v2.multiply(deltaT))
              .multiply(v1)
              .shiftRight(PRECISION);
      return floorDiv(m2.add(m1), v2Squared);
    }
    BigInteger mid = v1.multiply(t0.add(deltaT.shiftRight(1))).shiftRight(PRECISION).add(p1);
    return floorDiv(mid.multiply(deltaT), p2);
  }

  /** The natural logarithm of a positive Q.128 number, in Q.128. */
  static BigInteger ln(BigInteger z) {
    long k = z.abs().bitLength() - 1L - PRECISION; // Rust counts the magnitude's bits
    BigInteger x = k > 0 ? z.shiftRight((int) k) : z.shiftLeft((int) -k);
    return BigInteger.valueOf(k).multiply(LN_2).add(lnBetweenOneAndTwo(x));
  }

  private static BigInteger lnBetweenOneAndTwo(BigInteger x) {
    return floorDiv(Q128.polyVal(LN_NUM, x).shiftLeft(PRECISION), Q128.polyVal(LN_DENOM, x));
  }

  /** Division rounding towards negative infinity (Rust's {@code div_floor}). */
  static BigInteger floorDiv(BigInteger a, BigInteger b) {
    return Q128.floorDiv(a, b);
  }
}
