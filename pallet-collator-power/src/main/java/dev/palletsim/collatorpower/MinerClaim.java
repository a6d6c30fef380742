package dev.palletsim.collatorpower;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.TreeMap;
import java.util.Objects;

/**
 * A miner's storage power claim (seed 001, "Data Structures": {@code MinerClaim { raw_bytes_power,
 * staked_power }}): how much raw byte power the storage provider pallet has proven for the miner,
 * and how much of it the miner has delegated to each collator. Delegations are kept in a tree map
 * keyed by collator, so iteration (and the pro-rata rounding that follows it) is in account order.
 *
 * @param rawBytePower proven raw byte power, in bytes
 * @param stakedPower power delegated per collator, in bytes; never holds a zero or negative stake
 */
public record MinerClaim(long rawBytePower, TreeMap<AccountId, Long> stakedPower) {
  /** The claim a newly registered miner starts with: no power, no delegations. */
  public static final MinerClaim EMPTY = new MinerClaim(0, TreeMap.empty());

  /** Validates the claim's shape. */
  public MinerClaim {
    Objects.requireNonNull(stakedPower, "stakedPower");
  }

  /** The power delegated to {@code collator} (0 if none). */
  public long stakeOn(AccountId collator) {
    return stakedPower.getOrElse(collator, 0L);
  }

  /** Σ of the miner's delegations, in bytes. */
  public long totalStaked() {
    long sum = 0;
    for (long v : stakedPower.values()) sum = Math.addExact(sum, v);
    return sum;
  }

  /** This claim with a different raw byte power. */
  public MinerClaim withRawBytePower(long power) {
    return new MinerClaim(power, stakedPower);
  }

  /** This claim with {@code amount} delegated to {@code collator}; 0 removes the delegation. */
  public MinerClaim withStake(AccountId collator, long amount) {
    return new MinerClaim(
        rawBytePower,
        amount == 0 ? stakedPower.remove(collator) : stakedPower.put(collator, amount));
  }
}
