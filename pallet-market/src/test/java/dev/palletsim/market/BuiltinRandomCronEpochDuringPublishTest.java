package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.market.BuiltinMarketHarness.Published;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/random_cron_epoch_during_publish.rs} (issue 20 point
 * 1: cron looks at a deal at its process epoch, not its start), under {@link
 * MarketConfig#filecoin()}.
 */
class BuiltinRandomCronEpochDuringPublishTest {
  static final long START_EPOCH = 50;
  static final long END_EPOCH = START_EPOCH + 200 * EPOCHS_IN_DAY;
  static final long SECTOR_EXPIRY = END_EPOCH + 1;
  static final long SECTOR_NUMBER = 7;

  @Test
  void cronProcessingHappensAtProcessingEpochNotStartEpoch() {
    var h = setup();
    Published d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);

    // activate the deal
    h.activateDeals(SECTOR_EXPIRY, PROVIDER, START_EPOCH - 1, SECTOR_NUMBER, d.id());

    // cron tick at deal start epoch does not do anything
    h.setEpoch(START_EPOCH);
    h.cronTickNoChange(CLIENT, PROVIDER);
    assertThat(h.chain.query(MarketStorage.PENDING_PROPOSALS, d.proposal().hash())).isNotEmpty();

    // first cron tick at process epoch will clear the pending state and not reschedule the deal
    long dealEpoch = h.processEpoch(START_EPOCH, d.id());
    assertThat(dealEpoch).isEqualTo(86_400);
    h.setEpoch(dealEpoch);
    h.cronTick();

    for (var e : MarketStorage.DEAL_OPS_BY_BLOCK.entries(h.chain.world())) {
      assertThat(e._2.contains(d.id())).isFalse();
    }
    assertThat(h.chain.query(MarketStorage.PENDING_PROPOSALS, d.proposal().hash())).isEmpty();
    h.checkState();
  }

  @Test
  void dealIsProcessedAfterItsEndEpochShouldExpireCorrectly() {
    var h = setup();
    long activationEpoch = START_EPOCH - 1;
    h.setEpoch(activationEpoch);
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT,
            PROVIDER,
            SECTOR_NUMBER,
            START_EPOCH,
            END_EPOCH,
            activationEpoch,
            SECTOR_EXPIRY);

    h.setEpoch(END_EPOCH + 100);
    var r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, END_EPOCH + 100, d.id());
    assertThat(r._2).isZero();
    assertThat(r._1).isEqualTo((END_EPOCH - START_EPOCH) * d.proposal().storagePricePerBlock());
    h.assertDealDeleted(d.id(), d.proposal(), SECTOR_NUMBER, true);
    h.checkState();
  }

  @Test
  void activationAfterDealStartEpochButBeforeItIsProcessedFails() {
    var h = setup();
    Published d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);

    // activate the deal after the start epoch
    long currEpoch = START_EPOCH + 1;
    var res = h.activateDeals(SECTOR_EXPIRY, PROVIDER, currEpoch, SECTOR_NUMBER, d.id());
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(32);
    assertThat(res.get(0).getLeft())
        .isEqualTo(dev.palletsim.frame.DispatchError.module(MarketError.DealExpired));
    h.assertDealsNotActivated(d.id());
    h.checkState();
  }

  @Test
  void cronProcessingOfDealAfterMissedActivationShouldFailAndSlash() {
    var h = setup();
    Published d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);

    h.setEpoch(h.processEpoch(START_EPOCH, d.id()));
    long issuance = h.totalIssuance();
    h.cronTick();
    assertThat(issuance - h.totalIssuance()).isEqualTo(d.proposal().providerCollateral());

    h.assertDealDeleted(d.id(), d.proposal(), SECTOR_NUMBER, true);
    h.checkState();
  }
}
