package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.frame.Ensure.fail;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;

/**
 * The checks the storage provider pallet's calls share, in one place: the caller is a provider, a
 * batch is neither empty nor too large, the market answered for the sectors asked about, an
 * expiration lies in the allowed window, declarations name existing partitions within the
 * addressing limits, sectors belong to the partition named.
 */
final class CallChecks {
  private final StorageProviderPallet pallet;
  private final StorageProviderConfig config;
  private final ProvingSchedule schedule;

  CallChecks(StorageProviderPallet pallet) {
    this.pallet = pallet;
    this.config = pallet.config();
    this.schedule = pallet.schedule();
  }

  /**
   * Who a call acts for: the provider and its state.
   *
   * @param provider the provider the call acts on
   * @param state its state
   */
  record Caller(AccountId provider, StorageProviderState state) {}

  /**
   * The origin check of a call acting on the caller's own provider: a signed origin that is a
   * registered provider ({@link StorageProviderError#StorageProviderNotFound}). The one place this
   * is decided for the onboarding calls, so that who may act for a provider changes for all of them
   * at once.
   */
  Caller requireCaller(Tx tx, Origin origin) {
    AccountId who = Origin.ensureSigned(origin);
    return new Caller(who, requireProvider(tx, who));
  }

  StorageProviderState requireProvider(StateView view, AccountId owner) {
    return PROVIDERS
        .find(view, owner)
        .getOrElseThrow(() -> fail(StorageProviderError.StorageProviderNotFound));
  }

  void requireSectorBatch(Seq<?> sectors) {
    ensure(!sectors.isEmpty(), StorageProviderError.EmptyBatch);
    ensure(sectors.size() <= config.maxSectorsPerCall(), StorageProviderError.TooManySectors);
  }

  /**
   * The market answered one well-formed entry per sector asked about, in order, and each entry's
   * unsealed CID is the sector's (every entry is checked for form before any CID is compared).
   */
  static void requireMatchingAnswer(
      Seq<SectorDeals> asked, Seq<SectorDealInfo> answer, Seq<Cid> unsealedCids) {
    requireMatchingAnswer(asked, answer, unsealedCids, false);
  }

  /**
   * As {@link #requireMatchingAnswer(Seq, Seq, Seq)}; with {@code onlyWithDeals}, a sector without
   * deals may declare any CommD (builtin-actors' pre-commit: the market computes nothing for it,
   * its data comes as pieces at prove-commit).
   */
  static void requireMatchingAnswer(
      Seq<SectorDeals> asked,
      Seq<SectorDealInfo> answer,
      Seq<Cid> unsealedCids,
      boolean onlyWithDeals) {
    ensure(
        answer != null && answer.size() == asked.size(),
        StorageProviderError.MarketResponseMismatch);
    for (int i = 0; i < asked.size(); i++) {
      SectorDealInfo info = answer.get(i);
      ensure(
          info != null
              && info.sectorNumber() == asked.get(i).sectorNumber()
              && info.unsealedCid() != null
              && info.activated() != null
              && !info.activated().contains(null),
          StorageProviderError.MarketResponseMismatch);
    }
    for (int i = 0; i < asked.size(); i++) {
      if (onlyWithDeals && asked.get(i).dealIds().isEmpty()) continue;
      ensure(
          answer.get(i).unsealedCid().equals(unsealedCids.get(i)),
          StorageProviderError.UnsealedCidMismatch);
    }
  }

  void validateExpiration(long now, long activationBound, long expiration) {
    ensure(expiration > activationBound, StorageProviderError.ExpirationBeforeActivation);
    long lifetime = expiration - activationBound;
    ensure(lifetime >= config.minSectorExpiration(), StorageProviderError.ExpirationTooSoon);
    ensure(
        expiration <= Checked.add(now, config.maxSectorExpiration()),
        StorageProviderError.ExpirationTooLong);
    ensure(
        lifetime <= config.sectorMaximumLifetime(), StorageProviderError.MaxSectorLifetimeExceeded);
  }

  Partition requireSectorsInPartition(
      Tx tx, AccountId owner, Deadline d, int dl, int p, TreeSet<Long> sectors) {
    ensure(p < d.partitionCount(), StorageProviderError.PartitionNotFound);
    Partition part = pallet.partition(tx, owner, dl, p).get();
    ensure(part.sectors().containsAll(sectors), StorageProviderError.SectorNotInPartition);
    return part;
  }

  /** Validates declarations and merges them by deadline, then partition. */
  TreeMap<Integer, TreeMap<Integer, TreeSet<Long>>> normalize(Seq<SectorDeclaration> declarations) {
    Ensure.present(declarations, "declarations");
    ensure(!declarations.isEmpty(), StorageProviderError.EmptyBatch);
    ensure(
        declarations.size() <= config.addressedPartitionsMax(),
        StorageProviderError.TooManyDeclarations);
    TreeMap<Integer, TreeMap<Integer, TreeSet<Long>>> out = TreeMap.empty();
    long named = 0;
    int partitions = 0;
    for (SectorDeclaration d : declarations) {
      Ensure.present(d, "declaration");
      Ensure.present(d.sectors(), "sectors");
      ensure(
          d.deadline() >= 0 && d.deadline() < schedule.periodDeadlines(),
          StorageProviderError.InvalidDeadline);
      ensure(d.partition() >= 0, StorageProviderError.PartitionNotFound);
      ensure(!d.sectors().isEmpty(), StorageProviderError.EmptySectorSet);
      named += d.sectors().size();
      ensure(named <= config.addressedSectorsMax(), StorageProviderError.TooManyDeclarations);
      for (Long s : d.sectors()) Ensure.present(s, "sector");
      TreeMap<Integer, TreeSet<Long>> inDeadline = out.get(d.deadline()).getOrElse(TreeMap.empty());
      TreeSet<Long> existing = inDeadline.get(d.partition()).getOrElse(TreeSet.empty());
      if (existing.isEmpty()) partitions++;
      out = out.put(d.deadline(), inDeadline.put(d.partition(), existing.addAll(d.sectors())));
    }
    ensure(partitions <= config.addressedPartitionsMax(), StorageProviderError.TooManyDeclarations);
    return out;
  }

  static long countIn(TreeMap<Integer, TreeSet<Long>> partitions) {
    long n = 0;
    for (var p : partitions) n += p._2.size();
    return n;
  }

  /** Partitions one call may load: {@code load_partitions_sectors_max}. */
  long loadablePartitions(int partitionSize) {
    return Math.min(config.addressedSectorsMax() / partitionSize, config.addressedPartitionsMax());
  }
}
