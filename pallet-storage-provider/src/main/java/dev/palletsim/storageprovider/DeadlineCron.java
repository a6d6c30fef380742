package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINE_CRON;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.POST_SUBMISSIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMITS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMIT_EXPIRIES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;
import static dev.palletsim.storageprovider.StorageProviderStorage.SECTORS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.storageprovider.StorageProviderEvent.FaultsDetected;
import dev.palletsim.storageprovider.StorageProviderEvent.PreCommitsExpired;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsExpired;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The storage provider pallet's {@code onFinalize} (Filecoin's miner cron, driven here by the
 * pallet's own indexes rather than by the power actor's queue). Its cost is the work due, never the
 * number of providers or sectors:
 *
 * <ol>
 *   <li>pre-commits whose prove-commit deadline (plus the clean-up delay) ends at or before this
 *       block are popped from {@code PreCommitExpiries}; each provider's unproven ones lose their
 *       deposit. Every provider in the entry is handled (polka-storage stopped at the first
 *       provider without expired pre-commits);
 *   <li>providers whose current deadline's last block is at or before this block are popped from
 *       {@code DeadlineCron}; each elapsed deadline is closed in turn (several if blocks were
 *       missed), then the provider is enrolled at its next deadline's last block, or left idle once
 *       it holds neither pre-commit deposits nor pledge.
 * </ol>
 *
 * Processing a provider first enacts a requested worker change that has come due. Closing a
 * deadline ({@link #closeDeadline}, builtin-actors' {@code handle_proving_deadline}) makes the
 * window's optimistically accepted PoSts the disputable ones; partitions without a PoSt in the
 * window get their live sectors marked faulty (power removed); expirations due by the last block
 * pop, on time (power removed, pledge released) or early for sectors faulty for {@code FaultMaxAge}
 * (terminated with their deals, termination fee); the deadline's faulty power pays the
 * continued-fault fee as {@link FaultFeeSchedule} says (under builtin-actors' schedule, the faults
 * from before this close: declared, skipped, earlier detected and failed recoveries; the faults it
 * detects pay from its next close on); the remaining live sectors pay their FIP-0100 daily fee;
 * then the PoSt marks are cleared and any fee debt is repaid from free funds.
 */
final class DeadlineCron {
  private final StorageProviderPallet pallet;

  DeadlineCron(StorageProviderPallet pallet) {
    this.pallet = pallet;
  }

  /** Enrols an idle provider for deadline processing from the deadline open now. */
  StorageProviderState activate(Tx tx, AccountId owner, StorageProviderState st, long now) {
    if (st.deadlineCronActive()) return st;
    DeadlineInfo current = DeadlineInfo.current(pallet.schedule(), st.provingPeriodOffset(), now);
    enroll(tx, owner, current.last());
    return st.withDeadlineCron(current.periodStart(), current.index(), true);
  }

  /** Enrols {@code owner} for deadline processing at {@code block}. */
  void enroll(Tx tx, AccountId owner, long block) {
    DEADLINE_CRON.mutate(tx, block, set -> set == null ? TreeSet.of(owner) : set.add(owner));
  }

  void onFinalize(Tx tx) {
    long now = tx.blockNumber();
    expirePreCommits(tx, now);
    processDeadlines(tx, now);
  }

  private void expirePreCommits(Tx tx, long now) {
    for (Tuple2<Long, TreeSet<SectorRef>> entry : PRE_COMMIT_EXPIRIES.entriesUpTo(tx, now)) {
      PRE_COMMIT_EXPIRIES.remove(tx, entry._1);
      TreeMap<AccountId, TreeSet<Long>> byProvider = TreeMap.empty();
      for (SectorRef ref : entry._2) {
        byProvider =
            byProvider.put(
                ref.provider(),
                byProvider.get(ref.provider()).getOrElse(TreeSet.empty()).add(ref.sectorNumber()));
      }
      for (Tuple2<AccountId, TreeSet<Long>> provider : byProvider) {
        expireProviderPreCommits(tx, provider._1, provider._2);
      }
    }
  }

  private void expireProviderPreCommits(Tx tx, AccountId owner, TreeSet<Long> sectors) {
    Option<StorageProviderState> found = PROVIDERS.find(tx, owner);
    if (found.isEmpty()) return;
    TreeSet<Long> expired = TreeSet.empty();
    long deposit = 0;
    for (Long n : sectors) {
      Option<SectorPreCommitOnChainInfo> pc = PRE_COMMITS.take(tx, owner, n);
      if (pc.isEmpty()) continue;
      expired = expired.add(n);
      deposit = Checked.add(deposit, pc.get().preCommitDeposit());
    }
    tx.work(StorageProviderPallet.NAME, sectors.size());
    if (expired.isEmpty()) return;
    pallet.ledger().slashReservedDeposit(tx, owner, deposit);
    StorageProviderState st = found.get();
    PROVIDERS.insert(
        tx, owner, st.withPreCommitDeposits(Checked.sub(st.preCommitDeposits(), deposit)));
    tx.deposit(new PreCommitsExpired(owner, expired, deposit));
  }

  private void processDeadlines(Tx tx, long now) {
    for (Tuple2<Long, TreeSet<AccountId>> entry : DEADLINE_CRON.entriesUpTo(tx, now)) {
      DEADLINE_CRON.remove(tx, entry._1);
      for (AccountId owner : entry._2) {
        Option<StorageProviderState> st = PROVIDERS.find(tx, owner);
        if (st.isDefined()) process(tx, owner, st.get(), now);
      }
    }
  }

  /**
   * Closes every elapsed deadline of the provider, then enrols it for the next one while it holds
   * pre-commit deposits, pledge or locked rewards (builtin-actors' {@code continue_deadline_cron}),
   * or lets it go idle.
   */
  private void process(Tx tx, AccountId owner, StorageProviderState st, long now) {
    // builtin-actors' handle_proving_deadline first enacts a worker change that has come due
    pallet.addresses().processPendingWorker(tx, owner, pallet.minerInfo(tx, owner));
    ProvingSchedule s = pallet.schedule();
    DeadlineInfo dl = new DeadlineInfo(s, now, st.provingPeriodStart(), st.currentDeadline());
    while (dl.last() <= now) {
      st = closeDeadline(tx, owner, st, dl);
      int next = dl.index() + 1;
      long periodStart = dl.periodStart();
      if (next == s.periodDeadlines()) {
        next = 0;
        periodStart = dl.nextPeriodStart();
      }
      dl = new DeadlineInfo(s, now, periodStart, next);
    }
    // builtin-actors' handle_proving_deadline: rewards that have vested unlock at every deadline
    pallet.ledger().unlockVested(tx, owner);
    boolean active = continueCron(st, ProviderLedger.lockedFunds(tx, owner));
    if (active) enroll(tx, owner, dl.last());
    PROVIDERS.insert(tx, owner, st.withDeadlineCron(dl.periodStart(), dl.index(), active));
  }

  /**
   * Whether a provider's deadline cron keeps running: it holds deposits, pledge or locked rewards
   * ({@code continue_deadline_cron}).
   */
  static boolean continueCron(StorageProviderState st, long lockedFunds) {
    return st.preCommitDeposits() > 0 || st.initialPledge() > 0 || lockedFunds > 0;
  }

  /**
   * The window closed: its optimistically accepted PoSts become the ones that may be disputed,
   * replacing those of the previous window (builtin-actors' {@code process_deadline_end}).
   */
  private static void rotatePoStSubmissions(Tx tx, AccountId owner, int index) {
    Option<PoStSubmissions> kept = POST_SUBMISSIONS.find(tx, owner, index);
    if (kept.isEmpty()) return;
    PoStSubmissions next = kept.get().closed();
    if (next.isEmpty()) {
      POST_SUBMISSIONS.remove(tx, owner, index);
    } else {
      POST_SUBMISSIONS.insert(tx, owner, index, next);
    }
  }

  /** Closes one occurrence of one deadline of one provider. */
  StorageProviderState closeDeadline(
      Tx tx, AccountId owner, StorageProviderState st, DeadlineInfo dl) {
    rotatePoStSubmissions(tx, owner, dl.index());
    Option<Deadline> stored = DEADLINES.find(tx, owner, dl.index());
    if (stored.isEmpty()) return st;
    Deadline d = stored.get();
    StorageProviderConfig config = pallet.config();
    boolean seed000 = config.faultFeeSchedule() == FaultFeeSchedule.Seed000;
    long last = dl.last();
    long faultExpiration = Checked.add(last, config.faultMaxAge());
    QuantSpec quant = dl.quantSpec();
    long faultKey = quant.quantizeUp(faultExpiration);

    long faultyBefore = 0;
    long continuedFaults = 0;
    long detectedFaults = 0;
    PowerPair lostPower = PowerPair.ZERO;
    ProviderLedger ledger = pallet.ledger();
    long work = 0;
    TreeMap<Integer, Partition> changed = TreeMap.empty();
    Vector<SectorLocation> detected = Vector.empty();
    for (int p = 0; p < d.partitionCount(); p++) {
      Partition before = PARTITIONS.find(tx, owner, new PartitionKey(dl.index(), p)).get();
      Partition part = before;
      if (part.live().isEmpty()) continue;
      work++;
      if (!part.faults().isEmpty()) {
        faultyBefore = Checked.add(faultyBefore, ledger.qaPowerOf(tx, owner, part.faults()));
        continuedFaults =
            Checked.add(
                continuedFaults,
                ledger.qaPowerOf(tx, owner, part.faults().difference(part.prepaidFaults())));
      }
      if (!d.isPosted(p)) {
        Partition.FaultsRecorded missed = part.recordMissedPoSt(faultExpiration, quant);
        part = missed.partition();
        if (!missed.newFaults().isEmpty()) {
          detectedFaults =
              Checked.add(detectedFaults, ledger.qaPowerOf(tx, owner, missed.newFaults()));
          lostPower = lostPower.add(ledger.powerOf(tx, owner, missed.lostPower()));
          d = d.withExpirations(List.of(faultKey), p);
          detected = detected.append(SectorLocation.of(dl.index(), p, missed.newFaults()));
        }
      }
      part = part.clearPrepaid();
      // an honest partition comes through unchanged: rewriting it would rehash all its sectors
      if (part != before) changed = changed.put(p, part);
    }

    Tuple2<Deadline, TreeSet<Integer>> due = d.popExpirationsUntil(last);
    d = due._1;
    BitField onTime = BitField.empty();
    BitField early = BitField.empty();
    for (Integer p : due._2) {
      Partition part =
          changed
              .get(p)
              .getOrElse(() -> PARTITIONS.find(tx, owner, new PartitionKey(dl.index(), p)).get());
      Partition.Expired expired = part.popExpired(last);
      changed = changed.put(p, expired.partition());
      onTime = onTime.union(expired.onTime());
      early = early.union(expired.early());
      lostPower = lostPower.add(ledger.powerOf(tx, owner, expired.lostPower()));
    }
    Vector<SectorOnChainInfo> onTimeInfos = Vector.empty();
    Vector<SectorOnChainInfo> earlyInfos = Vector.empty();
    long removedFees = 0;
    long removedQa = 0;
    for (long n : onTime) onTimeInfos = onTimeInfos.append(SECTORS.find(tx, owner, n).get());
    for (long n : early) earlyInfos = earlyInfos.append(SECTORS.find(tx, owner, n).get());
    for (SectorOnChainInfo s : onTimeInfos.appendAll(earlyInfos)) {
      removedFees = Checked.add(removedFees, s.dailyFee());
      removedQa = Checked.add(removedQa, s.qaPower());
    }
    for (var p : changed) PARTITIONS.insert(tx, owner, new PartitionKey(dl.index(), p._1), p._2);
    d =
        d.withPostsCleared()
            .withSectorsRemoved(onTime.count() + early.count())
            .withLiveChange(-removedFees, -removedQa);
    DEADLINES.insert(tx, owner, dl.index(), d);

    NetworkInputs economics = pallet.inputs(tx);
    st = ledger.reportPower(tx, owner, st, lostPower.negate());
    if (!detected.isEmpty()) tx.deposit(new FaultsDetected(owner, detected));
    if (seed000) {
      st =
          pallet
              .ledger()
              .charge(
                  tx,
                  owner,
                  st,
                  PenaltyKind.DetectedFaultPenalty,
                  Monies.detectedFaultPenalty(config, economics, detectedFaults));
    }
    // builtin-actors charges FF on the deadline's faulty power from before this close's detection
    long feePower = seed000 ? continuedFaults : faultyBefore;
    st =
        pallet
            .ledger()
            .charge(
                tx,
                owner,
                st,
                PenaltyKind.ContinuedFaultFee,
                Monies.continuedFaultFee(config, economics, feePower));
    // FIP-0100: the deadline's remaining live sectors pay their daily fee, capped by their reward
    st =
        pallet
            .ledger()
            .charge(
                tx,
                owner,
                st,
                PenaltyKind.DailyFee,
                Monies.dailyFeePayable(config, economics, d.dailyFee(), d.liveQaPower()));

    if (!onTime.isEmpty()) {
      // the window's kept PoSts proved them: they keep the replicas, for disputes
      pallet.keepProvenReplicas(tx, owner, onTimeInfos);
      long pledge = 0;
      for (SectorOnChainInfo s : onTimeInfos) {
        pledge = Checked.add(pledge, s.initialPledge());
        SECTORS.remove(tx, owner, s.sectorNumber());
      }
      st = st.withLiveSectors(Checked.sub(st.liveSectors(), onTime.count()));
      st = pallet.ledger().releasePledge(tx, owner, st, pledge);
      tx.deposit(new SectorsExpired(owner, TreeSet.ofAll(onTime), pledge));
    }
    if (!early.isEmpty()) {
      st =
          pallet
              .termination()
              .settleTerminated(tx, owner, st, earlyInfos, TerminationReason.FaultMaxAge, true);
    }
    st = pallet.ledger().repayDebt(tx, owner, st);
    tx.work(StorageProviderPallet.NAME, work + onTime.count() + early.count());
    return st;
  }
}
