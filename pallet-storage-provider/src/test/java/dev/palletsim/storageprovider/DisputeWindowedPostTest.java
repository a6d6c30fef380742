package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.StorageProviderCall.DisputeWindowedPost;
import dev.palletsim.storageprovider.StorageProviderCall.SubmitWindowedPost;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.storageprovider.StorageProviderEvent.PoStAcceptedOptimistically;
import dev.palletsim.storageprovider.StorageProviderEvent.PoStDisputed;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.ValidPoStSubmitted;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Optimistic Window PoSt and {@code disputeWindowedPost} under the testnet preset with {@code
 * optimisticWindowPoSt} on (3 deadlines of 20 blocks, a 10-block dispute window): what is kept,
 * what a successful dispute changes, charges and pays, and every way a dispute fails without
 * effect.
 */
class DisputeWindowedPostTest {
  static final AccountId SP = Dev.ALICE;
  static final AccountId DISPUTER = Dev.BOB;
  static final StorageProviderConfig OPTIMISTIC =
      StorageProviderConfig.builder()
          .from(StorageProviderConfig.testnet())
          .optimisticWindowPoSt(true)
          .build();

  /** Alice registered, with committed-capacity {@code sectors} proven (two per partition). */
  static SpHarness onboarded(StorageProviderConfig config, long... sectors) {
    SpHarness h = SpHarness.start(config, FakeMarket.withDeals(SP, 8, 300));
    require(h.register(SP));
    h.chain.runToBlock(2);
    if (sectors.length > 0) h.onboardCc(SP, sectors);
    return h;
  }

  /** Alice with sectors 1 and 2 (one partition), their deadline open. */
  static SpHarness openDeadline(StorageProviderConfig config) {
    SpHarness h = onboarded(config, 1, 2);
    h.runToSectorDeadline(SP, 1);
    return h;
  }

  static SubmitWindowedPost post(SpHarness h, boolean valid) {
    SectorOnChainInfo s = h.sector(SP, 1);
    List<Integer> parts = List.of(s.partition());
    ProofBytes proof = h.validPoSt(SP, s.deadline(), parts);
    return new SubmitWindowedPost(
        s.deadline(),
        parts.map(PoStPartition::of),
        valid ? proof : proof.withByteFlipped(3),
        h.now() - 1);
  }

  /** Proven by a PoSt accepted optimistically, valid or not, and the deadline closed. */
  static SpHarness disputable(boolean valid) {
    SpHarness h = openDeadline(OPTIMISTIC);
    require(h.chain.dispatch(SP, post(h, valid)));
    h.runPastDeadline(SP, h.sector(SP, 1).deadline());
    return h;
  }

  static DisputeWindowedPost dispute(SpHarness h, int index) {
    return new DisputeWindowedPost(SP, h.sector(SP, 1).deadline(), index);
  }

