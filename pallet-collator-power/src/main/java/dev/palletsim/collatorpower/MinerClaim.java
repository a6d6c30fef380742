package dev.palletsim.collatorpower;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.TreeMap;
import java.util.Objects;

/**
 * A miner's storage power claim (seed 001, "Data Structures": {@code MinerClaim { raw_bytes_power,
 * staked_power }}; builtin-actors' power actor {@code Claim}): how much raw byte power and
 * quality-adjusted power the storage provider pallet has proven for the miner, and how much of it
 * the miner has delegated to each collator (in the power {@link DelegationPower} names).
 * Delegations are kept in a tree map keyed by collator, so iteration (and the pro-rata rounding
 * that follows it) is in account order.
 *
 * @param rawBytePower proven raw byte power, in bytes
 * @param qualityAdjPower proven quality-adjusted power, in bytes (the raw power with verified data
 *     counted ten times)
 * @param stakedPower power delegated per collator, in bytes; never holds a zero or negative stake
 */
public record MinerClaim(
    long rawBytePower, long qualityAdjPower, TreeMap<AccountId, Long> stakedPower) {
  /** The claim a newly registered miner starts with: no power, no delegations. */
  public static final MinerClaim EMPTY = new MinerClaim(0, 0, TreeMap.empty());

  /** Validates the claim's shape. */
  public MinerClaim {
    Objects.requireNonNull(stakedPower, "stakedPower");
  }

  /** A claim of committed-capacity power only: its quality-adjusted power is its raw power. */
  public MinerClaim(long rawBytePower, TreeMap<AccountId, Long> stakedPower) {
    this(rawBytePower, rawBytePower, stakedPower);
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

  /** This claim with different powers. */
  public MinerClaim withPower(long raw, long qualityAdjusted) {
    return new MinerClaim(raw, qualityAdjusted, stakedPower);
  }

  /** This claim with {@code amount} delegated to {@code collator}; 0 removes the delegation. */
  public MinerClaim withStake(AccountId collator, long amount) {
    return new MinerClaim(
        rawBytePower,
        qualityAdjPower,
        amount == 0 ? stakedPower.remove(collator) : stakedPower.put(collator, amount));
  }
}
