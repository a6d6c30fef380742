package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.market.BuiltinMarketHarness.Balance;
import dev.palletsim.market.BuiltinMarketHarness.Published;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * builtin-actors' {@code actors/market/tests/deal_termination.rs}: termination settles a deal at
 * once and removes it, and settling it afterwards is a no-op reporting it expired, under {@link
 * MarketConfig#filecoin()}.
 */
class BuiltinDealTerminationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "terminated after the startepoch then settled before the endepoch, 15, 50",
    "terminated after the startepoch then settled after the endepoch, 15, 50",
    "terminated at the startepoch then settled before the endepoch, 10, 0",
    "terminated at the startepoch then settled after the endepoch, 10, 0",
    "terminated at the activationepoch then settled before the startepoch, 5, 0",
    "terminated at the activationepoch then settled after the startepoch, 5, 0",
    "terminated at the activationepoch then settled after the endepoch, 5, 0"
  })
  void dealIsTerminated(String name, long terminationEpoch, long terminationPayment) {
    long dealStart = 10;
    long dealEnd = 10 + 200 * EPOCHS_IN_DAY;
    long activationEpoch = 5;
    long sectorNumber = 7;
    var h = BuiltinMarketHarness.setupAt(activationEpoch);
    Published d =
        h.publishAndActivateDeal(
            CLIENT, PROVIDER, sectorNumber, dealStart, dealEnd, activationEpoch, dealEnd);

    // terminate
    h.setEpoch(terminationEpoch);
    var r =
        h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(sectorNumber), List.of(d.id()));
    assertThat(r._1).isEqualTo(terminationPayment);
    assertThat(r._2).isEqualTo(d.proposal().providerCollateral());
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);

    // trying to settle is always a no-op after termination
    h.settleDealPaymentsNoChange(PROVIDER, CLIENT, PROVIDER, d.id());
    long epoch = h.setEpoch(terminationEpoch + 1);
    // at deal start (if the deal was terminated before start)
    if (epoch < dealStart) {
      epoch = h.setEpoch(dealStart);
      h.settleDealPaymentsNoChange(PROVIDER, CLIENT, PROVIDER, d.id());
    }
    // during the deal (if it was terminated before its end)
    if (epoch < dealEnd) {
      epoch = h.setEpoch(dealEnd);
      h.settleDealPaymentsNoChange(PROVIDER, CLIENT, PROVIDER, d.id());
    }
    if (epoch < dealEnd + 1) {
      h.setEpoch(dealEnd + 1);
      h.settleDealPaymentsNoChange(PROVIDER, CLIENT, PROVIDER, d.id());
    }
    h.checkState();
  }

  @Test
  void settlePaymentsThenTerminateDealInTheSameEpoch() {
    long startEpoch = 50;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long terminationEpoch = startEpoch + 100;
    long sectorNumber = 7;
    long sectorExpiry = endEpoch + 100;
    var h = setup();
    Published d =
        h.publishAndActivateDeal(
            CLIENT, PROVIDER, sectorNumber, startEpoch, endEpoch, 0, sectorExpiry);
    Balance clientBefore = h.getBalance(CLIENT);
    Balance providerBefore = h.getBalance(PROVIDER);

    // settle payments then terminate
    h.setEpoch(terminationEpoch);
    long expectedPayment = (terminationEpoch - startEpoch) * d.proposal().storagePricePerBlock();
    var ret = h.settleDealPayments(PROVIDER, d.id());
    assertThat(ret.settlements())
        .containsExactly(new DealSettlement(d.id(), expectedPayment, false));
    h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(sectorNumber), List.of(d.id()));
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);

    // the end state is as if only termination had been called
    assertThat(h.getBalance(CLIENT))
        .isEqualTo(new Balance(clientBefore.balance() - expectedPayment, 0));
    assertThat(h.getBalance(PROVIDER))
        .isEqualTo(
            new Balance(
                providerBefore.balance() + expectedPayment - d.proposal().providerCollateral(), 0));
    h.checkState();
  }

  @Test
  void terminateADealThenSettleItInTheSameEpoch() {
    long startEpoch = 50;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long terminationEpoch = startEpoch + 100;
    long sectorExpiry = endEpoch + 100;
    long sectorNumber = 7;
    var h = setup();
    Published d =
        h.publishAndActivateDeal(
            CLIENT, PROVIDER, sectorNumber, startEpoch, endEpoch, 0, sectorExpiry);

    // terminate, then attempt to settle payment
    h.setEpoch(terminationEpoch);
    h.terminateDealsAndAssertBalances(CLIENT, PROVIDER, List.of(sectorNumber), List.of(d.id()));
    var ret = h.settleDealPayments(PROVIDER, d.id());
    assertThat(BuiltinMarketHarness.codes(ret)).containsExactly(32);
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);
    h.checkState();
  }
}
