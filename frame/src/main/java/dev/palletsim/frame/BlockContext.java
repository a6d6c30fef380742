package dev.palletsim.frame;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import io.vavr.control.Option;

/**
 * What a transaction knows of the block it runs in: number, timestamp, Aura slot, author and the
 * block's randomness (ARCHITECTURE §6, step 1). Set by the executive before any hook runs.
 *
 * @param number the block number (0 at genesis)
 * @param timestamp milliseconds since the chain's epoch
 * @param slot the Aura slot
 * @param author the block's author, if the runtime has authorities
 * @param randomness the block's randomness (BABE's VRF output in a real parachain)
 */
public record BlockContext(
    long number, long timestamp, long slot, Option<AccountId> author, H256 randomness) {
  /** The context of genesis construction. */
  public static BlockContext genesis(H256 randomness) {
    return new BlockContext(0, 0, 0, Option.none(), randomness);
  }
}
