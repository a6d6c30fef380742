package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkInputs;
import java.math.BigInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The money formulas: the testnet's hand-computed values, builtin-actors' own monies tests ({@code
 * monies_test.rs}, {@code fip0081_initial_pledge.rs}, {@code
 * precommit_deposit_and_initial_pledge_positive_test.rs}, {@code
 * expected_reward_for_power_clampted_at_atto_fil_test.rs}, {@code
 * pledge_penalty_for_termination.rs}, {@code policy_test.rs::daily_proof_fee_calc}) with their
 * attoFIL amounts read as planck (the formulas are homogeneous in the amount unit, see
 * docs/filecoin-parity.md), and the filecoin harness's values derived by hand.
 */
class MoniesTest {
  static final StorageProviderConfig T = StorageProviderConfig.testnet();
  static final NetworkInputs N = NetworkInputs.DEFAULT;

  /** builtin-actors' {@code Policy::default()} with atto amounts as planck: the cap unscaled. */
  static final StorageProviderConfig ATTO =
      StorageProviderConfig.builder()
          .from(StorageProviderConfig.filecoin())
          .initialPledgeMaxPerByteDenominator(1)
          .build();

  static NetworkInputs inputs(
      BigInteger supply, BigInteger baseline, FilterEstimate reward, FilterEstimate power) {
    return new NetworkInputs(supply, baseline, BigInteger.ZERO, reward, power);
  }

  static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  @Test
  void expectedRewardIsPowerTimesDurationTimesRewardOverNetworkPower() {
    // testnet: R = 10^7 planck/block, Q = 2^20 bytes; 2 KiB over 1200 blocks:
    // 2048 · 1200 · 10^7 / 2^20 = 1200 · 10^7 / 512 = 23 437 500
    assertThat(Monies.expectedReward(N, 2048, 1200)).isEqualTo(23_437_500L);
    // 210 blocks: 2.1·10^9 / 512 = 4 101 562.5, rounded down
    assertThat(Monies.expectedReward(N, 2048, 210)).isEqualTo(4_101_562L);
    // power above the network's earns more than the network's reward (no max(Q, p) in BR)
    assertThat(Monies.expectedReward(N, 1L << 21, 1)).isEqualTo(2 * Units.MILLI_TOKEN);
  }

  @Test
  void withoutNetworkPowerTheExpectedRewardIsOneBlocksReward() {
    NetworkInputs empty =
        inputs(big(0), big(0), FilterEstimate.constant(777), FilterEstimate.constant(0));
    assertThat(Monies.expectedReward(empty, 1L << 40, 10_000)).isEqualTo(777);
  }

  @Test
  void theTestnetDepositPledgeAndFeesOfA2KiBSector() {
    // the deposit assumes ten times the sector's power: 10 · 23 437 500
    assertThat(Monies.preCommitDeposit(T, N, 2048)).isEqualTo(234_375_000L);
    // consensus pledge: 3/10 · 10^12 · 2048 / 2^20 = 585 937 500 (no ramp: all baseline)
    assertThat(Monies.consensusPledge(T, N, 2048, 0)).isEqualTo(585_937_500L);
    assertThat(Monies.initialPledge(T, N, 2048, 0)).isEqualTo(23_437_500L + 585_937_500L);
    assertThat(Monies.declaredFaultFee(T, N, 2048)).isEqualTo(4_101_562L);
    assertThat(Monies.continuedFaultFee(T, N, 2048)).isEqualTo(4_101_562L);
    // 330 blocks: 3.3·10^9 / 512 = 6 445 312.5
    assertThat(Monies.detectedFaultPenalty(T, N, 2048)).isEqualTo(6_445_312L);
    assertThat(Monies.detectedFaultPenalty(T, N, 2048))
        .isGreaterThan(Monies.declaredFaultFee(T, N, 2048));
    // 161 817 · 10^12 · 2048 / 10^30 < 1
    assertThat(Monies.dailyFee(T, N, 2048)).isZero();
  }

