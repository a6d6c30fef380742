package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PIECE_1;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.actor;
import static dev.palletsim.market.BuiltinMarketHarness.block;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/verify_deals_for_activation_test.rs}, under {@link
 * MarketConfig#filecoin()}. builtin-actors returns each sector's CommD and, at activation, each
 * deal's client, allocation, piece and size; palletsim's market returns each sector's CommD, deal
 * space and (seed 002's) weights, which these tests check instead. {@code
 * fail_when_caller_is_not_a_storage_miner_actor} is not ported: the coupling has no caller to
 * check.
 */
class BuiltinVerifyDealsForActivationTest {
  static final long START_EPOCH = 10;
  static final long CURR_EPOCH = START_EPOCH;
  static final long END_EPOCH = 200 * EPOCHS_IN_DAY;
  static final long SECTOR_EXPIRY = END_EPOCH + 200;

  /** {@code StackedDRG2KiBV1P1}'s sector size. */
  static final long SECTOR_2KIB = 2048;

  private static SectorDeals sector2KiB(long number, long expiry, Long... ids) {
    return new SectorDeals(number, SECTOR_2KIB, block(expiry), Vector.of(ids));
  }

  private static Seq<SectorDealInfo> verify(BuiltinMarketHarness h, SectorDeals... sectors) {
    var o = h.dispatch(PROVIDER, new ProviderHarness.Verify(List.of(sectors)));
    assertThat(o).isSuccess();
    return o.eventsOf(ProviderHarness.Verified.class).single().infos();
  }

  private static Cid commD(long sectorSize, DealProposal... deals) {
    return Commitments.unsealedSector(
        List.of(deals).map(d -> new Commitments.Piece(d.pieceCid(), d.pieceSize())), sectorSize);
  }

  @Test
  void verifyDealAndActivateToGetDealSpaceForUnverifiedDealProposal() {
    var h = setup();
    var d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    long sectorNumber = 7;
    Seq<SectorDealInfo> v = verify(h, sector2KiB(sectorNumber, SECTOR_EXPIRY, d.id()));
    var a = h.setEpoch(CURR_EPOCH);
    var activated =
        h.batchActivateDealsRaw(PROVIDER, sector2KiB(sectorNumber, SECTOR_EXPIRY, d.id()));

    SectorDealInfo expected =
        new SectorDealInfo(
            sectorNumber,
            2048 * (END_EPOCH - START_EPOCH),
            0,
            2048,
            commD(SECTOR_2KIB, d.proposal()));
    assertThat(v).containsExactly(expected);
    assertThat(activated.get(0).get()).isEqualTo(expected);
    assertThat(d.proposal().pieceCid()).isEqualTo(PIECE_1);
    assertThat(h.getDealState(d.id()).sectorStartBlock()).isEqualTo(block(a));
    h.checkState();
  }

  @Test
  void verifyDealAndActivateToGetDealSpaceForVerifiedDealProposal() {
    var h = setup();
    DealProposal p = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, true);
    long id = h.publishDeals(p).single();
    long sectorNumber = 7;
    Seq<SectorDealInfo> v = verify(h, sector2KiB(sectorNumber, SECTOR_EXPIRY, id));
    h.setEpoch(CURR_EPOCH);
    var activated = h.batchActivateDealsRaw(PROVIDER, sector2KiB(sectorNumber, SECTOR_EXPIRY, id));

    SectorDealInfo expected =
        new SectorDealInfo(
            sectorNumber, 0, 2048 * (END_EPOCH - START_EPOCH), 2048, commD(SECTOR_2KIB, p));
    assertThat(v).containsExactly(expected);
    assertThat(activated.get(0).get()).isEqualTo(expected);
    h.checkState();
  }

  @Test
  void verificationAndWeightsForVerifiedAndUnverifiedDeals() {
    var h = setup();
    DealProposal verified1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, true);
    DealProposal verified2 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1, true);
    DealProposal unverified1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 2, false);
    DealProposal unverified2 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 3, false);
    Vector<Long> ids = h.publishDeals(verified1, verified2, unverified1, unverified2);
    assertThat(ids).hasSize(4);

    long sectorNumber = 7;
    SectorDeals sector =
        BuiltinMarketHarness.sector(sectorNumber, SECTOR_EXPIRY, ids.toJavaArray(Long[]::new));
    Seq<SectorDealInfo> v = verify(h, sector);
    h.setEpoch(CURR_EPOCH);
    var activated = h.batchActivateDealsRaw(PROVIDER, sector);

    long d = END_EPOCH - START_EPOCH;
    SectorDealInfo expected =
        new SectorDealInfo(
            sectorNumber,
            2048 * (d + 2) + 2048 * (d + 3),
            2048 * d + 2048 * (d + 1),
            4 * 2048,
            commD(
                BuiltinMarketHarness.SECTOR_SIZE, verified1, verified2, unverified1, unverified2));
    assertThat(v).containsExactly(expected);
    assertThat(activated.get(0).get()).isEqualTo(expected);
    for (long id : ids) assertThat(h.getDealState(id).sectorNumber()).isEqualTo(sectorNumber);
    h.checkState();
  }

  private static void verifyFails(
      BuiltinMarketHarness h, MarketError error, int exitCode, SectorDeals sector) {
    assertFailsWithoutEffect(
        h.chain, Origin.signed(PROVIDER), new ProviderHarness.Verify(List.of(sector)), error);
    assertThat(error.exitCode().value()).isEqualTo(exitCode);
  }

  @Test
  void failWhenDealProposalIsNotFound() {
    var h = setup();
    verifyFails(h, MarketError.DealNotFound, 17, sector2KiB(7, SECTOR_EXPIRY, 1L));
    h.checkState();
  }

  @Test
  void failWhenCallerIsNotTheProvider() {
    var h = setup();
    long id = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(actor(201)),
        new ProviderHarness.Verify(List.of(sector2KiB(7, SECTOR_EXPIRY, id))),
        MarketError.NotDealProvider);
    assertThat(MarketError.NotDealProvider.exitCode().value()).isEqualTo(18);
    h.checkState();
  }

  @Test
  void failWhenCurrentEpochIsGreaterThanProposalStartEpoch() {
    var h = setup();
    long id = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();
    h.setEpoch(START_EPOCH + 1);
    verifyFails(h, MarketError.DealExpired, 32, sector2KiB(7, SECTOR_EXPIRY, id));
    h.checkState();
  }

  @Test
  void failWhenDealEndEpochIsGreaterThanSectorExpiration() {
    var h = setup();
    long id = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();
    verifyFails(h, MarketError.DealEndsAfterSectorExpiry, 16, sector2KiB(7, END_EPOCH - 1, id));
    h.checkState();
  }

  @Test
  void failWhenTheSameDealIdIsPassedMultipleTimes() {
    var h = setup();
    long id = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();
    verifyFails(
        h, MarketError.DuplicateDeal, 16, BuiltinMarketHarness.sector(7, SECTOR_EXPIRY, id, id));
    h.checkState();
  }
}
