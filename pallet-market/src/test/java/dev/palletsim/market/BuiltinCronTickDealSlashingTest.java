package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.market.BuiltinMarketHarness.Published;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * builtin-actors' {@code actors/market/tests/cron_tick_deal_slashing.rs}: legacy deals terminated
 * (settled at once, as builtin-actors' synchronous termination does) and the dangling deal ops cron
 * then clears, under {@link MarketConfig#filecoin()}.
 */
class BuiltinCronTickDealSlashingTest {
  static final long START_EPOCH = 50;
  static final long DEAL_DURATION_EPOCHS = 200 * EPOCHS_IN_DAY;
  static final long END_EPOCH = START_EPOCH + DEAL_DURATION_EPOCHS;
  static final long SECTOR_NUMBER = 7;
  static final long SECTOR_EXPIRY = END_EPOCH + EPOCHS_IN_DAY;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "deal is slashed after the startepoch and then the first crontick happens, 15, 50",
    "deal is slashed at the startepoch and then the first crontick happens, 10, 0",
    "deal is slashed before the startepoch and then the first crontick happens, 6, 0",
    "deal is terminated at the activation epoch and then the first crontick happens, 5, 0",
    "deal is slashed just BEFORE the end epoch, 19, 90"
  })
  void dealIsSlashed(String name, long terminationEpoch, long payment) {
    long dealStart = 10;
    long dealEnd = 10 + 200 * EPOCHS_IN_DAY;
    long activationEpoch = 5;
    long sectorNumber = terminationEpoch; // one sector per case
    var h = BuiltinMarketHarness.setupAt(activationEpoch);
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, sectorNumber, dealStart, dealEnd, activationEpoch, dealEnd);

    // terminate
    h.setEpoch(terminationEpoch);
    var r =
        h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(sectorNumber), List.of(d.id()));
    assertThat(r._1).isEqualTo(payment);
    assertThat(r._2).isEqualTo(d.proposal().providerCollateral());

    // cron tick to remove final deal op state
    h.setEpoch(h.processEpoch(dealStart, d.id()));
    h.cronTick();
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);
    h.assertDealOpsClean();
    h.checkState();
  }

  @Test
  void dealIsSlashedAtTheEndEpochShouldNotBeSlashedAndShouldBeConsideredExpired() {
    var h = setup();
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, SECTOR_NUMBER, START_EPOCH, END_EPOCH, 0, SECTOR_EXPIRY);

    // at the deal's end epoch terminating does not slash it: it has expired
    h.setEpoch(END_EPOCH);
    h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(SECTOR_NUMBER), List.empty());

    long current = h.setEpoch(END_EPOCH + 300);
    var r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo((END_EPOCH - START_EPOCH) * d.proposal().storagePricePerBlock());
    assertThat(r._2).isZero();
    h.assertDealDeleted(d.id(), d.proposal(), SECTOR_NUMBER, true);
    h.checkState();
  }

  @Test
  void dealPaymentAndSlashingCorrectlyProcessedInSameCrontick() {
    var h = setup();
    long interval = h.config.dealUpdatesInterval();
    // start epoch equals the first processing epoch
    long startEpoch = interval;
    long endEpoch = startEpoch + DEAL_DURATION_EPOCHS;
    long sectorNumber = 7;
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, sectorNumber, startEpoch, endEpoch, 0, endEpoch);

    // move the current epoch to startEpoch so the next cron epoch will be start + interval
    long current = h.setEpoch(h.processEpoch(startEpoch, d.id()));
    var r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isZero();
    assertThat(r._2).isZero();

    // set the slash epoch of the deal
    long slashEpoch = h.setEpoch(current + interval + 1);
    r = h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(sectorNumber), List.of(d.id()));
    assertThat(r._1).isEqualTo((slashEpoch - current) * d.proposal().storagePricePerBlock());
    assertThat(r._2).isEqualTo(d.proposal().providerCollateral());

    h.setEpoch(current + interval + 2);
    h.cronTick();
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);
    h.checkState();
  }

  @Test
  void slashMultipleDealsInTheSameEpoch() {
    var h = setup();
    // three deals for slashing
    Published d1 =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, SECTOR_NUMBER, START_EPOCH, END_EPOCH, 0, SECTOR_EXPIRY);
    Published d2 =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, SECTOR_NUMBER, START_EPOCH, END_EPOCH + 1, 0, SECTOR_EXPIRY);
    Published d3 =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, SECTOR_NUMBER, START_EPOCH, END_EPOCH + 2, 0, SECTOR_EXPIRY);

    // slash the deals 100 epochs past the last process epoch
    long epoch = h.setEpoch(h.processEpoch(START_EPOCH, d3.id()) + 100);
    h.terminateDealsAndAssertBalances(
        CLIENT, PROVIDER, List.of(SECTOR_NUMBER), List.of(d1.id(), d2.id(), d3.id()));

    // the next epoch's run cleans up any remaining state
    h.setEpoch(epoch + 1);
    h.cronTick();
    h.assertDealDeleted(d1.id(), d1.proposal(), SECTOR_NUMBER, true);
    h.assertDealDeleted(d2.id(), d2.proposal(), SECTOR_NUMBER, true);
    h.assertDealDeleted(d3.id(), d3.proposal(), SECTOR_NUMBER, true);
    h.checkState();
  }

  @Test
  void regularPaymentsTillDealIsSlashedAndThenSlashingIsProcessed() {
    var h = setup();
    long interval = h.config.dealUpdatesInterval();
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, SECTOR_NUMBER, START_EPOCH, END_EPOCH, 0, SECTOR_EXPIRY);
    long price = d.proposal().storagePricePerBlock();

    // move the current epoch to the process epoch + 5 so payment is made
    long processStart = h.processEpoch(START_EPOCH, d.id());
    long current = h.setEpoch(processStart + 5);
    var r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo((5 + processStart - START_EPOCH) * price);
    assertThat(r._2).isZero();

    // before the next schedule nothing changes
    h.setEpoch(processStart + interval - 1);
    h.cronTickNoChange(CLIENT, PROVIDER);
    h.cronTickNoChange(CLIENT, PROVIDER);

    // make another payment
    current = h.setEpoch(processStart + interval);
    r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo((interval - 5) * price);
    assertThat(r._2).isZero();
    h.cronTickNoChange(CLIENT, PROVIDER);

    // now terminate the deal one epoch later
    h.setEpoch(processStart + interval + 1);
    r =
        h.terminateDealsAndAssertBalances(
            CLIENT, PROVIDER, List.of(SECTOR_NUMBER), List.of(d.id()));
    assertThat(r._1).isEqualTo(price);
    assertThat(r._2).isEqualTo(d.proposal().providerCollateral());

    // before the next schedule nothing changes though the deal is slashed
    h.setEpoch(processStart + 2 * interval - 1);
    h.cronTickNoChange(CLIENT, PROVIDER);

    // the next cron epoch clears what is left
    h.setEpoch(processStart + 2 * interval);
    h.cronTick();
    h.assertDealDeleted(d.id(), d.proposal(), SECTOR_NUMBER, true);
    h.checkState();
  }

  @Test
  void regularPaymentsTillDealExpiresAndThenWeAttemptToSlashItButItWillNotBeSlashed() {
    var h = setup();
    long interval = h.config.dealUpdatesInterval();
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, SECTOR_NUMBER, START_EPOCH, END_EPOCH, 0, SECTOR_EXPIRY);
    long price = d.proposal().storagePricePerBlock();

    // move the current epoch to processEpoch + 5 so payment is made
    long processStart = h.processEpoch(START_EPOCH, d.id());
    long current = h.setEpoch(processStart + 5);
    var r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo((5 + processStart - START_EPOCH) * price);
    assertThat(r._2).isZero();

    // another update interval, another payment
    current = h.setEpoch(current + interval);
    r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo(interval * price);
    assertThat(r._2).isZero();

    // at the deal's end epoch terminating does not slash it: it has expired
    long duration = END_EPOCH - current;
    h.setEpoch(END_EPOCH);
    h.terminateDeals(PROVIDER, List.of(SECTOR_NUMBER), List.empty());

    // past the next cron epoch the deal expires, is paid and is not slashed
    current = h.setEpoch(END_EPOCH + 300);
    r = h.cronTickAndAssertBalances(CLIENT, PROVIDER, current, d.id());
    assertThat(r._1).isEqualTo(duration * price);
    assertThat(r._2).isZero();
    h.assertDealDeleted(d.id(), d.proposal(), SECTOR_NUMBER, true);
    h.checkState();
  }
}
