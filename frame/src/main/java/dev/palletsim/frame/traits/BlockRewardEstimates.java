package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import java.math.BigInteger;

/**
 * What the reward pallet tells the money formulas (builtin-actors' reward actor {@code
 * ThisEpochReward}): the smoothed per-block reward estimate and this block's baseline power.
 * Implemented by the reward pallet, read by the state-backed {@link NetworkEconomics}.
 */
public interface BlockRewardEstimates {
  /** {@code this_epoch_reward_smoothed}: the alpha-beta filtered block reward, planck. */
  FilterEstimate thisEpochRewardSmoothed(StateView view);

  /** {@code this_epoch_baseline_power}: the baseline power this block, bytes. */
  BigInteger thisEpochBaselinePower(StateView view);
}
