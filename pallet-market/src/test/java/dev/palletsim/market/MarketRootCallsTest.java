package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.DealIds;
import org.junit.jupiter.api.Test;

/**
 * The market's Root calls: {@code CronTick} (cron on demand, with {@code cronInterval} 0 the only
 * way it runs) and {@code ForceLegacyDeal} (seeding a legacy cron-settled deal), issue 20 point 6.
 */
class MarketRootCallsTest {

  private static MarketFixture manual() {
    return MarketFixture.start(b -> b.cronInterval(0)).fundParties();
  }

  @Test
  void withCronIntervalZeroCronRunsOnlyWhenRootCallsItCatchingUpOnEveryBlock() {
    MarketFixture f = manual();
    DealProposal p = f.deal().start(30).build();
    long id = f.publish(p); // first visit at 100
    f.runTo(150);
    assertThat(f.proposal(id)).isNotEmpty();
    assertThat(f.cronItems()).isZero();
    assertThat(f.chain.query(MarketStorage.LAST_CRON)).isEqualTo(-1L);

    var o = f.chain.dispatch(Origin.root(), new MarketCall.CronTick());
    assertThat(o)
        .isSuccess()
        .emitted(
            MarketEvent.DealTimedOut.class,
            e -> e.equals(new MarketEvent.DealTimedOut(id, CLIENT, PROVIDER, 100_000)));
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.chain.query(MarketStorage.LAST_CRON)).isEqualTo(150L);
    f.chain.nextBlock();
  }

  @Test
  void cronTickIsRootOnly() {
    MarketFixture f = manual();
    assertFailsWithoutEffect(
        f.chain, Origin.signed(PROVIDER), new MarketCall.CronTick(), DispatchError.badOrigin());
    assertFailsWithoutEffect(
        f.chain, Origin.none(), new MarketCall.CronTick(), DispatchError.badOrigin());
  }

  /** An activated deal under FIP-0074, first visited at 100 (id 0). */
  private static long activated(MarketFixture f) {
    long id = f.publish(f.deal().start(30).duration(500).build());
    f.activate(1, id);
    return id;
  }

  @Test
  void forcingALegacyDealHandsItToCronAtTheGivenBlock() {
    MarketFixture f = manual();
    long id = activated(f);
    DealProposal p = f.proposal(id).get();
    var o = f.chain.dispatch(Origin.root(), new MarketCall.ForceLegacyDeal(id, 60));
    // last updated at min(start, now): the deal is paid from its start
    assertThat(o).isSuccess().emittedExactly(new MarketEvent.LegacyDealForced(id, f.now(), 60));
    DealState s = f.state(id).get();
    assertThat(s.cronManaged()).isTrue();
    assertThat(s.lastUpdatedBlock()).isEqualTo(f.now());
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, 100L)).isEmpty();
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, 60L)).contains(DealIds.of(id));

    // cron settles it at 60 from its start (30) and reschedules it at its next slot, 100
    f.runTo(60);
    var cron = f.chain.dispatch(Origin.root(), new MarketCall.CronTick());
    assertThat(cron).emitted(MarketEvent.DealSettled.class, e -> e.payment() == 30 * 1_000);
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, 100L)).contains(DealIds.of(id));
    f.chain.nextBlock();
  }

  @Test
  void forcingADealAlreadySettledKeepsWhatItWasPaid() {
    MarketFixture f = manual();
    long id = activated(f);
    f.runTo(40);
    f.settleOk(id); // paid 30..40
    assertThat(f.chain.dispatch(Origin.root(), new MarketCall.ForceLegacyDeal(id, 50)))
        .isSuccess()
        .emittedExactly(new MarketEvent.LegacyDealForced(id, 40, 50));
    f.runTo(50);
    var cron = f.chain.dispatch(Origin.root(), new MarketCall.CronTick());
    assertThat(cron).emitted(MarketEvent.DealSettled.class, e -> e.payment() == 10 * 1_000);
  }

  @Test
  void forcingFailsForWhatIsNotAnActivatedLiveNonLegacyDeal() {
    MarketFixture f = manual();
    long active = activated(f);
    long unactivated = f.publish(f.deal().start(30).build());
    Origin root = Origin.root();
    assertFailsWithoutEffect(
        f.chain, root, new MarketCall.ForceLegacyDeal(99, 60), MarketError.DealNotFound);
    assertFailsWithoutEffect(
        f.chain,
        root,
        new MarketCall.ForceLegacyDeal(unactivated, 60),
        MarketError.DealNotActivated);
    assertThat(f.chain.dispatch(root, new MarketCall.ForceLegacyDeal(active, 60))).isSuccess();
    assertFailsWithoutEffect(
        f.chain,
        root,
        new MarketCall.ForceLegacyDeal(active, 70),
        MarketError.DealAlreadyCronManaged);
    // a deal cleaned up has expired
    f.terminate(PROVIDER, 1L);
    assertFailsWithoutEffect(
        f.chain, root, new MarketCall.ForceLegacyDeal(active, 70), MarketError.DealExpired);
  }

  @Test
  void forcingIntoThePastOrFromANonRootOriginFails() {
    MarketFixture f = manual();
    long id = activated(f);
    assertBadInputWithoutEffect(
        f.chain, Origin.root(), new MarketCall.ForceLegacyDeal(id, f.now() - 1));
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER),
        new MarketCall.ForceLegacyDeal(id, 60),
        DispatchError.badOrigin());
    // a block cron already ran is in the past for the schedule
    f.runTo(20);
    f.chain.dispatch(Origin.root(), new MarketCall.CronTick());
    assertBadInputWithoutEffect(f.chain, Origin.root(), new MarketCall.ForceLegacyDeal(id, 20));
  }
}
