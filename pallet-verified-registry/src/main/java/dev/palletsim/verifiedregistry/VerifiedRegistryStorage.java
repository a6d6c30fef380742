package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;

/**
 * The storage of the verified registry (builtin-actors' verifreg {@code State} and the datacap
 * token's balances), on one screen. DataCap is counted in bytes. Every DataCap unit in existence is
 * either in a client's balance or held by an allocation ({@code DataCapSupply} = Σ balances + Σ
 * allocation sizes): minting (a verifier or Root granting a client) raises the supply, claiming
 * burns what was claimed, Root's removal destroys what it removes.
 */
public final class VerifiedRegistryStorage {
  private VerifiedRegistryStorage() {}

  static final String P = VerifiedRegistryPallet.NAME;

  /**
   * {@code Verifiers}: verifier → DataCap it may still grant (an entry, possibly 0, per verifier).
   */
  public static final StorageMap<AccountId, Long> VERIFIERS = StorageMap.ordered(P, "Verifiers");

  /** {@code DataCapBalances}: client → DataCap it holds; absent when 0. */
  public static final StorageMap<AccountId, Long> DATACAP =
      StorageMap.ordered(P, "DataCapBalances", 0L);

  /** {@code DataCapSupply}: every DataCap unit in balances or allocations. */
  public static final StorageValue<Long> DATACAP_SUPPLY =
      StorageValue.withDefault(P, "DataCapSupply", 0L);

  /** {@code Allocations}: client → allocation id → allocation, until claimed or removed. */
  public static final StorageDoubleMap<AccountId, Long, Allocation> ALLOCATIONS =
      StorageDoubleMap.orderedInner(P, "Allocations");

  /**
   * {@code NextAllocationId}: the id of the next allocation; 0 is reserved for "no allocation", so
   * ids start at 1. A claim keeps its allocation's id.
   */
  public static final StorageValue<Long> NEXT_ALLOCATION_ID =
      StorageValue.withDefault(P, "NextAllocationId", 1L);

  /** {@code Claims}: provider → claim id (its allocation's) → claim, until expired and removed. */
  public static final StorageDoubleMap<AccountId, Long, Claim> CLAIMS =
      StorageDoubleMap.orderedInner(P, "Claims");
}
