package dev.palletsim.market;

import dev.palletsim.frame.IndexedStorageMap;
import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;

/**
 * The storage of the market (seed 002, {@code State}), on one screen.
 *
 * <p>Sized for tens of millions of deals: deal ids are dense, so proposals and states live in
 * indexed maps (Filecoin's AMTs) whose values are packed in bytes ({@link
 * IndexedStorageMap#packed}, {@link DealProposal.Layout}, {@link DealState.Layout}); a proposal is
 * stored once (the pending set keeps only its 32-byte hash, not a second copy, and signatures are
 * not stored); the sector index packs its id sets too. An active deal costs about 75 bytes of
 * proposal, a dozen of state and a few of sector index (docs/performance.md).
 *
 * <p>Escrow and locked tables read as 0 for absent accounts and drop entries that reach 0, as
 * Filecoin's balance tables do. All escrowed tokens sit in the market's pallet account, so that
 * account's free balance is the existential deposit plus Σ escrow.
 */
public final class MarketStorage {
  private MarketStorage() {}

  static final String P = MarketPallet.NAME;

  /** {@code Proposals}: every published deal not yet cleaned up, by deal id. */
  public static final IndexedStorageMap<DealProposal> PROPOSALS =
      IndexedStorageMap.packed(P, "Proposals", new DealProposal.Layout());

  /** {@code States}: activated deals only; every key is also a key of {@link #PROPOSALS}. */
  public static final IndexedStorageMap<DealState> STATES =
      IndexedStorageMap.packed(P, "States", new DealState.Layout());

  /**
   * {@code PendingProposals}: hash of each published proposal not yet started ({@link
   * DealProposal#hash()}) to its deal id; blocks publishing the same proposal twice.
   */
  public static final StorageMap<H256, Long> PENDING_PROPOSALS =
      StorageMap.hashed(P, "PendingProposals");

  /** {@code EscrowTable}: planck held for each account, locked or not. */
  public static final StorageMap<AccountId, Long> ESCROW = StorageMap.hashed(P, "EscrowTable", 0L);

  /** {@code LockedTable}: the locked part of each account's escrow. */
  public static final StorageMap<AccountId, Long> LOCKED = StorageMap.hashed(P, "LockedTable", 0L);

  /** {@code NextID}: the id the next published deal gets. */
  public static final StorageValue<Long> NEXT_DEAL_ID = StorageValue.withDefault(P, "NextID", 0L);

  /**
   * {@code DealOpsByEpoch}: deals cron must look at, by block. Ordered, so that cron pops
   * everything due up to now in time proportional to what is due.
   */
  public static final StorageMap<Long, DealIds> DEAL_OPS_BY_BLOCK =
      StorageMap.ordered(P, "DealOpsByBlock");

  /** {@code LastCron}: the last block cron ran; −1 before the first. */
  public static final StorageValue<Long> LAST_CRON = StorageValue.withDefault(P, "LastCron", -1L);

  /** {@code TotalClientLockedCollateral}. */
  public static final StorageValue<Long> TOTAL_CLIENT_LOCKED_COLLATERAL =
      StorageValue.withDefault(P, "TotalClientLockedCollateral", 0L);

  /** {@code TotalProviderLockedCollateral}. */
  public static final StorageValue<Long> TOTAL_PROVIDER_LOCKED_COLLATERAL =
      StorageValue.withDefault(P, "TotalProviderLockedCollateral", 0L);

  /** {@code TotalClientStorageFee}: storage fees locked and not yet paid. */
  public static final StorageValue<Long> TOTAL_CLIENT_STORAGE_FEE =
      StorageValue.withDefault(P, "TotalClientStorageFee", 0L);

  /**
   * {@code ProviderSectors}: provider → sector → the deals activated in it; written on activation,
   * taken on termination, pruned as deals complete (Filecoin's {@code provider_sectors}).
   */
  public static final StorageDoubleMap<AccountId, Long, DealIds> PROVIDER_SECTORS =
      StorageDoubleMap.packed(P, "ProviderSectors", new DealIds.Layout());

  /**
   * {@code PendingDealAllocationIds}: a published, not yet activated verified deal → the DataCap
   * allocation it made at publication; taken when the deal is activated (the provider claims it) or
   * removed.
   */
  public static final StorageMap<Long, Long> PENDING_DEAL_ALLOCATIONS =
      StorageMap.hashed(P, "PendingDealAllocationIds");

  /** Withdrawals waiting out seed 000's delay (empty when the delay is 0). */
  public static final StorageMap<AccountId, PendingWithdrawal> PENDING_WITHDRAWALS =
      StorageMap.hashed(P, "PendingWithdrawals");
}
