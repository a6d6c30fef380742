package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.storageprovider.StorageProviderCall.ExtendSectorExpiration;
import dev.palletsim.storageprovider.StorageProviderEvent.ExpirationExtended;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code extendSectorExpiration} under the testnet constants: success, each failure, events. */
class ExtendSectorExpirationTest {
  SpHarness h;
  SectorOnChainInfo s1;

  @BeforeEach
  void threeProvenSectors() {
    h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1, 2, 3);
    h.proveDeadlineOf(Dev.ALICE, 1);
    h.runPastDeadline(Dev.ALICE, h.sector(Dev.ALICE, 1).deadline());
    s1 = h.sector(Dev.ALICE, 1);
  }

  static ExtendSectorExpiration extend(int dl, int p, Seq<Long> sectors, long expiration) {
    return new ExtendSectorExpiration(List.of(new ExpirationExtension(dl, p, sectors, expiration)));
  }

  void fails(StorageProviderError e, ExtendSectorExpiration call) {
    assertFailsWithoutEffect(h.chain, Origin.signed(Dev.ALICE), call, e);
  }

  @Test
  void anExtensionMovesTheExpirationAndKeepsPowerAndPledge() {
    long newExpiration = s1.expiration() + 100;
    long power = h.power(Dev.ALICE);
    long pledge = h.state(Dev.ALICE).initialPledge();
    var outcome =
        h.chain.dispatch(Dev.ALICE, extend(s1.deadline(), 0, List.of(1L, 2L), newExpiration));
    assertThat(outcome)
        .isSuccess()
        .emitted(
            ExpirationExtended.class,
            e ->
                e.sectors().equals(new SectorLocation(s1.deadline(), 0, TreeSet.of(1L, 2L)))
                    && e.newExpiration() == newExpiration)
        .emittedNo(StorageProviderEvent.PowerUpdated.class);
    SectorOnChainInfo now = h.sector(Dev.ALICE, 1);
    assertThat(now.expiration()).isEqualTo(newExpiration);
    assertThat(now.powerBaseEpoch()).isEqualTo(h.now());
    assertThat(h.power(Dev.ALICE)).isEqualTo(power);
    assertThat(h.state(Dev.ALICE).initialPledge()).isEqualTo(pledge);
    Partition p = h.partitionOf(Dev.ALICE, 1);
    QuantSpec quant =
        h.pallet.schedule().quantSpecFor(h.state(Dev.ALICE).provingPeriodOffset(), s1.deadline());
    assertThat(p.expirations().blockOf(1L)).contains(quant.quantizeUp(newExpiration));
    assertThat(
            h.pallet
                .deadline(h.chain.world(), Dev.ALICE, s1.deadline())
                .expirationBlocks()
                .containsKey(quant.quantizeUp(newExpiration)))
        .isTrue();
  }

  @Test
  void theDealWeightShrinksToWhatIsLeftOfTheDeals() {
    SpHarness d = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(d.register(Dev.ALICE));
    d.chain.runToBlock(2);
    SpHarness.require(
        d.preCommit(Dev.ALICE, d.preCommitInfo(Dev.ALICE, 1, List.of(1L), d.defaultExpiration())));
    d.runToProvable(Dev.ALICE, 1);
    SpHarness.require(d.proveCommit(Dev.ALICE, 1));
    d.proveDeadlineOf(Dev.ALICE, 1);
    SectorOnChainInfo before = d.sector(Dev.ALICE, 1);
    d.runPastDeadline(Dev.ALICE, before.deadline());
    long now = d.now();
    SpHarness.require(
        d.chain.dispatch(
            Dev.ALICE,
            extend(before.deadline(), before.partition(), List.of(1L), before.expiration() + 60)));
    SectorOnChainInfo after = d.sector(Dev.ALICE, 1);
    long expected =
        before.dealWeight()
            * (before.expiration() - now)
            / (before.expiration() - before.powerBaseEpoch());
    assertThat(before.dealWeight()).isPositive();
    assertThat(after.dealWeight()).isEqualTo(expected);
  }

  @Test
  void everyFailureIsTypedAndChangesNothing() {
    int dl = s1.deadline();
    long later = s1.expiration() + 60;
    fails(StorageProviderError.EmptyBatch, new ExtendSectorExpiration(List.empty()));
    fails(StorageProviderError.InvalidDeadline, extend(3, 0, List.of(1L), later));
    fails(StorageProviderError.InvalidDeadline, extend(-1, 0, List.of(1L), later));
    fails(StorageProviderError.PartitionNotFound, extend(dl, -1, List.of(1L), later));
    fails(StorageProviderError.PartitionNotFound, extend(dl, 7, List.of(1L), later));
    fails(StorageProviderError.EmptySectorSet, extend(dl, 0, List.empty(), later));
    fails(StorageProviderError.SectorNotInPartition, extend(dl, 0, List.of(3L), later));
    fails(StorageProviderError.ExpirationReduced, extend(dl, 0, List.of(1L), s1.expiration() - 1));
    fails(
        StorageProviderError.ExpirationTooLong,
        extend(dl, 0, List.of(1L), h.now() + h.config.maxSectorExpiration() + 1));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.BOB),
        extend(dl, 0, List.of(1L), later),
        StorageProviderError.StorageProviderNotFound);
    // faulty sectors cannot be extended
    SpHarness.require(h.chain.dispatch(Dev.ALICE, DeclareFaultsTest.faults(dl, 0, 2L)));
    fails(StorageProviderError.SectorsNotActive, extend(dl, 0, List.of(1L, 2L), later));
  }

  @Test
  void aTerminatedSectorCannotBeExtended() {
    DeadlineInfo info =
        h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, s1.deadline(), h.now()).get();
    if (!info.isMutable()) h.chain.runToBlock(info.close());
    SpHarness.require(
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.TerminateSectors(
                List.of(new SectorDeclaration(s1.deadline(), 0, List.of(1L))))));
    fails(
        StorageProviderError.SectorsNotLive,
        extend(s1.deadline(), 0, List.of(1L), s1.expiration() + 60));
  }

  @Test
  void unprovenSectorsCannotBeExtended() {
    h.chain.runToBlock(h.now() + 1);
    h.onboardCc(Dev.ALICE, 4);
    SectorOnChainInfo s4 = h.sector(Dev.ALICE, 4);
    fails(
        StorageProviderError.SectorsNotActive,
        extend(s4.deadline(), s4.partition(), List.of(4L), s4.expiration() + 60));
  }

  /**
   * A sector whose expiration has passed but whose deadline has not closed yet (expirations are
   * processed at the closes) cannot be extended (builtin-actors' "expired sector").
   */
  @Test
  void anExpiredSectorAwaitingItsCloseCannotBeExtended() {
    long expiration = s1.expiration();
    QuantSpec quant =
        h.pallet.schedule().quantSpecFor(h.state(Dev.ALICE).provingPeriodOffset(), s1.deadline());
    // the harness's expirations are off the deadline grid: the sector lives on past it
    assertThat(quant.quantizeUp(expiration)).isGreaterThan(expiration);
    while (h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, s1.deadline(), h.now()).get().last()
        < expiration) {
      h.proveDeadlineOf(Dev.ALICE, 1);
      h.runPastDeadline(Dev.ALICE, s1.deadline());
    }
    h.chain.runToBlock(expiration + 1);
    assertThat(h.partitionOf(Dev.ALICE, 1).active()).contains(1L);
    fails(
        StorageProviderError.ExtensionOfExpiredSector,
        extend(s1.deadline(), 0, List.of(1L), expiration + 60));
  }

  @Test
  void tooManyDeclarationsAreRefused() {
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.builder()
                .addressedPartitionsMax(1)
                .addressedSectorsMax(2)
                .build(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300));
    SpHarness.require(s.register(Dev.ALICE));
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new ExtendSectorExpiration(
            List.of(
                new ExpirationExtension(0, 0, List.of(1L), 500),
                new ExpirationExtension(0, 1, List.of(2L), 500))),
        StorageProviderError.TooManyDeclarations);
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        extend(0, 0, List.of(1L, 2L, 3L), 500),
        StorageProviderError.TooManyDeclarations);
  }

  @Test
  void malformedInputIsATypedFailure() {
    Origin alice = Origin.signed(Dev.ALICE);
    assertBadInputWithoutEffect(h.chain, alice, new ExtendSectorExpiration(null));
    assertBadInputWithoutEffect(
        h.chain, alice, new ExtendSectorExpiration(List.of((ExpirationExtension) null)));
    assertBadInputWithoutEffect(h.chain, alice, extend(0, 0, null, 500));
    assertBadInputWithoutEffect(h.chain, alice, extend(0, 0, List.of((Long) null), 500));
  }
}