  @Test
  void theInvalidPoStPenaltyIsFaultFeeAndTwoDaysOfRewardPlusItsBase() {
    // testnet: BR(2 KiB, 330 blocks) = 330 · 10^7 / 512 = 6 445 312.5, + 20 milli-token
    assertThat(Monies.invalidWindowPoStPenalty(T, N, 2048)).isEqualTo(6_445_312L + 200_000_000L);
    // builtin-actors' pledge_penalty_for_invalid_windowpost with the miner harness's inputs
    // (R = 10 FIL an epoch, Q = 2^50): BR(2 KiB, 10 108 + 5 760) = 15 868 · 10^11 / 2^39
    // = 2 886.37…, + BASE_PENALTY_FOR_DISPUTED_WINDOW_POST (20 FIL)
    StorageProviderConfig f = StorageProviderConfig.filecoin();
    assertThat(f.invalidWindowPoStProjectionPeriod()).isEqualTo(15_868);
    assertThat(Monies.invalidWindowPoStPenalty(f, FilecoinHarness.NETWORK, 2048))
        .isEqualTo(2_886L + 200_000_000_000L);
  }

  @Test
  void theConsensusFaultPenaltyIsOneEpochsRewardAndTheReporterGetsAFifth() {
    // consensus_fault_penalty(R) = R · 5 / 5; reward_for_consensus_slash_report(R) = R / (5 · 4)
    assertThat(Monies.consensusFaultPenalty(FilecoinHarness.NETWORK))
        .isEqualTo(10 * FilecoinHarness.FIL);
    assertThat(Monies.consensusFaultReporterReward(FilecoinHarness.NETWORK))
        .isEqualTo(FilecoinHarness.FIL / 2);
    // testnet: R = 10^7 planck
    assertThat(Monies.consensusFaultPenalty(N)).isEqualTo(10_000_000L);
    assertThat(Monies.consensusFaultReporterReward(N)).isEqualTo(500_000L);
    // the estimate is the filter's position, rounded down from Q.128
    NetworkInputs odd =
        inputs(
            big(0),
            big(0),
            new FilterEstimate(big(39).shiftLeft(128).add(BigInteger.ONE), BigInteger.ZERO),
            FilterEstimate.constant(1));
    assertThat(Monies.consensusFaultPenalty(odd)).isEqualTo(39);
    assertThat(Monies.consensusFaultReporterReward(odd)).isEqualTo(1);
  }

  @Test
  void depositAndPledgeAreNeverZero() {
    NetworkInputs free =
        inputs(big(0), big(Units.MIB), FilterEstimate.constant(0), FilterEstimate.constant(1));
    assertThat(Monies.preCommitDeposit(T, free, 2048)).isEqualTo(1);
    assertThat(Monies.initialPledge(T, free, 2048, 0)).isEqualTo(1);
    assertThat(Monies.declaredFaultFee(T, free, 2048)).isZero();
  }

  @Test
  void amountsThatDoNotFitFailWithAnArithmeticError() {
    NetworkInputs rich =
        inputs(big(0), big(1), FilterEstimate.constant(Long.MAX_VALUE), FilterEstimate.constant(1));
    assertThatThrownBy(() -> Monies.expectedReward(rich, 2048, 1_000))
        .isInstanceOf(DispatchException.class);
    assertThatThrownBy(() -> Monies.expectedReward(N, -1, 1)).isInstanceOf(DispatchException.class);
  }

  /** {@code fip0081_initial_pledge.rs}: 64 GiB, CS 1 FIL, baseline 2^37, Q 2^10 rising 2^10. */
  @Nested
  class Fip0081InitialPledge {
    final long qa = 1L << 36;
    final FilterEstimate reward = FilterEstimate.constant(0);
    final FilterEstimate power = FilterEstimate.of(1L << 10, 1L << 10);
    final BigInteger oneFil = BigInteger.TEN.pow(18);

    long pledge(long epochsSinceRampStart, long rampDuration) {
      NetworkInputs n = inputs(oneFil, big(1L << 37), reward, power).withRamp(0, rampDuration);
      return Monies.initialPledge(ATTO, n, qa, epochsSinceRampStart);
    }

    /** {@code 1 atto + whole/10000 FIL}. */
    long expected(long tenThousandths) {
      return 1 + tenThousandths * 100_000_000_000_000L;
    }

    @Test
    void preRampNegative() {
      assertThat(pledge(-100, 100)).isEqualTo(expected(1500));
    }

    @Test
    void zeroRampDuration() {
      assertThat(pledge(0, 0)).isEqualTo(expected(1950));
      assertThat(pledge(10, 0)).isEqualTo(expected(1950));
    }

    @Test
    void preRamp() {
      assertThat(pledge(0, 100)).isEqualTo(expected(1500));
    }

    @Test
    void onRampMid() {
      assertThat(pledge(50, 100)).isEqualTo(expected(1725));
    }

