package dev.palletsim.reward;

import dev.palletsim.frame.traits.FilterEstimate;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The reward pallet's state, builtin-actors' reward actor {@code State} field for field, with its
 * transitions as pure functions ({@code State::new}, {@code update_to_next_epoch}, {@code
 * update_to_next_epoch_with_reward}, {@code update_smoothed_estimates}). Under {@link
 * Minting.Fixed} the cumulative baseline fields stay at their genesis values and the reward follows
 * the schedule.
 *
 * @param cumsumBaseline {@code cumsum_baseline}: Σ baseline power up to the effective network time,
 *     byte-blocks
 * @param cumsumRealized {@code cumsum_realized}: Σ realised network raw power, each block's capped
 *     at that block's baseline, byte-blocks
 * @param effectiveNetworkTime {@code effective_network_time}: the ceiling of θ, blocks
 * @param effectiveBaselinePower {@code effective_baseline_power}: the baseline at the effective
 *     network time, bytes
 * @param thisEpochReward {@code this_epoch_reward}: the reward of all expected winners of {@link
 *     #epoch} together, planck
 * @param thisEpochRewardSmoothed {@code this_epoch_reward_smoothed}: its alpha-beta filtered
 *     estimate, planck
 * @param thisEpochBaselinePower {@code this_epoch_baseline_power}: the baseline at {@link #epoch},
 *     bytes
 * @param epoch {@code epoch}: the block the reward was computed for
 * @param totalStoragePowerReward {@code total_storage_power_reward}: every reward paid to storage
 *     providers so far, planck
 */
public record RewardState(
    BigInteger cumsumBaseline,
    BigInteger cumsumRealized,
    long effectiveNetworkTime,
    BigInteger effectiveBaselinePower,
    BigInteger thisEpochReward,
    FilterEstimate thisEpochRewardSmoothed,
    BigInteger thisEpochBaselinePower,
    long epoch,
    BigInteger totalStoragePowerReward) {

  /** Null-checked. */
  public RewardState {
    Objects.requireNonNull(cumsumBaseline, "cumsumBaseline");
    Objects.requireNonNull(cumsumRealized, "cumsumRealized");
    Objects.requireNonNull(effectiveBaselinePower, "effectiveBaselinePower");
    Objects.requireNonNull(thisEpochReward, "thisEpochReward");
    Objects.requireNonNull(thisEpochRewardSmoothed, "thisEpochRewardSmoothed");
    Objects.requireNonNull(thisEpochBaselinePower, "thisEpochBaselinePower");
    Objects.requireNonNull(totalStoragePowerReward, "totalStoragePowerReward");
  }

  /**
   * The state at genesis with {@code realizedPower} bytes of network raw power ({@code
   * State::new}): epoch −1 advanced once, so that {@link #thisEpochReward} is epoch 0's.
   */
  public static RewardState genesis(Minting minting, BigInteger realizedPower) {
    if (minting instanceof Minting.Baseline b) {
      return new RewardState(
              BigInteger.ZERO,
              BigInteger.ZERO,
              0,
              b.initialEffectiveBaselinePower(),
              BigInteger.ZERO,
              FilterEstimate.of(b.initialRewardPosition(), b.initialRewardVelocity()),
              b.initialBaselinePower(),
              -1,
              BigInteger.ZERO)
          .nextEpochWithReward(b, realizedPower);
    }
    Minting.Fixed f = (Minting.Fixed) minting;
    return new RewardState(
        BigInteger.ZERO,
        BigInteger.ZERO,
        0,
        f.baselinePower(),
        BigInteger.valueOf(f.perBlock()),
        FilterEstimate.constant(f.perBlock()),
        f.baselinePower(),
        0,
        BigInteger.ZERO);
  }

  /**
   * builtin-actors' {@code UpdateNetworkKPI} at the end of block {@code currentEpoch} with {@code
   * realizedPower} bytes of network raw power: catches up any skipped blocks, computes the next
   * block's reward and feeds it to the smoothed estimate.
   */
  public RewardState updateNetworkKpi(
      Minting minting, long currentEpoch, BigInteger realizedPower) {
    if (minting instanceof Minting.Baseline b) {
      RewardState st = this;
      long prev = st.epoch;
      while (st.epoch < currentEpoch) st = st.nextEpoch(realizedPower);
      st = st.nextEpochWithReward(b, realizedPower);
      return st.withSmoothedEstimate(st.epoch - prev);
    }
    Minting.Fixed f = (Minting.Fixed) minting;
    long next = Math.max(currentEpoch, epoch) + 1;
    long reward = thisEpochReward.longValueExact();
    for (long e = epoch + 1; e <= next; e++) reward = f.decayInto(e, reward);
    RewardState st =
        new RewardState(
            cumsumBaseline,
            cumsumRealized,
            effectiveNetworkTime,
            effectiveBaselinePower,
            BigInteger.valueOf(reward),
            thisEpochRewardSmoothed,
            thisEpochBaselinePower,
            next,
            totalStoragePowerReward);
    return st.withSmoothedEstimate(next - epoch);
  }

  /**
   * One block later without computing a reward ({@code update_to_next_epoch}): the baseline grows,
   * the realised power capped at it is added, and the effective network time advances while the
   * realised sum exceeds the baseline's.
   */
  RewardState nextEpoch(BigInteger realizedPower) {
    BigInteger baseline = BaselineMinting.baselinePowerFromPrev(thisEpochBaselinePower);
    BigInteger realized = cumsumRealized.add(baseline.min(realizedPower));
    long ent = effectiveNetworkTime;
    BigInteger effective = effectiveBaselinePower;
    BigInteger cumBaseline = cumsumBaseline;
    while (realized.compareTo(cumBaseline) > 0) {
      ent++;
      effective = BaselineMinting.baselinePowerFromPrev(effective);
      cumBaseline = cumBaseline.add(effective);
    }
    return new RewardState(
        cumBaseline,
        realized,
        ent,
        effective,
        thisEpochReward,
        thisEpochRewardSmoothed,
        baseline,
        epoch + 1,
        totalStoragePowerReward);
  }

  /** One block later with its reward ({@code update_to_next_epoch_with_reward}). */
  RewardState nextEpochWithReward(Minting.Baseline b, BigInteger realizedPower) {
    BigInteger prevTheta =
        BaselineMinting.rewardTheta(
            effectiveNetworkTime, effectiveBaselinePower, cumsumRealized, cumsumBaseline);
    RewardState st = nextEpoch(realizedPower);
    BigInteger currTheta =
        BaselineMinting.rewardTheta(
            st.effectiveNetworkTime,
            st.effectiveBaselinePower,
            st.cumsumRealized,
            st.cumsumBaseline);
    BigInteger reward =
        BaselineMinting.reward(st.epoch, prevTheta, currTheta, b.simpleTotal(), b.baselineTotal());
    return st.withThisEpochReward(reward);
  }

  private RewardState withThisEpochReward(BigInteger reward) {
    return new RewardState(
        cumsumBaseline,
        cumsumRealized,
        effectiveNetworkTime,
        effectiveBaselinePower,
        reward,
        thisEpochRewardSmoothed,
        thisEpochBaselinePower,
        epoch,
        totalStoragePowerReward);
  }

  /** The smoothed estimate after observing this block's reward {@code delta} blocks on. */
  RewardState withSmoothedEstimate(long delta) {
    return new RewardState(
        cumsumBaseline,
        cumsumRealized,
        effectiveNetworkTime,
        effectiveBaselinePower,
        thisEpochReward,
        thisEpochRewardSmoothed.next(thisEpochReward, Math.max(1, delta)),
        thisEpochBaselinePower,
        epoch,
        totalStoragePowerReward);
  }

  /** {@code amount} more paid to storage providers. */
  public RewardState withPaid(BigInteger amount) {
    return new RewardState(
        cumsumBaseline,
        cumsumRealized,
        effectiveNetworkTime,
        effectiveBaselinePower,
        thisEpochReward,
        thisEpochRewardSmoothed,
        thisEpochBaselinePower,
        epoch,
        totalStoragePowerReward.add(amount));
  }

  /** This state with another reward for this block (tests set it as builtin-actors' do). */
  public RewardState withReward(BigInteger reward) {
    return withThisEpochReward(reward);
  }
}
