package dev.palletsim.frame.transactionpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.Weight;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link TargetedFeeAdjustment} against polkadot-sdk's own tests of it ({@code multiplier_tests} of
 * the substrate node runtime), with Polkadot's {@code SlowAdjustingFeeUpdate} parameters: the
 * fixed-point result within 100 inner units (10^-16) of the formula computed in doubles, the
 * minimum holding and recoverable, the change over a day of full blocks above its bound, no change
 * at the target, saturation at the maximum.
 */
class TargetedFeeAdjustmentTest {
  static final TargetedFeeAdjustment ADJ = TargetedFeeAdjustment.POLKADOT;

  /** The block weight limit: 2 s, palletsim's default. */
  static final Weight MAX = Weight.ofMicros(2_000_000);

  static final long TARGET = MAX.refTime() / 4;

  /** upstream's {@code truth_value_update}: the formula in doubles. */
  static double truth(long blockWeight, Multiplier previous) {
    double prev = Math.max(previous.toDouble(), ADJ.minimum().toDouble());
    double m = MAX.refTime();
    double s = Math.min(blockWeight, MAX.refTime());
    double ss = 0.25 * m;
    double v = 0.000075;
    double t1 = v * (s / m - ss / m);
    double t2 = v * v * Math.pow(s / m - ss / m, 2) / 2.0;
    return prev * (1.0 + t1 + t2);
  }

  static void assertNearTruth(Multiplier next, double truth) {
    BigInteger expected = new java.math.BigDecimal(truth).movePointRight(18).toBigInteger();
    assertThat(next.inner().subtract(expected).abs())
        .as("%s against %s", next, truth)
        .isLessThanOrEqualTo(BigInteger.valueOf(100));
  }

  @Test
  void followsTheFormulaForEmptyTargetHalfAndFullBlocks() {
    Multiplier half = Multiplier.ofRational(1, 2);
    for (long w : new long[] {0, 100, 1000, TARGET, MAX.refTime() / 2, MAX.refTime()}) {
      assertNearTruth(ADJ.next(half, new Weight(w), MAX), truth(w, half));
    }
  }

  @Test
  void lightBlocksLowerItHeavyOnesRaiseItAndTheTargetKeepsIt() {
    Multiplier half = Multiplier.ofRational(1, 2);
    assertThat(ADJ.next(half, new Weight(TARGET / 4), MAX)).isLessThan(half);
    assertThat(ADJ.next(half, new Weight(TARGET / 2), MAX)).isLessThan(half);
    assertThat(ADJ.next(half, new Weight(TARGET), MAX)).isEqualTo(half);
    assertThat(ADJ.next(half, new Weight(TARGET * 2), MAX)).isGreaterThan(half);
  }

  @Test
  void growsFromTheMinimumOnABlockOnePercentOverTheTarget() {
    Multiplier next = ADJ.next(ADJ.minimum(), new Weight(TARGET * 101 / 100), MAX);
    assertThat(next).isGreaterThan(ADJ.minimum());
  }

  @Test
  void neverGoesBelowTheMinimumAndRaisesALowerPreviousToIt() {
    assertThat(ADJ.next(ADJ.minimum(), Weight.ZERO, MAX)).isEqualTo(ADJ.minimum());
    assertThat(ADJ.next(Multiplier.ZERO, Weight.ZERO, MAX)).isEqualTo(ADJ.minimum());
  }

  @Test
  void growsEveryBlockFromZeroOnBigBlocks() {
    Multiplier m = Multiplier.ZERO;
    for (int i = 0; i < 1_000; i++) {
      Multiplier next = ADJ.next(m, new Weight(TARGET * 2), MAX);
      assertNearTruth(next, truth(TARGET * 2, m));
      assertThat(next).isGreaterThan(m);
      m = next;
    }
  }

  /**
   * upstream's {@code min_change_per_day}: over a day of full blocks the multiplier grows by at
   * least {@code v·k·(1 − s')}; here {@code 0.000075 × 14,400 × 0.75 = 0.81}.
   */
  @Test
  void aDayOfFullBlocksRaisesItByAtLeastTheResearchBound() {
    Multiplier m = Multiplier.ONE;
    for (int i = 0; i < 14_400; i++) m = ADJ.next(m, MAX, MAX);
    assertThat(m).isGreaterThan(Multiplier.ofRational(181, 100));
    // and by no more than compounding the per-block factor: (1 + 0.75v + (0.75v)²/2)^14400
    double factor = 1 + 0.75 * 0.000075 + Math.pow(0.75 * 0.000075, 2) / 2;
    assertThat(m.toDouble())
        .isCloseTo(Math.pow(factor, 14_400), org.assertj.core.data.Offset.offset(1e-9));
  }

  /**
   * upstream's {@code time_to_reach_zero}: on empty blocks the multiplier falls from 1 to the
   * minimum 0.1 in {@code ln 10 / −ln(1 − v·s' + (v·s')²/2)} blocks, about 122,800.
   */
  @Test
  void emptyBlocksTakeTheComputedNumberOfBlocksToReachTheMinimum() {
    Multiplier m = Multiplier.ONE;
    long blocks = 0;
    while (!m.equals(ADJ.minimum())) {
      m = ADJ.next(m, Weight.ZERO, MAX);
      blocks++;
    }
    double x = 0.000075 * 0.25;
    double expected = Math.log(10) / -Math.log(1 - x + x * x / 2);
    assertThat((double) blocks).isCloseTo(expected, org.assertj.core.data.Offset.offset(2.0));
  }

  @Test
  void saturatesAtTheMaximum() {
    for (long w : new long[] {TARGET + 100, TARGET * 2, TARGET * 4}) {
      assertThat(ADJ.next(Multiplier.MAX, new Weight(w), MAX)).isEqualTo(Multiplier.MAX);
    }
  }

  @Test
  void theTargetRoundsToNearestWithTiesDown() {
    TargetedFeeAdjustment third =
        new TargetedFeeAdjustment(
            Multiplier.ofRational(1, 3), ADJ.adjustmentVariable(), ADJ.minimum(), ADJ.maximum());
    // 1/3 is 0.333…333 (18 threes): 2 × that = 0.666…666 → 1 (nearest); 1 × that = 0.33 → 0
    assertThat(third.targetWeight(2)).isEqualTo(1);
    assertThat(third.targetWeight(1)).isEqualTo(0);
    TargetedFeeAdjustment half =
        new TargetedFeeAdjustment(
            Multiplier.ofRational(1, 2), ADJ.adjustmentVariable(), ADJ.minimum(), ADJ.maximum());
    assertThat(half.targetWeight(3)).as("1.5, a tie, goes down").isEqualTo(1);
  }

  @Test
  void rejectsATargetAboveOneAndAMinimumAboveTheMaximum() {
    assertThatThrownBy(
            () ->
                new TargetedFeeAdjustment(
                    Multiplier.ofInteger(2),
                    ADJ.adjustmentVariable(),
                    ADJ.minimum(),
                    ADJ.maximum()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new TargetedFeeAdjustment(
                    ADJ.targetBlockFullness(),
                    ADJ.adjustmentVariable(),
                    Multiplier.ONE,
                    Multiplier.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
