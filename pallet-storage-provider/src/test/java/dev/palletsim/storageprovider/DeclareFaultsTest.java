package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.storageprovider.StorageProviderCall.DeclareFaults;
import dev.palletsim.storageprovider.StorageProviderCall.DeclareFaultsRecovered;
import dev.palletsim.storageprovider.StorageProviderEvent.FaultsDeclared;
import dev.palletsim.storageprovider.StorageProviderEvent.FeeDebtRepaid;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.RecoveriesDeclared;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsRecovered;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code declareFaults} and {@code declareFaultsRecovered}. */
class DeclareFaultsTest {
  SpHarness h;
  int dl;
  long fee;

  @BeforeEach
  void threeProvenSectorsWithPower() {
    h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1, 2, 3);
    dl = h.sector(Dev.ALICE, 1).deadline();
    h.proveDeadlineOf(Dev.ALICE, 1);
    h.runPastDeadline(Dev.ALICE, dl);
    fee = Monies.declaredFaultFee(h.config, NetworkInputs.DEFAULT, 2048);
  }

  static DeclareFaults faults(int dl, int partition, Long... sectors) {
    return new DeclareFaults(List.of(new SectorDeclaration(dl, partition, List.of(sectors))));
  }

  static DeclareFaultsRecovered recoveries(int dl, int partition, Long... sectors) {
    return new DeclareFaultsRecovered(
        List.of(new SectorDeclaration(dl, partition, List.of(sectors))));
  }

  void fails(StorageProviderError error, Object call) {
    assertFailsWithoutEffect(h.chain, Origin.signed(Dev.ALICE), (StorageProviderCall) call, error);
  }

  @Test
  void declaredFaultsLosePowerAtOnceAndPayTheDeclaredFee() {
    long issuance = BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world());
    var outcome = h.chain.dispatch(Dev.ALICE, faults(dl, 0, 1L, 2L));
    assertThat(outcome)
        .isSuccess()
        .emitted(PowerUpdated.class, e -> e.delta() == -2 * 2048 && e.power() == 2048)
        .emitted(FaultsDeclared.class, e -> e.faults().head().sectors().size() == 2)
        .emitted(
            PenaltyCharged.class,
            e ->
                e.kind() == PenaltyKind.DeclaredFaultFee
                    && e.amount()
                        == Monies.declaredFaultFee(h.config, NetworkInputs.DEFAULT, 2 * 2048)
                    && e.paid() == e.amount()
                    && e.debt() == 0);
    assertThat(h.power(Dev.ALICE)).isEqualTo(2048);
    assertThat(BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world()))
        .isEqualTo(issuance - Monies.declaredFaultFee(h.config, NetworkInputs.DEFAULT, 2 * 2048));
    Partition p = h.partitionOf(Dev.ALICE, 1);
    assertThat(p.faults()).containsExactly(1L, 2L);
    assertThat(p.prepaidFaults()).containsExactly(1L, 2L);
  }

  @Test
  void redeclaringAFaultChargesNothingMore() {
    SpHarness.require(h.chain.dispatch(Dev.ALICE, faults(dl, 0, 1L)));
    var again = h.chain.dispatch(Dev.ALICE, faults(dl, 0, 1L));
    assertThat(again).isSuccess().emittedNo(PenaltyCharged.class).emittedNo(PowerUpdated.class);
  }

  @Test
  void declarationsCloseAtTheCutoffOfTheNextOccurrence() {
    DeadlineInfo next = h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, dl, h.now()).get();
    h.chain.runToBlock(next.faultCutoff());
    fails(StorageProviderError.FaultDeclarationTooLate, faults(dl, 0, 1L));
    h.chain.nextBlock();
    fails(StorageProviderError.FaultDeclarationTooLate, faults(dl, 0, 1L));
  }

  @Test
  void theLastBlockBeforeTheCutoffIsInTime() {
    DeadlineInfo next = h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, dl, h.now()).get();
    h.chain.runToBlock(next.faultCutoff() - 1);
    SpHarness.require(h.chain.dispatch(Dev.ALICE, faults(dl, 0, 1L)));
    SpHarness.require(h.chain.dispatch(Dev.ALICE, recoveries(dl, 0, 1L)));
    h.chain.nextBlock();
    fails(StorageProviderError.FaultRecoveryTooLate, recoveries(dl, 0, 1L));
  }

  @Test
  void faultsDuringTheOpenWindowAreLate() {
    h.runToDeadlineOpen(Dev.ALICE, dl);
    fails(StorageProviderError.FaultDeclarationTooLate, faults(dl, 0, 1L));
  }

  @Test
  void declarationsMustNameLiveSectorsOfExistingPartitions() {
    fails(StorageProviderError.PartitionNotFound, faults(dl, 7, 1L));
    fails(StorageProviderError.PartitionNotFound, faults(dl, -1, 1L));
    fails(StorageProviderError.SectorNotInPartition, faults(dl, 0, 3L));
    // numbers no bit field holds are in no partition, not an exception
    fails(StorageProviderError.SectorNotInPartition, faults(dl, 0, 1L, -1L));
    fails(StorageProviderError.SectorNotInPartition, faults(dl, 0, Long.MAX_VALUE));
    fails(StorageProviderError.SectorNotInPartition, recoveries(dl, 0, Long.MIN_VALUE));
    fails(StorageProviderError.InvalidDeadline, faults(3, 0, 1L));
    fails(StorageProviderError.EmptySectorSet, faults(dl, 0));
    fails(StorageProviderError.EmptyBatch, new DeclareFaults(List.empty()));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.BOB),
        faults(dl, 0, 1L),
        StorageProviderError.StorageProviderNotFound);
  }

  @Test
  void aTerminatedSectorCannotBeDeclared() {
    DeadlineInfo d = h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, dl, h.now()).get();
    if (!d.isMutable()) h.chain.runToBlock(d.close());
    SpHarness.require(
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.TerminateSectors(
                List.of(new SectorDeclaration(dl, 0, List.of(1L))))));
    fails(StorageProviderError.SectorsNotLive, faults(dl, 0, 1L));
  }

  @Test
  void declarationsNamingTooManySectorsFail() {
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.builder().addressedSectorsMax(1).build(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300));
    SpHarness.require(s.register(Dev.ALICE));
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        faults(0, 0, 1L, 2L),
        StorageProviderError.TooManyDeclarations);
  }

  @Test
  void everyDeclarationCallRefusesTooManyPartitionsAndTooManySectors() {
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.builder()
                .addressedPartitionsMax(1)
                .addressedSectorsMax(2)
                .build(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300));
    SpHarness.require(s.register(Dev.ALICE));
    Seq<SectorDeclaration> twoPartitions =
        List.of(new SectorDeclaration(0, 0, List.of(1L)), new SectorDeclaration(0, 1, List.of(2L)));
    Seq<SectorDeclaration> threeSectors = List.of(new SectorDeclaration(0, 0, List.of(1L, 2L, 3L)));
    for (Seq<SectorDeclaration> tooMany : List.of(twoPartitions, threeSectors)) {
      for (StorageProviderCall call :
          List.<StorageProviderCall>of(
              new DeclareFaults(tooMany),
              new DeclareFaultsRecovered(tooMany),
              new StorageProviderCall.TerminateSectors(tooMany))) {
        assertFailsWithoutEffect(
            s.chain, Origin.signed(Dev.ALICE), call, StorageProviderError.TooManyDeclarations);
      }
    }
  }

  @Test
  void recoveriesRestorePowerOnlyAtTheNextPoSt() {
    SpHarness.require(h.chain.dispatch(Dev.ALICE, faults(dl, 0, 1L)));
    var declared = h.chain.dispatch(Dev.ALICE, recoveries(dl, 0, 1L));
    assertThat(declared)
        .isSuccess()
        .emitted(RecoveriesDeclared.class)
        .emittedNo(PowerUpdated.class);
    assertThat(h.power(Dev.ALICE)).isEqualTo(2 * 2048);
    assertThat(h.partitionOf(Dev.ALICE, 1).recoveries()).containsExactly(1L);
    h.runToDeadlineOpen(Dev.ALICE, dl);
    var post = h.submitPoSt(Dev.ALICE, dl, 0, 1);
    assertThat(post)
        .isSuccess()
        .emitted(SectorsRecovered.class, e -> e.sectors().head().sectors().contains(1L))
        .emitted(PowerUpdated.class, e -> e.delta() == 2048);
    assertThat(h.power(Dev.ALICE)).isEqualTo(3 * 2048);
    assertThat(h.partitionOf(Dev.ALICE, 1).faults()).isEmpty();
  }

  @Test
  void onlyFaultySectorsCanRecover() {
    fails(StorageProviderError.SectorsNotFaulty, recoveries(dl, 0, 1L));
    fails(StorageProviderError.SectorNotInPartition, recoveries(dl, 1, 1L));
    fails(StorageProviderError.PartitionNotFound, recoveries(dl, 2, 1L));
  }

  @Test
  void feeDebtBlocksRecoveriesAndPreCommitsUntilRepaid() {
    long pledge =
        Monies.initialPledge(StorageProviderConfig.testnet(), NetworkInputs.DEFAULT, 2048, 0);
    long spare = 1_000_000;
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.testnet(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300),
            b -> b.balance(Dev.ALICE, pledge + spare));
    SpHarness.require(s.register(Dev.ALICE));
    s.chain.runToBlock(2);
    s.onboardCc(Dev.ALICE, 1);
    int d = s.sector(Dev.ALICE, 1).deadline();
    s.proveDeadlineOf(Dev.ALICE, 1);
    s.runPastDeadline(Dev.ALICE, d);

    var declared = s.chain.dispatch(Dev.ALICE, faults(d, 0, 1L));
    long due = Monies.declaredFaultFee(s.config, NetworkInputs.DEFAULT, 2048);
    assertThat(declared)
        .isSuccess()
        .emitted(PenaltyCharged.class, e -> e.paid() == spare && e.debt() == due - spare);
    assertThat(s.state(Dev.ALICE).feeDebt()).isEqualTo(due - spare);
    assertThat(s.chain.free(Dev.ALICE)).isZero();

    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        recoveries(d, 0, 1L),
        StorageProviderError.UnpaidFeeDebt);
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new StorageProviderCall.PreCommitSectors(
            List.of(s.preCommitInfo(Dev.ALICE, 2, List.empty(), s.defaultExpiration()))),
        StorageProviderError.UnpaidFeeDebt);

    SpHarness.require(
        s.chain.dispatch(Dev.BOB, new BalancesCall.TransferAllowDeath(Dev.ALICE, due)));
    var recovered = s.chain.dispatch(Dev.ALICE, recoveries(d, 0, 1L));
    assertThat(recovered).isSuccess().emitted(FeeDebtRepaid.class, e -> e.amount() == due - spare);
    assertThat(s.state(Dev.ALICE).feeDebt()).isZero();
  }

  @Test
  void malformedInputIsATypedFailure() {
    Origin alice = Origin.signed(Dev.ALICE);
    assertBadInputWithoutEffect(h.chain, alice, new DeclareFaults(null));
    assertBadInputWithoutEffect(
        h.chain, alice, new DeclareFaults(List.of((SectorDeclaration) null)));
    assertBadInputWithoutEffect(
        h.chain, alice, new DeclareFaults(List.of(new SectorDeclaration(dl, 0, null))));
    assertBadInputWithoutEffect(
        h.chain,
        alice,
        new DeclareFaultsRecovered(List.of(new SectorDeclaration(dl, 0, List.of((Long) null)))));
  }

  /** Testnet constants with builtin-actors' fee schedule and lenient declarations. */
  static SpHarness builtinActorsRules() {
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.builder()
                .faultFeeSchedule(FaultFeeSchedule.BuiltinActors)
                .strictDeclarations(false)
                .build(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300));
    SpHarness.require(s.register(Dev.ALICE));
    s.chain.runToBlock(2);
    s.onboardCc(Dev.ALICE, 1, 2, 3);
    int d = s.sector(Dev.ALICE, 1).deadline();
    s.proveDeadlineOf(Dev.ALICE, 1);
    s.runPastDeadline(Dev.ALICE, d);
    return s;
  }

  @Test
  void underBuiltinActorsRulesADeclarationPaysNothingUntilTheClose() {
    SpHarness s = builtinActorsRules();
    int d = s.sector(Dev.ALICE, 1).deadline();
    var declared = s.chain.dispatch(Dev.ALICE, faults(d, 0, 1L, 2L));
    assertThat(declared)
        .isSuccess()
        .emitted(PowerUpdated.class, e -> e.delta() == -2 * 2048)
        .emitted(FaultsDeclared.class)
        .emittedNo(PenaltyCharged.class);
    assertThat(s.partitionOf(Dev.ALICE, 1).prepaidFaults()).isEmpty();
    DeadlineInfo next = s.pallet.deadlineInfo(s.chain.world(), Dev.ALICE, d, s.now()).get();
    s.chain.runToBlock(next.last());
    var close = s.chain.nextBlock().eventsOf(PenaltyCharged.class);
    assertThat(close)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(PenaltyKind.ContinuedFaultFee);
              // one fee on the deadline's faulty power: the two declared faults
              assertThat(e.amount())
                  .isEqualTo(
                      Monies.continuedFaultFee(
                          s.config, dev.palletsim.frame.traits.NetworkInputs.DEFAULT, 2 * 2048));
            });
  }

  @Test
  void underBuiltinActorsRulesAMissedPoStPaysNothingAtDetectionThenTheFeeFromTheNextClose() {
    SpHarness s = builtinActorsRules();
    int d = s.sector(Dev.ALICE, 1).deadline();
    DeadlineInfo next = s.pallet.deadlineInfo(s.chain.world(), Dev.ALICE, d, s.now()).get();
    s.chain.runToBlock(next.last());
    var detection = s.chain.nextBlock();
    assertThat(detection.eventsOf(StorageProviderEvent.FaultsDetected.class)).hasSize(1);
    assertThat(detection.eventsOf(PenaltyCharged.class)).isEmpty();
    s.chain.runToBlock(next.next().last());
    var following = s.chain.nextBlock().eventsOf(PenaltyCharged.class);
    assertThat(following)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.amount())
                    .isEqualTo(
                        Monies.continuedFaultFee(
                            s.config, dev.palletsim.frame.traits.NetworkInputs.DEFAULT, 3 * 2048)));
  }

  @Test
  void lenientDeclarationsIgnoreTerminatedAndNonFaultySectors() {
    SpHarness s = builtinActorsRules();
    int d = s.sector(Dev.ALICE, 1).deadline();
    DeadlineInfo info = s.pallet.deadlineInfo(s.chain.world(), Dev.ALICE, d, s.now()).get();
    if (!info.isMutable()) s.chain.runToBlock(info.close());
    SpHarness.require(
        s.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.TerminateSectors(
                List.of(new SectorDeclaration(d, 0, List.of(1L))))));
    // the terminated sector is ignored, the live one becomes faulty
    var declared = s.chain.dispatch(Dev.ALICE, faults(d, 0, 1L, 2L));
    assertThat(declared)
        .isSuccess()
        .emitted(
            FaultsDeclared.class, e -> e.faults().head().sectors().toList().equals(List.of(2L)));
    assertThat(s.partitionOf(Dev.ALICE, 2).faults()).containsExactly(2L);
    // a recovery of a healthy sector is ignored, the faulty one recovers
    var recovered = s.chain.dispatch(Dev.ALICE, recoveries(d, 1, 3L));
    assertThat(recovered)
        .isSuccess()
        .emitted(RecoveriesDeclared.class, e -> e.recoveries().isEmpty());
    assertThat(s.chain.dispatch(Dev.ALICE, recoveries(d, 0, 2L)))
        .isSuccess()
        .emitted(RecoveriesDeclared.class, e -> e.recoveries().size() == 1);
    assertThat(s.partitionOf(Dev.ALICE, 2).recoveries()).containsExactly(2L);
  }
}
