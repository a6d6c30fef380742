package dev.palletsim.storageprovider;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkInputs;
import java.math.BigInteger;

/**
 * Deposits, pledges, fees and penalties: builtin-actors' {@code monies.rs} and the fee functions of
 * the miner's {@code policy.rs} (filecoin-actors.md §3.9), with the network's quantities read from
 * {@link NetworkInputs} (the {@code NetworkEconomics} coupling) and every constant from {@link
 * StorageProviderConfig}. Amounts are planck, power is bytes: every formula of a sector takes its
 * quality-adjusted power ({@link SectorQuality}; the raw power for a sector without verified data),
 * durations are blocks. Every division rounds down exactly where builtin-actors' does; a result
 * that does not fit a {@code long} fails with an arithmetic error.
 *
 * <ul>
 *   <li>{@code BR(p, d)} = {@code ⌊p · ∫₀ᵈ R(t)/Q(t) dt⌋} with {@code R} the smoothed reward
 *       estimate and {@code Q} the smoothed network QA power estimate ({@code
 *       expected_reward_for_power}; {@link Smoothing}); {@code R}'s estimate if {@code Q}'s is 0;
 *       never negative;
 *   <li>pre-commit deposit {@code PCD = max(1, BR(multiplier · sectorSize, 20 days))}, the
 *       multiplier being Filecoin's {@code qa_power_max}: 10;
 *   <li>initial pledge {@code IP = min(max(1, BR(p, 20 days)) + γ·⌊lock · CS · p / max(Q, B, p)⌋ +
 *       (1−γ)·⌊lock · CS · p / max(Q, p)⌋, cap · p)}, {@code lock} = 3/10 of the circulating supply
 *       {@code CS}, {@code B} the baseline power, {@code γ} the FIP-0081 ramp (1 before it, 0.7
 *       after it), {@code cap} Filecoin's 1 FIL per 32 GiB;
 *   <li>continued-fault fee {@code FF = BR(p, 3.51 days)}; under {@link FaultFeeSchedule#Seed000}
 *       also the declared-fault fee (3.51 days) and the heavier detected-fault penalty (5.51 days);
 *   <li>termination fee (FIP-0098): {@code simple = ⌊IP · 85/1000⌋}, {@code base = min(simple, ⌊age
 *       · simple / cap⌋)}, {@code floor = max(⌊IP · 2/100⌋, ⌊FF · 105/100⌋)}, {@code fee =
 *       max(base, floor)};
 *   <li>daily fee (FIP-0100) of a sector {@code = ⌊161817 · CS · p / 10³⁰⌋}, payable for a
 *       deadline's sectors up to {@code ⌊BR(live power, 1 day) / 2⌋};
 *   <li>a disputed invalid PoSt of power {@code p}: {@code BR(p, 3.51 + 2 days) + 20 FIL}, plus the
 *       disputer's 4 FIL; a consensus fault: {@code ⌊R · 5 / 5⌋}, of which the reporter gets {@code
 *       ⌊R / 20⌋}, {@code R} the smoothed reward estimate.
 * </ul>
 */
public final class Monies {
  private Monies() {}

  /** FIP-0081's share of the pledge that moves to the simple formulation, in thousandths. */
  private static final long GAMMA_FIXED_POINT_FACTOR = 1000;

  /**
   * {@code BR(power, duration)}: the reward {@code power} bytes of quality-adjusted power are
   * expected to earn over {@code duration} blocks (builtin-actors' {@code
   * expected_reward_for_power}).
   */
  public static long expectedReward(NetworkInputs n, long power, long duration) {
    requireNonNegative(power, duration);
    return fit(expectedRewardBig(n.rewardEstimate(), n.qaPowerEstimate(), power, duration));
  }

  private static BigInteger expectedRewardBig(
      FilterEstimate reward, FilterEstimate qaPower, long power, long duration) {
    if (qaPower.estimate().signum() == 0) return reward.estimate();
    BigInteger ratio = Smoothing.extrapolatedCumSumOfRatio(duration, 0, reward, qaPower);
    BigInteger br = big(power).multiply(ratio).shiftRight(FilterEstimate.PRECISION);
    return br.max(BigInteger.ZERO);
  }

  /** {@code BR} clamped at 1 planck ({@code expected_reward_for_power_clamped_at_atto_fil}). */
  public static long expectedRewardClamped(NetworkInputs n, long power, long duration) {
    return Math.max(1, expectedReward(n, power, duration));
  }

  /** The deposit a pre-commit of a sector of {@code sectorSize} bytes reserves. */
  public static long preCommitDeposit(StorageProviderConfig c, NetworkInputs n, long sectorSize) {
    long maxPower = Checked.mul(sectorSize, c.preCommitDepositPowerMultiplier());
    return expectedRewardClamped(n, maxPower, c.preCommitDepositProjectionPeriod());
  }