    @Test
    void afterRamp() {
      assertThat(pledge(150, 100)).isEqualTo(expected(1950));
    }

    @Test
    void onRampEarly() {
      assertThat(pledge(10, 100)).isEqualTo(expected(1545));
    }

    @Test
    void onRampStep() {
      assertThat(pledge(1, 10)).isEqualTo(expected(1545));
    }

    @Test
    void rampEdges() {
      assertThat(pledge(-1, 10)).isEqualTo(expected(1500));
      assertThat(pledge(0, 10)).isEqualTo(expected(1500));
      assertThat(pledge(1, 10)).isEqualTo(expected(1545));
    }

    @Test
    void postRamp() {
      assertThat(pledge(500, 100)).isEqualTo(expected(1950));
    }
  }

  /**
   * {@code precommit_deposit_and_initial_pledge_positive_test.rs} and {@code
   * expected_reward_for_power_clampted_at_atto_fil_test.rs}: zero reward, zero supply, a moving
   * power estimate (the logarithmic branch of the cumulative ratio).
   */
  @Nested
  class ClampedAtOneAtto {
    final FilterEstimate power = FilterEstimate.of(1L << 10, 1L << 10);

    @Test
    void initialPledgeClampedAtOneAttoFil() {
      NetworkInputs n =
          inputs(big(0), big(1L << 10), FilterEstimate.constant(0), power).withRamp(0, 0);
      assertThat(Monies.initialPledge(ATTO, n, 1L << 36, 0)).isEqualTo(1);
    }

    @Test
    void preCommitDepositIsClampedAtOneAttoFil() {
      NetworkInputs n = inputs(big(0), big(1L << 10), FilterEstimate.constant(0), power);
      // builtin-actors passes qa_sector_power itself to pre_commit_deposit_for_power
      StorageProviderConfig unit =
          StorageProviderConfig.builder().from(ATTO).preCommitDepositPowerMultiplier(1).build();
      assertThat(Monies.preCommitDeposit(unit, n, 1L << 36)).isEqualTo(1);
    }

    @Test
    void expectedZeroValuedBrClampedAt1AttoFil() {
      NetworkInputs n = inputs(big(0), big(0), FilterEstimate.constant(1L << 50), power);
      assertThat(Monies.expectedRewardClamped(n, 0, 1)).isEqualTo(1);
    }

    @Test
    void expectedNegativeValueBrClampedAt1AttoFil() {
      NetworkInputs n =
          inputs(
              big(0),
              big(0),
              FilterEstimate.constant(1L << 50),
              FilterEstimate.of(1L << 10, -1024));
      assertThat(Monies.expectedRewardClamped(n, 1L << 36, 4)).isEqualTo(1);
    }
  }

  /** {@code monies_test.rs}. */
  @Nested
  class MoniesTestRs {
    final FilterEstimate reward = FilterEstimate.constant(1L << 50);

    @Test
    void negativeBrClamp() {
      NetworkInputs n = inputs(big(0), big(0), reward, FilterEstimate.of(1L << 10, -(1L << 10)));
      assertThat(Monies.expectedReward(n, 1L << 36, 4)).isZero();
    }

    @Test
    void zeroPowerMeansZeroFaultPenalty() {
      NetworkInputs n = inputs(big(0), big(0), reward, FilterEstimate.of(1L << 10, 1L << 10));
      assertThat(Monies.continuedFaultFee(ATTO, n, 0)).isZero();
    }

    @Test
    void aggregatePowerPledgePenaltyForContinuedFault() {
      NetworkInputs n = inputs(big(0), big(0), reward, FilterEstimate.of(1L << 10, 1L << 10));
      // the cases whose fees fit a long: with 2^50 atto per epoch over 2^10 bytes of network
      // power, a sector of 2^36 bytes already earns more than 2^63 atto in 10,108 epochs
      long[][] cases = {{10, 1L << 6}, {1000, 1L << 6}};
      for (long[] c : cases) {
        long aggregate = Monies.continuedFaultFee(ATTO, n, c[0] * c[1]);
        long individual = c[0] * Monies.continuedFaultFee(ATTO, n, c[1]);
        assertThat(aggregate).isPositive();
        // at most one atto per sector apart
        assertThat(Math.abs(aggregate - individual)).isLessThanOrEqualTo(c[0]);
      }
    }
  }

  /** {@code pledge_penalty_for_termination.rs}: IP = 1024 atto, cap = 140 days. */
  @Nested
  class PledgePenaltyForTermination {
    final StorageProviderConfig f = StorageProviderConfig.filecoin();
    final long day = StorageProviderConfig.FILECOIN_EPOCHS_IN_DAY;

