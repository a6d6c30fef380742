package dev.palletsim.storageprovider;

/**
 * How locked funds vest (builtin-actors' miner {@code VestSpec}): after {@code initialDelay}
 * blocks, linearly over {@code vestPeriod} blocks in steps of {@code stepDuration}, each step's
 * block rounded up to the provider's grid of {@code quantization} blocks (offset by its proving
 * period start). Filecoin's block rewards vest by {@code REWARD_VESTING_SPEC}: no delay, 180 days,
 * daily steps, quantised to 12 hours.
 *
 * @param initialDelay blocks before vesting starts
 * @param vestPeriod blocks over which the funds vest
 * @param stepDuration blocks between vesting steps
 * @param quantization the grid the steps are rounded up to, blocks
 */
public record VestSpec(long initialDelay, long vestPeriod, long stepDuration, long quantization) {
  /** Validated: a non-negative delay and positive period, step and grid. */
  public VestSpec {
    if (initialDelay < 0 || vestPeriod <= 0 || stepDuration <= 0 || quantization <= 0) {
      throw new IllegalArgumentException(
          "a vesting spec needs a non-negative delay and a positive period, step and quantisation");
    }
  }

  /**
   * {@code REWARD_VESTING_SPEC} for {@code blocksPerDay} blocks a day: 180 days, daily, 12 h grid.
   */
  public static VestSpec rewardVesting(long blocksPerDay) {
    return new VestSpec(0, 180 * blocksPerDay, blocksPerDay, blocksPerDay / 2);
  }
}