  /**
   * The consensus pledge of {@code power} at {@code block}: the circulating supply's lock target
   * shared by {@code power} over the network, split by the FIP-0081 ramp between the baseline
   * formulation ({@code max(Q, B, p)}) and the simple one ({@code max(Q, p)}).
   */
  public static long consensusPledge(
      StorageProviderConfig c, NetworkInputs n, long power, long block) {
    requireNonNegative(power, 0);
    if (power == 0) return 0;
    BigInteger p = big(power);
    BigInteger numerator =
        n.circulatingSupply().multiply(big(c.pledgeLockTargetNumerator())).multiply(p);
    BigInteger networkQa = n.qaPowerEstimate().estimate();
    BigInteger baselineShare = networkQa.max(n.baselinePower()).max(p);
    BigInteger simpleShare = networkQa.max(p);
    long gamma = GAMMA_FIXED_POINT_FACTOR - n.rampSkewPermille(block);
    BigInteger lockDenominator = big(c.pledgeLockTargetDenominator());
    BigInteger fixedPoint = big(GAMMA_FIXED_POINT_FACTOR);
    BigInteger baseline =
        big(gamma)
            .multiply(numerator)
            .divide(baselineShare.multiply(lockDenominator).multiply(fixedPoint));
    BigInteger simple =
        big(GAMMA_FIXED_POINT_FACTOR - gamma)
            .multiply(numerator)
            .divide(simpleShare.multiply(lockDenominator).multiply(fixedPoint));
    return fit(baseline.add(simple));
  }

  /**
   * The initial pledge a proven sector of {@code power} bytes locks at {@code block}
   * (builtin-actors' {@code initial_pledge_for_power}).
   */
  public static long initialPledge(
      StorageProviderConfig c, NetworkInputs n, long power, long block) {
    long base = expectedRewardClamped(n, power, c.initialPledgeProjectionPeriod());
    long nominal = Checked.add(base, consensusPledge(c, n, power, block));
    if (c.initialPledgeMaxPerByteNumerator() == 0) return nominal;
    return Math.min(nominal, initialPledgeCap(c, power));
  }

  /** The most pledge {@code power} bytes may lock ({@code INITIAL_PLEDGE_MAX_PER_BYTE · p}). */
  public static long initialPledgeCap(StorageProviderConfig c, long power) {
    return fit(
        big(power)
            .multiply(big(c.initialPledgeMaxPerByteNumerator()))
            .divide(big(c.initialPledgeMaxPerByteDenominator())));
  }

  /** {@code FF}: the fee faulty sectors of {@code power} pay at a deadline's close. */
  public static long continuedFaultFee(StorageProviderConfig c, NetworkInputs n, long power) {
    return expectedReward(n, power, c.continuedFaultProjectionPeriod());
  }

  /**
   * The fee for declaring faulty sectors of total {@code power} ({@link FaultFeeSchedule#Seed000}).
   */
  public static long declaredFaultFee(StorageProviderConfig c, NetworkInputs n, long power) {
    return expectedReward(n, power, c.declaredFaultProjectionPeriod());
  }

  /**
   * The penalty for faults of {@code power} detected by a missed PoSt ({@link
   * FaultFeeSchedule#Seed000}).
   */
  public static long detectedFaultPenalty(StorageProviderConfig c, NetworkInputs n, long power) {
    return expectedReward(n, power, c.detectedFaultProjectionPeriod());
  }

  /**
   * The fee for terminating a sector early (FIP-0098, {@code pledge_penalty_for_termination}) from
   * its initial pledge, its age in blocks and its continued-fault fee.
   */
  public static long terminationFee(
      StorageProviderConfig c, long initialPledge, long age, long faultFee) {
    requireNonNegative(initialPledge, faultFee);
    long simple =
        Checked.mulDiv(
            initialPledge, c.terminationFeePledgeNumerator(), c.terminationFeePledgeDenominator());
    long ageFee = Checked.mulDiv(Math.max(0, age), simple, c.terminationLifetimeCap());
    long base = Math.min(simple, ageFee);
    long minPledge =
        Checked.mulDiv(
            initialPledge,
            c.terminationFeeMinPledgeNumerator(),
            c.terminationFeeMinPledgeDenominator());
    long minFault =
        Checked.mulDiv(
            faultFee,
            c.terminationFeeMaxFaultFeeNumerator(),
            c.terminationFeeMaxFaultFeeDenominator());
    return Math.max(base, Math.max(minPledge, minFault));
  }

  /** The termination fee of a sector of {@code power} with the given pledge and age. */
  public static long terminationFeeForSector(
      StorageProviderConfig c, NetworkInputs n, long initialPledge, long age, long power) {
    return terminationFee(c, initialPledge, age, continuedFaultFee(c, n, power));
  }

