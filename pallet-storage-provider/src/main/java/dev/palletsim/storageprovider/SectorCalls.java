package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.frame.Ensure.fail;
import static dev.palletsim.storageprovider.StorageProviderStorage.ALLOCATED_SECTORS;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMITS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMIT_EXPIRIES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;
import static dev.palletsim.storageprovider.StorageProviderStorage.SECTORS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.traits.BatchActivation;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.storageprovider.StorageProviderEvent.ExpirationExtended;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorActivationFailed;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsPreCommitted;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsProven;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The sector calls of the storage provider pallet: {@code preCommitSectors} (deposit reserved,
 * deals verified, clean-up scheduled), {@code proveCommitSectors} (deposit released, pledge
 * reserved, deals activated, sectors assigned to mutable deadlines, unproven) and {@code
 * extendSectorExpiration} (builtin-actors' {@code ExtendSectorExpiration2} with every claim kept),
 * with the pre-commit clean-up index they share with the deadline cron.
 */
final class SectorCalls extends CallGroup {

  SectorCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  void preCommitSectors(
      Tx tx, Origin origin, Option<AccountId> provider, Seq<SectorPreCommitInfo> sectors) {
    Origin.ensureSigned(origin);
    Ensure.present(sectors, "sectors");
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    CallChecks.requireNoActiveConsensusFault(caller, tx.blockNumber());
    checks.requireSectorBatch(sectors);
    long now = tx.blockNumber();
    long activationBound = Checked.add(now, config.maxProveCommitDuration());
    HashSet<Long> seen = HashSet.empty();
    BitField allocated = pallet.allocatedSectors(tx, owner);
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
      ensure(!allocated.contains(n), StorageProviderError.SectorNumberAlreadyUsed);
      ensure(s.sealedCid().isSealedCommitment(), StorageProviderError.InvalidSealedCid);
      ensure(s.unsealedCid().isUnsealedCommitment(), StorageProviderError.InvalidUnsealedCid);
      long h = s.sealRandomnessHeight();
      ensure(
          h >= 0 && h < now && now - h <= config.maxPreCommitRandomnessLookback(),
          StorageProviderError.InvalidSealRandomnessHeight);
      checks.validateExpiration(now, activationBound, s.expiration());
      ensure(
          s.dealIds().size() <= config.maxDealsFor(st.sectorSize()),
          StorageProviderError.TooManyDeals);
      requests =
          requests.append(
              new SectorDeals(n, st.sectorSize(), s.expiration(), List.ofAll(s.dealIds())));
    }
    checks.requireMatchingAnswer(
        requests,
        pallet.market().verifyDealsForActivation(tx, owner, requests),
        sectors.map(SectorPreCommitInfo::unsealedCid));
    long deposit = Monies.preCommitDeposit(config, pallet.inputs(tx), st.sectorSize());
    long total = Checked.mul(deposit, sectors.size());
    st = ledger.repayDebtInFull(tx, owner, st, total);
    pallet.currency().reserve(tx, owner, total);

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
      refs = refs.add(new SectorRef(owner, s.sectorNumber()));
    }
    ALLOCATED_SECTORS.insert(
        tx, owner, allocated.union(BitField.ofAll(sectors.map(SectorPreCommitInfo::sectorNumber))));
    TreeSet<SectorRef> added = refs;
    PRE_COMMIT_EXPIRIES.mutate(tx, expiry, set -> set == null ? added : set.addAll(added));
    st = st.withPreCommitDeposits(Checked.add(st.preCommitDeposits(), total));
    PROVIDERS.insert(tx, owner, pallet.cron().activate(tx, owner, st, now));
    tx.deposit(
        new SectorsPreCommitted(owner, now, sectors.map(SectorPreCommitInfo::sectorNumber), total));
  }

  void proveCommitSectors(
      Tx tx, Origin origin, Option<AccountId> provider, Seq<ProveCommitSector> sectors) {
    Origin.ensureSigned(origin);
    Ensure.present(sectors, "sectors");
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    checks.requireSectorBatch(sectors);
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
          now > pallet.interactiveSeedBlock(pc.preCommitBlock()),
          StorageProviderError.ProveCommitTooEarly);
      ensure(
          now <= pc.preCommitBlock() + config.maxProveCommitDuration(),
          StorageProviderError.ProveCommitTooLate);
      ensure(proof.length() <= config.maxPoRepProofBytes(), StorageProviderError.InvalidProof);
      ensure(
          pallet.verifier().verifyPoRep(pallet.poRepInputs(tx, owner, pc), proof.bytes()),
          StorageProviderError.InvalidProof);
      proven = proven.append(pc);
    }
    proven = proven.sortBy(SectorPreCommitOnChainInfo::sectorNumber);

    Vector<SectorDeals> requests =
        proven.map(
            pc ->
                new SectorDeals(pc.sectorNumber(), st.sectorSize(), pc.expiration(), pc.dealIds()));
    Tuple2<Vector<SectorPreCommitOnChainInfo>, Vector<SectorDealInfo>> committed =
        activateSectorDeals(tx, owner, proven, requests);
    proven = committed._1;
    Vector<SectorDealInfo> activated = committed._2;

    long released = 0;
    for (SectorPreCommitOnChainInfo pc : proven)
      released = Checked.add(released, pc.preCommitDeposit());
    pallet.currency().unreserve(tx, owner, released);
    NetworkInputs economics = pallet.inputs(tx);
    long pledge = Monies.initialPledge(config, economics, st.sectorSize(), now);
    long dailyFee = Monies.dailyFee(config, economics, st.sectorSize());
    long totalPledge = Checked.mul(pledge, proven.size());
    ensure(
        pallet.currency().free(tx, owner) >= totalPledge, StorageProviderError.InsufficientFunds);
    pallet.currency().reserve(tx, owner, totalPledge);

    Vector<DeadlineAssignment.Load> loads = Vector.empty();
    for (int i = 0; i < schedule.periodDeadlines(); i++) {
      if (DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), i, now).isMutable()) {
        Deadline d = pallet.deadline(tx, owner, i);
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
      Deadline d = pallet.deadline(tx, owner, dlIdx);
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
            pallet
                .partition(tx, owner, dlIdx, p._1)
                .getOrElse(Partition.EMPTY)
                .addSectors(p._2, quant);
        PARTITIONS.insert(tx, owner, new PartitionKey(dlIdx, p._1), partition);
        next = next.withExpirations(p._2.values().map(quant::quantizeUp), p._1);
        locations = locations.append(SectorLocation.of(dlIdx, p._1, p._2.keySet()));
      }
      DEADLINES.insert(tx, owner, dlIdx, next);
    }

    StorageProviderState updated =
        st.withPreCommitDeposits(Checked.sub(st.preCommitDeposits(), released))
            .withInitialPledge(Checked.add(st.initialPledge(), totalPledge))
            .withLiveSectors(Checked.add(st.liveSectors(), proven.size()));
    PROVIDERS.insert(tx, owner, pallet.cron().activate(tx, owner, updated, now));
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

  void extendSectorExpiration(
      Tx tx, Origin origin, Option<AccountId> provider, Seq<ExpirationExtension> extensions) {
    Origin.ensureSigned(origin);
    Ensure.present(extensions, "extensions");
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
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
    NetworkInputs economics = pallet.inputs(tx);
    for (ExpirationExtension e : extensions) {
      Deadline d = pallet.deadline(tx, owner, e.deadline());
      TreeSet<Long> sectors = TreeSet.ofAll(e.sectors());
      Partition part =
          checks.requireSectorsInPartition(tx, owner, d, e.deadline(), e.partition(), sectors);
      BitField extended = Partition.bits(sectors);
      ensure(part.live().containsAll(extended), StorageProviderError.SectorsNotLive);
      ensure(part.active().containsAll(extended), StorageProviderError.SectorsNotActive);
      QuantSpec quant = schedule.quantSpecFor(st.provingPeriodOffset(), e.deadline());
      TreeMap<Long, Long> moved = TreeMap.empty();
      long feeDelta = 0;
      for (Long n : sectors) {
        SectorOnChainInfo old = pallet.sector(tx, owner, n);
        ensure(old.expiration() >= now, StorageProviderError.ExtensionOfExpiredSector);
        ensure(e.newExpiration() >= old.expiration(), StorageProviderError.ExpirationReduced);
        checks.validateExpiration(now, old.activation(), e.newExpiration());
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

  /**
   * Activates the proven sectors' deals sector by sector (the market's {@code BatchActivateDeals}),
   * as Filecoin's ProveCommitSectors3 does: a sector whose deals fail to activate is dropped
   * ({@link SectorActivationFailed}) and stays pre-committed, the others are committed; if none
   * activates, the call fails with the first sector's error. Returns the committed pre-commits and
   * their deal information, in order.
   */
  private Tuple2<Vector<SectorPreCommitOnChainInfo>, Vector<SectorDealInfo>> activateSectorDeals(
      Tx tx,
      AccountId owner,
      Vector<SectorPreCommitOnChainInfo> proven,
      Vector<SectorDeals> requests) {
    BatchActivation results = pallet.market().batchActivateDeals(tx, owner, requests);
    ensure(
        results != null && results.size() == requests.size(),
        StorageProviderError.MarketResponseMismatch);
    Vector<SectorPreCommitOnChainInfo> committed = Vector.empty();
    Vector<SectorDeals> asked = Vector.empty();
    Vector<SectorDealInfo> infos = Vector.empty();
    Vector<SectorActivationFailed> failures = Vector.empty();
    for (int i = 0; i < requests.size(); i++) {
      var result = results.get(i);
      ensure(
          result != null && (result.isRight() || result.getLeft() != null),
          StorageProviderError.MarketResponseMismatch);
      if (result.isLeft()) {
        failures =
            failures.append(
                new SectorActivationFailed(owner, proven.get(i).sectorNumber(), result.getLeft()));
      } else {
        committed = committed.append(proven.get(i));
        asked = asked.append(requests.get(i));
        infos = infos.append(result.get());
      }
    }
    if (committed.isEmpty()) throw fail(failures.head().error());
    checks.requireMatchingAnswer(
        asked, infos, committed.map(SectorPreCommitOnChainInfo::unsealedCid));
    failures.forEach(tx::deposit);
    return new Tuple2<>(committed, infos);
  }
}
