package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.CLIENT2;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.market.MarketFixture.PROVIDER2;
import static dev.palletsim.market.MarketFixture.SECTOR_SIZE;
import static dev.palletsim.market.MarketFixture.sector;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * The {@code Market} coupling methods, run in real transactions through the {@link
 * ProviderHarness}: {@code verifyDealsForActivation}, {@code activateDeals}, {@code
 * computeDataCommitment} (seed 002 methods 5, 6 and 8).
 */
class ActivationTest {

  private static Origin bob() {
    return Origin.signed(PROVIDER);
  }

  private static ProviderHarness.Verify verify(SectorDeals... sectors) {
    return new ProviderHarness.Verify(List.of(sectors));
  }

  private static ProviderHarness.Activate activate(SectorDeals... sectors) {
    return new ProviderHarness.Activate(List.of(sectors));
  }

  private static SectorDeals sectorOf(long number, Long... ids) {
    return sector(number, 1_000_000, ids);
  }

  /** Fails both verification and activation with {@code error}, changing nothing. */
  private static void bothFail(MarketFixture f, MarketError error, SectorDeals... sectors) {
    assertFailsWithoutEffect(f.chain, bob(), verify(sectors), error);
    assertFailsWithoutEffect(f.chain, bob(), activate(sectors), error);
  }

  @Test
  void verificationReturnsWeightsSpaceAndCommitmentAndChangesNothing() {
    MarketFixture f = MarketFixture.start(b -> b.addVerifiedClients(CLIENT2)).fundParties();
    DealProposal plain = f.deal().pieceSize(4 * Units.KIB).duration(100).build();
    DealProposal verified =
        f.deal().client(CLIENT2).verified(true).pieceSize(2 * Units.KIB).duration(50).build();
    long a = f.publish(plain);
    long b = f.publish(verified);
    long before = f.marketHash();
    var outcome = f.dispatch(PROVIDER, verify(sectorOf(7, a, b)));
    assertThat(outcome).isSuccess();
    Seq<SectorDealInfo> infos = outcome.eventsOf(ProviderHarness.Verified.class).single().infos();
    Cid expected =
        Commitments.unsealedSector(
            List.of(
                new Commitments.Piece(plain.pieceCid(), plain.pieceSize()),
                new Commitments.Piece(verified.pieceCid(), verified.pieceSize())),
            SECTOR_SIZE);
    assertThat(infos)
        .containsExactly(
            new SectorDealInfo(
                7, 100 * 4 * Units.KIB, 50 * 2 * Units.KIB, 6 * Units.KIB, expected));
    assertThat(f.marketHash()).isEqualTo(before);
    assertThat(outcome.eventsOf(MarketEvent.class)).isEmpty();
  }

