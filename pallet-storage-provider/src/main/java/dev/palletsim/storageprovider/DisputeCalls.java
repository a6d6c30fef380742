package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.frame.Ensure.fail;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.POST_SUBMISSIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.ProofVerifier.PoStInputs;
import dev.palletsim.storageprovider.CallChecks.Authorized;
import dev.palletsim.storageprovider.ConsensusFaults.ConsensusFault;
import dev.palletsim.storageprovider.ProviderLedger.Charged;
import dev.palletsim.storageprovider.StorageProviderEvent.ConsensusFaultReported;
import dev.palletsim.storageprovider.StorageProviderEvent.PoStDisputed;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The reports anyone may make against a provider, each rewarding its reporter out of the provider's
 * penalty:
 *
 * <ul>
 *   <li>{@code disputeWindowedPost} (builtin-actors' {@code DisputeWindowedPoSt}): within {@code
 *       wPoStDisputeWindow} blocks of a deadline's close, an optimistically accepted PoSt of that
 *       window is verified against the replicas it proved (the sealed CIDs of the sectors' records,
 *       or those the PoSt kept for sectors updated or gone since: {@link WindowedPoSt}); if it is
 *       invalid, the sectors it claimed become faulty (power removed, continued-fault fee from the
 *       deadline's next close), the provider pays {@link Monies#invalidWindowPoStPenalty} plus the
 *       disputer's reward, and the PoSt cannot be disputed again. A valid PoSt fails the dispute
 *       and changes nothing.
 *   <li>{@code reportConsensusFault} (builtin-actors' {@code ReportConsensusFault}): two block
 *       headers proving a fault ({@link ConsensusFaults}) cost the provider {@link
 *       Monies#consensusFaultPenalty}, its reporter getting {@link
 *       Monies#consensusFaultReporterReward}, and bar it from pre-committing and recovering for
 *       {@code consensusFaultIneligibilityDuration} blocks; faults from before the end of that
 *       ineligibility cannot be reported.
 * </ul>
 */
final class DisputeCalls extends CallGroup {

  DisputeCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  void disputeWindowedPost(Tx tx, Origin origin, AccountId provider, int deadline, int postIndex) {
    AccountId disputer = Origin.ensureSigned(origin);
    ensure(
        deadline >= 0 && deadline < schedule.periodDeadlines(),
        StorageProviderError.InvalidDeadline);
    Authorized caller = checks.authorizeAnyoneFor(tx, origin, provider);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    long now = tx.blockNumber();
    DeadlineInfo dl = DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), deadline, now);
    ensure(
        dl.inDisputeWindow(config.wPoStDisputeWindow()), StorageProviderError.NotInDisputeWindow);
    DeadlineInfo target = dl.lastOpened();
    PoStSubmissions submissions =
        POST_SUBMISSIONS.find(tx, owner, deadline).getOrElse(PoStSubmissions.EMPTY);
    WindowedPoSt post =
        submissions
            .disputable(postIndex)
            .filter(p -> p.challenge() == target.challenge())
            .getOrElseThrow(() -> fail(StorageProviderError.InvalidPoStIndex));
    H256 randomness = pallet.windowPoStRandomness(tx, owner, target);
    ensure(
        !pallet
            .verifier()
            .verifyPoSt(
                new PoStInputs(owner, randomness, pallet.provenReplicas(tx, owner, post)),
                post.proof().bytes()),
        StorageProviderError.DisputedPoStValid);

    POST_SUBMISSIONS.insert(tx, owner, deadline, submissions.withoutDisputable(postIndex));
    // the PoSt's sectors become faulty; those terminated or faulty since are skipped
    long faultExpiration = Checked.add(target.last(), config.faultMaxAge());
    QuantSpec quant = target.quantSpec();
    Deadline d = pallet.deadline(tx, owner, deadline);
    PowerPair lost = PowerPair.ZERO;
    Vector<SectorLocation> faults = Vector.empty();
    for (var p : post.partitions()) {
      Partition part = pallet.partition(tx, owner, deadline, p._1).get();
      BitField claimed = p._2.intersection(part.sectors());
      Partition.FaultsRecorded r = part.recordFaults(claimed, faultExpiration, quant);
      PARTITIONS.insert(tx, owner, new PartitionKey(deadline, p._1), r.partition());
      if (!r.newFaults().isEmpty()) {
        d = d.withExpirations(List.of(quant.quantizeUp(faultExpiration)), p._1);
        faults = faults.append(SectorLocation.of(deadline, p._1, r.newFaults()));
      }
      lost = lost.add(ledger.powerOf(tx, owner, r.lostPower()));
    }
    DEADLINES.insert(tx, owner, deadline, d);
    st = ledger.reportPower(tx, owner, st, lost.negate());
    // the penalty counts the quality-adjusted power of every sector the PoSt claimed, even those
    // no longer active (builtin-actors' disputed power, from the partitions' snapshots)
    long disputedPower = post.power().qa();
    long rewardTarget = config.baseRewardForDisputedWindowPoSt();
    long penalty =
        Checked.add(
            Monies.invalidWindowPoStPenalty(config, pallet.inputs(tx), disputedPower),
            rewardTarget);
    Charged charged =
        ledger.chargeRewarding(
            tx, owner, st, PenaltyKind.InvalidPoStPenalty, penalty, disputer, rewardTarget);
    PROVIDERS.insert(tx, owner, charged.state());
    tx.deposit(
        new PoStDisputed(
            owner, disputer, deadline, postIndex, faults, disputedPower, charged.reward()));
  }

  void reportConsensusFault(
      Tx tx,
      Origin origin,
      AccountId provider,
      BlockHeader header1,
      BlockHeader header2,
      Option<BlockHeader> headerExtra) {
    AccountId reporter = Origin.ensureSigned(origin);
    requireWellFormed(header1);
    requireWellFormed(header2);
    Ensure.present(headerExtra, "header_extra");
    if (headerExtra.isDefined()) requireWellFormed(headerExtra.get());
    Authorized caller = checks.authorizeAnyoneFor(tx, origin, provider);
    AccountId owner = caller.provider();
    long now = tx.blockNumber();
    // the headers' miner's worker signs them (the runtime's verify_consensus_fault)
    AccountId miner = header1.miner();
    Option<AccountId> worker =
        PROVIDERS.contains(tx, miner)
            ? Option.some(pallet.minerInfo(tx, miner).worker())
            : Option.none();
    ConsensusFault fault =
        worker
            .flatMap(
                w ->
                    ConsensusFaults.verify(
                        header1, header2, headerExtra, w, now, config.chainFinality()))
            .getOrElseThrow(() -> fail(StorageProviderError.NoConsensusFault));
    ensure(fault.target().equals(owner), StorageProviderError.ConsensusFaultOfAnotherProvider);
    ensure(now - fault.epoch() > 0, StorageProviderError.ConsensusFaultInFuture);
    MinerInfo info = caller.info();
    // only the first report of a fault counts: it ends after the fault
    ensure(
        fault.epoch() >= info.consensusFaultElapsed(), StorageProviderError.ConsensusFaultTooOld);
    NetworkInputs economics = pallet.inputs(tx);
    Charged charged =
        ledger.chargeRewarding(
            tx,
            owner,
            caller.state(),
            PenaltyKind.ConsensusFaultPenalty,
            Monies.consensusFaultPenalty(economics),
            reporter,
            Monies.consensusFaultReporterReward(economics));
    PROVIDERS.insert(tx, owner, charged.state());
    long elapsed = Checked.add(now, config.consensusFaultIneligibilityDuration());
    pallet.putMinerInfo(tx, owner, info.withConsensusFaultElapsed(elapsed));
    tx.deposit(
        new ConsensusFaultReported(
            owner, reporter, fault.type(), fault.epoch(), elapsed, charged.reward()));
  }

  private static void requireWellFormed(BlockHeader h) {
    Ensure.present(h, "header");
    Ensure.present(h.miner(), "header.miner");
    Ensure.present(h.parents(), "header.parents");
    for (H256 p : h.parents()) Ensure.present(p, "header.parent");
    Ensure.present(h.messages(), "header.messages");
    Ensure.present(h.signature(), "header.signature");
  }
}
