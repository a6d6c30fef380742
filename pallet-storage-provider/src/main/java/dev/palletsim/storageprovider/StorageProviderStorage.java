package dev.palletsim.storageprovider;

import dev.palletsim.frame.StorageDoubleMap;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import io.vavr.collection.TreeSet;

/**
 * The storage of the storage provider pallet. Per-provider state is split by concept so that each
 * write rehashes only what changed: the provider's summary, its pre-commits, its sectors, its
 * deadlines and its partitions. Two ordered indexes by block make the hook's work proportional to
 * what is due: the pre-commits whose prove-commit deadline passes, and the providers whose current
 * deadline ends.
 */
public final class StorageProviderStorage {
  private StorageProviderStorage() {}

  private static final String P = StorageProviderPallet.NAME;

  /** Registered providers. */
  public static final StorageMap<AccountId, StorageProviderState> PROVIDERS =
      StorageMap.hashed(P, "StorageProviders");

  /**
   * Who controls each provider and who it pays ({@link MinerInfo}). A provider without an entry is
   * its own owner, worker and beneficiary ({@link MinerInfo#selfOwned}): an entry equal to that is
   * removed, as FRAME empties a {@code ValueQuery} holding its default, so equal contents always
   * give equal worlds.
   */
  public static final StorageMap<AccountId, MinerInfo> MINER_INFO =
      StorageMap.hashed(P, "MinerInfo");

  /**
   * Each provider's optimistically accepted Window PoSts by deadline index: those of the open
   * window and those of the last closed one, which may be disputed (builtin-actors' {@code
   * optimistic_post_submissions} and their snapshot).
   */
  public static final StorageDoubleMap<AccountId, Integer, PoStSubmissions> POST_SUBMISSIONS =
      StorageDoubleMap.orderedInner(P, "OptimisticPoStSubmissions");

  /** Pre-committed sectors not yet proven, by provider and sector number. */
  public static final StorageDoubleMap<AccountId, Long, SectorPreCommitOnChainInfo> PRE_COMMITS =
      StorageDoubleMap.orderedInner(P, "PreCommittedSectors");

  /**
   * Proven, live sectors, by provider and sector number, packed ({@link SectorOnChainInfo.Layout}:
   * about 100 bytes a sector).
   */
  public static final StorageDoubleMap<AccountId, Long, SectorOnChainInfo> SECTORS =
      StorageDoubleMap.packed(P, "Sectors", new SectorOnChainInfo.Layout());

  /**
   * Every sector number a provider has pre-committed, one bit field per provider (builtin-actors'
   * {@code allocated_sectors}): numbers are never reused.
   */
  public static final StorageMap<AccountId, BitField> ALLOCATED_SECTORS =
      StorageMap.hashed(P, "AllocatedSectorNumbers");

  /** Each provider's deadlines that have ever had sectors, by index. */
  public static final StorageDoubleMap<AccountId, Integer, Deadline> DEADLINES =
      StorageDoubleMap.orderedInner(P, "Deadlines");

  /** Each provider's partitions, by (deadline, partition). */
  public static final StorageDoubleMap<AccountId, PartitionKey, Partition> PARTITIONS =
      StorageDoubleMap.orderedInner(P, "Partitions");

  /** Block → pre-commits whose deposit is burnt at that block's end unless proven by then. */
  public static final StorageMap<Long, TreeSet<SectorRef>> PRE_COMMIT_EXPIRIES =
      StorageMap.ordered(P, "PreCommitExpiries");

  /**
   * Each provider's locked block rewards by the block they vest at ({@link VestingFunds},
   * builtin-actors' {@code vesting_funds}); absent when nothing is locked. Their total is the
   * provider's {@code locked_funds}, reserved on its account.
   */
  public static final StorageMap<AccountId, VestingFunds> VESTING_FUNDS =
      StorageMap.hashed(P, "VestingFunds");

  /** Block → providers whose current deadline ends at that block (its last block). */
  public static final StorageMap<Long, TreeSet<AccountId>> DEADLINE_CRON =
      StorageMap.ordered(P, "DeadlineCron");
}