  static long issuance(SpHarness h) {
    return BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world());
  }

  @Test
  void aPoStRecoveringNothingIsKeptWithoutVerification() {
    SpHarness h = openDeadline(OPTIMISTIC);
    SectorOnChainInfo s = h.sector(SP, 1);
    // even an invalid proof is accepted: it gives power until disputed
    assertThat(h.chain.dispatch(SP, post(h, false)))
        .isSuccess()
        .emitted(
            PoStAcceptedOptimistically.class,
            e ->
                e.equals(
                    new PoStAcceptedOptimistically(SP, s.deadline(), List.of(s.partition()), 0)))
        .emittedNo(ValidPoStSubmitted.class);
    assertThat(h.power(SP)).isEqualTo(2 * h.sectorSize());
    PoStSubmissions kept = h.pallet.postSubmissions(h.chain.world(), SP, s.deadline());
    assertThat(kept.current()).hasSize(1);
    WindowedPoSt p = kept.current().head();
    assertThat(p.partitions().get(s.partition()).get()).containsExactly(1L, 2L);
    assertThat(p.keptSealedCids()).isEmpty();
    assertThat(p.challenge())
        .isEqualTo(h.pallet.currentDeadline(h.chain.world(), SP, h.now()).get().challenge());
    // the close makes it disputable; the next close of the deadline drops it
    h.runPastDeadline(SP, s.deadline());
    kept = h.pallet.postSubmissions(h.chain.world(), SP, s.deadline());
    assertThat(kept.current()).isEmpty();
    assertThat(kept.snapshot().keySet()).containsExactly(0);
    h.runToDeadlineOpen(SP, s.deadline());
    h.runPastDeadline(SP, s.deadline());
    assertThat(StorageProviderStorage.POST_SUBMISSIONS.find(h.chain.world(), SP, s.deadline()))
        .isEmpty();
  }

  @Test
  void withoutOptimisticAcceptanceEveryPoStIsVerifiedAndNothingKept() {
    SpHarness h = openDeadline(StorageProviderConfig.testnet());
    assertFailsWithoutEffect(
        h.chain, Origin.signed(SP), post(h, false), StorageProviderError.InvalidProof);
    assertThat(h.chain.dispatch(SP, post(h, true))).isSuccess().emitted(ValidPoStSubmitted.class);
    h.runPastDeadline(SP, h.sector(SP, 1).deadline());
    assertFailsWithoutEffect(
        h.chain, Origin.signed(DISPUTER), dispute(h, 0), StorageProviderError.InvalidPoStIndex);
  }

  @Test
  void aPoStRecoveringPowerIsVerifiedAtOnce() {
    SpHarness h = disputable(true);
    SectorOnChainInfo s = h.sector(SP, 1);
    require(
        h.chain.dispatch(
            SP, new StorageProviderCall.DeclareFaults(List.of(SpHarness.declaration(s)))));
    require(
        h.chain.dispatch(
            SP, new StorageProviderCall.DeclareFaultsRecovered(List.of(SpHarness.declaration(s)))));
    h.runToSectorDeadline(SP, 1);
    assertFailsWithoutEffect(
        h.chain, Origin.signed(SP), post(h, false), StorageProviderError.InvalidProof);
    assertThat(h.chain.dispatch(SP, post(h, true))).isSuccess().emitted(ValidPoStSubmitted.class);
  }

  @Test
  void aSuccessfulDisputeFaultsTheSectorsChargesTheProviderAndRewardsTheDisputer() {
    SpHarness h = disputable(false);
    SectorOnChainInfo s = h.sector(SP, 1);
    long power = 2 * h.sectorSize();
    long reward = OPTIMISTIC.baseRewardForDisputedWindowPoSt();
    long penalty =
        Monies.invalidWindowPoStPenalty(OPTIMISTIC, h.pallet.inputs(h.chain.world()), power)
            + reward;
    long issuance = issuance(h);
    long disputer = h.chain.free(DISPUTER);
    long provider = h.chain.free(SP);
    assertThat(SpHarness.spEvents(h.chain.dispatch(DISPUTER, dispute(h, 0))))
        .containsExactly(
            new PowerUpdated(SP, -power, 0, -power, 0),
            new PenaltyCharged(SP, PenaltyKind.InvalidPoStPenalty, penalty, penalty, 0),
            new PoStDisputed(
                SP,
                DISPUTER,
                s.deadline(),
                0,
                Vector.of(new SectorLocation(s.deadline(), s.partition(), TreeSet.of(1L, 2L))),
                power,
                reward));
    assertThat(h.power(SP)).isZero();
    assertThat(h.partitionOf(SP, 1).faults()).containsExactly(1L, 2L);
    assertThat(h.chain.free(DISPUTER)).isEqualTo(disputer + reward);
    assertThat(h.chain.free(SP)).isEqualTo(provider - penalty);
    assertThat(issuance(h)).isEqualTo(issuance - (penalty - reward));
    // disputed faults pay the continued-fault fee at the deadline's next close
    long ff = Monies.continuedFaultFee(OPTIMISTIC, h.pallet.inputs(h.chain.world()), power);
    h.runToDeadlineOpen(SP, s.deadline());
    var beforeClose = h.chain.free(SP);
    h.runPastDeadline(SP, s.deadline());
    assertThat(h.chain.history().flatMap(b -> b.eventsOf(PenaltyCharged.class)))
        .anyMatch(e -> e.kind() == PenaltyKind.ContinuedFaultFee && e.amount() == ff);
    assertThat(h.chain.free(SP)).isLessThan(beforeClose);
  }

  @Test
  void aSectorTerminatedSinceIsSkippedButStillCountsInThePenalty() {
    SpHarness h = disputable(false);
    SectorOnChainInfo s = h.sector(SP, 1);
    // the deadline is mutable right after its close: terminate sector 2
    require(
        h.chain.dispatch(
            SP,
            new StorageProviderCall.TerminateSectors(
                List.of(new SectorDeclaration(s.deadline(), s.partition(), List.of(2L))))));
    long power = 2 * h.sectorSize();
    assertThat(h.chain.dispatch(DISPUTER, dispute(h, 0)))
        .isSuccess()
        .emitted(
            PoStDisputed.class,
            e ->
                e.disputedPower() == power
                    && e.faults()
                        .equals(
                            Vector.of(
                                new SectorLocation(s.deadline(), s.partition(), TreeSet.of(1L)))))
        .emitted(PowerUpdated.class, e -> e.delta() == -h.sectorSize());
    assertThat(h.partitionOf(SP, 1).faults()).containsExactly(1L);
  }

  @Test
  void aProviderWithoutFreeFundsOwesThePenaltyAndTheDisputerGetsNothing() {
    SpHarness h = disputable(false);
    require(
        h.chain.dispatch(SP, new BalancesCall.TransferAllowDeath(Dev.FERDIE, h.chain.free(SP))));
    long disputer = h.chain.free(DISPUTER);
    assertThat(h.chain.dispatch(DISPUTER, dispute(h, 0)))
        .isSuccess()
        .emitted(PenaltyCharged.class, e -> e.paid() == 0 && e.debt() == e.amount())
        .emitted(PoStDisputed.class, e -> e.reward() == 0);
    assertThat(h.chain.free(DISPUTER)).isEqualTo(disputer);
    assertThat(h.state(SP).feeDebt()).isPositive();
  }

  @Test
  void aValidPoStCannotBeDisputed() {
    SpHarness h = disputable(true);
    assertFailsWithoutEffect(
        h.chain, Origin.signed(DISPUTER), dispute(h, 0), StorageProviderError.DisputedPoStValid);
  }

  @Test
  void disputesAreRefusedOutsideTheDisputeWindow() {
    SpHarness h = openDeadline(OPTIMISTIC);
    require(h.chain.dispatch(SP, post(h, false)));
    // the window is open
    assertFailsWithoutEffect(
        h.chain, Origin.signed(DISPUTER), dispute(h, 0), StorageProviderError.NotInDisputeWindow);
    DeadlineInfo dl = h.pallet.currentDeadline(h.chain.world(), SP, h.now()).get();
    // open from the close for wPoStDisputeWindow blocks
    h.chain.runToBlock(dl.close() + OPTIMISTIC.wPoStDisputeWindow());
    assertFailsWithoutEffect(
        h.chain, Origin.signed(DISPUTER), dispute(h, 0), StorageProviderError.NotInDisputeWindow);
  }

  @Test
  void theLastBlockOfTheWindowStillTakesADispute() {
    SpHarness h = openDeadline(OPTIMISTIC);
    require(h.chain.dispatch(SP, post(h, false)));
    DeadlineInfo dl = h.pallet.currentDeadline(h.chain.world(), SP, h.now()).get();
    h.chain.runToBlock(dl.close() + OPTIMISTIC.wPoStDisputeWindow() - 1);
    require(h.chain.dispatch(DISPUTER, dispute(h, 0)));
  }

  @Test
  void badArgumentsAndOriginsFailWithoutEffect() {
    SpHarness h = disputable(false);
    int dl = h.sector(SP, 1).deadline();
    for (int bad : new int[] {-1, 3}) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(DISPUTER),
          new DisputeWindowedPost(SP, bad, 0),
          StorageProviderError.InvalidDeadline);
    }
    for (int bad : new int[] {-1, 1}) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(DISPUTER),
          new DisputeWindowedPost(SP, dl, bad),
          StorageProviderError.InvalidPoStIndex);
    }
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(DISPUTER),
        new DisputeWindowedPost(Dev.EVE, dl, 0),
        StorageProviderError.StorageProviderNotFound);
    assertBadInputWithoutEffect(
        h.chain, Origin.signed(DISPUTER), new DisputeWindowedPost(null, dl, 0));
    assertFailsWithoutEffect(
        h.chain, Origin.root(), new DisputeWindowedPost(SP, dl, 0), DispatchError.badOrigin());
    // a disputed PoSt is gone
    require(h.chain.dispatch(DISPUTER, dispute(h, 0)));
    assertFailsWithoutEffect(
        h.chain, Origin.signed(Dev.CHARLIE), dispute(h, 0), StorageProviderError.InvalidPoStIndex);
  }

  @Test
  void compactingADeadlineAfterItsDisputeWindowDropsItsKeptPoSts() {
    SpHarness h = onboarded(OPTIMISTIC, 1, 2, 3);
    assertThat(h.sector(SP, 3).partition()).isEqualTo(1);
    int dl = h.sector(SP, 1).deadline();
    h.proveDeadlineOf(SP, 1);
    h.runPastDeadline(SP, dl);
    // sector 3 terminated; after the dispute window its partition is compacted away
    require(
        h.chain.dispatch(
            SP,
            new StorageProviderCall.TerminateSectors(
                List.of(new SectorDeclaration(dl, 1, List.of(3L))))));
    assertThat(h.pallet.postSubmissions(h.chain.world(), SP, dl).snapshot()).isNotEmpty();
    h.chain.runToBlock(h.now() + OPTIMISTIC.wPoStDisputeWindow());
    require(h.chain.dispatch(SP, new StorageProviderCall.CompactPartitions(dl, List.of(1))));
    assertThat(h.pallet.deadline(h.chain.world(), SP, dl).partitionCount()).isEqualTo(1);
    // the PoSt named partition 1, which is gone: nothing is kept that could name it
    assertThat(StorageProviderStorage.POST_SUBMISSIONS.find(h.chain.world(), SP, dl)).isEmpty();
    h.chain.runBlocks(2);
  }

  @Test
  void aSavedChainComesBackWithItsAccountsAndKeptPoSts(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    SpHarness h = disputable(false);
    require(
        h.chain.dispatch(
            SP,
            new StorageProviderCall.ChangeWorkerAddress(
                io.vavr.control.Option.none(), Dev.CHARLIE, List.of(Dev.DAVE))));
    require(
        h.chain.dispatch(
            SP,
            new StorageProviderCall.ChangeBeneficiary(
                io.vavr.control.Option.none(), Dev.EVE, 100, 1_000)));
    java.nio.file.Path file = dir.resolve("chain.psim");
    h.chain.save(file);
    var loaded = dev.palletsim.frame.executive.Chain.load(h.chain.runtime(), file);
    assertThat(loaded.stateHash()).isEqualTo(h.chain.stateHash());
    assertThat(h.pallet.minerInfo(loaded.world(), SP))
        .isEqualTo(h.pallet.minerInfo(h.chain.world(), SP));
    int dl = h.sector(SP, 1).deadline();
    assertThat(h.pallet.postSubmissions(loaded.world(), SP, dl))
        .isEqualTo(h.pallet.postSubmissions(h.chain.world(), SP, dl));
    // and the loaded chain disputes as the saved one would
    require(loaded.dispatch(DISPUTER, dispute(h, 0)));
  }
}