  @Test
  void activationRecordsStatesAndTheSectorIndex() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().build());
    long b = f.publish(f.deal().client(CLIENT2).build());
    long c = f.publish(f.deal().build());
    long now = f.now();
    var outcome = f.dispatch(PROVIDER, activate(sectorOf(1, a, b), sectorOf(2, c)));
    assertThat(outcome)
        .isSuccess()
        .emitted(
            MarketEvent.DealActivated.class,
            e -> e.equals(new MarketEvent.DealActivated(a, CLIENT, PROVIDER, 1)))
        .emitted(
            MarketEvent.DealActivated.class,
            e -> e.equals(new MarketEvent.DealActivated(b, CLIENT2, PROVIDER, 1)))
        .emitted(
            MarketEvent.DealActivated.class,
            e -> e.equals(new MarketEvent.DealActivated(c, CLIENT, PROVIDER, 2)));
    assertThat(f.state(a)).contains(DealState.activated(1, now));
    assertThat(f.state(c)).contains(DealState.activated(2, now));
    assertThat(f.state(a).get().lastUpdatedBlock()).isEqualTo(DealState.UNDEFINED);
    assertThat(f.market.dealState(f.chain.world(), b).get().slashBlock())
        .isEqualTo(DealState.UNDEFINED);
    assertThat(MarketStorage.PROVIDER_SECTORS.find(f.chain.world(), PROVIDER, 1L))
        .contains(DealIds.of(a, b));
    assertThat(MarketStorage.PROVIDER_SECTORS.find(f.chain.world(), PROVIDER, 2L))
        .contains(DealIds.of(c));
    assertThat(outcome.eventsOf(ProviderHarness.Activated.class).single().infos()).hasSize(2);
    f.chain.nextBlock();
  }

  @Test
  void aDealMayBeActivatedInItsStartBlock() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.runTo(p.startBlock());
    assertThat(f.dispatch(PROVIDER, activate(sectorOf(1, id)))).isSuccess();
    f.chain.nextBlock();
    assertThat(f.state(id)).isNotEmpty();
  }

  @Test
  void aSectorWithoutDealsHasTheEmptyCommitmentAndNoIndexEntry() {
    MarketFixture f = MarketFixture.start();
    var outcome = f.dispatch(PROVIDER, activate(sectorOf(9)));
    assertThat(outcome).isSuccess();
    assertThat(outcome.eventsOf(ProviderHarness.Activated.class).single().infos())
        .containsExactly(
            new SectorDealInfo(9, 0, 0, 0, Commitments.unsealedSector(List.empty(), SECTOR_SIZE)));
    assertThat(MarketStorage.PROVIDER_SECTORS.containsPrefix(f.chain.world(), PROVIDER)).isFalse();
  }

  @Test
  void anUnknownDealFails() {
    MarketFixture f = MarketFixture.start();
    bothFail(f, MarketError.DealNotFound, sectorOf(1, 42L));
  }

  @Test
  void anotherProvidersDealFails() {
    MarketFixture f = MarketFixture.start().fundParties();
    long id = f.publish(f.deal().provider(PROVIDER2).build());
    bothFail(f, MarketError.NotDealProvider, sectorOf(1, id));
  }

  @Test
  void aDealTwiceInASectorFailsAndTwiceAcrossSectorsFailsActivationOnly() {
    MarketFixture f = MarketFixture.start().fundParties();
    long id = f.publish(f.deal().build());
    bothFail(f, MarketError.DuplicateDeal, sectorOf(1, id, id));
    // builtin-actors' VerifyDealsForActivation checks each sector on its own
    assertThat(f.dispatch(PROVIDER, verify(sectorOf(1, id), sectorOf(2, id)))).isSuccess();
    assertFailsWithoutEffect(
        f.chain, bob(), activate(sectorOf(1, id), sectorOf(2, id)), MarketError.DuplicateDeal);
  }

  @Test
  void aSectorAlreadyHoldingDealsReceivesMoreKeptSorted() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().build());
    long b = f.publish(f.deal().build());
    long c = f.publish(f.deal().build());
    f.activate(1, a, c);
    f.activate(1, b);
    assertThat(MarketStorage.PROVIDER_SECTORS.find(f.chain.world(), PROVIDER, 1L))
        .contains(DealIds.of(a, b, c));
    assertThat(f.state(b).get().sectorNumber()).isEqualTo(1);
    f.chain.nextBlock();
  }

  @Test
  void theSameSectorTwiceInOneBatchActivatesBoth() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().build());
    long b = f.publish(f.deal().build());
    assertThat(f.dispatch(PROVIDER, activate(sectorOf(1, a), sectorOf(1, b)))).isSuccess();
    assertThat(MarketStorage.PROVIDER_SECTORS.find(f.chain.world(), PROVIDER, 1L))
        .contains(DealIds.of(a, b));
    f.chain.nextBlock();
  }

  @Test
  void anActiveDealCannotBeActivatedAgainThoughItStillVerifies() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().build());
    f.activate(1, a);
    assertThat(f.dispatch(PROVIDER, verify(sectorOf(2, a)))).isSuccess();
    assertFailsWithoutEffect(
        f.chain, bob(), activate(sectorOf(2, a)), MarketError.DealAlreadyActivated);
  }

  @Test
  void aDealPastItsStartHasExpiredForActivation() {
    MarketFixture f = MarketFixture.start(b -> b.cronInterval(1_000)).fundParties();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.runTo(p.startBlock() + 1);
    bothFail(f, MarketError.DealExpired, sectorOf(1, id));
  }

  @Test
  void aDealCleanedUpHasExpiredAndAnIdNeverPublishedIsNotFound() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.runTo(f.config.firstUpdateBlock(id, p.startBlock()) + 1);
    assertThat(f.proposal(id)).isEmpty();
    bothFail(f, MarketError.DealExpired, sectorOf(1, id));
    bothFail(f, MarketError.DealNotFound, sectorOf(1, id + 1));
  }

  @Test
  void aDealEndingAfterTheSectorFails() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    bothFail(f, MarketError.DealEndsAfterSectorExpiry, sector(1, p.endBlock() - 1, id));
    assertThat(f.dispatch(PROVIDER, activate(sector(1, p.endBlock(), id)))).isSuccess();
  }

  @Test
  void piecesThatDoNotFitTheSectorFail() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().pieceSize(16 * Units.KIB).providerCollateral(200_000).build());
    long b = f.publish(f.deal().pieceSize(16 * Units.KIB).providerCollateral(200_000).build());
    long c = f.publish(f.deal().pieceSize(128).build());
    bothFail(f, MarketError.DealsExceedSectorSize, sectorOf(1, a, b, c));
    assertThat(f.dispatch(PROVIDER, activate(sectorOf(1, a, b)))).isSuccess();
  }

  @Test
  void activateDealsIsAllOrNothing() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().build());
    bothFail(f, MarketError.DealNotFound, sectorOf(1, a), sectorOf(2, 99L));
    assertThat(f.state(a)).isEmpty();
  }

  @Test
  void batchActivationReportsEachSectorAndKeepsOnlyTheSectorsThatActivated() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().build());
    long b = f.publish(f.deal().build());
    long c = f.publish(f.deal().client(CLIENT2).build());
    var outcome =
        f.dispatch(
            PROVIDER,
            new ProviderHarness.BatchActivate(
                List.of(sectorOf(1, a), sectorOf(2, b, 99L), sectorOf(3, c, a), sectorOf(4))));
    assertThat(outcome).isSuccess();
    assertThat(outcome.eventsOf(MarketEvent.DealActivated.class))
        .containsExactly(new MarketEvent.DealActivated(a, CLIENT, PROVIDER, 1));
    var results = outcome.eventsOf(ProviderHarness.BatchActivated.class).single().results();
    assertThat(results.successCount()).isEqualTo(2);
    assertThat(results.sectors().map(r -> r.isLeft() ? r.getLeft() : null))
        .containsExactly(
            null,
            DispatchError.module(MarketError.DealNotFound),
            DispatchError.module(MarketError.DuplicateDeal),
            null);
    assertThat(results.get(0).get().sectorNumber()).isEqualTo(1);
    assertThat(results.get(3).get().dealSpace()).isZero();
    assertThat(f.state(a)).isNotEmpty();
    assertThat(f.state(b)).isEmpty();
    assertThat(f.state(c)).isEmpty();
    assertThat(MarketStorage.PROVIDER_SECTORS.find(f.chain.world(), PROVIDER, 2L)).isEmpty();
    assertThat(MarketStorage.PROVIDER_SECTORS.find(f.chain.world(), PROVIDER, 3L)).isEmpty();
    f.chain.nextBlock();
  }

  @Test
  void missingArgumentsAreBadInput() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().build());
    assertBadInputWithoutEffect(f.chain, bob(), new ProviderHarness.Activate(null));
    assertBadInputWithoutEffect(
        f.chain, bob(), new ProviderHarness.Activate(Vector.of((SectorDeals) null)));
    assertBadInputWithoutEffect(
        f.chain, bob(), activate(new SectorDeals(1, SECTOR_SIZE, 1_000_000, null)));
    assertBadInputWithoutEffect(
        f.chain, bob(), activate(new SectorDeals(1, SECTOR_SIZE, 1_000_000, List.of(a, null))));
    assertBadInputWithoutEffect(
        f.chain, bob(), activate(new SectorDeals(1, 0, 1_000_000, List.of(a))));
    assertBadInputWithoutEffect(f.chain, bob(), new ProviderHarness.Terminate(null));
    assertBadInputWithoutEffect(f.chain, bob(), new ProviderHarness.CommD(null, SECTOR_SIZE));
    assertBadInputWithoutEffect(f.chain, bob(), new ProviderHarness.CommD(List.of(a), 0));
  }

  // ------------------------------------------------------------------ computeDataCommitment

  @Test
  void theDataCommitmentFollowsThePiecesInDealOrder() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().build();
    DealProposal q = f.deal().pieceSize(4 * Units.KIB).build();
    long a = f.publish(p);
    long b = f.publish(q);
    Cid ab = commD(f, List.of(a, b));
    Cid ba = commD(f, List.of(b, a));
    assertThat(ab)
        .isEqualTo(
            Commitments.unsealedSector(
                List.of(
                    new Commitments.Piece(p.pieceCid(), p.pieceSize()),
                    new Commitments.Piece(q.pieceCid(), q.pieceSize())),
                SECTOR_SIZE));
    assertThat(ba).isNotEqualTo(ab);
    assertThat(commD(f, List.of(a, b))).isEqualTo(ab);
  }

  @Test
  void theDataCommitmentOfAnUnknownDealFails() {
    MarketFixture f = MarketFixture.start();
    assertFailsWithoutEffect(
        f.chain,
        bob(),
        new ProviderHarness.CommD(List.of(3L), SECTOR_SIZE),
        MarketError.DealNotFound);
  }

  private static Cid commD(MarketFixture f, List<Long> ids) {
    var o = f.dispatch(PROVIDER, new ProviderHarness.CommD(ids, SECTOR_SIZE));
    assertThat(o).isSuccess();
    return o.eventsOf(ProviderHarness.Commitment.class).single().commD();
  }
}
