package dev.palletsim.collatorpower;

import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.FilterEstimate;
import io.vavr.collection.TreeSet;

/**
 * The storage of the collator power pallet. {@link #MINER_CLAIMS} is seed 001's {@code Map<MinerId,
 * MinerClaim>} and the source of truth; {@link #COLLATOR_BACKERS} and {@link #TOTAL_BACKING} index
 * it by collator so that collator selection reads a collator's power in O(1) and its backers in
 * miner order without scanning every claim. Every byte of a miner's delegable power ({@link
 * DelegationPower}) is exactly one of: delegated (in its claim), locked ({@link #POWER_LOCKS}) or
 * free.
 */
public final class CollatorPowerStorage {
  private CollatorPowerStorage() {}

  /** The pallet prefix of every item. */
  public static final String PALLET = CollatorPowerPallet.NAME;

  /** Miner → claim (raw byte power and delegations); present once the miner is registered. */
  public static final StorageMap<AccountId, MinerClaim> MINER_CLAIMS =
      StorageMap.hashed(PALLET, "MinerClaims");

  /** Collator → miner → delegated power: the claims' delegations indexed by collator. */
  public static final StorageDoubleMap<AccountId, AccountId, Long> COLLATOR_BACKERS =
      StorageDoubleMap.orderedInner(PALLET, "CollatorBackers");

  /** Collator → Σ power delegated to it (absent when 0): what {@code powerOf} returns. */
  public static final StorageMap<AccountId, Long> TOTAL_BACKING =
      StorageMap.hashed(PALLET, "TotalBacking", 0L);

  /**
   * Miner → (unlock block, slashed collator) → power held back after a slash under {@link
   * SlashPolicy.LockFor}; ordered soonest-first.
   */
  public static final StorageDoubleMap<AccountId, PowerLockKey, Long> POWER_LOCKS =
      StorageDoubleMap.orderedInner(PALLET, "PowerLocks");

  /** Unlock block → miners with a lock released at its start; the hook pops due blocks. */
  public static final StorageMap<Long, TreeSet<AccountId>> UNLOCK_QUEUE =
      StorageMap.ordered(PALLET, "UnlockQueue", TreeSet.empty());

  /** The network's power totals (builtin-actors' power actor totals; see {@link NetworkPower}). */
  public static final StorageValue<NetworkPower> NETWORK_POWER =
      StorageValue.withDefault(PALLET, "NetworkPower", NetworkPower.EMPTY);

  /**
   * The smoothed network QA power ({@code this_epoch_qa_power_smoothed}), kept when {@link
   * CollatorPowerConfig#smoothedQaPower()} is on; absent until the first block updates it.
   */
  public static final StorageValue<FilterEstimate> QA_POWER_SMOOTHED =
      StorageValue.optional(PALLET, "ThisEpochQaPowerSmoothed");
}
