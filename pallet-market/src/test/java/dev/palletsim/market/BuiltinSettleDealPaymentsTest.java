package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.OWNER;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.market.BuiltinMarketHarness.Balance;
import dev.palletsim.market.BuiltinMarketHarness.Published;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/settle_deal_payments.rs} (issue 20 point 2: settling a
 * deal that missed its activation times it out on the spot and reports it expired), under {@link
 * MarketConfig#filecoin()} through the {@link BuiltinMarketHarness}.
 */
class BuiltinSettleDealPaymentsTest {
  static final long START_EPOCH = 0;
  static final long END_EPOCH = START_EPOCH + 200 * EPOCHS_IN_DAY;

  @Test
  void timedoutDealIsSlashedAndDeleted() {
    var h = setup();
    Published d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    long clientEscrow = h.getBalance(CLIENT).balance();

    // advance to start_epoch without activating
    h.setEpoch(h.processEpoch(START_EPOCH, d.id()));
    long issuance = h.totalIssuance();
    var ret = h.settleDealPayments(CLIENT, d.id());
    assertThat(BuiltinMarketHarness.codes(ret)).containsExactly(32);
    assertThat(issuance - h.totalIssuance()).isEqualTo(d.proposal().providerCollateral());

    Balance client = h.getBalance(CLIENT);
    assertThat(client.balance()).isEqualTo(clientEscrow);
    assertThat(client.locked()).isZero();
    h.assertAccountZero(PROVIDER);
    h.assertDealDeleted(d.id(), d.proposal(), 0, true);
    h.checkState();

    // cron tick should remove the dangling deal op from the queue
    h.cronTick();
    h.assertDealOpsClean();
  }

  @Test
  void canManuallySettleDealsInTheCronQueue() {
    var h = setup();
    long sectorNumber = 7;
    // create a legacy deal that is managed by cron
    Published d =
        h.publishAndActivateDealLegacy(
            CLIENT, PROVIDER, sectorNumber, START_EPOCH, END_EPOCH, 0, END_EPOCH);
    Balance clientBefore = h.getBalance(CLIENT);
    Balance providerBefore = h.getBalance(PROVIDER);

    // advance to some epoch while the deal is active
    h.setEpoch(START_EPOCH + 100);
    var ret = h.settleDealPayments(PROVIDER, d.id());
    long payment = ret.settlements().head().payment();
    assertThat(payment).isEqualTo(d.proposal().storagePricePerBlock() * 100);
    assertThat(h.getBalance(CLIENT).balance()).isEqualTo(clientBefore.balance() - payment);
    assertThat(h.getBalance(PROVIDER).balance()).isEqualTo(providerBefore.balance() + payment);

    // advance to deal end epoch and call cron
    h.setEpoch(END_EPOCH);
    var cron = h.cronTick();
    assertThat(cron.eventsOf(MarketEvent.DealCompleted.class))
        .containsExactly(new MarketEvent.DealCompleted(d.id(), CLIENT, PROVIDER));

    // payments were calculated correctly, accounting for incremental payment already made
    long totalPayment = d.proposal().storagePricePerBlock() * (END_EPOCH - START_EPOCH);
    assertThat(h.getBalance(CLIENT).balance()).isEqualTo(clientBefore.balance() - totalPayment);
    assertThat(h.getBalance(PROVIDER).balance()).isEqualTo(providerBefore.balance() + totalPayment);

    // cleaned up by cron
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);
  }

  @Test
  void settlingPaymentsBeforeActivationEpochResultsInNoPaymentOrSlashing() {
    long publishEpoch = START_EPOCH - 3;
    long settlementEpoch = START_EPOCH - 2;
    long activationEpoch = START_EPOCH - 1;
    var h = BuiltinMarketHarness.setupAt(publishEpoch);

    long deal = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();

    // attempt settle before activation
    h.setEpoch(settlementEpoch);
    h.settleDealPaymentsNoChange(OWNER, CLIENT, PROVIDER, deal);

    // activate
    h.activateDeals(END_EPOCH, PROVIDER, activationEpoch, 7, deal);
    h.checkState();
  }

  @Test
  void settlingPaymentsBeforeStartEpochResultsInNoPaymentOrSlashing() {
    long publishEpoch = START_EPOCH - 3;
    long activationEpoch = START_EPOCH - 2;
    long settlementEpoch = START_EPOCH - 1;
    var h = BuiltinMarketHarness.setupAt(publishEpoch);

    long deal = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();
    h.activateDeals(END_EPOCH, PROVIDER, activationEpoch, 7, deal);

    // attempt settle before start
    h.setEpoch(settlementEpoch);
    h.settleDealPaymentsNoChange(OWNER, CLIENT, PROVIDER, deal);
    h.checkState();
  }

  @Test
  void batchSettlementOfDealsAllowsPartialSuccess() {
    var h = setup();
    long sectorNumber = 7;
    long terminatingSectorNumber = 8;
    long settlementEpoch = END_EPOCH - 1;
    long terminationEpoch = END_EPOCH - 2;

    // a deal that can be settled
    Published continuing =
        h.publishAndActivateDeal(
            CLIENT, PROVIDER, sectorNumber, START_EPOCH, END_EPOCH, 0, END_EPOCH);
    // a deal that will be settled and cleaned up because it is ended
    Published finished =
        h.publishAndActivateDeal(
            CLIENT, PROVIDER, sectorNumber, START_EPOCH, settlementEpoch, 0, END_EPOCH);
    // a deal then terminated
    Published terminated =
        h.publishAndActivateDeal(
            CLIENT,
            PROVIDER,
            terminatingSectorNumber,
            START_EPOCH + 1,
            settlementEpoch,
            0,
            END_EPOCH);
    // a deal that missed activation and will be cleaned up
    Published unactivated = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH + 2, END_EPOCH);

    Balance clientBegin = h.getBalance(CLIENT);
    Balance providerBegin = h.getBalance(PROVIDER);

    // terminate one of the deals
    h.setEpoch(terminationEpoch);
    var slashedDeal =
        h.terminateDealsAndAssertBalances(
            CLIENT, PROVIDER, List.of(terminatingSectorNumber), List.of(terminated.id()));
    long slashedDealPayment = slashedDeal._1;
    long slashedDealPenalty = slashedDeal._2;

    // settle all the deals and a deal id never published; the unactivated deal is slashed
    h.setEpoch(settlementEpoch);
    long unactivatedSlashed = unactivated.proposal().providerCollateral();
    long issuance = h.totalIssuance();
    var ret =
        h.settleDealPayments(
            PROVIDER,
            List.of(continuing.id(), finished.id(), terminated.id(), unactivated.id(), 9999L),
            List.of(finished.id()),
            List.empty());
    assertThat(issuance - h.totalIssuance()).isEqualTo(unactivatedSlashed);
    assertThat(BuiltinMarketHarness.codes(ret))
        .containsExactly(
            0, // continuing
            0, // finished
            32, // already terminated and cleaned up
            32, // unactivated and slashed then cleaned up
            32); // non-existent deal id

    long continuingPayment =
        continuing.proposal().storagePricePerBlock() * (settlementEpoch - START_EPOCH);
    long finishedPayment =
        finished.proposal().storagePricePerBlock() * (settlementEpoch - START_EPOCH);
    assertThat(ret.settlements())
        .containsExactly(
            new DealSettlement(continuing.id(), continuingPayment, false),
            new DealSettlement(finished.id(), finishedPayment, true));
    h.assertDealDeleted(finished.id(), finished.proposal(), sectorNumber, false);
    h.assertDealDeleted(terminated.id(), terminated.proposal(), sectorNumber, false);
    h.assertDealDeleted(unactivated.id(), unactivated.proposal(), sectorNumber, false);

    // the sum total of all payments and slashing is reflected in the balance table
    assertThat(h.getBalance(CLIENT).balance())
        .isEqualTo(
            clientBegin.balance() - continuingPayment - finishedPayment - slashedDealPayment);
    assertThat(h.getBalance(PROVIDER).balance())
        .isEqualTo(
            providerBegin.balance()
                + continuingPayment
                + finishedPayment
                + slashedDealPayment
                - slashedDealPenalty
                - unactivatedSlashed);
    h.checkState();
  }
}
