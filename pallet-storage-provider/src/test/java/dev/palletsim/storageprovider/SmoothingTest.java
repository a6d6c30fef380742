package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.traits.FilterEstimate;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The cumulative ratio of smoothed estimates against builtin-actors' own tests of it ({@code
 * runtime/src/builtin/reward/smooth/alpha_beta_filter.rs}): the fixed-point logarithm's values,
 * constant estimates exactly, and moving estimates within 350 parts per million of the epoch-by-
 * epoch sum.
 */
class SmoothingTest {
  static final int P = FilterEstimate.PRECISION;
  static final BigInteger ERR_BOUND = BigInteger.valueOf(350);

  static BigInteger q(String v) {
    return new BigInteger(v);
  }

  @Test
  void naturalLog() {
    String[][] cases = {
      {"340282366920938463463374607431768211456", "0"},
      {"924990000000000000000000000000000000000", "340282366920938463463374607431768211456"},
      {
        "34028236692093846346337460743176821145600000000000000000000",
        "15670582109617661336106769654068947397831"
      },
      {
        "6805647338418769269267492148635364229120000000000000000000000",
        "17473506083804940763855390762239996622013"
      },
      {"204169000000000000000000000000000000", "-2524410000000000000000000000000000000000"},
      {"34028236692093846346337460743", "-7835291054808830668053384827034473698915"},
    };
    for (String[] c : cases) {
      assertThat(Smoothing.ln(q(c[0])).shiftRight(P)).isEqualTo(q(c[1]).shiftRight(P));
    }
  }

  @Test
  void constantEstimate() {
    FilterEstimate num = FilterEstimate.constant(4_000_000);
    FilterEstimate den = FilterEstimate.constant(1);
    BigInteger csr1 = Smoothing.extrapolatedCumSumOfRatio(1000, 0, num, den).shiftRight(P);
    assertThat(csr1).isEqualTo(BigInteger.valueOf(4_000_000_000L));
    // the start does not matter at zero velocity
    assertThat(
            Smoothing.extrapolatedCumSumOfRatio(1000, 1_000_000_000_000_000L, num, den)
                .shiftRight(P))
        .isEqualTo(csr1);
    // 10^12 / (200 · 10^12) over 100 epochs: one half, visible only in Q.128
    BigInteger frac =
        Smoothing.extrapolatedCumSumOfRatio(
            100,
            0,
            FilterEstimate.constant(1_000_000_000_000L),
            FilterEstimate.constant(200_000_000_000_000L));
    assertThat(frac.shiftRight(P)).isZero();
    assertThat(frac.multiply(BigInteger.valueOf(10_000).shiftLeft(P)).shiftRight(2 * P))
        .isEqualTo(BigInteger.valueOf(5000));
  }

  @Test
  void bothPositiveVelocity() {
    assertErrBound(FilterEstimate.of(111, 12), FilterEstimate.of(3456, 8), 10_000, 0);
  }

  @Test
  void flippedSigns() {
    assertErrBound(FilterEstimate.of(1_000_000, -100), FilterEstimate.of(70_000, 1000), 100_000, 0);
  }

  @Test
  void valuesInRange() {
    BigInteger tensOfFil = BigInteger.valueOf(50).multiply(BigInteger.TEN.pow(18));
    FilterEstimate slow = FilterEstimate.of(tensOfFil, BigInteger.valueOf(25));
    FilterEstimate fast = FilterEstimate.of(tensOfFil, BigInteger.valueOf(100));
    BigInteger tensOfEiBs = BigInteger.TEN.pow(19);
    BigInteger thousandsOfEiBs = BigInteger.valueOf(2).multiply(BigInteger.TEN.pow(22));
    BigInteger day = BigInteger.valueOf(2880);
    BigInteger[] velocities = {
      BigInteger.ONE,
      BigInteger.valueOf(10).shiftLeft(50).divide(day),
      BigInteger.ONE.shiftLeft(60).divide(day)
    };
    for (BigInteger position : new BigInteger[] {tensOfEiBs, thousandsOfEiBs}) {
      for (BigInteger v : velocities) {
        FilterEstimate power = FilterEstimate.of(position, v);
        assertErrBound(slow, power, 2880, 0);
        assertErrBound(fast, power, 2880, 0);
      }
    }
  }

  @Test
  void roundingIsTowardsNegativeInfinity() {
    assertThat(Smoothing.floorDiv(BigInteger.valueOf(-100), BigInteger.valueOf(3)))
        .isEqualTo(BigInteger.valueOf(-34));
    assertThat(Smoothing.floorDiv(BigInteger.valueOf(200), BigInteger.valueOf(3)))
        .isEqualTo(BigInteger.valueOf(66));
  }

  /** The analytic sum against the trapezoid sum epoch by epoch, in parts per million. */
  static void assertErrBound(FilterEstimate num, FilterEstimate den, long delta, long t0) {
    BigInteger analytic = Smoothing.extrapolatedCumSumOfRatio(delta, t0, num, den);
    BigInteger iterative = iterative(num, den, t0, delta);
    BigInteger diff = analytic.subtract(iterative).shiftLeft(P);
    BigInteger ratio = Smoothing.floorDiv(diff, analytic);
    BigInteger perMillion =
        ratio.multiply(BigInteger.valueOf(1_000_000).shiftLeft(P)).abs().shiftRight(2 * P);
    assertThat(perMillion).isLessThan(ERR_BOUND);
  }

  static BigInteger extrapolate(FilterEstimate e, long t) {
    return e.velocity().multiply(BigInteger.valueOf(t).shiftLeft(P)).add(e.position().shiftLeft(P));
  }

  static BigInteger iterative(FilterEstimate num, FilterEstimate den, long t0, long delta) {
    BigInteger ratio = BigInteger.ZERO;
    for (long i = 0; i < delta; i++) {
      BigInteger n = extrapolate(num, t0 + i);
      BigInteger d = extrapolate(den, t0 + i).shiftRight(P);
      BigInteger epsilon = Smoothing.floorDiv(n, d);
      if (i != 0 && i != delta - 1) epsilon = epsilon.shiftLeft(1);
      ratio = ratio.add(epsilon);
    }
    return Smoothing.floorDiv(ratio, BigInteger.TWO);
  }
}
