package dev.palletsim.reward;

import dev.palletsim.frame.primitives.Units;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The reward pallet's constants (FRAME's {@code Config}): how blocks mint ({@link Minting}), who
 * receives the reward ({@link Distribution}) and the factor a block producer's penalty is scaled by
 * ({@code PENALTY_MULTIPLIER}).
 *
 * @param minting baseline and simple minting, or a fixed schedule
 * @param distribution the leader election or a pro-rata split
 * @param penaltyMultiplier builtin-actors' {@code PENALTY_MULTIPLIER} (3)
 */
public record RewardConfig(Minting minting, Distribution distribution, long penaltyMultiplier) {
  /** Validated. */
  public RewardConfig {
    Objects.requireNonNull(minting, "minting");
    Objects.requireNonNull(distribution, "distribution");
    if (penaltyMultiplier < 0) throw new IllegalArgumentException("penaltyMultiplier < 0");
  }

  /** builtin-actors' {@code EXPECTED_LEADERS_PER_EPOCH}. */
  public static final long EXPECTED_LEADERS_PER_EPOCH = 5;

  /** builtin-actors' {@code PENALTY_MULTIPLIER}. */
  public static final long PENALTY_MULTIPLIER = 3;

  /**
   * The {@code filecoin} preset: builtin-actors' reward actor (baseline and simple minting with its
   * constants, one token per FIL) and Expected Consensus with 5 expected winners a block.
   */
  public static RewardConfig filecoin() {
    return new RewardConfig(
        Minting.Baseline.filecoin(),
        new Distribution.Election(EXPECTED_LEADERS_PER_EPOCH),
        PENALTY_MULTIPLIER);
  }

  /**
   * The parachain presets: a constant reward of {@code perBlock} planck split pro rata by power
   * (docs/design.md, "Block rewards"), the pledge formula's baseline at {@code baselinePower}.
   */
  public static RewardConfig fixed(long perBlock, BigInteger baselinePower) {
    return new RewardConfig(
        Minting.Fixed.constant(perBlock, baselinePower),
        new Distribution.ProRata(),
        PENALTY_MULTIPLIER);
  }

  /**
   * The testnet: a milli-token a block, pro rata, a baseline of 1 MiB: the reward and baseline of
   * the testnet's constant network inputs ({@code NetworkInputs.DEFAULT}), so that its pledges and
   * fees start where the constant preset's are.
   */
  public static RewardConfig testnet() {
    return fixed(Units.MILLI_TOKEN, BigInteger.valueOf(Units.MIB));
  }
}
