package dev.palletsim.reward;

import dev.palletsim.frame.primitives.Units;
import java.math.BigInteger;
import java.util.Objects;

/**
 * How the reward pallet mints each block's reward: Filecoin's baseline and simple minting ({@link
 * Baseline}, the {@code filecoin} preset) or a fixed schedule ({@link Fixed}, the parachain
 * presets). Amounts are planck; powers are bytes.
 */
public sealed interface Minting {

  /**
   * builtin-actors' reward actor: {@link BaselineMinting} with {@code simpleTotal} and {@code
   * baselineTotal} ({@code SIMPLE_TOTAL}, {@code BASELINE_TOTAL}), the baseline starting at {@code
   * initialBaselinePower} one epoch before genesis ({@code INIT_BASELINE_POWER}; the effective
   * baseline at {@code BASELINE_INITIAL_VALUE}), the smoothed reward estimate starting at {@code
   * initialRewardPosition} changing by {@code initialRewardVelocity} per block ({@code
   * INITIAL_REWARD_POSITION_ESTIMATE}, {@code INITIAL_REWARD_VELOCITY_ESTIMATE}).
   *
   * @param simpleTotal the tokens simple minting releases over all time, planck
   * @param baselineTotal the tokens baseline minting releases over all time, planck
   * @param initialBaselinePower the baseline power one block before genesis, bytes
   * @param initialEffectiveBaselinePower the baseline power at effective network time 0, bytes
   * @param initialRewardPosition the smoothed reward estimate at genesis, planck
   * @param initialRewardVelocity its change per block at genesis, planck (negative: decay)
   */
  record Baseline(
      BigInteger simpleTotal,
      BigInteger baselineTotal,
      BigInteger initialBaselinePower,
      BigInteger initialEffectiveBaselinePower,
      BigInteger initialRewardPosition,
      BigInteger initialRewardVelocity)
      implements Minting {
    /** Null-checked, positive totals and baselines. */
    public Baseline {
      Objects.requireNonNull(simpleTotal, "simpleTotal");
      Objects.requireNonNull(baselineTotal, "baselineTotal");
      Objects.requireNonNull(initialBaselinePower, "initialBaselinePower");
      Objects.requireNonNull(initialEffectiveBaselinePower, "initialEffectiveBaselinePower");
      Objects.requireNonNull(initialRewardPosition, "initialRewardPosition");
      Objects.requireNonNull(initialRewardVelocity, "initialRewardVelocity");
      if (simpleTotal.signum() < 0 || baselineTotal.signum() < 0) {
        throw new IllegalArgumentException("minting totals must not be negative");
      }
      if (initialBaselinePower.signum() <= 0 || initialEffectiveBaselinePower.signum() <= 0) {
        throw new IllegalArgumentException("baseline powers must be positive");
      }
    }

    /** attoFIL in a planck under the {@code filecoin} preset (1 token = 1 FIL; UNITS.md). */
    public static final BigInteger ATTO_PER_PLANCK = BigInteger.TEN.pow(8);

    /**
     * builtin-actors' constants with one token standing for one FIL: 330 M and 770 M tokens, the
     * initial smoothed reward of 36.266260308195979333 FIL changing by −1.0989775850 9·10⁻⁷ FIL per
     * epoch, both rounded down to the planck.
     */
    public static Baseline filecoin() {
      return new Baseline(
          BigInteger.valueOf(330_000_000L).multiply(BigInteger.valueOf(Units.TOKEN)),
          BigInteger.valueOf(770_000_000L).multiply(BigInteger.valueOf(Units.TOKEN)),
          BaselineMinting.INIT_BASELINE_POWER,
          BaselineMinting.BASELINE_INITIAL_VALUE,
          floorDiv(new BigInteger("36266260308195979333"), ATTO_PER_PLANCK),
          floorDiv(BigInteger.valueOf(-109_897_758_509L), ATTO_PER_PLANCK));
    }

    /** builtin-actors' constants in attoFIL, for ported tests that use its atto amounts. */
    public static Baseline filecoinAtto() {
      return new Baseline(
          BigInteger.valueOf(330_000_000L).multiply(BigInteger.TEN.pow(18)),
          BigInteger.valueOf(770_000_000L).multiply(BigInteger.TEN.pow(18)),
          BaselineMinting.INIT_BASELINE_POWER,
          BaselineMinting.BASELINE_INITIAL_VALUE,
          new BigInteger("36266260308195979333"),
          BigInteger.valueOf(-109_897_758_509L));
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
      return dev.palletsim.frame.traits.Q128.floorDiv(a, b);
    }
  }

  /**
   * A fixed schedule: {@code perBlock} planck a block, multiplied by {@code decayNumerator /
   * decayDenominator} (rounded down) at the end of every {@code decayPeriod} blocks (no decay when
   * {@code decayPeriod} is 0: a constant reward, the parachain presets' default). The baseline
   * power the pledge formula reads is {@code baselinePower}, constant.
   *
   * @param perBlock the reward of the first period, planck per block
   * @param decayPeriod blocks between decays; 0 for none
   * @param decayNumerator the factor's numerator (e.g. 1 for halvings)
   * @param decayDenominator the factor's denominator (e.g. 2 for halvings)
   * @param baselinePower the baseline power reported to the pledge formula, bytes
   */
  record Fixed(
      long perBlock,
      long decayPeriod,
      long decayNumerator,
      long decayDenominator,
      BigInteger baselinePower)
      implements Minting {
    /** Validated: non-negative reward and period, a factor in (0, 1]. */
    public Fixed {
      Objects.requireNonNull(baselinePower, "baselinePower");
      if (perBlock < 0 || decayPeriod < 0) {
        throw new IllegalArgumentException("the reward and decay period must not be negative");
      }
      if (decayDenominator <= 0 || decayNumerator <= 0 || decayNumerator > decayDenominator) {
        throw new IllegalArgumentException("the decay factor must lie in (0, 1]");
      }
      if (baselinePower.signum() < 0) {
        throw new IllegalArgumentException("the baseline power must not be negative");
      }
    }

    /** A constant {@code perBlock} reward with the given baseline power. */
    public static Fixed constant(long perBlock, BigInteger baselinePower) {
      return new Fixed(perBlock, 0, 1, 1, baselinePower);
    }

    /**
     * The reward of {@code block} (1 is the first block): {@code perBlock} decayed, rounding down
     * each time, once per whole {@code decayPeriod} elapsed before it. A reference for tests: the
     * pallet applies {@link #decayInto} block by block.
     */
    public long rewardAt(long block) {
      long r = perBlock;
      for (long b = 2; b <= block; b++) r = decayInto(b, r);
      return r;
    }

    /**
     * The reward of {@code block} given {@code previous}, the reward of the block before: decayed
     * when {@code block} opens a new period.
     */
    public long decayInto(long block, long previous) {
      if (decayPeriod == 0 || block <= 1 || (block - 1) % decayPeriod != 0) return previous;
      return BigInteger.valueOf(previous)
          .multiply(BigInteger.valueOf(decayNumerator))
          .divide(BigInteger.valueOf(decayDenominator))
          .longValueExact();
    }
  }
}
