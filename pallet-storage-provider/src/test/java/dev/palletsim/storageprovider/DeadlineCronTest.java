package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.storageprovider.StorageProviderEvent.FaultsDetected;
import dev.palletsim.storageprovider.StorageProviderEvent.MarketTerminationFailed;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.PreCommitsExpired;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsExpired;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsTerminated;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** The {@code onFinalize} hook: pre-commit expiry and deadline closes. */
class DeadlineCronTest {
  SpHarness h;

  void start(FakeMarket market) {
    h = SpHarness.start(StorageProviderConfig.testnet(), market);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
  }

  void start() {
    start(FakeMarket.withDeals(Dev.ALICE, 4, 300));
  }

  long issuance() {
    return BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world());
  }

  static Vector<PenaltyCharged> penalties(BlockRecord r, PenaltyKind kind) {
    return r.eventsOf(PenaltyCharged.class).filter(p -> p.kind() == kind);
  }

  /** Onboards sector 1 (holding deal 1) with a long expiration and proves it once. */
  int onboardAndProve() {
    long expiration = h.now() + 500;
    SpHarness.require(
        h.preCommit(Dev.ALICE, h.preCommitInfo(Dev.ALICE, 1, List.of(1L), expiration)));
    h.runToProvable(Dev.ALICE, 1);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1));
    h.proveDeadlineOf(Dev.ALICE, 1);
    int dl = h.sector(Dev.ALICE, 1).deadline();
    h.runPastDeadline(Dev.ALICE, dl);
    return dl;
  }

  @Test
  void anUnprovenPreCommitLosesItsDepositOnceAtTheEndOfItsExpiryBlock() {
    start();
    SpHarness.require(h.preCommitCc(Dev.ALICE, 1, 2));
    long deposit = 2 * Monies.preCommitDeposit(h.config, NetworkInputs.DEFAULT, 2048);
    long expiry = h.preCommitBurnBlock(Dev.ALICE, 2);
    h.chain.runToBlock(expiry);
    assertThat(h.pallet.preCommit(h.chain.world(), Dev.ALICE, 1)).isNotEmpty();
    long free = h.chain.free(Dev.ALICE);
    long reserved = h.chain.reserved(Dev.ALICE);
    long issuance = issuance();
    BlockRecord r = h.chain.nextBlock();
    assertThat(r.eventsOf(PreCommitsExpired.class))
        .containsExactly(
            new PreCommitsExpired(Dev.ALICE, io.vavr.collection.TreeSet.of(1L, 2L), deposit));
    assertThat(h.chain.free(Dev.ALICE)).isEqualTo(free);
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(reserved - deposit);
    assertThat(issuance()).isEqualTo(issuance - deposit);
    assertThat(h.state(Dev.ALICE).preCommitDeposits()).isZero();
    assertThat(h.pallet.preCommit(h.chain.world(), Dev.ALICE, 1)).isEmpty();
    assertThat(r.finalizeItems(StorageProviderPallet.NAME)).isEqualTo(2);
    h.chain.runBlocks(5);
    assertThat(issuance()).isEqualTo(issuance - deposit);
  }

  @Test
  void aMissedPoStIsDetectedPenalisedOnceThenChargedTheContinuedFee() {
    start();
    int dl = onboardAndProve();
    assertThat(h.power(Dev.ALICE)).isEqualTo(2048);
    h.runPastDeadline(Dev.ALICE, dl);
    BlockRecord detection = h.chain.lastBlock();
    assertThat(detection.eventsOf(FaultsDetected.class)).hasSize(1);
    assertThat(detection.eventsOf(PowerUpdated.class))
        .containsExactly(new PowerUpdated(Dev.ALICE, -2048, 0));
    assertThat(penalties(detection, PenaltyKind.DetectedFaultPenalty).map(PenaltyCharged::amount))
        .containsExactly(Monies.detectedFaultPenalty(h.config, NetworkInputs.DEFAULT, 2048));
    assertThat(penalties(detection, PenaltyKind.ContinuedFaultFee)).isEmpty();
    assertThat(h.partitionOf(Dev.ALICE, 1).faults()).containsExactly(1L);
    assertThat(h.power(Dev.ALICE)).isZero();

    h.runPastDeadline(Dev.ALICE, dl);
    BlockRecord later = h.chain.lastBlock();
    assertThat(later.eventsOf(FaultsDetected.class)).isEmpty();
    assertThat(penalties(later, PenaltyKind.DetectedFaultPenalty)).isEmpty();
    assertThat(penalties(later, PenaltyKind.ContinuedFaultFee).map(PenaltyCharged::amount))
        .containsExactly(Monies.continuedFaultFee(h.config, NetworkInputs.DEFAULT, 2048));
  }

  @Test
  void aDeclaredFaultSkipsTheDetectionAndTheFirstContinuedFee() {
    start();
    int dl = onboardAndProve();
    SpHarness.require(
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.DeclareFaults(
                List.of(new SectorDeclaration(dl, 0, List.of(1L))))));
    h.runPastDeadline(Dev.ALICE, dl);
    BlockRecord close = h.chain.lastBlock();
    assertThat(close.eventsOf(FaultsDetected.class)).isEmpty();
    assertThat(close.eventsOf(PenaltyCharged.class)).isEmpty();
    h.runPastDeadline(Dev.ALICE, dl);
    assertThat(penalties(h.chain.lastBlock(), PenaltyKind.ContinuedFaultFee)).hasSize(1);
  }

  @Test
  void aMissedFirstPoStFaultsTheSectorWithoutPowerChange() {
    start();
    SpHarness.require(h.preCommitCc(Dev.ALICE, 1));
    h.runToProvable(Dev.ALICE, 1);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1));
    int dl = h.sector(Dev.ALICE, 1).deadline();
    h.runPastDeadline(Dev.ALICE, dl);
    BlockRecord close = h.chain.lastBlock();
    assertThat(close.eventsOf(FaultsDetected.class)).hasSize(1);
    assertThat(close.eventsOf(PowerUpdated.class)).isEmpty();
    assertThat(penalties(close, PenaltyKind.DetectedFaultPenalty)).hasSize(1);
    assertThat(h.partitionOf(Dev.ALICE, 1).unproven()).isEmpty();
    assertThat(h.partitionOf(Dev.ALICE, 1).faults()).containsExactly(1L);
  }

  @Test
  void aHealthySectorExpiresOnTimeReleasingItsPledgeAndPower() {
    start();
    int dl = onboardAndProve();
    SectorOnChainInfo s = h.sector(Dev.ALICE, 1);
    long expiresAt =
        h.config
            .schedule()
            .quantSpecFor(h.state(Dev.ALICE).provingPeriodOffset(), dl)
            .quantizeUp(s.expiration());
    while (h.pallet.findSector(h.chain.world(), Dev.ALICE, 1).isDefined()) {
      h.proveDeadlineOf(Dev.ALICE, 1);
      h.runPastDeadline(Dev.ALICE, dl);
    }
    BlockRecord r = h.chain.lastBlock();
    assertThat(r.number()).isEqualTo(expiresAt);
    assertThat(r.eventsOf(SectorsExpired.class))
        .containsExactly(
            new SectorsExpired(Dev.ALICE, io.vavr.collection.TreeSet.of(1L), s.initialPledge()));
    assertThat(r.eventsOf(PowerUpdated.class))
        .containsExactly(new PowerUpdated(Dev.ALICE, -2048, 0));
    assertThat(r.eventsOf(PenaltyCharged.class)).isEmpty();
    assertThat(h.chain.reserved(Dev.ALICE)).isZero();
    assertThat(h.state(Dev.ALICE).initialPledge()).isZero();
    assertThat(h.power(Dev.ALICE)).isZero();
    assertThat(FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Terminate)).isEmpty();
    h.chain.runBlocks(h.config.wPoStProvingPeriod());
    assertThat(h.state(Dev.ALICE).deadlineCronActive()).isFalse();
  }

  @Test
  void aSectorFaultyForFaultMaxAgeIsTerminatedWithItsDeals() {
    start();
    int dl = onboardAndProve();
    SectorOnChainInfo s = h.sector(Dev.ALICE, 1);
    h.runPastDeadline(Dev.ALICE, dl);
    long detectedAt = h.chain.lastBlock().number();
    h.chain.runToBlock(detectedAt + h.config.faultMaxAge());
    assertThat(h.pallet.findSector(h.chain.world(), Dev.ALICE, 1)).isNotEmpty();
    BlockRecord r = h.chain.nextBlock();
    assertThat(r.eventsOf(SectorsTerminated.class))
        .containsExactly(
            new SectorsTerminated(
                Dev.ALICE,
                io.vavr.collection.TreeSet.of(1L),
                TerminationReason.FaultMaxAge,
                s.initialPledge()));
    long fee =
        Monies.terminationFeeForSector(
            h.config, NetworkInputs.DEFAULT, s.initialPledge(), r.number() - s.activation(), 2048);
    assertThat(penalties(r, PenaltyKind.TerminationFee).map(PenaltyCharged::amount))
        .containsExactly(fee);
    assertThat(penalties(r, PenaltyKind.ContinuedFaultFee)).hasSize(1);
    var terminations = FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Terminate);
    assertThat(terminations).hasSize(1);
    assertThat(terminations.head().sectors()).containsExactly(1L);
    assertThat(FakeMarket.deal(h.chain.world(), 1L).get().terminated()).isTrue();
    assertThat(h.chain.reserved(Dev.ALICE)).isZero();
  }

  @Test
  void aMarketRefusingACronTerminationIsReportedAndTheSectorStillTerminated() {
    start(FakeMarket.withDeals(Dev.ALICE, 4, 300).refusingTerminations());
    int dl = onboardAndProve();
    h.runPastDeadline(Dev.ALICE, dl);
    h.chain.runBlocks(h.config.faultMaxAge());
    Vector<MarketTerminationFailed> failures = Vector.empty();
    for (BlockRecord r : h.chain.history())
      failures = failures.appendAll(r.eventsOf(MarketTerminationFailed.class));
    assertThat(failures).hasSize(1);
    assertThat(h.pallet.findSector(h.chain.world(), Dev.ALICE, 1)).isEmpty();
  }

  @Test
  void deadlinesAdvanceInBlocksWhereNothingHappens() {
    start();
    onboardAndProve();
    StorageProviderState before = h.state(Dev.ALICE);
    for (int i = 0; i < 7; i++) {
      h.chain.runBlocks(h.config.wPoStChallengeWindow());
      StorageProviderState st = h.state(Dev.ALICE);
      DeadlineInfo expected =
          DeadlineInfo.current(h.pallet.schedule(), st.provingPeriodOffset(), h.now());
      assertThat(st.currentDeadline()).isEqualTo(expected.index());
      assertThat(st.provingPeriodStart()).isEqualTo(expected.periodStart());
    }
    assertThat(h.state(Dev.ALICE).provingPeriodStart()).isGreaterThan(before.provingPeriodStart());
  }

  @Test
  void afterAGapEveryElapsedDeadlineIsClosedOnceAndTheCronCatchesUp() {
    start();
    int dl = onboardAndProve();
    long now = h.now();
    long gapEnd = now + 3 * h.config.wPoStProvingPeriod() + 7;
    // run the hook once, for a block three periods later, as if the blocks between never ran it
    Tx tx =
        Tx.begin(
            h.chain.world(),
            new BlockContext(gapEnd, 0, gapEnd, Option.none(), H256.ZERO),
            new WeightMeter());
    h.pallet.onFinalize(tx);
    Vector<PenaltyCharged> charged =
        tx.events().filter(e -> e instanceof PenaltyCharged).map(e -> (PenaltyCharged) e);
    assertThat(charged.filter(p -> p.kind() == PenaltyKind.DetectedFaultPenalty)).hasSize(1);
    assertThat(charged.filter(p -> p.kind() == PenaltyKind.ContinuedFaultFee)).hasSize(2);
    var world = tx.commit();
    StorageProviderState st = h.pallet.provider(world, Dev.ALICE).get();
    DeadlineInfo current =
        DeadlineInfo.current(h.pallet.schedule(), st.provingPeriodOffset(), gapEnd);
    DeadlineInfo next =
        new DeadlineInfo(
            h.pallet.schedule(), gapEnd, st.provingPeriodStart(), st.currentDeadline());
    assertThat(next.last()).isGreaterThan(gapEnd);
    assertThat(next.index()).isEqualTo(current.index());
    assertThat(StorageProviderStorage.DEADLINE_CRON.find(world, next.last()).get())
        .contains(Dev.ALICE);
    assertThat(StorageProviderStorage.DEADLINE_CRON.entriesUpTo(world, gapEnd)).isEmpty();
    assertThat(dl).isBetween(0, 2);
  }
}
