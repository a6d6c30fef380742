package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.storageprovider.StorageProviderCall.TerminateSectors;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsTerminated;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** Voluntary termination: only in mutable deadlines, fee charged, pledge released, market told. */
class TerminateSectorsTest {
  SpHarness h;
  int dl;

  /** Sector 1 holds deal 1, sector 2 is committed capacity; both proven and powered. */
  void setUp(FakeMarket market) {
    h = SpHarness.start(StorageProviderConfig.testnet(), market);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    SpHarness.require(
        h.preCommit(
            Dev.ALICE,
            h.preCommitInfo(Dev.ALICE, 1, List.of(1L), h.defaultExpiration()),
            h.preCommitInfo(Dev.ALICE, 2, List.empty(), h.defaultExpiration())));
    h.runToProvable(Dev.ALICE, 1);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1, 2));
    dl = h.sector(Dev.ALICE, 1).deadline();
    h.proveDeadlineOf(Dev.ALICE, 1);
    h.runPastDeadline(Dev.ALICE, dl);
  }

  void setUp() {
    setUp(FakeMarket.withDeals(Dev.ALICE, 2, 300));
  }

  static TerminateSectors terminate(int dl, int partition, Long... sectors) {
    return new TerminateSectors(List.of(new SectorDeclaration(dl, partition, List.of(sectors))));
  }

  void fails(PalletError error, TerminateSectors call) {
    assertFailsWithoutEffect(h.chain, Origin.signed(Dev.ALICE), call, error);
  }

  @Test
  void terminatingRemovesPowerReleasesPledgeChargesTheFeeAndTerminatesTheDeals() {
    setUp();
    SectorOnChainInfo s1 = h.sector(Dev.ALICE, 1);
    long age = h.now() - s1.activation();
    long fee =
        Monies.terminationFeeForSector(
            h.config, NetworkInputs.DEFAULT, s1.initialPledge(), age, 2048);
    long reserved = h.chain.reserved(Dev.ALICE);
    var outcome = h.chain.dispatch(Dev.ALICE, terminate(dl, 0, 1L));
    assertThat(outcome)
        .isSuccess()
        .emitted(PowerUpdated.class, e -> e.delta() == -2048 && e.power() == 2048)
        .emitted(
            SectorsTerminated.class,
            e ->
                e.sectors().contains(1L)
                    && e.reason() == TerminationReason.Voluntary
                    && e.pledgeReleased() == s1.initialPledge())
        .emitted(BalancesEvent.Unreserved.class, e -> e.amount() == s1.initialPledge())
        .emitted(
            PenaltyCharged.class,
            e -> e.kind() == PenaltyKind.TerminationFee && e.amount() == fee && e.paid() == fee);
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(reserved - s1.initialPledge());
    assertThat(h.power(Dev.ALICE)).isEqualTo(2048);
    assertThat(h.pallet.findSector(h.chain.world(), Dev.ALICE, 1)).isEmpty();
    assertThat(h.state(Dev.ALICE).liveSectors()).isEqualTo(1);
    assertThat(h.pallet.partition(h.chain.world(), Dev.ALICE, dl, 0).get().terminated())
        .containsExactly(1L);
    var terminations = FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Terminate);
    assertThat(terminations).hasSize(1);
    assertThat(terminations.head().sectors()).containsExactly(1L);
    assertThat(terminations.head().block()).isEqualTo(h.now());
    assertThat(FakeMarket.deal(h.chain.world(), 1L).get().terminated()).isTrue();
  }

  @Test
  void committedCapacitySectorsAreNotSentToTheMarket() {
    setUp();
    SpHarness.require(h.chain.dispatch(Dev.ALICE, terminate(dl, 0, 2L)));
    assertThat(FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Terminate)).isEmpty();
  }

  @Test
  void terminatingEverySectorStopsTheDeadlineCron() {
    setUp();
    SpHarness.require(h.chain.dispatch(Dev.ALICE, terminate(dl, 0, 1L, 2L)));
    assertThat(h.state(Dev.ALICE).liveSectors()).isZero();
    assertThat(h.power(Dev.ALICE)).isZero();
    assertThat(h.state(Dev.ALICE).initialPledge()).isZero();
    h.chain.runBlocks(h.config.wPoStProvingPeriod());
    assertThat(h.state(Dev.ALICE).deadlineCronActive()).isFalse();
    assertThat(StorageProviderStorage.DEADLINE_CRON.entries(h.chain.world())).isEmpty();
  }

  @Test
  void theOpenAndTheNextDeadlineCannotBeTerminated() {
    setUp();
    DeadlineInfo next = h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, dl, h.now()).get();
    h.chain.runToBlock(next.open() - h.config.wPoStChallengeWindow() - 1);
    var ok = h.chain.fork();
    SpHarness.require(ok.dispatch(Dev.ALICE, terminate(dl, 0, 1L)));
    h.chain.nextBlock();
    fails(StorageProviderError.CannotTerminateImmutableDeadline, terminate(dl, 0, 1L));
    h.chain.runToBlock(next.last());
    fails(StorageProviderError.CannotTerminateImmutableDeadline, terminate(dl, 0, 1L));
    h.chain.nextBlock();
    SpHarness.require(h.chain.dispatch(Dev.ALICE, terminate(dl, 0, 1L)));
  }

  @Test
  void onlyLiveSectorsOfExistingPartitionsCanBeTerminated() {
    setUp();
    SpHarness.require(h.chain.dispatch(Dev.ALICE, terminate(dl, 0, 1L)));
    fails(StorageProviderError.SectorsNotLive, terminate(dl, 0, 1L));
    fails(StorageProviderError.SectorNotInPartition, terminate(dl, 0, 5L));
    fails(StorageProviderError.SectorNotInPartition, terminate(dl, 0, 2L, -2L));
    fails(StorageProviderError.SectorNotInPartition, terminate(dl, 0, Long.MAX_VALUE));
    fails(StorageProviderError.PartitionNotFound, terminate(dl, 1, 2L));
    fails(StorageProviderError.InvalidDeadline, terminate(9, 0, 2L));
    fails(StorageProviderError.EmptyBatch, new TerminateSectors(List.empty()));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.BOB),
        terminate(dl, 0, 2L),
        StorageProviderError.StorageProviderNotFound);
  }

  @Test
  void aMarketRefusalFailsAVoluntaryTermination() {
    setUp(FakeMarket.withDeals(Dev.ALICE, 2, 300).refusingTerminations());
    fails(FakeMarket.FakeMarketError.Refused, terminate(dl, 0, 1L));
  }

  @Test
  void malformedInputIsATypedFailure() {
    setUp();
    Origin alice = Origin.signed(Dev.ALICE);
    assertBadInputWithoutEffect(h.chain, alice, new TerminateSectors(null));
    assertBadInputWithoutEffect(
        h.chain, alice, new TerminateSectors(List.of(new SectorDeclaration(dl, 0, null))));
  }
}