  /**
   * The daily fee of a sector of {@code power} bytes sealed now (FIP-0100, {@code
   * daily_proof_fee}): a fixed fraction of the circulating supply per byte.
   */
  public static long dailyFee(StorageProviderConfig c, NetworkInputs n, long power) {
    requireNonNegative(power, 0);
    if (!c.dailyFees()) return 0;
    return fit(
        big(c.dailyFeeCirculatingSupplyQapMultiplierNumerator())
            .multiply(n.circulatingSupply())
            .multiply(big(power))
            .divide(c.dailyFeeCirculatingSupplyQapMultiplierDenominator()));
  }

  /**
   * A sector's daily fee after its quality-adjusted power went from {@code oldQaPower} to {@code
   * newQaPower}: scaled in proportion, rounded down ({@code daily_proof_fee_adjust}).
   */
  public static long dailyFeeAdjust(long dailyFee, long oldQaPower, long newQaPower) {
    if (oldQaPower == newQaPower || oldQaPower == 0) return dailyFee;
    return Checked.mulDiv(dailyFee, newQaPower, oldQaPower);
  }

  /**
   * What a deadline's sectors pay for a day at its close: their daily fees, at most {@code
   * ⌊BR(livePower, one day) / capDenominator⌋} ({@code daily_proof_fee_payable}).
   */
  public static long dailyFeePayable(
      StorageProviderConfig c, NetworkInputs n, long dailyFees, long livePower) {
    if (!c.dailyFees() || dailyFees == 0) return 0;
    long dayReward = expectedReward(n, livePower, c.dailyFeeBlockRewardCapPeriod());
    return Math.min(dailyFees, dayReward / c.dailyFeeBlockRewardCapDenominator());
  }

  /**
   * The penalty for an optimistically accepted PoSt of {@code power} bytes that a dispute proved
   * invalid, before the disputer's reward is added ({@code pledge_penalty_for_invalid_windowpost}):
   * {@code BR(power, invalidWindowPoStProjectionPeriod) + basePenaltyForDisputedWindowPoSt}.
   */
  public static long invalidWindowPoStPenalty(
      StorageProviderConfig c, NetworkInputs n, long power) {
    return Checked.add(
        expectedReward(n, power, c.invalidWindowPoStProjectionPeriod()),
        c.basePenaltyForDisputedWindowPoSt());
  }

  /**
   * The share of a block reward locked in the vesting table ({@code locked_reward_from_reward}):
   * {@code ⌊reward · 3 / 4⌋}.
   */
  public static long lockedRewardFromReward(StorageProviderConfig c, long reward) {
    requireNonNegative(reward, 0);
    return Checked.mulDiv(
        reward, c.lockedRewardFactorNumerator(), c.lockedRewardFactorDenominator());
  }

  /** builtin-actors' {@code CONSENSUS_FAULT_FACTOR}: per-winner rewards a consensus fault costs. */
  public static final long CONSENSUS_FAULT_FACTOR = 5;

  /** builtin-actors' {@code EXPECTED_LEADERS_PER_EPOCH}. */
  public static final long EXPECTED_LEADERS_PER_EPOCH = 5;

  /** builtin-actors' {@code CONSENSUS_FAULT_REPORTER_DEFAULT_SHARE}. */
  public static final long CONSENSUS_FAULT_REPORTER_DEFAULT_SHARE = 4;

  /**
   * The penalty for a consensus fault ({@code consensus_fault_penalty}): {@code ⌊R · 5 / 5⌋}, the
   * smoothed reward estimate {@code R} of a block (an epoch's whole reward under {@code filecoin}).
   */
  public static long consensusFaultPenalty(NetworkInputs n) {
    return fit(
        n.rewardEstimate()
            .estimate()
            .multiply(big(CONSENSUS_FAULT_FACTOR))
            .divide(big(EXPECTED_LEADERS_PER_EPOCH)));
  }

  /**
   * The reward of a consensus fault's reporter ({@code reward_for_consensus_slash_report}): {@code
   * ⌊R / (5 · 4)⌋}, paid out of the penalty.
   */
  public static long consensusFaultReporterReward(NetworkInputs n) {
    return fit(
        n.rewardEstimate()
            .estimate()
            .divide(big(EXPECTED_LEADERS_PER_EPOCH * CONSENSUS_FAULT_REPORTER_DEFAULT_SHARE)));
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  private static long fit(BigInteger v) {
    if (v.bitLength() > 63) {
      throw new DispatchException(DispatchError.arithmetic(ArithmeticError.Overflow));
    }
    return v.longValue();
  }

  private static void requireNonNegative(long a, long b) {
    if (a < 0 || b < 0) {
      throw new DispatchException(DispatchError.arithmetic(ArithmeticError.Underflow));
    }
  }
}
