package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.actor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.BuiltinMarketHarness.Published;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/on_miner_sectors_terminate.rs}, under {@link
 * MarketConfig#filecoin()}. {@code fail_when_caller_is_not_a_storage_miner_actor} is not ported:
 * the {@code Market} coupling has no caller to check (docs/filecoin-parity.md).
 */
class BuiltinOnMinerSectorsTerminateTest {
  static final long START_EPOCH = 10;
  static final long END_EPOCH = START_EPOCH + 200 * EPOCHS_IN_DAY;
  static final long SECTOR_EXPIRY = END_EPOCH + 100;
  static final long CURRENT_EPOCH = 5;

  @Test
  void terminateMultipleDealsFromSingleProvider() {
    var h = BuiltinMarketHarness.setupAt(CURRENT_EPOCH);
    Published d0 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    Published d1 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1);
    Published d2 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 2);

    // ids are both deal and sector ids
    h.activateDealsLegacy(SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, d0.id(), d0.id());
    h.activateDealsLegacy(SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, d1.id(), d1.id());
    h.activateDealsLegacy(SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, d2.id(), d2.id());

    h.terminateDeals(PROVIDER, List.of(d0.id()), List.of(d0.id()));
    h.assertDealDeleted(d0.id(), d0.proposal(), d0.id(), true);
    h.assertDealsNotMarkedTerminated(d1.id(), d2.id());

    h.terminateDeals(PROVIDER, List.of(d1.id(), d2.id()), List.of(d1.id(), d2.id()));
    h.assertDealDeleted(d0.id(), d0.proposal(), d0.id(), true);
    h.assertDealDeleted(d1.id(), d1.proposal(), d1.id(), true);
    h.assertDealDeleted(d2.id(), d2.proposal(), d2.id(), true);
    h.checkState();
  }

  @Test
  void terminateMultipleDealsFromMultipleProviders() {
    AccountId provider2 = actor(501);
    long sectorNumber = 7; // both providers use the same sector number
    var h = BuiltinMarketHarness.setupAt(CURRENT_EPOCH);
    Published d0 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    Published d1 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1);
    Published d2 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 2);
    h.activateDealsLegacy(
        SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, sectorNumber, d0.id(), d1.id(), d2.id());

    Published d3 = h.generateAndPublishDeal(CLIENT, provider2, START_EPOCH, END_EPOCH);
    Published d4 = h.generateAndPublishDeal(CLIENT, provider2, START_EPOCH, END_EPOCH + 1);
    h.activateDealsLegacy(SECTOR_EXPIRY, provider2, CURRENT_EPOCH, sectorNumber, d3.id(), d4.id());

    h.terminateDealsAndAssertBalances(
        CLIENT, PROVIDER, List.of(sectorNumber), List.of(d0.id(), d1.id(), d2.id()));
    h.assertDealDeleted(d0.id(), d0.proposal(), sectorNumber, true);
    h.assertDealDeleted(d1.id(), d1.proposal(), sectorNumber, true);
    h.assertDealDeleted(d2.id(), d2.proposal(), sectorNumber, true);
    h.assertDealsNotMarkedTerminated(d3.id(), d4.id());

    h.terminateDealsAndAssertBalances(
        CLIENT, provider2, List.of(sectorNumber), List.of(d3.id(), d4.id()));
    h.assertDealDeleted(d3.id(), d3.proposal(), sectorNumber, true);
    h.assertDealDeleted(d4.id(), d4.proposal(), sectorNumber, true);
    h.checkState();
  }

  @Test
  void ignoreSectorThatDoesNotExist() {
    long sectorNumber = 7;
    var h = BuiltinMarketHarness.setupAt(CURRENT_EPOCH);
    long deal1 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();
    var ret = h.activateDealsLegacy(SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, sectorNumber, deal1);
    assertThat(ret.allOk()).isTrue();

    h.terminateDeals(PROVIDER, List.of(sectorNumber + 1), List.empty());
    assertThat(h.getDealState(deal1).slashBlock()).isEqualTo(-1);
    assertThat(h.sectorDealIds(PROVIDER, List.of(sectorNumber)).get()).isEqualTo(Vector.of(deal1));
    h.checkState();
  }

  @Test
  void terminateValidDealsAlongWithJustExpiredDeal() {
    var h = BuiltinMarketHarness.setupAt(CURRENT_EPOCH);
    Published d0 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    Published d1 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + 1);
    // ends before termination
    Published d2 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH - 1);
    long sectorNumber = 7;
    var ret =
        h.activateDealsLegacy(
            SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, sectorNumber, d0.id(), d1.id(), d2.id());
    assertThat(ret.allOk()).isTrue();

    h.setEpoch(END_EPOCH - 1);
    // deal 2 isn't terminated (or cleaned up): it expired and waits for settlement
    h.terminateDealsAndAssertBalances(
        CLIENT, PROVIDER, List.of(sectorNumber), List.of(d0.id(), d1.id()));
    h.assertDealDeleted(d0.id(), d0.proposal(), sectorNumber, true);
    h.assertDealDeleted(d1.id(), d1.proposal(), sectorNumber, true);
    // deal 2's state still exists, and isn't terminated
    h.assertDealsNotMarkedTerminated(d2.id());
    // all deals are removed from the sector deals mapping at once
    assertThat(h.sectorDealIds(PROVIDER, List.of(sectorNumber))).isEmpty();
    h.checkState();
  }

  @Test
  void terminateValidDealsAlongWithExpiredAndCleanedUpDeal() {
    var h = BuiltinMarketHarness.setupAt(CURRENT_EPOCH);
    DealProposal deal1 = h.generateDealAndAddFunds(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    // expires earlier
    DealProposal deal2 = h.generateDealAndAddFunds(CLIENT, PROVIDER, START_EPOCH, END_EPOCH - 10);
    Vector<Long> ids = h.publishDeals(deal1, deal2);
    assertThat(ids).hasSize(2);
    long sectorNumber = 7;
    var ret =
        h.activateDealsLegacy(
            SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, sectorNumber, ids.toJavaArray(Long[]::new));
    assertThat(ret.allOk()).isTrue();

    h.setEpoch(END_EPOCH - 1);
    var cron = h.cronTick();
    assertThat(cron.eventsOf(MarketEvent.DealCompleted.class))
        .containsExactly(new MarketEvent.DealCompleted(ids.get(1), CLIENT, PROVIDER));
    // the expired deal is deleted normally
    h.assertDealDeleted(ids.get(1), deal2, sectorNumber, false);

    h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(sectorNumber), List.of(ids.get(0)));
    // the terminated deal is deleted
    h.assertDealDeleted(ids.get(0), deal1, sectorNumber, true);
    h.checkState();
  }

  /**
   * builtin-actors moves the epoch back to publish the second deal; a chain only moves forward, so
   * both deals are published and activated at epoch 5 first, then each sector is terminated at or
   * after its deal's end.
   */
  @Test
  void doNotTerminateDealIfEndEpochIsEqualToOrLessThanCurrentEpoch() {
    var h = BuiltinMarketHarness.setupAt(CURRENT_EPOCH);
    // deal1 has its end epoch equal to the current epoch when terminate is called
    long deal1 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();
    long sectorNumber = 7;
    assertThat(
            h.activateDealsLegacy(SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, sectorNumber, deal1)
                .allOk())
        .isTrue();
    // deal2 has its end epoch before the current epoch when terminate is called
    long deal2 = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH + 1, END_EPOCH).id();
    assertThat(
            h.activateDealsLegacy(SECTOR_EXPIRY, PROVIDER, CURRENT_EPOCH, sectorNumber + 1, deal2)
                .allOk())
        .isTrue();

    h.setEpoch(END_EPOCH);
    h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(sectorNumber), List.empty());
    h.assertDealsNotMarkedTerminated(deal1);

    h.setEpoch(END_EPOCH + 1);
    h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(sectorNumber + 1), List.empty());
    h.assertDealsNotMarkedTerminated(deal2);
    h.checkState();
  }
}