    @Test
    void whenSectorAgeExceedsCapReturnsPercentageOfInitialPledge() {
      assertThat(Monies.terminationFee(f, 1024, 141 * day, 0)).isEqualTo(85 * 1024 / 1000);
    }

    @Test
    void whenSectorAgeBelowCapReturnsPercentageOfInitialPledgePercentage() {
      assertThat(Monies.terminationFee(f, 1024, 70 * day, 0))
          .isEqualTo(85 * 1024 / 1000 * 70 / 140);
    }

    @Test
    void whenTerminationFeeLessThanFaultFeeReturnsMultipleOfFaultFee() {
      assertThat(Monies.terminationFee(f, 1024, 141 * day, 1024)).isEqualTo(1024 * 105 / 100);
    }

    @Test
    void whenTerminationFeeLessThanMinimumReturnsMinimum() {
      assertThat(Monies.terminationFee(f, 1024, 0, 0)).isEqualTo(1024 * 2 / 100);
    }

    @Test
    void theTestnetCapIsItsOwnLifetime() {
      long cap = T.terminationLifetimeCap();
      assertThat(Monies.terminationFee(T, 1024, cap, 0)).isEqualTo(87);
      assertThat(Monies.terminationFee(T, 1024, cap * 2, 0)).isEqualTo(87);
      assertThat(Monies.terminationFee(T, 1024, cap / 2, 0)).isEqualTo(43);
      assertThat(Monies.terminationFee(T, 1024, 0, 0)).isEqualTo(20);
      assertThat(Monies.terminationFee(T, 1024, cap, 1024)).isEqualTo(1075);
    }
  }

  /** {@code policy_test.rs::daily_proof_fee_calc}: CS 680M FIL, within 10 atto of the ref. */
  @Test
  void dailyProofFeeCalc() {
    NetworkInputs n =
        inputs(
            BigInteger.valueOf(680_000_000).multiply(BigInteger.TEN.pow(18)),
            big(0),
            FilterEstimate.constant(0),
            FilterEstimate.constant(0));
    long ref32 = 3_780_793_052_776L;
    long[][] cases = {{32, ref32}, {64, ref32 * 2}, {320, ref32 * 10}, {160, ref32 * 5}};
    for (long[] c : cases) {
      long fee = Monies.dailyFee(ATTO, n, c[0] << 30);
      assertThat(Math.abs(fee - c[1])).as("%d GiB", c[0]).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void theDailyFeePayableIsCappedAtHalfADaysReward() {
    // testnet: a day is one 60-block period; 2 KiB earns 2048 · 60 · 10^7 / 2^20 = 1 171 875
    assertThat(Monies.dailyFeePayable(T, N, 1_000_000, 2048)).isEqualTo(585_937);
    assertThat(Monies.dailyFeePayable(T, N, 500_000, 2048)).isEqualTo(500_000);
  }

  /**
   * The filecoin harness of the ported miner tests (builtin-actors' {@code tests/util.rs} in
   * planck: reward 10 FIL per epoch, 1 PiB of network and baseline power, 500,000 FIL circulating,
   * the FIP-0081 ramp over): the values derived by hand.
   */
  @Test
  void theFilecoinHarnessNumbersOfA32GiBSector() {
    StorageProviderConfig f = StorageProviderConfig.filecoin();
    NetworkInputs n = FilecoinHarness.NETWORK;
    long sector = 32 * Units.GIB;
    // BR(10 · 2^35, 57 600) = 10 · 10^11 · 57 600 / 2^15
    assertThat(Monies.preCommitDeposit(f, n, sector)).isEqualTo(1_757_812_500_000L);
    // the nominal pledge (~22 FIL) is capped at ⌊2^35 · 29 103 830 / 10^8⌋ planck (~1 FIL)
    assertThat(Monies.initialPledge(f, n, sector, 0)).isEqualTo(9_999_999_843L);
    // BR(2^35, 10 108) = 10^11 · 10 108 / 2^15 = 30 847 167 968.75
    assertThat(Monies.continuedFaultFee(f, n, sector)).isEqualTo(30_847_167_968L);
    // ⌊161 817 · 5·10^15 · 2^35 / 10^30⌋ = ⌊27.8⌋
    assertThat(Monies.dailyFee(f, n, sector)).isEqualTo(27);
  }
}
