package dev.palletsim.storageprovider;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.DispatchException;
import java.math.BigInteger;

/**
 * Deposits, pledges, fees and penalties: the formulas of Filecoin's {@code monies.rs}
 * (filecoin-actors.md §3.9) with the network's reward and power estimates held constant, every
 * constant taken from {@link StorageProviderConfig}. Amounts are planck, power is raw bytes,
 * durations are blocks; every division rounds down; a result that does not fit a {@code long} fails
 * with an arithmetic error.
 *
 * <ul>
 *   <li>{@code BR(p, d) = ⌊p · d · R / max(Q, p)⌋}: the reward power {@code p} is expected to earn
 *       in {@code d} blocks, with {@code R} = reward per block and {@code Q} = network power
 *       (Filecoin's {@code expected_reward_for_power} at zero velocity);
 *   <li>pre-commit deposit {@code PCD = max(1, BR(sectorSize, preCommitDepositProjectionPeriod))};
 *   <li>initial pledge {@code IP = max(1, BR(p, initialPledgeProjectionPeriod) + ⌊lockTarget · CS ·
 *       p / max(Q, p)⌋)}, the second term being the consensus pledge with {@code CS} the
 *       circulating supply and {@code lockTarget} = 3/10;
 *   <li>declared-fault fee {@code = BR(p, declaredFaultProjectionPeriod)} (3.51 days),
 *       detected-fault penalty {@code = BR(p, detectedFaultProjectionPeriod)} (5.51 days: an
 *       undeclared fault costs more, seed 000 step 7), continued-fault fee {@code FF = BR(p,
 *       continuedFaultProjectionPeriod)} per deadline;
 *   <li>termination fee (FIP-0098): {@code simple = ⌊IP · 85/1000⌋}, {@code base = min(simple, ⌊age
 *       · simple / cap⌋)}, {@code floor = max(⌊IP · 2/100⌋, ⌊FF · 105/100⌋)}, {@code fee =
 *       max(base, floor)}.
 * </ul>
 */
public final class Monies {
  private Monies() {}

  /** {@code BR(power, duration)}: the expected reward of {@code power} over {@code duration}. */
  public static long expectedReward(StorageProviderConfig c, long power, long duration) {
    requireNonNegative(power, duration);
    BigInteger num = big(power).multiply(big(duration)).multiply(big(c.rewardPerBlock()));
    return fit(num.divide(big(Math.max(c.networkPower(), power))));
  }

  /** The deposit a pre-commit of a sector of {@code sectorSize} bytes reserves. */
  public static long preCommitDeposit(StorageProviderConfig c, long sectorSize) {
    return Math.max(1, expectedReward(c, sectorSize, c.preCommitDepositProjectionPeriod()));
  }

  /** The consensus pledge share of {@code power}: {@code ⌊lockTarget · CS · p / max(Q, p)⌋}. */
  public static long consensusPledge(StorageProviderConfig c, long power) {
    requireNonNegative(power, 0);
    BigInteger num =
        big(c.pledgeLockTargetNumerator())
            .multiply(big(c.circulatingSupply()))
            .multiply(big(power));
    BigInteger den =
        big(c.pledgeLockTargetDenominator()).multiply(big(Math.max(c.networkPower(), power)));
    return fit(num.divide(den));
  }

  /** The initial pledge a proven sector of {@code power} bytes locks. */
  public static long initialPledge(StorageProviderConfig c, long power) {
    long br = expectedReward(c, power, c.initialPledgeProjectionPeriod());
    return Math.max(1, Checked.add(br, consensusPledge(c, power)));
  }

  /** The fee for declaring faulty sectors of total {@code power}. */
  public static long declaredFaultFee(StorageProviderConfig c, long power) {
    return expectedReward(c, power, c.declaredFaultProjectionPeriod());
  }

  /** The penalty for faults of {@code power} detected by a missed PoSt. */
  public static long detectedFaultPenalty(StorageProviderConfig c, long power) {
    return expectedReward(c, power, c.detectedFaultProjectionPeriod());
  }

  /** {@code FF}: the fee faulty sectors of {@code power} pay at each deadline close. */
  public static long continuedFaultFee(StorageProviderConfig c, long power) {
    return expectedReward(c, power, c.continuedFaultProjectionPeriod());
  }

  /**
   * The fee for terminating a sector early (FIP-0098) from its initial pledge, its age in blocks
   * and its continued-fault fee.
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
      StorageProviderConfig c, long initialPledge, long age, long power) {
    return terminationFee(c, initialPledge, age, continuedFaultFee(c, power));
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
