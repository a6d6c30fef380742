package dev.palletsim.reward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.traits.FilterEstimate;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code reward_actor_test.rs} construction and KPI tests with their numbers (atto
 * amounts, {@link Minting.Baseline#filecoinAtto}), and the fixed schedule.
 */
class RewardStateTest {
  private static final Minting.Baseline ATTO = Minting.Baseline.filecoinAtto();
  private static final BigInteger EPOCH_ZERO_REWARD = new BigInteger("36266264293777134739");

  @Test
  void constructWithZeroPower() {
    RewardState st = RewardState.genesis(ATTO, BigInteger.ZERO);
    assertThat(st.epoch()).isZero();
    assertThat(st.cumsumRealized()).isZero();
    assertThat(st.thisEpochReward()).isEqualTo(EPOCH_ZERO_REWARD);
    assertThat(st.thisEpochBaselinePower())
        .isEqualTo(BaselineMinting.BASELINE_INITIAL_VALUE.subtract(BigInteger.ONE));
    assertThat(st.effectiveBaselinePower()).isEqualTo(BaselineMinting.BASELINE_INITIAL_VALUE);
  }

  @Test
  void constructWithLessPowerThanBaseline() {
    BigInteger power = BigInteger.ONE.shiftLeft(39);
    RewardState st = RewardState.genesis(ATTO, power);
    assertThat(st.epoch()).isZero();
    assertThat(st.cumsumRealized()).isEqualTo(power);
    assertThat(st.thisEpochReward()).isPositive();
  }

  @Test
  void constructWithMorePowerThanBaselinePaysTheBaselineReward() {
    BigInteger atBaseline =
        RewardState.genesis(ATTO, BaselineMinting.BASELINE_INITIAL_VALUE).thisEpochReward();
    BigInteger doubled =
        RewardState.genesis(ATTO, BaselineMinting.BASELINE_INITIAL_VALUE.shiftLeft(1))
            .thisEpochReward();
    assertThat(doubled).isEqualTo(atBaseline);
    // realised power above the baseline mints the baseline's share: more than with none
    assertThat(atBaseline).isGreaterThan(EPOCH_ZERO_REWARD);
  }

  @Test
  void successiveKpiUpdatesAdvanceOneEpochEach() {
    BigInteger power = BigInteger.ONE.shiftLeft(50);
    RewardState st = RewardState.genesis(ATTO, power);
    for (long e = 1; e <= 3; e++) {
      RewardState next = st.updateNetworkKpi(ATTO, e, power);
      assertThat(next.epoch()).isEqualTo(e + 1);
      assertThat(next.cumsumRealized()).isGreaterThan(st.cumsumRealized());
      // the smoothed estimate took in this block's reward
      assertThat(next.thisEpochRewardSmoothed())
          .isEqualTo(st.thisEpochRewardSmoothed().next(next.thisEpochReward(), e + 1 - st.epoch()));
      st = next;
    }
  }

  @Test
  void kpiUpdateCatchesUpSkippedEpochs() {
    RewardState st = RewardState.genesis(ATTO, BigInteger.ZERO);
    RewardState jumped = st.updateNetworkKpi(ATTO, 5, BigInteger.ZERO);
    RewardState stepped = st;
    for (int i = 0; i < 5; i++) stepped = stepped.nextEpoch(BigInteger.ZERO);
    stepped = stepped.nextEpochWithReward(ATTO, BigInteger.ZERO);
    assertThat(jumped.epoch()).isEqualTo(6);
    assertThat(jumped.thisEpochReward()).isEqualTo(stepped.thisEpochReward());
    assertThat(jumped.thisEpochBaselinePower()).isEqualTo(stepped.thisEpochBaselinePower());
  }

  @Test
  void withoutPowerOnlySimpleMintingIsPaid() {
    RewardState st = RewardState.genesis(ATTO, BigInteger.ZERO);
    for (long e = 0; e < 10; e++) st = st.updateNetworkKpi(ATTO, e, BigInteger.ZERO);
    assertThat(st.effectiveNetworkTime()).isZero();
    assertThat(st.thisEpochReward())
        .isEqualTo(
            BaselineMinting.reward(
                st.epoch(),
                BigInteger.ZERO,
                BigInteger.ZERO,
                ATTO.simpleTotal(),
                ATTO.baselineTotal()));
  }

  @Test
  void filecoinPlanckConstantsAreTheAttoOnesScaled() {
    Minting.Baseline planck = Minting.Baseline.filecoin();
    BigInteger scale = BigInteger.TEN.pow(8);
    assertThat(planck.simpleTotal().multiply(scale)).isEqualTo(ATTO.simpleTotal());
    assertThat(planck.baselineTotal().multiply(scale)).isEqualTo(ATTO.baselineTotal());
    assertThat(planck.initialRewardPosition()).isEqualTo(BigInteger.valueOf(362_662_603_081L));
    assertThat(planck.initialRewardVelocity()).isEqualTo(BigInteger.valueOf(-1_099));
    // the epoch-0 reward in planck is the atto one scaled, rounded down (homogeneous formula)
    BigInteger reward = RewardState.genesis(planck, BigInteger.ZERO).thisEpochReward();
    assertThat(reward).isEqualTo(EPOCH_ZERO_REWARD.divide(scale));
  }

  @Test
  void fixedScheduleDecaysOncePerPeriod() {
    Minting.Fixed halving = new Minting.Fixed(1_000, 10, 1, 2, BigInteger.TEN);
    assertThat(halving.rewardAt(1)).isEqualTo(1_000);
    assertThat(halving.rewardAt(10)).isEqualTo(1_000);
    assertThat(halving.rewardAt(11)).isEqualTo(500);
    assertThat(halving.rewardAt(21)).isEqualTo(250);
    RewardState st = RewardState.genesis(halving, BigInteger.ZERO);
    for (long b = 1; b <= 25; b++) {
      assertThat(st.thisEpochReward().longValueExact())
          .as("block %d", st.epoch())
          .isEqualTo(st.epoch() == 0 ? 1_000 : halving.rewardAt(st.epoch()));
      st = st.updateNetworkKpi(halving, b - 1, BigInteger.ZERO);
      assertThat(st.epoch()).isEqualTo(b);
    }
    assertThat(st.thisEpochBaselinePower()).isEqualTo(BigInteger.TEN);
  }

  @Test
  void aConstantScheduleKeepsAConstantEstimate() {
    Minting.Fixed constant = Minting.Fixed.constant(777, BigInteger.ONE);
    RewardState st = RewardState.genesis(constant, BigInteger.ZERO);
    for (long b = 0; b < 50; b++) st = st.updateNetworkKpi(constant, b, BigInteger.ZERO);
    assertThat(st.thisEpochRewardSmoothed()).isEqualTo(FilterEstimate.constant(777));
  }
}
