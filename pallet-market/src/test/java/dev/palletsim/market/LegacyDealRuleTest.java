package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.primitives.DealIds;
import org.junit.jupiter.api.Test;

/**
 * {@link LegacyDealRule}: under builtin-actors' {@code EverUpdated} a deal its provider settles
 * before its first cron visit becomes cron-settled for life; under {@code CronVisited} it never
 * does. Both pay the same in total.
 */
class LegacyDealRuleTest {

  /** Deal 0 (start 30, 400 blocks), activated, settled at 40 before its first cron visit at 100. */
  private static MarketFixture settledEarly(LegacyDealRule rule) {
    MarketFixture f = MarketFixture.start(b -> b.legacyDealRule(rule)).fundParties();
    long id = f.publish(f.deal().start(30).duration(400).build());
    f.activate(1, id);
    f.runTo(40);
    f.settleOk(id);
    return f;
  }

  @Test
  void underEverUpdatedAnEarlySettlementPutsTheDealOnCron() {
    MarketFixture f = settledEarly(LegacyDealRule.EverUpdated);
    f.runTo(101);
    // cron at 100 pays 40..100 and keeps the deal, next at 200
    assertThat(f.cronEvents(100)).containsExactly(new MarketEvent.DealSettled(0, 60_000));
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, 200L)).contains(DealIds.of(0));
    assertThat(f.state(0).get().cronManaged()).isTrue();
    f.runTo(501);
    assertThat(f.cronEvents(400)).containsExactly(new MarketEvent.DealSettled(0, 100_000));
    // the visit after the end (430) pays the rest and completes the deal
    assertThat(f.cronEvents(500))
        .containsExactly(
            new MarketEvent.DealSettled(0, 30_000),
            new MarketEvent.DealCompleted(0, MarketFixture.CLIENT, PROVIDER));
  }

  @Test
  void underCronVisitedTheDealStaysWithItsProvider() {
    MarketFixture f = settledEarly(LegacyDealRule.CronVisited);
    f.runTo(101);
    assertThat(f.cronEvents(100)).isEmpty();
    assertThat(MarketStorage.DEAL_OPS_BY_BLOCK.count(f.chain.world())).isZero();
    assertThat(f.state(0).get().cronManaged()).isFalse();
    f.runTo(431);
    assertThat(f.settleOk(0L).settlements()).containsExactly(new DealSettlement(0, 390_000, true));
  }

  @Test
  void underEverUpdatedASettlementBeforeTheStartRecordsItsBlockAndDropsThePendingProposal() {
    MarketFixture f = MarketFixture.start(b -> b.legacyDealRule(LegacyDealRule.EverUpdated));
    f.fundParties();
    DealProposal p = f.deal().start(30).build();
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(20);
    assertThat(f.settleOk(id).settlements()).containsExactly(new DealSettlement(id, 0, false));
    assertThat(f.state(id).get().lastUpdatedBlock()).isEqualTo(20);
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    assertThat(f.escrow(PROVIDER)).isEqualTo(MarketFixture.FUNDS);
    f.chain.nextBlock();
  }
}
