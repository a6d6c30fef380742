package dev.palletsim.reward;

/**
 * Who receives each block's reward (docs/design.md, "Block rewards"): Filecoin's leader election
 * ({@link Election}) or a deterministic split by power ({@link ProRata}).
 */
public sealed interface Distribution {
  /**
   * Filecoin's Expected Consensus election: each miner whose power counts for consensus wins {@code
   * k} times with the Poisson probability of mean {@code expectedWinners · p / P} ({@code p} its
   * quality-adjusted power, {@code P} the network's), drawn from the block's randomness and the
   * miner's account; a winner receives {@code ⌊reward · k / expectedWinners⌋} ({@code
   * AwardBlockReward} with {@code win_count = k}). Tokens of the wins nobody drew are not minted.
   *
   * @param expectedWinners builtin-actors' {@code EXPECTED_LEADERS_PER_EPOCH} (5)
   */
  record Election(long expectedWinners) implements Distribution {
    /** Validated. */
    public Election {
      if (expectedWinners <= 0) {
        throw new IllegalArgumentException("expectedWinners must be positive");
      }
    }
  }

  /**
   * The whole block reward split among the miners whose power counts, each receiving {@code ⌊reward
   * · p / P⌋}: every block pays every miner its expected share, without the election's variance
   * (rounding remainders are not minted).
   */
  record ProRata() implements Distribution {}
}
