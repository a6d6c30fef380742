package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.market.BuiltinMarketHarness.Balance;
import dev.palletsim.market.BuiltinMarketHarness.Published;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/cron_tick_timedout_deals.rs} (issue 20 point 1: an
 * unactivated deal times out at its process epoch, {@code next_update_epoch(id, 86400, start)}),
 * under {@link MarketConfig#filecoin()}. Verified deals take their DataCap from {@link
 * FakeVerifiedRegistry}, the counterpart of the Rust harness's datacap mock.
 */
class BuiltinCronTickTimedoutDealsTest {
  static final long START_EPOCH = 50;
  static final long END_EPOCH = START_EPOCH + 200 * EPOCHS_IN_DAY;

  @Test
  void timedOutDealIsSlashedAndDeleted() {
    var h = setup();
    Published d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    long clientEscrow = h.getBalance(CLIENT).balance();

    // do a cron tick for it -> should time out and get slashed
    h.setEpoch(h.processEpoch(START_EPOCH, d.id()));
    long issuance = h.totalIssuance();
    var cron = h.cronTick();
    assertThat(issuance - h.totalIssuance()).isEqualTo(d.proposal().providerCollateral());
    assertThat(cron.eventsOf(MarketEvent.DealTimedOut.class))
        .containsExactly(new MarketEvent.DealTimedOut(d.id(), CLIENT, PROVIDER, 10));

    Balance client = h.getBalance(CLIENT);
    assertThat(client.balance()).isEqualTo(clientEscrow);
    assertThat(client.locked()).isZero();
    h.assertAccountZero(PROVIDER);
    h.assertDealDeleted(d.id(), d.proposal(), 0, true);
    h.checkState();
  }

  @Test
  void publishingTimedOutDealAgainShouldWorkAfterCronTickAsItShouldNoLongerBePending() {
    long startEpoch = 0;
    var h = setup();
    Published d = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, END_EPOCH);

    // publishing will fail as it will be in pending
    DealProposal again = h.generateDealAndAddFunds(CLIENT, PROVIDER, startEpoch, END_EPOCH);
    assertThat(again).isEqualTo(d.proposal());
    h.publishDealsExpectAbort(MarketError.NoValidDeals, again);
    assertThat(h.rejectionOf(again)).isEqualTo(MarketError.DuplicateProposal);

    // do a cron tick for it -> should time out and get slashed
    h.setEpoch(h.processEpoch(startEpoch, d.id()));
    long issuance = h.totalIssuance();
    h.cronTick();
    assertThat(issuance - h.totalIssuance()).isEqualTo(d.proposal().providerCollateral());
    h.assertDealDeleted(d.id(), d.proposal(), 0, true);

    // now publishing should work
    h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, END_EPOCH);
    h.checkState();
  }

  @Test
  void timedOutAndVerifiedDealsAreSlashedDeleted() {
    var h = setup();
    DealProposal deal1 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH, true);
    DealProposal deal2 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1, true);
    // deal3 is NOT verified
    DealProposal deal3 = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 2, false);

    Vector<Long> ids = h.publishDeals(deal1.pieceSize() * 10, 1, deal1, deal2, deal3);
    assertThat(ids).hasSize(3);

    // do a cron tick for it -> all should time out and get slashed
    h.setEpoch(h.processEpoch(START_EPOCH, ids.last()));
    long issuance = h.totalIssuance();
    h.cronTick();
    assertThat(issuance - h.totalIssuance()).isEqualTo(3 * deal1.providerCollateral());

    // a second cron tick for the same epoch should not change anything
    h.cronTickNoChange(CLIENT, PROVIDER);

    h.assertAccountZero(PROVIDER);
    h.assertDealDeleted(ids.get(0), deal1, 0, true);
    h.assertDealDeleted(ids.get(1), deal2, 0, true);
    h.assertDealDeleted(ids.get(2), deal3, 0, true);
    // the timed-out deals forget their allocations; builtin-actors leaves the expired allocations
    // for RemoveExpiredAllocations (MarketConfig.dropAllocationOnTimeout is false under filecoin())
    assertThat(h.getPendingDealAllocation(ids.get(0))).isZero();
    assertThat(h.getPendingDealAllocation(ids.get(1))).isZero();
    assertThat(FakeVerifiedRegistry.allocations(h.chain.world()).map(a -> a._1))
        .containsExactly(1L, 2L);
    h.checkState();
  }
}
