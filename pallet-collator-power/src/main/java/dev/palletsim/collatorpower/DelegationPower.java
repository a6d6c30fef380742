package dev.palletsim.collatorpower;

/**
 * Which of a miner's powers its delegations weigh, and collator selection with them: the power
 * whose bytes a miner may delegate, and which a decrease takes delegations back from.
 * docs/design.md gives the reasons for the default.
 */
public enum DelegationPower {
  /**
   * Quality-adjusted power (the default): verified data counts ten times, as it does in Filecoin's
   * consensus, where a miner's chance to produce a block is its share of quality-adjusted power.
   */
  QualityAdjusted,
  /** Raw byte power: every proven byte counts once, verified or not. */
  Raw;

  /** The power of {@code claim} that delegations weigh. */
  public long of(MinerClaim claim) {
    return this == Raw ? claim.rawBytePower() : claim.qualityAdjPower();
  }
}
