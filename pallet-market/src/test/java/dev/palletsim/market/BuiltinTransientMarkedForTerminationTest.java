package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.block;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.market.BuiltinMarketHarness.Published;
import io.vavr.collection.List;
import io.vavr.control.Either;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/transient_marked_for_termination.rs}: a legacy deal
 * whose termination was recorded before synchronous termination, waiting for cron after it. The
 * switch-over is the FIP-0074 upgrade at epoch 200 ({@code fip0074ActivationBlock}); the deal's
 * termination is recorded by terminating its sector at epoch 199 under the legacy code (its own
 * sector, so the other deal stays live) and its cron visit seeded at epoch 202 instead of
 * builtin-actors' state hack.
 */
class BuiltinTransientMarkedForTerminationTest {
  static final long START_EPOCH = 5;
  static final long SWITCHOVER_EPOCH = 200;
  static final long END_EPOCH = SWITCHOVER_EPOCH + 200 * EPOCHS_IN_DAY;

  /** Deal 1 (sector 7) live on cron; the other (sector 8) terminated at 199, visited at 202. */
  private record Marked(BuiltinMarketHarness h, Published deal1, Published slashed) {}

  private static Marked markedForTermination() {
    var h =
        BuiltinMarketHarness.setup(
            b -> b.fip0074ActivationBlock(block(SWITCHOVER_EPOCH)), java.math.BigInteger.ZERO);
    Published deal1 =
        h.publishAndActivateDealLegacy(CLIENT, PROVIDER, 7, START_EPOCH, END_EPOCH, 0, END_EPOCH);
    Published slashed =
        h.publishAndActivateDeal(CLIENT, PROVIDER, 8, START_EPOCH, END_EPOCH, 0, END_EPOCH);
    // the slashing is scheduled for cron after the switch-over
    h.forceLegacyDeal(slashed.id(), block(SWITCHOVER_EPOCH + 2));
    // slashing before the switch-over just marks the epoch in the deal state
    h.setEpoch(SWITCHOVER_EPOCH - 1);
    var o = h.terminateDeals(PROVIDER, List.of(8L), List.empty());
    assertThat(o.eventsOf(MarketEvent.DealTerminationRecorded.class))
        .containsExactly(
            new MarketEvent.DealTerminationRecorded(slashed.id(), block(SWITCHOVER_EPOCH - 1)));
    return new Marked(h, deal1, slashed);
  }

  @Test
  void dealScheduledForTerminationCannotBeSettledManually() {
    Marked m = markedForTermination();
    var h = m.h();
    long deal1 = m.deal1().id();
    long slashed = m.slashed().id();

    // code updated before cron is run
    h.setEpoch(SWITCHOVER_EPOCH);
    // settling both fails because one deal is marked for termination
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(PROVIDER),
        new MarketCall.SettleDealPayments(List.of(deal1, slashed)),
        MarketError.TerminatedDealNotSettleable);
    assertThat(MarketError.TerminatedDealNotSettleable.exitCode().value()).isEqualTo(16);

    // advance cron to the scheduled time and terminate the deal through it
    h.setEpoch(SWITCHOVER_EPOCH + 2);
    long issuance = h.totalIssuance();
    var cron = h.cronTick();
    assertThat(issuance - h.totalIssuance()).isEqualTo(m.slashed().proposal().providerCollateral());
    assertThat(cron.eventsOf(MarketEvent.DealTerminated.class).map(e -> e.dealId()))
        .containsExactly(slashed);
    h.assertDealDeleted(slashed, m.slashed().proposal(), 7, false);

    // settling both again partially succeeds: the cleaned-up deal has expired
    h.setEpoch(SWITCHOVER_EPOCH + 3);
    var ret = h.settleDealPayments(PROVIDER, deal1, slashed);
    assertThat(BuiltinMarketHarness.codes(ret)).containsExactly(0, 32);
    long expectedPayment =
        m.deal1().proposal().storagePricePerBlock() * (SWITCHOVER_EPOCH + 3 - START_EPOCH);
    assertThat(ret.settlements())
        .containsExactly(new DealSettlement(deal1, expectedPayment, false));
    h.checkState();
  }

  @Test
  void cannotGetDealActivationForMarkedForTerminationDeal() {
    Marked m = markedForTermination();
    m.h().setEpoch(SWITCHOVER_EPOCH);
    assertThat(m.h().market.dealActivation(m.h().chain.world(), m.slashed().id()))
        .isEqualTo(Either.left(MarketError.DealExpired));
    assertThat(MarketError.DealExpired.exitCode().value()).isEqualTo(32);
  }
}
