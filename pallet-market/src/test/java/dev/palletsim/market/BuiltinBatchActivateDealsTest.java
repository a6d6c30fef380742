package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.block;
import static dev.palletsim.market.BuiltinMarketHarness.sector;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.traits.BatchActivation;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/batch_activate_deals.rs} (issue 20 point 3: sectors
 * activate or fail independently, with a result code per sector), under {@link
 * MarketConfig#filecoin()}. {@code require_miner_caller} is not ported: the {@code Market} coupling
 * has no caller to check, only the storage provider pallet reaches it (docs/filecoin-parity.md).
 */
class BuiltinBatchActivateDealsTest {
  static final long START_EPOCH = 10;
  static final long END_EPOCH = 200 * EPOCHS_IN_DAY;

  @Test
  void activateDealsOneSector() {
    var h = setup();
    long epoch = h.setEpoch(START_EPOCH);
    DealProposal[] deals = {
      h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, false),
      h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1, false),
      h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 2, true)
    };
    Vector<Long> ids = h.publishDeals(deals[2].pieceSize(), 1, deals);

    // reverse deal ids to check they are stored sorted in state
    BatchActivation res =
        h.batchActivateDeals(
            PROVIDER, sector(1, END_EPOCH + 10, ids.reverse().toJavaArray(Long[]::new)));
    assertThat(res.allOk()).isTrue();

    // deal ids are stored under the sector, in order
    assertThat(h.sectorDealIds(PROVIDER, List.of(1L)).get()).isEqualTo(ids);
    for (long id : ids) {
      DealState s = h.getDealState(id);
      assertThat(s.sectorNumber()).isEqualTo(1);
      assertThat(s.sectorStartBlock()).isEqualTo(block(epoch));
    }
    h.checkState();
  }

  @Test
  void activateDealsAcrossMultipleSectors() {
    var h = setup();
    DealProposal verified1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, true);
    DealProposal unverified1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, false);
    DealProposal verified2 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1, true);
    DealProposal unverified2 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 2, false);
    long dataCap = verified1.pieceSize() + verified2.pieceSize();
    Vector<Long> ids = h.publishDeals(dataCap, 1, verified1, unverified1, verified2, unverified2);
    assertThat(ids).hasSize(4);

    // group into sectors: both kinds, verified only, unverified only
    BatchActivation res =
        h.batchActivateDeals(
            PROVIDER,
            sector(1, END_EPOCH, ids.get(0), ids.get(1)),
            sector(2, END_EPOCH + 1, ids.get(2)),
            sector(3, END_EPOCH + 2, ids.get(3)));
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(0, 0, 0);
    // the verified deals bring their allocations, in order, for the provider to claim
    assertThat(res.get(0).get().activated().map(d -> d.allocationId())).containsExactly(1L, 0L);
    assertThat(res.get(1).get().activated().map(d -> d.allocationId())).containsExactly(2L);
    assertThat(res.get(2).get().activated().map(d -> d.allocationId())).containsExactly(0L);

    // all activated during the same epoch
    for (long id : ids) assertThat(h.getDealState(id).sectorStartBlock()).isEqualTo(block(0));
    h.checkState();
  }

  @Test
  void sectorsFailAndSucceedIndependentlyDuringBatchActivation() {
    var h = setup();
    DealProposal deal1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, false);
    DealProposal deal2 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, true);
    DealProposal deal3 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1, false);
    DealProposal deal4 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 2, false);
    Vector<Long> ids = h.publishDeals(deal2.pieceSize(), 1, deal1, deal2, deal3, deal4);
    long id1 = ids.get(0);
    long id2 = ids.get(1);
    long id3 = ids.get(2);
    long id4 = ids.get(3);

    // activate the first and third deals so that they fail later
    h.activateDeals(END_EPOCH, PROVIDER, 0, 1, id1);
    h.activateDeals(END_EPOCH + 1, PROVIDER, 0, 3, id3);

    BatchActivation res =
        h.batchActivateDealsRaw(
            PROVIDER,
            // one bad deal fails the whole sector
            sector(1, END_EPOCH, id1, id2),
            // a bad deal fails the whole sector
            sector(3, END_EPOCH + 1, id3),
            // sector succeeds
            sector(4, END_EPOCH + 2, id4));

    assertThat(res.successCount()).isEqualTo(1);
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(16, 16, 0);
    assertThat(h.getDealState(id1).sectorStartBlock()).isEqualTo(block(0));
    assertThat(h.getDealState(id3).sectorStartBlock()).isEqualTo(block(0));
    assertThat(h.getDealState(id4).sectorStartBlock()).isEqualTo(block(0));
    h.assertDealsNotActivated(id2);
    h.checkState();
  }

  @Test
  void handlesSectorsEmptyOfDealsGracefully() {
    var h = setup();
    DealProposal deal1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, false);
    long id1 = h.publishDeals(deal1).single();

    BatchActivation res =
        h.batchActivateDealsRaw(
            PROVIDER, sector(1, END_EPOCH), sector(2, END_EPOCH, id1), sector(3, END_EPOCH));
    // empty sectors count as successes
    assertThat(res.allOk()).isTrue();
    assertThat(res.successCount()).isEqualTo(3);
    assertThat(h.getDealState(id1).sectorStartBlock()).isEqualTo(block(0));
    h.checkState();
  }

  @Test
  void failsToActivateSingleSectorDuplicateDeals() {
    var h = setup();
    DealProposal deal1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, false);
    DealProposal deal2 = h.createDeal(CLIENT, PROVIDER, START_EPOCH + 1, END_EPOCH, false);
    Vector<Long> ids = h.publishDeals(deal1, deal2);
    assertThat(ids).hasSize(2);

    BatchActivation res =
        h.batchActivateDealsRaw(PROVIDER, sector(0, END_EPOCH, ids.get(0), ids.get(0), ids.get(1)));
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(16);
    h.assertDealsNotActivated(ids.get(0), ids.get(1));
    h.checkState();
  }

  @Test
  void failsToActivateCrossSectorDuplicateDeals() {
    var h = setup();
    DealProposal deal1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, false);
    DealProposal deal2 = h.createDeal(CLIENT, PROVIDER, START_EPOCH + 1, END_EPOCH, false);
    DealProposal deal3 = h.createDeal(CLIENT, PROVIDER, START_EPOCH + 2, END_EPOCH, false);
    Vector<Long> ids = h.publishDeals(deal1, deal2, deal3);
    long id1 = ids.get(0);
    long id2 = ids.get(1);
    long id3 = ids.get(2);

    BatchActivation res =
        h.batchActivateDealsRaw(
            PROVIDER,
            // activate deal 1
            sector(1, END_EPOCH, id1),
            // duplicate id1, so no deal activated here
            sector(2, END_EPOCH, id3, id1, id2),
            // id3 was not activated earlier, so this is a valid request
            sector(3, END_EPOCH, id3));
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(0, 16, 0);
    assertThat(res.successCount()).isEqualTo(2);
    assertThat(h.getDealState(id1).sectorStartBlock()).isEqualTo(block(0));
    assertThat(h.getDealState(id3).sectorStartBlock()).isEqualTo(block(0));
    h.assertDealsNotActivated(id2);
    h.checkState();
  }

  @Test
  void activateNewDealsInExistingSector() {
    var h = setup();
    DealProposal[] deals = {
      h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, false),
      h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1, false),
      h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 2, false)
    };
    Vector<Long> ids = h.publishDeals(deals);
    assertThat(ids).hasSize(3);

    // activate deals separately, and out of order
    long sectorNumber = 1;
    h.batchActivateDeals(PROVIDER, sector(sectorNumber, END_EPOCH + 10, ids.get(0), ids.get(2)));
    h.batchActivateDeals(PROVIDER, sector(sectorNumber, END_EPOCH + 10, ids.get(1)));

    for (long id : ids) assertThat(h.getDealState(id).sectorStartBlock()).isEqualTo(block(0));
    // all deals stored under the sector, in order
    assertThat(h.sectorDealIds(PROVIDER, List.of(sectorNumber)).get()).isEqualTo(ids);
    h.checkState();
  }
}
