package dev.palletsim.reward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.traits.Q128;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/reward/src/logic.rs} tests (themselves specs-actors' {@code
 * reward_logic_test.go}), with their numbers: the effective network time θ, the simple and baseline
 * reward curves (rows of the {@code TestSimpleReward} and {@code TestBaselineReward} golden files,
 * in attoFIL) and the baseline's yearly doubling.
 */
class BaselineMintingTest {
  private static final long EPOCHS_IN_YEAR = 365L * 2_880;
  private static final Minting.Baseline ATTO = Minting.Baseline.filecoinAtto();

  private static double q128ToDouble(BigInteger x) {
    return new BigDecimal(x).divide(new BigDecimal(Q128.ONE), MathContext.DECIMAL64).doubleValue();
  }

  private static BigInteger baselinePowerAt(long epoch) {
    return BigInteger.valueOf((epoch + 1) * 2048);
  }

  @Test
  void rewardThetaInterpolatesTheLastBaselineEpoch() {
    assertThat(
            q128ToDouble(
                BaselineMinting.rewardTheta(
                    1,
                    baselinePowerAt(1),
                    BigInteger.valueOf(2048 + 2 * 2048 / 2),
                    BigInteger.valueOf(2048 + 2 * 2048))))
        .isEqualTo(0.5);
    assertThat(
            q128ToDouble(
                BaselineMinting.rewardTheta(
                    1,
                    baselinePowerAt(1),
                    BigInteger.valueOf(2048 + 2 * 2048 / 4),
                    BigInteger.valueOf(2048 + 2 * 2048))))
        .isEqualTo(0.25);
    BigInteger cumsum15 = BigInteger.ZERO;
    for (long e = 0; e < 16; e++) cumsum15 = cumsum15.add(baselinePowerAt(e));
    assertThat(
            q128ToDouble(
                BaselineMinting.rewardTheta(
                    16,
                    baselinePowerAt(16),
                    cumsum15.add(baselinePowerAt(16).divide(BigInteger.valueOf(4))),
                    cumsum15.add(baselinePowerAt(16)))))
        .isEqualTo(15.25);
  }

  @Test
  void rewardThetaIsZeroAtTimeZero() {
    assertThat(
            BaselineMinting.rewardTheta(0, BigInteger.TEN, BigInteger.ONE, BigInteger.valueOf(5)))
        .isZero();
  }

  private static BigInteger simple(long epoch) {
    return BaselineMinting.reward(
        epoch, BigInteger.ZERO, BigInteger.ZERO, ATTO.simpleTotal(), ATTO.baselineTotal());
  }

  @Test
  void simpleRewardFollowsTheGoldenCurve() {
    // rows of TestSimpleReward.golden: x = i · 5000 for i in [0, 512)
    assertThat(simple(0)).isEqualTo(new BigInteger("36266264293777134739"));
    assertThat(simple(5_000)).isEqualTo(new BigInteger("36246341860983438171"));
    assertThat(simple(10_000)).isEqualTo(new BigInteger("36226430372336764970"));
    assertThat(simple(490_000)).isEqualTo(new BigInteger("34364980812279232031"));
    assertThat(simple(495_000)).isEqualTo(new BigInteger("34346102826525215998"));
    assertThat(simple(2_550_000)).isEqualTo(new BigInteger("27402894630223092384"));
    assertThat(simple(2_555_000)).isEqualTo(new BigInteger("27387841182142501307"));
  }

  @Test
  void baselineRewardFollowsTheGoldenCurve() {
    BigInteger step =
        BigInteger.valueOf(5000).shiftLeft(128).subtract(BigInteger.valueOf(77_777_777_777L));
    BigInteger delta = Q128.ONE.subtract(BigInteger.valueOf(33_333_333_333L));
    BigInteger simple = simple(0);
    BigInteger prev = BigInteger.ZERO;
    BigInteger theta = delta;
    BigInteger[] rows = new BigInteger[512];
    for (int i = 0; i < 512; i++) {
      rows[i] =
          BaselineMinting.reward(0, prev, theta, ATTO.simpleTotal(), ATTO.baselineTotal())
              .subtract(simple);
      prev = prev.add(step);
      theta = theta.add(step);
    }
    assertThat(rows[0]).isEqualTo(new BigInteger("84621274052457285111"));
    assertThat(rows[1]).isEqualTo(new BigInteger("84574788381047331439"));
    assertThat(rows[198]).isEqualTo(new BigInteger("75897740493393799256"));
    assertThat(rows[511]).isEqualTo(new BigInteger("63904955735320338264"));
  }

  @Test
  void baselineDoublesInAYear() {
    BigInteger[] starts = {
      BigInteger.ONE.shiftLeft(30),
      BigInteger.ONE.shiftLeft(40),
      BigInteger.ONE.shiftLeft(50),
      BaselineMinting.BASELINE_INITIAL_VALUE,
      BigInteger.ONE.shiftLeft(70),
      new BigInteger("513633559722596517")
    };
    double[] bounds = {1e-3, 1e-6, 1e-8, 1e-8, 1e-8, 1e-8};
    for (int c = 0; c < starts.length; c++) {
      BigInteger b = starts[c];
      for (long e = 0; e < EPOCHS_IN_YEAR; e++) b = BaselineMinting.baselinePowerFromPrev(b);
      BigInteger expected = starts[c].shiftLeft(1);
      double relativeError =
          new BigDecimal(expected.subtract(b))
              .divide(new BigDecimal(expected), MathContext.DECIMAL64)
              .doubleValue();
      assertThat(relativeError).as("start %s", starts[c]).isLessThan(bounds[c]);
    }
  }

  @Test
  void expnegOfZeroIsOne() {
    assertThat(BaselineMinting.expneg(BigInteger.ZERO)).isEqualTo(Q128.ONE);
    // e^-1 ≈ 0.36787944117144233
    assertThat(q128ToDouble(BaselineMinting.expneg(Q128.ONE)))
        .isCloseTo(0.36787944117144233, org.assertj.core.data.Offset.offset(1e-15));
  }
}
