package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.frame.Ensure.fail;
import static dev.palletsim.storageprovider.StorageProviderStorage.ALLOCATED_SECTORS;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINE_CRON;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMITS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMIT_EXPIRIES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;
import static dev.palletsim.storageprovider.StorageProviderStorage.SECTORS;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.crypto.Sha256;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.primitives.PeerId;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.ProofVerifier;
import dev.palletsim.frame.traits.ProofVerifier.PoRepInputs;
import dev.palletsim.frame.traits.ProofVerifier.PoStInputs;
import dev.palletsim.frame.traits.ProofVerifier.Replica;
import dev.palletsim.frame.traits.Randomness;
import dev.palletsim.frame.traits.RandomnessDomain;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.frame.traits.StoragePower;
import dev.palletsim.frame.traits.StorageProviderValidation;
import dev.palletsim.storageprovider.StorageProviderEvent.ExpirationExtended;
import dev.palletsim.storageprovider.StorageProviderEvent.FaultsDeclared;
import dev.palletsim.storageprovider.StorageProviderEvent.FeeDebtRepaid;
import dev.palletsim.storageprovider.StorageProviderEvent.MarketTerminationFailed;
import dev.palletsim.storageprovider.StorageProviderEvent.PartitionsCompacted;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.RecoveriesDeclared;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsPreCommitted;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsProven;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsRecovered;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsTerminated;
import dev.palletsim.storageprovider.StorageProviderEvent.SkippedFaultsRecorded;
import dev.palletsim.storageprovider.StorageProviderEvent.StorageProviderRegistered;
import dev.palletsim.storageprovider.StorageProviderEvent.ValidPoStSubmitted;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The storage provider pallet (SPP in seed 001): provider registration, pre-commit and prove-commit
 * of sectors, Window PoSt deadlines and partitions, declared and detected faults, recoveries,
 * terminations and expirations, with deposits, pledges, fees and penalties. Filecoin's miner actor
 * semantics (filecoin-actors.md §3) expressed in blocks, seed 000's flow mapped onto deadlines
 * (ARCHITECTURE §1), without polka-storage's defects (polka-storage.md §1).
 *
 * <p>Its counterparts: {@link Market} (deals are verified at pre-commit, activated at prove-commit,
 * terminated with their sectors), {@link StoragePower} (every change of a sector's power is
 * reported in the same transaction), {@link Currency} (deposits and pledges are reserved, fees and
 * penalties burnt or sent to {@link StorageProviderConfig#penaltyBeneficiary()}), {@link
 * Randomness} and {@link ProofVerifier}. It provides {@link StorageProviderValidation} to the
 * market.
 *
 * <p>Its {@code onFinalize} costs what is due: it pops the pre-commits whose prove-commit deadline
 * passed and the providers whose current deadline ends from two ordered indexes by block (see
 * {@link DeadlineCron}). The public helpers (deadline info, randomness and proof inputs, reads of
 * sectors and partitions) give agents what an honest provider needs.
 */
public final class StorageProviderPallet implements Pallet, StorageProviderValidation {
  /** The pallet name. */
  public static final String NAME = "StorageProvider";

  private final StorageProviderConfig config;
  private final ProvingSchedule schedule;
  private final Couplings couplings;
  private final Supplier<Currency> currency;
  private final Supplier<Market> market;
  private final Supplier<StoragePower> storagePower;
  private final Supplier<Randomness> randomness;
  private final Supplier<ProofVerifier> verifier;
  private final Supplier<NetworkEconomics> network;
  private final DeadlineCron cron;

  /** The pallet with {@code config}, resolving its counterparts from {@code couplings}. */
  public StorageProviderPallet(StorageProviderConfig config, Couplings couplings) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.schedule = config.schedule();
    this.couplings = java.util.Objects.requireNonNull(couplings, "couplings");
    this.currency = couplings.lazy(Currency.class);
    this.market = couplings.lazy(Market.class);
    this.storagePower = couplings.lazy(StoragePower.class);
    this.randomness = couplings.lazy(Randomness.class);
    this.verifier = couplings.lazy(ProofVerifier.class);
    this.network = couplings.lazy(NetworkEconomics.class);
    this.cron = new DeadlineCron(this);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The configuration. */
  public StorageProviderConfig config() {
    return config;
  }

  /** The proving schedule. */
  public ProvingSchedule schedule() {
    return schedule;
  }

  // =================================================================== calls

  void registerStorageProvider(
      Tx tx,
      Origin origin,
      PeerId peerId,
      RegisteredPoStProof windowPoStProofType,
      Option<Long> pinnedOffset) {
    AccountId owner = Origin.ensureSigned(origin);
    String id = Ensure.present(Ensure.present(peerId, "peer_id").value(), "peer_id");
    ensure(
        !id.isBlank() && id.length() <= config.maxPeerIdLength(),
        StorageProviderError.InvalidPeerId);
    Ensure.present(windowPoStProofType, "window_post_proof_type");
    ensure(
        config.allowedPoStProofs().contains(windowPoStProofType),
        StorageProviderError.InvalidProofType);
    Ensure.present(pinnedOffset, "proving_period_offset");
    if (pinnedOffset.isDefined()) {
      long pinned = Ensure.present(pinnedOffset.get(), "proving_period_offset");
      ensure(
          pinned >= 0 && pinned < config.wPoStProvingPeriod(),
          StorageProviderError.InvalidProvingPeriodOffset);
    }
    ensure(!PROVIDERS.contains(tx, owner), StorageProviderError.StorageProviderExists);
    // seed 001: the miner may have created its claim with create_miner at bootstrap; adopt it
    if (!storagePower.get().isMinerRegistered(tx, owner))
      storagePower.get().registerMiner(tx, owner);
    long offset =
        pinnedOffset.getOrElse(() -> provingPeriodOffset(owner, config.wPoStProvingPeriod()));
    DeadlineInfo current = DeadlineInfo.current(schedule, offset, tx.blockNumber());
    PROVIDERS.insert(
        tx,
        owner,
        new StorageProviderState(
            peerId,
            windowPoStProofType,
            offset,
            current.periodStart(),
            current.index(),
            false,
            0,
            0,
            0,
            0,
            0));
    tx.deposit(
        new StorageProviderRegistered(
            owner, peerId, windowPoStProofType, offset, current.periodStart()));
  }

  void preCommitSectors(Tx tx, Origin origin, Seq<SectorPreCommitInfo> sectors) {
    AccountId owner = Origin.ensureSigned(origin);
    Ensure.present(sectors, "sectors");
    StorageProviderState st = requireProvider(tx, owner);
    requireSectorBatch(sectors);
    long now = tx.blockNumber();
    long activationBound = Checked.add(now, config.maxProveCommitDuration());
    HashSet<Long> seen = HashSet.empty();
    Vector<SectorDeals> requests = Vector.empty();
    for (SectorPreCommitInfo s : sectors) {
      Ensure.present(s, "sector");
      Ensure.present(s.sealProof(), "seal_proof");
      Ensure.present(s.sealedCid(), "sealed_cid");
      Ensure.present(s.unsealedCid(), "unsealed_cid");
      Ensure.present(s.dealIds(), "deal_ids");
      for (Long d : s.dealIds()) Ensure.nonNegative(Ensure.present(d, "deal_id"), "deal_id");
      ensure(
          s.sealProof().postProof() == st.windowPoStProofType(),
          StorageProviderError.InvalidProofType);
      long n = s.sectorNumber();
      ensure(n >= 0 && n <= config.maxSectorNumber(), StorageProviderError.InvalidSectorNumber);
      ensure(!seen.contains(n), StorageProviderError.DuplicateSectorNumber);
      seen = seen.add(n);
      ensure(
          !ALLOCATED_SECTORS.contains(tx, owner, n), StorageProviderError.SectorNumberAlreadyUsed);
      ensure(s.sealedCid().isSealedCommitment(), StorageProviderError.InvalidSealedCid);
      ensure(s.unsealedCid().isUnsealedCommitment(), StorageProviderError.InvalidUnsealedCid);
      long h = s.sealRandomnessHeight();
      ensure(
          h >= 0 && h < now && now - h <= config.maxPreCommitRandomnessLookback(),
          StorageProviderError.InvalidSealRandomnessHeight);
      validateExpiration(now, activationBound, s.expiration());
      ensure(
          s.dealIds().size() <= config.maxDealsFor(st.sectorSize()),
          StorageProviderError.TooManyDeals);
      requests =
          requests.append(
              new SectorDeals(n, st.sectorSize(), s.expiration(), List.ofAll(s.dealIds())));
    }
    requireMatchingAnswer(
        requests,
        market.get().verifyDealsForActivation(tx, owner, requests),
        sectors.map(SectorPreCommitInfo::unsealedCid));
    long deposit = Monies.preCommitDeposit(config, inputs(tx), st.sectorSize());
    long total = Checked.mul(deposit, sectors.size());
    st = repayDebtInFull(tx, owner, st, total);
    currency.get().reserve(tx, owner, total);

    long expiry = preCommitExpiry(st, now);
    TreeSet<SectorRef> refs = TreeSet.empty();
    for (SectorPreCommitInfo s : sectors) {
      PRE_COMMITS.insert(
          tx,
          owner,
          s.sectorNumber(),
          new SectorPreCommitOnChainInfo(
              s.sealProof(),
              s.sectorNumber(),
              s.sealedCid(),
              s.sealRandomnessHeight(),
              List.ofAll(s.dealIds()),
              s.expiration(),
              s.unsealedCid(),
              deposit,
              now));
      ALLOCATED_SECTORS.insert(tx, owner, s.sectorNumber(), Boolean.TRUE);
      refs = refs.add(new SectorRef(owner, s.sectorNumber()));
    }
    TreeSet<SectorRef> added = refs;
    PRE_COMMIT_EXPIRIES.mutate(tx, expiry, set -> set == null ? added : set.addAll(added));
    st = st.withPreCommitDeposits(Checked.add(st.preCommitDeposits(), total));
    PROVIDERS.insert(tx, owner, activateDeadlineCron(tx, owner, st, now));
    tx.deposit(
        new SectorsPreCommitted(owner, now, sectors.map(SectorPreCommitInfo::sectorNumber), total));
  }

  private void validateExpiration(long now, long activationBound, long expiration) {
    ensure(expiration > activationBound, StorageProviderError.ExpirationBeforeActivation);
    long lifetime = expiration - activationBound;
    ensure(lifetime >= config.minSectorExpiration(), StorageProviderError.ExpirationTooSoon);
    ensure(
        expiration <= Checked.add(now, config.maxSectorExpiration()),
        StorageProviderError.ExpirationTooLong);
    ensure(
        lifetime <= config.sectorMaximumLifetime(), StorageProviderError.MaxSectorLifetimeExceeded);
  }

  private void requireSectorBatch(Seq<?> sectors) {
    ensure(!sectors.isEmpty(), StorageProviderError.EmptyBatch);
    ensure(sectors.size() <= config.maxSectorsPerCall(), StorageProviderError.TooManySectors);
  }

  /**
   * The market answered one well-formed entry per sector asked about, in order, and each entry's
   * unsealed CID is the sector's (every entry is checked for form before any CID is compared).
   */
  private static void requireMatchingAnswer(
      Seq<SectorDeals> asked, Seq<SectorDealInfo> answer, Seq<Cid> unsealedCids) {
    ensure(
        answer != null && answer.size() == asked.size(),
        StorageProviderError.MarketResponseMismatch);
    for (int i = 0; i < asked.size(); i++) {
      SectorDealInfo info = answer.get(i);
      ensure(
          info != null
              && info.sectorNumber() == asked.get(i).sectorNumber()
              && info.unsealedCid() != null,
          StorageProviderError.MarketResponseMismatch);
    }
    for (int i = 0; i < asked.size(); i++) {
      ensure(
          answer.get(i).unsealedCid().equals(unsealedCids.get(i)),
          StorageProviderError.UnsealedCidMismatch);
    }
  }

  void proveCommitSectors(Tx tx, Origin origin, Seq<ProveCommitSector> sectors) {
    AccountId owner = Origin.ensureSigned(origin);
    Ensure.present(sectors, "sectors");
    StorageProviderState st = requireProvider(tx, owner);
    requireSectorBatch(sectors);
    long now = tx.blockNumber();
    HashSet<Long> seen = HashSet.empty();
    Vector<SectorPreCommitOnChainInfo> proven = Vector.empty();
    for (ProveCommitSector p : sectors) {
      Ensure.present(p, "sector");
      ProofBytes proof = Ensure.present(p.proof(), "proof");
      ensure(!seen.contains(p.sectorNumber()), StorageProviderError.DuplicateSectorNumber);
      seen = seen.add(p.sectorNumber());
      SectorPreCommitOnChainInfo pc =
          PRE_COMMITS
              .find(tx, owner, p.sectorNumber())
              .getOrElseThrow(() -> fail(StorageProviderError.PreCommitNotFound));
      ensure(
          now > interactiveSeedBlock(pc.preCommitBlock()),
          StorageProviderError.ProveCommitTooEarly);
      ensure(
          now <= pc.preCommitBlock() + config.maxProveCommitDuration(),
          StorageProviderError.ProveCommitTooLate);
      ensure(proof.length() <= config.maxPoRepProofBytes(), StorageProviderError.InvalidProof);
      ensure(
          verifier.get().verifyPoRep(poRepInputs(tx, owner, pc), proof.bytes()),
          StorageProviderError.InvalidProof);
      proven = proven.append(pc);
    }
    proven = proven.sortBy(SectorPreCommitOnChainInfo::sectorNumber);

    Vector<SectorDeals> requests =
        proven.map(
            pc ->
                new SectorDeals(pc.sectorNumber(), st.sectorSize(), pc.expiration(), pc.dealIds()));
    Seq<SectorDealInfo> activated = market.get().activateDeals(tx, owner, requests);
    requireMatchingAnswer(requests, activated, proven.map(SectorPreCommitOnChainInfo::unsealedCid));

    long released = 0;
    for (SectorPreCommitOnChainInfo pc : proven)
      released = Checked.add(released, pc.preCommitDeposit());
    currency.get().unreserve(tx, owner, released);
    NetworkInputs economics = inputs(tx);
    long pledge = Monies.initialPledge(config, economics, st.sectorSize(), now);
    long dailyFee = Monies.dailyFee(config, economics, st.sectorSize());
    long totalPledge = Checked.mul(pledge, proven.size());
    ensure(currency.get().free(tx, owner) >= totalPledge, StorageProviderError.InsufficientFunds);
    currency.get().reserve(tx, owner, totalPledge);

    Vector<DeadlineAssignment.Load> loads = Vector.empty();
    for (int i = 0; i < schedule.periodDeadlines(); i++) {
      if (DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), i, now).isMutable()) {
        Deadline d = deadline(tx, owner, i);
        loads = loads.append(new DeadlineAssignment.Load(i, d.totalSectors(), d.liveSectors()));
      }
    }
    Vector<Integer> chosen =
        DeadlineAssignment.assign(
                loads, proven.size(), st.partitionSize(), config.maxPartitionsPerDeadline())
            .getOrElseThrow(() -> fail(StorageProviderError.NoDeadlineAvailable));

    TreeMap<Integer, Vector<Tuple2<SectorPreCommitOnChainInfo, SectorDealInfo>>> byDeadline =
        TreeMap.empty();
    for (int i = 0; i < proven.size(); i++) {
      var item = new Tuple2<>(proven.get(i), activated.get(i));
      byDeadline =
          byDeadline.put(
              chosen.get(i), byDeadline.get(chosen.get(i)).getOrElse(Vector.empty()).append(item));
    }
    Vector<SectorLocation> locations = Vector.empty();
    for (var entry : byDeadline) {
      int dlIdx = entry._1;
      Vector<Tuple2<SectorPreCommitOnChainInfo, SectorDealInfo>> items = entry._2;
      Deadline d = deadline(tx, owner, dlIdx);
      Vector<Integer> placement = d.placement(items.size(), st.partitionSize());
      QuantSpec quant = schedule.quantSpecFor(st.provingPeriodOffset(), dlIdx);
      TreeMap<Integer, TreeMap<Long, Long>> byPartition = TreeMap.empty();
      for (int k = 0; k < items.size(); k++) {
        SectorPreCommitOnChainInfo pc = items.get(k)._1;
        SectorDealInfo deals = items.get(k)._2;
        int part = placement.get(k);
        byPartition =
            byPartition.put(
                part,
                byPartition
                    .get(part)
                    .getOrElse(TreeMap.empty())
                    .put(pc.sectorNumber(), pc.expiration()));
        SECTORS.insert(
            tx,
            owner,
            pc.sectorNumber(),
            new SectorOnChainInfo(
                pc.sectorNumber(),
                pc.sealProof(),
                pc.sealedCid(),
                pc.unsealedCid(),
                DealIds.of(pc.dealIds()),
                now,
                pc.expiration(),
                now,
                deals.dealWeight(),
                deals.verifiedDealWeight(),
                pledge,
                st.sectorSize(),
                dlIdx,
                part,
                dailyFee));
        PRE_COMMITS.remove(tx, owner, pc.sectorNumber());
        removeFromExpiryIndex(tx, owner, st, pc);
      }
      Deadline next =
          d.withSectorsAdded(items.size(), st.partitionSize())
              .withDailyFeeChange(Checked.mul(dailyFee, items.size()));
      for (var p : byPartition) {
        Partition partition =
            partition(tx, owner, dlIdx, p._1).getOrElse(Partition.EMPTY).addSectors(p._2, quant);
        PARTITIONS.insert(tx, owner, new PartitionKey(dlIdx, p._1), partition);
        next = next.withExpirations(p._2.values().map(quant::quantizeUp), p._1);
        locations = locations.append(new SectorLocation(dlIdx, p._1, TreeSet.ofAll(p._2.keySet())));
      }
      DEADLINES.insert(tx, owner, dlIdx, next);
    }

    StorageProviderState updated =
        st.withPreCommitDeposits(Checked.sub(st.preCommitDeposits(), released))
            .withInitialPledge(Checked.add(st.initialPledge(), totalPledge))
            .withLiveSectors(Checked.add(st.liveSectors(), proven.size()));
    PROVIDERS.insert(tx, owner, activateDeadlineCron(tx, owner, updated, now));
    tx.deposit(new SectorsProven(owner, locations, released, totalPledge));
  }

  /**
   * The block at whose end a pre-commit made by {@code st} at {@code preCommitBlock} loses its
   * deposit unless proven: its key in {@code PreCommitExpiries}. As builtin-actors' {@code
   * add_pre_commit_clean_ups}, the bound {@code preCommitBlock + maxProveCommitDuration +
   * expiredPreCommitCleanUpDelay} is quantised up to a deadline opening, and the deposit is burnt
   * when that deadline closes (its last block, where the provider's deadline cron runs).
   */
  long preCommitExpiry(StorageProviderState st, long preCommitBlock) {
    long bound =
        Checked.add(
            Checked.add(preCommitBlock, config.maxProveCommitDuration()),
            config.expiredPreCommitCleanUpDelay());
    long window = config.wPoStChallengeWindow();
    QuantSpec everyDeadline = new QuantSpec(window, st.provingPeriodOffset());
    return Checked.add(everyDeadline.quantizeUp(bound), window - 1);
  }

  private void removeFromExpiryIndex(
      Tx tx, AccountId owner, StorageProviderState st, SectorPreCommitOnChainInfo pc) {
    long block = preCommitExpiry(st, pc.preCommitBlock());
    SectorRef ref = new SectorRef(owner, pc.sectorNumber());
    PRE_COMMIT_EXPIRIES.mutate(
        tx,
        block,
        set -> {
          if (set == null) return null;
          TreeSet<SectorRef> rest = set.remove(ref);
          return rest.isEmpty() ? null : rest;
        });
  }

  /** Enrols an idle provider for deadline processing from the deadline open now. */
  private StorageProviderState activateDeadlineCron(
      Tx tx, AccountId owner, StorageProviderState st, long now) {
    if (st.deadlineCronActive()) return st;
    DeadlineInfo current = DeadlineInfo.current(schedule, st.provingPeriodOffset(), now);
    enrollDeadlineCron(tx, owner, current.last());
    return st.withDeadlineCron(current.periodStart(), current.index(), true);
  }

  void enrollDeadlineCron(Tx tx, AccountId owner, long block) {
    DEADLINE_CRON.mutate(tx, block, set -> set == null ? TreeSet.of(owner) : set.add(owner));
  }

  void submitWindowedPost(
      Tx tx,
      Origin origin,
      int deadline,
      Seq<PoStPartition> partitions,
      ProofBytes proof,
      long chainCommitEpoch) {
    AccountId owner = Origin.ensureSigned(origin);
    Ensure.present(partitions, "partitions");
    Ensure.present(proof, "proof");
    StorageProviderState st = requireProvider(tx, owner);
    ensure(!partitions.isEmpty(), StorageProviderError.EmptyBatch);
    ensure(
        partitions.size() <= postPartitionLimit(st.partitionSize()),
        StorageProviderError.TooManyPartitions);
    ensure(
        proof.length() <= (long) config.maxPoStProofBytes() * partitions.size(),
        StorageProviderError.InvalidProof);
    ensure(
        deadline >= 0 && deadline < schedule.periodDeadlines(),
        StorageProviderError.InvalidDeadline);
    long now = tx.blockNumber();
    DeadlineInfo current = DeadlineInfo.current(schedule, st.provingPeriodOffset(), now);
    ensure(current.index() == deadline, StorageProviderError.DeadlineNotOpen);
    ensure(
        chainCommitEpoch >= current.challenge() && chainCommitEpoch < now,
        StorageProviderError.InvalidChainCommitEpoch);
    Deadline d = deadline(tx, owner, deadline);
    TreeMap<Integer, TreeSet<Long>> skippedBy = TreeMap.empty();
    for (PoStPartition p : partitions) {
      Ensure.present(p, "partition");
      Ensure.present(p.skipped(), "skipped");
      for (Long s : p.skipped()) Ensure.present(s, "skipped sector");
      ensure(!skippedBy.containsKey(p.index()), StorageProviderError.DuplicatePartition);
      ensure(
          p.index() >= 0 && p.index() < d.partitionCount(), StorageProviderError.PartitionNotFound);
      ensure(!d.isPosted(p.index()), StorageProviderError.PartitionAlreadyProven);
      skippedBy = skippedBy.put(p.index(), TreeSet.ofAll(p.skipped()));
    }
    long faultExpiration = Checked.add(current.last(), config.faultMaxAge());
    QuantSpec quant = current.quantSpec();
    // builtin-actors' record_proven_sectors: skipped sectors become faults first, so the proof
    // covers what stays to prove
    TreeMap<Integer, Partition.FaultsRecorded> afterSkips = TreeMap.empty();
    for (var p : skippedBy) {
      Partition part = partition(tx, owner, deadline, p._1).get();
      ensure(part.sectors().containsAll(p._2), StorageProviderError.SectorNotInPartition);
      afterSkips = afterSkips.put(p._1, part.recordFaults(p._2, faultExpiration, quant));
    }
    Vector<Replica> replicas =
        replicasToProve(tx, owner, afterSkips.values().map(Partition.FaultsRecorded::partition));
    ensure(!replicas.isEmpty(), StorageProviderError.NoSectorsToProve);
    ensure(current.challenge() >= 0, StorageProviderError.DeadlineNotOpen);
    PoStInputs inputs = new PoStInputs(owner, windowPoStRandomness(tx, owner, current), replicas);
    ensure(verifier.get().verifyPoSt(inputs, proof.bytes()), StorageProviderError.InvalidProof);

    long gained = 0;
    long lost = 0;
    Vector<SectorLocation> recovered = Vector.empty();
    Vector<SectorLocation> skipped = Vector.empty();
    for (var p : afterSkips) {
      Partition.FaultsRecorded skips = p._2;
      TreeMap<Long, Long> expirations = TreeMap.empty();
      for (Long s : skips.partition().recoveries())
        expirations = expirations.put(s, sector(tx, owner, s).expiration());
      Partition.Proven r = skips.partition().recordProven(expirations, quant);
      PARTITIONS.insert(tx, owner, new PartitionKey(deadline, p._1), r.partition());
      d = d.withPosted(p._1).withExpirations(expirations.values().map(quant::quantizeUp), p._1);
      if (!skips.newFaults().isEmpty()) {
        d = d.withExpirations(List.of(quant.quantizeUp(faultExpiration)), p._1);
        skipped = skipped.append(new SectorLocation(deadline, p._1, skips.newFaults()));
      }
      lost += skips.lostPower().size();
      gained += r.recovered().size() + r.activated().size();
      if (!r.recovered().isEmpty()) {
        recovered = recovered.append(new SectorLocation(deadline, p._1, r.recovered()));
      }
    }
    DEADLINES.insert(tx, owner, deadline, d);
    // both products are non-negative, so their difference cannot overflow
    long delta = Checked.mul(gained, st.sectorSize()) - Checked.mul(lost, st.sectorSize());
    st = reportPower(tx, owner, st, delta);
    PROVIDERS.insert(tx, owner, st);
    tx.deposit(new ValidPoStSubmitted(owner, deadline, skippedBy.keySet().toVector()));
    if (!skipped.isEmpty()) tx.deposit(new SkippedFaultsRecorded(owner, skipped));
    if (!recovered.isEmpty()) tx.deposit(new SectorsRecovered(owner, recovered));
  }

  /**
   * The most partitions one PoSt may prove: {@code min(POSTED_PARTITIONS_MAX,
   * load_partitions_sectors_max)}, the latter bounding the sectors one call loads.
   */
  private long postPartitionLimit(int partitionSize) {
    return Math.min(config.postedPartitionsMax(), loadablePartitions(partitionSize));
  }

  private Vector<Replica> replicasToProve(
      StateView view, AccountId owner, Seq<Partition> partitions) {
    TreeSet<Long> sectors = TreeSet.empty();
    for (Partition p : partitions) sectors = sectors.addAll(p.toProve());
    return sectors.toVector().map(s -> new Replica(s, sector(view, owner, s).sealedCid()));
  }

  void declareFaults(Tx tx, Origin origin, Seq<SectorDeclaration> faults) {
    AccountId owner = Origin.ensureSigned(origin);
    StorageProviderState st = requireProvider(tx, owner);
    var declared = normalize(faults);
    long now = tx.blockNumber();
    boolean seed000 = config.faultFeeSchedule() == FaultFeeSchedule.Seed000;
    long newFaults = 0;
    long lostPower = 0;
    Vector<SectorLocation> events = Vector.empty();
    for (var dl : declared) {
      DeadlineInfo target =
          DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), dl._1, now).nextNotElapsed();
      ensure(!target.faultCutoffPassed(), StorageProviderError.FaultDeclarationTooLate);
      long faultExpiration = Checked.add(target.last(), config.faultMaxAge());
      QuantSpec quant = target.quantSpec();
      Deadline d = deadline(tx, owner, dl._1);
      for (var p : dl._2) {
        Partition part = requireSectorsInPartition(tx, owner, d, dl._1, p._1, p._2);
        if (config.strictDeclarations()) {
          ensure(part.live().containsAll(p._2), StorageProviderError.SectorsNotLive);
        }
        Partition.FaultsRecorded r =
            seed000
                ? part.declareFaults(p._2.intersect(part.live()), faultExpiration, quant)
                : part.recordFaults(p._2, faultExpiration, quant);
        PARTITIONS.insert(tx, owner, new PartitionKey(dl._1, p._1), r.partition());
        if (!r.newFaults().isEmpty()) {
          d = d.withExpirations(List.of(quant.quantizeUp(faultExpiration)), p._1);
          events = events.append(new SectorLocation(dl._1, p._1, r.newFaults()));
        }
        newFaults += r.newFaults().size();
        lostPower += r.lostPower().size();
      }
      DEADLINES.insert(tx, owner, dl._1, d);
    }
    st = reportPower(tx, owner, st, -Checked.mul(lostPower, st.sectorSize()));
    tx.deposit(new FaultsDeclared(owner, events));
    if (seed000) {
      long fee =
          Monies.declaredFaultFee(config, inputs(tx), Checked.mul(newFaults, st.sectorSize()));
      st = charge(tx, owner, st, PenaltyKind.DeclaredFaultFee, fee);
    }
    PROVIDERS.insert(tx, owner, st);
  }

  void declareFaultsRecovered(Tx tx, Origin origin, Seq<SectorDeclaration> recoveries) {
    AccountId owner = Origin.ensureSigned(origin);
    StorageProviderState st = requireProvider(tx, owner);
    var declared = normalize(recoveries);
    long now = tx.blockNumber();
    Vector<SectorLocation> events = Vector.empty();
    for (var dl : declared) {
      DeadlineInfo target =
          DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), dl._1, now).nextNotElapsed();
      ensure(!target.faultCutoffPassed(), StorageProviderError.FaultRecoveryTooLate);
      Deadline d = deadline(tx, owner, dl._1);
      for (var p : dl._2) {
        Partition part = requireSectorsInPartition(tx, owner, d, dl._1, p._1, p._2);
        if (config.strictDeclarations()) {
          ensure(part.faults().containsAll(p._2), StorageProviderError.SectorsNotFaulty);
        }
        // builtin-actors ignores sectors that are not faulty or already recovering
        TreeSet<Long> recovering = p._2.intersect(part.faults()).diff(part.recoveries());
        if (recovering.isEmpty()) continue;
        PARTITIONS.insert(
            tx, owner, new PartitionKey(dl._1, p._1), part.declareRecoveries(recovering));
        events = events.append(new SectorLocation(dl._1, p._1, recovering));
      }
    }
    st = repayDebtInFull(tx, owner, st, 0);
    PROVIDERS.insert(tx, owner, st);
    tx.deposit(new RecoveriesDeclared(owner, events));
  }

  void terminateSectors(Tx tx, Origin origin, Seq<SectorDeclaration> terminations) {
    AccountId owner = Origin.ensureSigned(origin);
    StorageProviderState st = requireProvider(tx, owner);
    var declared = normalize(terminations);
    long now = tx.blockNumber();
    long lostPower = 0;
    Vector<SectorOnChainInfo> terminated = Vector.empty();
    for (var dl : declared) {
      ensure(
          DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), dl._1, now).isMutable(),
          StorageProviderError.CannotTerminateImmutableDeadline);
      Deadline d = deadline(tx, owner, dl._1);
      long fees = 0;
      for (var p : dl._2) {
        Partition part = requireSectorsInPartition(tx, owner, d, dl._1, p._1, p._2);
        ensure(part.live().containsAll(p._2), StorageProviderError.SectorsNotLive);
        Partition.Removed r = part.terminate(p._2);
        PARTITIONS.insert(tx, owner, new PartitionKey(dl._1, p._1), r.partition());
        lostPower += r.lostPower().size();
        for (Long s : r.removed()) {
          SectorOnChainInfo info = sector(tx, owner, s);
          terminated = terminated.append(info);
          fees = Checked.add(fees, info.dailyFee());
        }
      }
      DEADLINES.insert(
          tx, owner, dl._1, d.withSectorsRemoved(countIn(dl._2)).withDailyFeeChange(-fees));
    }
    st = reportPower(tx, owner, st, -Checked.mul(lostPower, st.sectorSize()));
    st = settleTerminated(tx, owner, st, terminated, TerminationReason.Voluntary, false);
    PROVIDERS.insert(tx, owner, st);
  }

  void extendSectorExpiration(Tx tx, Origin origin, Seq<ExpirationExtension> extensions) {
    AccountId owner = Origin.ensureSigned(origin);
    Ensure.present(extensions, "extensions");
    StorageProviderState st = requireProvider(tx, owner);
    ensure(!extensions.isEmpty(), StorageProviderError.EmptyBatch);
    ensure(
        extensions.size() <= config.addressedPartitionsMax(),
        StorageProviderError.TooManyDeclarations);
    long named = 0;
    for (ExpirationExtension e : extensions) {
      Ensure.present(e, "extension");
      Ensure.present(e.sectors(), "sectors");
      for (Long s : e.sectors()) Ensure.present(s, "sector");
      ensure(
          e.deadline() >= 0 && e.deadline() < schedule.periodDeadlines(),
          StorageProviderError.InvalidDeadline);
      ensure(e.partition() >= 0, StorageProviderError.PartitionNotFound);
      ensure(!e.sectors().isEmpty(), StorageProviderError.EmptySectorSet);
      named += e.sectors().size();
      ensure(named <= config.addressedSectorsMax(), StorageProviderError.TooManyDeclarations);
    }
    long now = tx.blockNumber();
    NetworkInputs economics = inputs(tx);
    for (ExpirationExtension e : extensions) {
      Deadline d = deadline(tx, owner, e.deadline());
      TreeSet<Long> sectors = TreeSet.ofAll(e.sectors());
      Partition part =
          requireSectorsInPartition(tx, owner, d, e.deadline(), e.partition(), sectors);
      ensure(part.live().containsAll(sectors), StorageProviderError.SectorsNotLive);
      ensure(part.active().containsAll(sectors), StorageProviderError.SectorsNotActive);
      QuantSpec quant = schedule.quantSpecFor(st.provingPeriodOffset(), e.deadline());
      TreeMap<Long, Long> moved = TreeMap.empty();
      long feeDelta = 0;
      for (Long n : sectors) {
        SectorOnChainInfo old = sector(tx, owner, n);
        ensure(old.expiration() >= now, StorageProviderError.ExtensionOfExpiredSector);
        ensure(e.newExpiration() >= old.expiration(), StorageProviderError.ExpirationReduced);
        validateExpiration(now, old.activation(), e.newExpiration());
        // the power does not change, so neither does the daily fee, unless the sector paid none
        long fee =
            old.dailyFee() == 0 ? Monies.dailyFee(config, economics, old.power()) : old.dailyFee();
        feeDelta = Checked.add(feeDelta, fee - old.dailyFee());
        SECTORS.insert(tx, owner, n, old.extended(e.newExpiration(), now, fee));
        moved = moved.put(n, e.newExpiration());
      }
      PARTITIONS.insert(
          tx,
          owner,
          new PartitionKey(e.deadline(), e.partition()),
          part.rescheduleExpirations(moved, quant));
      DEADLINES.insert(
          tx,
          owner,
          e.deadline(),
          d.withExpirations(List.of(quant.quantizeUp(e.newExpiration())), e.partition())
              .withDailyFeeChange(feeDelta));
      tx.deposit(
          new ExpirationExtended(
              owner, new SectorLocation(e.deadline(), e.partition(), sectors), e.newExpiration()));
    }
  }

  void compactPartitions(Tx tx, Origin origin, int deadline, Seq<Integer> partitions) {
    AccountId owner = Origin.ensureSigned(origin);
    Ensure.present(partitions, "partitions");
    for (Integer p : partitions) Ensure.present(p, "partition");
    StorageProviderState st = requireProvider(tx, owner);
    ensure(
        deadline >= 0 && deadline < schedule.periodDeadlines(),
        StorageProviderError.InvalidDeadline);
    long now = tx.blockNumber();
    ensure(availableForCompaction(st, deadline, now), StorageProviderError.DeadlineNotCompactable);
    TreeSet<Integer> removed = TreeSet.ofAll(partitions);
    ensure(
        removed.size() <= loadablePartitions(st.partitionSize()),
        StorageProviderError.TooManyPartitions);
    if (removed.isEmpty()) return;
    Deadline d = deadline(tx, owner, deadline);
    ensure(
        removed.head() >= 0 && removed.last() < d.partitionCount(),
        StorageProviderError.PartitionNotFound);
    TreeMap<Long, Long> live = TreeMap.empty();
    long dead = 0;
    for (Integer p : removed) {
      Partition part = partition(tx, owner, deadline, p).get();
      ensure(part.faults().isEmpty(), StorageProviderError.PartitionHasFaults);
      ensure(part.unproven().isEmpty(), StorageProviderError.PartitionHasUnprovenSectors);
      for (Long n : part.live()) live = live.put(n, sector(tx, owner, n).expiration());
      dead += part.terminated().size();
    }
    // the kept partitions move down over the removed ones
    Vector<Partition> kept = Vector.empty();
    for (int p = 0; p < d.partitionCount(); p++) {
      Partition part = partition(tx, owner, deadline, p).get();
      PARTITIONS.remove(tx, owner, new PartitionKey(deadline, p));
      if (!removed.contains(p)) kept = kept.append(part);
    }
    for (int p = 0; p < kept.size(); p++) {
      PARTITIONS.insert(tx, owner, new PartitionKey(deadline, p), kept.get(p));
      for (Long n : kept.get(p).live()) {
        SectorOnChainInfo info = sector(tx, owner, n);
        if (info.partition() != p) SECTORS.insert(tx, owner, n, info.at(deadline, p));
      }
    }
    Deadline next = d.withPartitionsRemoved(removed, live.size(), dead);
    QuantSpec quant = schedule.quantSpecFor(st.provingPeriodOffset(), deadline);
    Vector<Integer> placement = next.placement(live.size(), st.partitionSize());
    TreeMap<Integer, TreeMap<Long, Long>> byPartition = TreeMap.empty();
    int k = 0;
    for (var sector : live) {
      int p = placement.get(k++);
      byPartition = byPartition.put(p, byPartition.get(p).getOrElse(TreeMap.empty()).put(sector));
    }
    next = next.withSectorsAdded(live.size(), st.partitionSize());
    Vector<SectorLocation> moved = Vector.empty();
    for (var p : byPartition) {
      Partition part =
          partition(tx, owner, deadline, p._1)
              .getOrElse(Partition.EMPTY)
              .addProvenSectors(p._2, quant);
      PARTITIONS.insert(tx, owner, new PartitionKey(deadline, p._1), part);
      for (Long n : p._2.keySet()) {
        SECTORS.insert(tx, owner, n, sector(tx, owner, n).at(deadline, p._1));
      }
      next = next.withExpirations(p._2.values().map(quant::quantizeUp), p._1);
      moved = moved.append(new SectorLocation(deadline, p._1, TreeSet.ofAll(p._2.keySet())));
    }
    DEADLINES.insert(tx, owner, deadline, next);
    tx.work(NAME, d.partitionCount());
    tx.deposit(new PartitionsCompacted(owner, deadline, removed, moved));
  }

  /**
   * Whether deadline {@code index} may be compacted at {@code now}: it is mutable (neither open nor
   * next) and its last window closed more than {@code wPoStDisputeWindow} blocks ago
   * (builtin-actors' {@code deadline_available_for_compaction}).
   */
  boolean availableForCompaction(StorageProviderState st, int index, long now) {
    DeadlineInfo dl = DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), index, now);
    if (!dl.isMutable()) return false;
    if (dl.periodStart() > now) return true;
    DeadlineInfo next = dl.nextNotElapsed();
    boolean inDisputeWindow =
        !next.isOpen()
            && now < next.close() - schedule.provingPeriod() + config.wPoStDisputeWindow();
    return !inDisputeWindow;
  }

  /** Partitions one call may load: {@code load_partitions_sectors_max}. */
  private long loadablePartitions(int partitionSize) {
    return Math.min(config.addressedSectorsMax() / partitionSize, config.addressedPartitionsMax());
  }

  private static long countIn(TreeMap<Integer, TreeSet<Long>> partitions) {
    long n = 0;
    for (var p : partitions) n += p._2.size();
    return n;
  }

  private Partition requireSectorsInPartition(
      Tx tx, AccountId owner, Deadline d, int dl, int p, TreeSet<Long> sectors) {
    ensure(p < d.partitionCount(), StorageProviderError.PartitionNotFound);
    Partition part = partition(tx, owner, dl, p).get();
    ensure(part.sectors().containsAll(sectors), StorageProviderError.SectorNotInPartition);
    return part;
  }

  /** Validates declarations and merges them by deadline, then partition. */
  private TreeMap<Integer, TreeMap<Integer, TreeSet<Long>>> normalize(
      Seq<SectorDeclaration> declarations) {
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

  // =================================================================== hooks

  @Override
  public void onFinalize(Tx tx) {
    cron.onFinalize(tx);
  }

  // =================================================================== money and power

  /** Reports a power change to {@code StoragePower} and records the new total. */
  StorageProviderState reportPower(Tx tx, AccountId owner, StorageProviderState st, long delta) {
    if (delta == 0) return st;
    storagePower.get().updateMinerPower(tx, owner, delta);
    long power = delta > 0 ? Checked.add(st.power(), delta) : Checked.sub(st.power(), -delta);
    tx.deposit(new PowerUpdated(owner, delta, power));
    return st.withPower(power);
  }

  /**
   * Charges a fee or penalty once: what the free balance covers is burnt (or sent to the
   * beneficiary) now, the rest becomes fee debt; one event either way.
   */
  StorageProviderState charge(
      Tx tx, AccountId owner, StorageProviderState st, PenaltyKind kind, long amount) {
    if (amount <= 0) return st;
    long paid = payFromFree(tx, owner, Math.min(amount, currency.get().free(tx, owner)));
    long debt = amount - paid;
    StorageProviderState next = debt == 0 ? st : st.withFeeDebt(Checked.add(st.feeDebt(), debt));
    tx.deposit(new PenaltyCharged(owner, kind, amount, paid, debt));
    return next;
  }

  /** Pays what the free balance covers of the fee debt. */
  StorageProviderState repayDebt(Tx tx, AccountId owner, StorageProviderState st) {
    if (st.feeDebt() == 0) return st;
    long paid = payFromFree(tx, owner, Math.min(st.feeDebt(), currency.get().free(tx, owner)));
    if (paid == 0) return st;
    tx.deposit(new FeeDebtRepaid(owner, paid));
    return st.withFeeDebt(st.feeDebt() - paid);
  }

  /**
   * Pays the whole fee debt, leaving at least {@code thenNeeded} free (Filecoin: pre-commits and
   * recoveries require the debt to be repaid first).
   */
  private StorageProviderState repayDebtInFull(
      Tx tx, AccountId owner, StorageProviderState st, long thenNeeded) {
    long free = currency.get().free(tx, owner);
    ensure(free >= st.feeDebt(), StorageProviderError.UnpaidFeeDebt);
    ensure(free - st.feeDebt() >= thenNeeded, StorageProviderError.InsufficientFunds);
    return repayDebt(tx, owner, st);
  }

  /** Where {@code owner}'s fees and penalties go: the beneficiary, unless none or the owner. */
  private Optional<AccountId> penaltyRecipient(AccountId owner) {
    return config.penaltyBeneficiary().filter(b -> !b.equals(owner));
  }

  private long payFromFree(Tx tx, AccountId owner, long amount) {
    if (amount <= 0) return 0;
    var beneficiary = penaltyRecipient(owner);
    if (beneficiary.isPresent()) {
      currency.get().transfer(tx, owner, beneficiary.get(), amount, Currency.Existence.AllowDeath);
      return amount;
    }
    return currency.get().slash(tx, owner, amount);
  }

  /** Burns (or sends to the beneficiary) reserved deposit; returns the amount moved. */
  long slashReservedDeposit(Tx tx, AccountId owner, long amount) {
    if (amount <= 0) return 0;
    var beneficiary = penaltyRecipient(owner);
    if (beneficiary.isPresent()) {
      return currency
          .get()
          .repatriateReserved(tx, owner, beneficiary.get(), amount, Currency.BalanceStatus.Free);
    }
    return currency.get().slashReserved(tx, owner, amount);
  }

  /** Releases reserved initial pledge. */
  StorageProviderState releasePledge(Tx tx, AccountId owner, StorageProviderState st, long amount) {
    if (amount == 0) return st;
    currency.get().unreserve(tx, owner, amount);
    return st.withInitialPledge(Checked.sub(st.initialPledge(), amount));
  }

  /**
   * The money and market side of early terminations (voluntary or at fault max age): sectors
   * removed, pledge released, termination fee charged, the market told to terminate their deals
   * (from the cron, a market failure is reported and tolerated; from a call, it fails the call).
   */
  StorageProviderState settleTerminated(
      Tx tx,
      AccountId owner,
      StorageProviderState st,
      Seq<SectorOnChainInfo> sectors,
      TerminationReason reason,
      boolean fromCron) {
    if (sectors.isEmpty()) return st;
    long now = tx.blockNumber();
    NetworkInputs economics = inputs(tx);
    long pledge = 0;
    long fee = 0;
    TreeSet<Long> numbers = TreeSet.empty();
    Vector<Long> withDeals = Vector.empty();
    for (SectorOnChainInfo s : sectors) {
      pledge = Checked.add(pledge, s.initialPledge());
      fee =
          Checked.add(
              fee,
              Monies.terminationFeeForSector(
                  config, economics, s.initialPledge(), now - s.activation(), s.power()));
      numbers = numbers.add(s.sectorNumber());
      if (!s.dealIds().isEmpty()) withDeals = withDeals.append(s.sectorNumber());
      SECTORS.remove(tx, owner, s.sectorNumber());
    }
    st = st.withLiveSectors(Checked.sub(st.liveSectors(), sectors.size()));
    st = releasePledge(tx, owner, st, pledge);
    tx.deposit(new SectorsTerminated(owner, numbers, reason, pledge));
    st = charge(tx, owner, st, PenaltyKind.TerminationFee, fee);
    if (!withDeals.isEmpty()) {
      Vector<Long> dealSectors = withDeals.sorted();
      if (fromCron) {
        var failed =
            tx.transactional(() -> market.get().onSectorsTerminate(tx, owner, dealSectors));
        if (failed.isDefined()) {
          tx.deposit(
              new MarketTerminationFailed(
                  owner, TreeSet.ofAll(dealSectors), failed.get().describe()));
        }
      } else {
        market.get().onSectorsTerminate(tx, owner, dealSectors);
      }
    }
    return repayDebt(tx, owner, st);
  }

  // =================================================================== StorageProviderValidation

  @Override
  public boolean isRegisteredStorageProvider(StateView view, AccountId who) {
    return who != null && PROVIDERS.contains(view, who);
  }

  // =================================================================== public helpers

  /**
   * The proving-period offset of {@code who}: the first 8 bytes of SHA-256("palletsim/proving-
   * period-offset" ‖ account bytes) read as an unsigned big-endian integer, modulo the proving
   * period. Deterministic in the account alone (Filecoin hashes the address and the creation epoch;
   * an account-only offset lets agents know their schedule before registering).
   */
  public static long provingPeriodOffset(AccountId who, long provingPeriod) {
    byte[] digest = Sha256.domain("palletsim/proving-period-offset").bytes(who.toBytes()).finish();
    return Long.remainderUnsigned(Bytes.readLong(digest, 0), provingPeriod);
  }

  /** The provider's state, if registered. */
  public Option<StorageProviderState> provider(StateView view, AccountId who) {
    return PROVIDERS.find(view, who);
  }

  /** The deadline open at {@code now} for {@code who}, if registered. */
  public Option<DeadlineInfo> currentDeadline(StateView view, AccountId who, long now) {
    return provider(view, who)
        .map(st -> DeadlineInfo.current(schedule, st.provingPeriodOffset(), now));
  }

  /**
   * The next occurrence of deadline {@code index} for {@code who} that has not elapsed at {@code
   * now} (the open one, if {@code index} is open): the one PoSts, declarations and terminations
   * address.
   */
  public Option<DeadlineInfo> deadlineInfo(StateView view, AccountId who, int index, long now) {
    return provider(view, who)
        .map(
            st ->
                DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), index, now)
                    .nextNotElapsed());
  }

  /** The provider's deadline {@code index} (empty if it never had sectors). */
  public Deadline deadline(StateView view, AccountId who, int index) {
    return DEADLINES.find(view, who, index).getOrElse(Deadline.EMPTY);
  }

  /** A partition, if it exists. */
  public Option<Partition> partition(StateView view, AccountId who, int deadline, int partition) {
    return PARTITIONS.find(view, who, new PartitionKey(deadline, partition));
  }

  /** A live sector, if proven and not terminated or expired. */
  public Option<SectorOnChainInfo> findSector(StateView view, AccountId who, long sectorNumber) {
    return SECTORS.find(view, who, sectorNumber);
  }

  /** A pre-commit, if not yet proven or expired. */
  public Option<SectorPreCommitOnChainInfo> preCommit(
      StateView view, AccountId who, long sectorNumber) {
    return PRE_COMMITS.find(view, who, sectorNumber);
  }

  /** The provider's live sectors, by number. */
  public Seq<SectorOnChainInfo> sectors(StateView view, AccountId who) {
    return SECTORS.entriesOf(view, who).map(Tuple2::_2);
  }

  /**
   * The partitions of deadline {@code index} that have something to prove and have not been proven
   * in the current window: what an honest provider submits while the deadline is open.
   */
  public Seq<Integer> partitionsToProve(StateView view, AccountId who, int index) {
    Deadline d = deadline(view, who, index);
    Vector<Integer> out = Vector.empty();
    for (int p = 0; p < d.partitionCount(); p++) {
      if (d.isPosted(p)) continue;
      if (partition(view, who, index, p).exists(x -> !x.toProve().isEmpty())) out = out.append(p);
    }
    return out;
  }

  /** The block whose randomness is the interactive seal seed of a pre-commit made at a block. */
  public long interactiveSeedBlock(long preCommitBlock) {
    return preCommitBlock + config.preCommitChallengeDelay();
  }

  /** The seal ticket of {@code who} at {@code height}. */
  public H256 sealRandomness(StateView view, AccountId who, long height) {
    return randomness.get().draw(view, RandomnessDomain.SealRandomness, height, who.toBytes());
  }

  /** The interactive seal seed of {@code who}'s pre-commit made at {@code preCommitBlock}. */
  public H256 interactiveSeed(StateView view, AccountId who, long preCommitBlock) {
    return randomness
        .get()
        .draw(
            view,
            RandomnessDomain.InteractiveSealChallengeSeed,
            interactiveSeedBlock(preCommitBlock),
            who.toBytes());
  }

  /** The challenge randomness of {@code who}'s PoSt for the deadline occurrence {@code dl}. */
  public H256 windowPoStRandomness(StateView view, AccountId who, DeadlineInfo dl) {
    return randomness
        .get()
        .draw(view, RandomnessDomain.WindowedPoStChallengeSeed, dl.challenge(), who.toBytes());
  }

  private PoRepInputs poRepInputs(StateView view, AccountId who, SectorPreCommitOnChainInfo pc) {
    return new PoRepInputs(
        who,
        pc.sectorNumber(),
        pc.sealedCid(),
        pc.unsealedCid(),
        sealRandomness(view, who, pc.sealRandomnessHeight()),
        interactiveSeed(view, who, pc.preCommitBlock()));
  }

  /**
   * What the PoRep of a pre-committed sector proves, once its interactive seed exists at {@code
   * now} (none before, or without such a pre-commit).
   */
  public Option<PoRepInputs> poRepInputs(
      StateView view, AccountId who, long sectorNumber, long now) {
    return preCommit(view, who, sectorNumber)
        .filter(pc -> interactiveSeedBlock(pc.preCommitBlock()) <= now)
        .map(pc -> poRepInputs(view, who, pc));
  }

  /**
   * What a Window PoSt of {@code partitions} of the deadline open at {@code now} proves: the
   * challenge of that occurrence and the live sectors that are not faulty (or are recovering), by
   * number. None if {@code deadline} is not open or a partition does not exist.
   */
  public Option<PoStInputs> windowPoStInputs(
      StateView view, AccountId who, int deadline, Seq<Integer> partitions, long now) {
    return windowPoStInputsSkipping(view, who, deadline, partitions.map(PoStPartition::of), now);
  }

  /**
   * What a Window PoSt of {@code partitions}, each skipping its listed sectors, proves at {@code
   * now}: as {@link #windowPoStInputs} without the skipped sectors.
   */
  public Option<PoStInputs> windowPoStInputsSkipping(
      StateView view, AccountId who, int deadline, Seq<PoStPartition> partitions, long now) {
    Option<DeadlineInfo> current = currentDeadline(view, who, now);
    if (current.isEmpty() || current.get().index() != deadline) return Option.none();
    TreeSet<Long> sectors = TreeSet.empty();
    for (PoStPartition p : partitions) {
      Option<Partition> part = partition(view, who, deadline, p.index());
      if (part.isEmpty()) return Option.none();
      sectors = sectors.addAll(part.get().toProve().diff(TreeSet.ofAll(p.skipped())));
    }
    Vector<Replica> replicas =
        sectors.toVector().map(s -> new Replica(s, sector(view, who, s).sealedCid()));
    return Option.some(
        new PoStInputs(who, windowPoStRandomness(view, who, current.get()), replicas));
  }

  /** The pre-commit deposit of one sector sealed with {@code sealProof} in {@code view}. */
  public long preCommitDeposit(StateView view, RegisteredSealProof sealProof) {
    return Monies.preCommitDeposit(config, inputs(view), sealProof.sectorSize());
  }

  /** The initial pledge of one sector of {@code power} bytes proven at {@code block}. */
  public long initialPledge(StateView view, long power, long block) {
    return Monies.initialPledge(config, inputs(view), power, block);
  }

  /** The network inputs of the money formulas in {@code view} ({@code NetworkEconomics}). */
  public NetworkInputs inputs(StateView view) {
    return network.get().inputs(view);
  }

  // =================================================================== internals

  StorageProviderState requireProvider(StateView view, AccountId owner) {
    return PROVIDERS
        .find(view, owner)
        .getOrElseThrow(() -> fail(StorageProviderError.StorageProviderNotFound));
  }

  SectorOnChainInfo sector(StateView view, AccountId owner, long sectorNumber) {
    return SECTORS
        .find(view, owner, sectorNumber)
        .getOrElseThrow(
            () -> new IllegalStateException("live sector " + sectorNumber + " has no info"));
  }

  Couplings couplings() {
    return couplings;
  }

  Currency currency() {
    return currency.get();
  }

  // =================================================================== registration

  @Override
  public Seq<Invariant> invariants() {
    return new StorageProviderInvariants(this).all();
  }

  @Override
  public Seq<AccountId> palletAccounts() {
    return config.penaltyBeneficiary().map(List::of).orElse(List.empty());
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(
        StorageProviderCall.RegisterStorageProvider.class,
        StorageProviderCall.PreCommitSectors.class,
        StorageProviderCall.ProveCommitSectors.class,
        StorageProviderCall.SubmitWindowedPost.class,
        StorageProviderCall.DeclareFaults.class,
        StorageProviderCall.DeclareFaultsRecovered.class,
        StorageProviderCall.TerminateSectors.class,
        StorageProviderCall.ExtendSectorExpiration.class,
        StorageProviderCall.CompactPartitions.class);
  }
}
