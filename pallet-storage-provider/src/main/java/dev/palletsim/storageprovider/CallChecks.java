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
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The checks the storage provider pallet's calls share, in one place: the caller may act for the
 * provider it names ({@link #authorize}, the one role check every call makes), a batch is neither
 * empty nor too large, the market answered for the sectors asked about, an expiration lies in the
 * allowed window, declarations name existing partitions within the addressing limits, sectors
 * belong to the partition named.
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

  StorageProviderState requireProvider(StateView view, AccountId owner) {
    return PROVIDERS
        .find(view, owner)
        .getOrElseThrow(() -> fail(StorageProviderError.StorageProviderNotFound));
  }

  /**
   * Who may make a provider's call: the lists builtin-actors' miner passes to {@code
   * validate_immediate_caller_is}.
   */
  enum Callers {
    /**
     * The owner alone: {@code ChangeWorkerAddress}, {@code ConfirmChangeWorkerAddress}, proposing a
     * new owner or beneficiary.
     */
    Owner,
    /**
     * The owner, the worker or a control address: pre-commit, prove-commit, Window PoSt,
     * declarations, termination, extension, compaction, {@code RepayDebt}.
     */
    Controlling,
    /** The owner or the beneficiary: {@code WithdrawBalance}. */
    OwnerOrBeneficiary,
    /** Any signed account: disputes and consensus-fault reports, which name the provider. */
    Anyone
  }

  /**
   * A call authorised for a provider.
   *
   * @param provider the provider the call acts on (its account: the key of its state)
   * @param caller the signer
   * @param state the provider's state
   * @param info its accounts
   */
  record Authorized(
      AccountId provider, AccountId caller, StorageProviderState state, MinerInfo info) {}

  /**
   * The one role check of every call acting on a provider: the origin is signed, {@code provider}
   * (the signer's own provider when none) is registered, and the signer is among {@code allowed}
   * for it; otherwise {@code BadOrigin}, {@code StorageProviderNotFound}, or {@code NotOwner},
   * {@code NotControllingAddress}, {@code NotOwnerOrBeneficiary} (builtin-actors' {@code
   * USR_FORBIDDEN}).
   */
  Authorized authorize(Tx tx, Origin origin, Option<AccountId> provider, Callers allowed) {
    AccountId caller = Origin.ensureSigned(origin);
    Ensure.present(provider, "provider");
    AccountId who = provider.isDefined() ? Ensure.present(provider.get(), "provider") : caller;
    StorageProviderState st = requireProvider(tx, who);
    MinerInfo info = pallet.minerInfo(tx, who);
    switch (allowed) {
      case Owner -> ensure(caller.equals(info.owner()), StorageProviderError.NotOwner);
      case Controlling ->
          ensure(info.isControlling(caller), StorageProviderError.NotControllingAddress);
      case OwnerOrBeneficiary ->
          ensure(
              caller.equals(info.owner()) || caller.equals(info.beneficiary()),
              StorageProviderError.NotOwnerOrBeneficiary);
      case Anyone -> {}
    }
    return new Authorized(who, caller, st, info);
  }

  /**
   * {@link #authorize} for a call naming its provider, which any signed account may make (disputes,
   * consensus-fault reports).
   */
  Authorized authorizeAnyoneFor(Tx tx, Origin origin, AccountId provider) {
    return authorize(tx, origin, Option.some(Ensure.present(provider, "provider")), Callers.Anyone);
  }

  /**
   * Pre-commits and recoveries are refused while a reported consensus fault is held against the
   * provider (builtin-actors: "… not allowed during active consensus fault").
   */
  static void requireNoActiveConsensusFault(Authorized caller, long now) {
    ensure(!caller.info().consensusFaultActive(now), StorageProviderError.ConsensusFaultActive);
  }

  /**
   * Control addresses as given, checked: each present, at most {@code maxControlAddresses} ({@code
   * TooManyControlAddresses}, builtin-actors' {@code check_control_addresses}), kept in order as
   * builtin-actors keeps them.
   */
  Vector<AccountId> controlAddresses(Seq<AccountId> given) {
    Ensure.present(given, "control_addresses");
    for (AccountId a : given) Ensure.present(a, "control_address");
    ensure(
        given.size() <= config.maxControlAddresses(), StorageProviderError.TooManyControlAddresses);
    return given.toVector();
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

  /**
   * The partition {@code p} of deadline {@code dl}, which must exist and hold every sector named
   * (sector numbers outside a bit field's range, negative ones, are in no partition).
   */
  Partition requireSectorsInPartition(
      Tx tx, AccountId owner, Deadline d, int dl, int p, Iterable<Long> sectors) {
    ensure(p < d.partitionCount(), StorageProviderError.PartitionNotFound);
    Partition part = pallet.partition(tx, owner, dl, p).get();
    ensure(inPartition(part, sectors), StorageProviderError.SectorNotInPartition);
    return part;
  }

  /** Whether every sector named belongs to {@code part} (terminated ones included). */
  static boolean inPartition(Partition part, Iterable<Long> sectors) {
    for (Long s : sectors) {
      if (s < 0 || s > BitField.MAX_MEMBER) return false;
    }
    return part.sectors().containsAll(Partition.bits(sectors));
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
