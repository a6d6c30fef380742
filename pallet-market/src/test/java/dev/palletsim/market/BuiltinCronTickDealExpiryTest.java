package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.market.BuiltinMarketHarness.Balance;
import dev.palletsim.market.BuiltinMarketHarness.Published;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/cron_tick_deal_expiry.rs}: legacy deals paid by cron
 * until they expire, under {@link MarketConfig#filecoin()}.
 */
class BuiltinCronTickDealExpiryTest {
  static final long START_EPOCH = 50;
  static final long DURATION_EPOCHS = 200 * EPOCHS_IN_DAY;
  static final long END_EPOCH = START_EPOCH + DURATION_EPOCHS;

  @Test
  void dealIsCorrectlyProcessedIfFirstCronAfterExpiry() {
    long sectorNumber = 7;
    var h = setup();
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, sectorNumber, START_EPOCH, END_EPOCH, 0, END_EPOCH);

    // move the current epoch to startEpoch
    long current = h.setEpoch(START_EPOCH);
    var r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isZero();
    assertThat(r._2).isZero();
    h.getDealProposal(d.id());

    // move the epoch past endEpoch: total payment = (end - start)
    current = h.setEpoch(END_EPOCH + 5);
    r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo((END_EPOCH - START_EPOCH) * d.proposal().storagePricePerBlock());
    assertThat(r._2).isZero();

    // deal should be deleted as it should have expired
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);
    h.checkState();
  }

  @Test
  void regularPaymentsTillDealExpiresAndThenLockedFundsAreUnlocked() {
    var h = setup();
    long interval = h.config.dealUpdatesInterval();
    long startEpoch = interval;
    long endEpoch = startEpoch + DURATION_EPOCHS;
    long sectorNumber = 7;
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, sectorNumber, startEpoch, endEpoch, 0, endEpoch);
    // deal 0 is updated in the 0th epoch of every interval, the start epoch being one
    assertThat(d.id()).isZero();
    long price = d.proposal().storagePricePerBlock();

    // move the current epoch to startEpoch + 5 so payment is made
    long current = h.setEpoch(startEpoch + 5);
    var r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo(5 * price);
    assertThat(r._2).isZero();

    // before the next schedule no payment is made: reprocessing is scheduled for start + interval,
    // not current + interval
    current = h.setEpoch(startEpoch + interval - 1);
    h.cronTickNoChange(CLIENT, PROVIDER);

    // the next schedule makes the payment
    current = h.setEpoch(current + 1);
    r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo((interval - 5) * price);
    assertThat(r._2).isZero();

    // a second cron tick for the same epoch should not change anything
    h.cronTickNoChange(CLIENT, PROVIDER);

    // next epoch schedule
    current = h.setEpoch(current + interval);
    r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo(interval * price);
    assertThat(r._2).isZero();

    // past the end the deal expires: payment made and all funds unlocked
    long duration = endEpoch - current;
    current = h.setEpoch(endEpoch + 300);
    r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo(duration * price);
    assertThat(r._2).isZero();
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);
    h.checkState();
  }

  @Test
  void paymentForADealIfDealIsAlreadyExpiredBeforeACronTick() {
    long start = 5;
    long end = start + 200 * EPOCHS_IN_DAY;
    long sectorNumber = 7;
    var h = setup();
    Published d =
        h.publishAndActivateDealLegacy(CLIENT, PROVIDER, sectorNumber, start, end, 0, end);

    long current = h.setEpoch(end + 25);
    var r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo((end - start) * d.proposal().storagePricePerBlock());
    assertThat(r._2).isZero();
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);

    // running cron tick again doesn't do anything
    h.cronTickNoChange(CLIENT, PROVIDER);
    h.checkState();
  }

  @Test
  void
      expiredDealShouldUnlockTheRemainingClientAndProviderLockedBalanceAfterPaymentAndDealShouldBeDeleted() {
    long sectorNumber = 7;
    var h = setup();
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, sectorNumber, START_EPOCH, END_EPOCH, 0, END_EPOCH);
    long clientEscrow = h.getBalance(CLIENT).balance();
    long providerEscrow = h.getBalance(PROVIDER).balance();

    // move the current epoch so that the deal is expired
    h.setEpoch(END_EPOCH + 1000);
    var cron = h.cronTick();
    assertThat(cron.eventsOf(MarketEvent.DealCompleted.class))
        .containsExactly(new MarketEvent.DealCompleted(d.id(), CLIENT, PROVIDER));

    long payment = d.proposal().totalStorageFee();
    assertThat(h.getBalance(CLIENT)).isEqualTo(new Balance(clientEscrow - payment, 0));
    assertThat(h.getBalance(PROVIDER)).isEqualTo(new Balance(providerEscrow + payment, 0));
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);
    h.checkState();
  }

  @Test
  void allPaymentsAreMadeForADealClientWithdrawsCollateralAndClientAccountIsRemoved() {
    long sectorNumber = 7;
    var h = setup();
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, sectorNumber, START_EPOCH, END_EPOCH, 0, END_EPOCH);

    // move the current epoch so that the deal is expired
    h.setEpoch(END_EPOCH + 100);
    var cron = h.cronTick();
    assertThat(cron.eventsOf(MarketEvent.DealCompleted.class))
        .containsExactly(new MarketEvent.DealCompleted(d.id(), CLIENT, PROVIDER));
    assertThat(h.getBalance(CLIENT).balance()).isEqualTo(d.proposal().clientCollateral());

    // client withdraws collateral -> account should be removed as it now has zero balance
    h.withdrawBalance(CLIENT, d.proposal().clientCollateral(), d.proposal().clientCollateral());
    h.assertAccountZero(CLIENT);
    assertThat(h.chain.query(MarketStorage.ESCROW, CLIENT)).isEmpty();
    h.checkState();
  }
}
