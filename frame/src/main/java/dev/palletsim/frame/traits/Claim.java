package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;

/**
 * A claimed allocation (builtin-actors' verifreg {@code Claim}): the provider proved the piece in
 * {@code sector} at {@code termStart}; the sector counts the piece as verified data (10× power)
 * until {@code termStart + termMax}. A claim outlives its sector until it expires and is removed.
 *
 * @param provider the provider storing the data
 * @param client the client that allocated the DataCap
 * @param data the piece's commitment (CommP)
 * @param size the piece's padded size in bytes
 * @param termMin the shortest the provider must keep the data, blocks from {@code termStart}
 * @param termMax the longest the data earns quality-adjusted power, blocks from {@code termStart}
 * @param termStart the block the piece was committed
 * @param sector the provider's sector holding the piece
 */
public record Claim(
    AccountId provider,
    AccountId client,
    Cid data,
    long size,
    long termMin,
    long termMax,
    long termStart,
    long sector) {

  /** The last block the claim earns quality-adjusted power: {@code termStart + termMax}. */
  public long expiration() {
    return termStart + termMax;
  }

  /**
   * This claim with its maximum term extended to {@code newTermMax} (verifreg's ExtendClaimTerms).
   */
  public Claim withTermMax(long newTermMax) {
    return new Claim(provider, client, data, size, termMin, newTermMax, termStart, sector);
  }
}
