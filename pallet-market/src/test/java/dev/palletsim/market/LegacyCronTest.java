package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.FUNDS;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.primitives.DealIds;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's {@code CronTick}, branch by branch, under the legacy regime, with seed 002's schedule
 * ({@link DealSchedule#ByStart}; {@code DealScheduleTest} covers builtin-actors' one).
 */
class LegacyCronTest {

  private static MarketFixture legacy(UnaryOperator<ImmutableMarketConfig.Builder> adjust) {
    return MarketFixture.start(
            b ->
                adjust.apply(
                    b.fip0074ActivationBlock(Long.MAX_VALUE).dealSchedule(DealSchedule.ByStart)))
        .fundParties();
  }

  private static MarketFixture legacy() {
    return legacy(b -> b.dealUpdatesInterval(20));
  }

  @Test
  void aDealNotActivatedByItsStartTimesOutWithAFullPenalty() {
    MarketFixture f = legacy();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    long issuance = f.totalIssuance();
    f.runTo(p.startBlock() + 1);
    assertThat(f.cronEvents(p.startBlock()))
        .containsExactly(
            new BalancesEvent.Burned(MarketPallet.PALLET_ACCOUNT, 100_000),
            new MarketEvent.DealTimedOut(id, CLIENT, PROVIDER, 100_000));
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    assertThat(f.locked(CLIENT)).isZero();
    assertThat(f.escrow(CLIENT)).isEqualTo(FUNDS);
    assertThat(f.locked(PROVIDER)).isZero();
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS - 100_000);
    assertThat(f.totalIssuance()).isEqualTo(issuance - 100_000);
  }

  @Test
  void aPartialTimeoutPenaltyUnlocksTheRestOfTheCollateral() {
    MarketFixture f = legacy(b -> b.timeoutPenaltyPercent(40));
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.runTo(p.startBlock() + 1);
    assertThat(f.cronEvents(p.startBlock()))
        .contains(new MarketEvent.DealTimedOut(id, CLIENT, PROVIDER, 40_000));
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS - 40_000);
    assertThat(f.available(PROVIDER)).isEqualTo(FUNDS - 40_000);
  }

  @Test
  void theFirstVisitOfAnActivatedDealClearsItsPendingEntryAndReschedulesIt() {
    MarketFixture f = legacy();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(p.startBlock() + 1);
    assertThat(f.cronEvents(p.startBlock())).isEmpty();
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    DealState s = f.state(id).get();
    assertThat(s.lastUpdatedBlock()).isEqualTo(p.startBlock());
    assertThat(s.cronManaged()).isTrue();
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, p.startBlock() + 20))
        .contains(DealIds.of(id));
  }

  @Test
  void cronPaysEveryDealUpdatesInterval() {
    MarketFixture f = legacy();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(p.startBlock() + 41);
    assertThat(f.cronEvents(p.startBlock() + 20))
        .containsExactly(new MarketEvent.DealSettled(id, 20_000));
    assertThat(f.cronEvents(p.startBlock() + 40))
        .containsExactly(new MarketEvent.DealSettled(id, 20_000));
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + 40_000);
    assertThat(f.state(id).get().lastUpdatedBlock()).isEqualTo(p.startBlock() + 40);
  }

  @Test
  void theLastUpdateIsScheduledAtTheEndWhenTheIntervalWouldPassIt() {
    MarketFixture f = legacy();
    DealProposal p = f.deal().duration(30).build();
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(p.startBlock() + 21);
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, p.endBlock()))
        .contains(DealIds.of(id));
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, p.startBlock() + 40)).isEmpty();
  }

  @Test
  void anExpiredDealIsPaidInFullAndItsCollateralsUnlocked() {
    MarketFixture f = legacy();
    DealProposal p = f.deal().duration(30).build();
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(p.endBlock() + 1);
    assertThat(f.cronEvents(p.endBlock()))
        .containsExactly(
            new MarketEvent.DealSettled(id, 10_000),
            new MarketEvent.DealCompleted(id, CLIENT, PROVIDER));
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.state(id)).isEmpty();
    assertThat(f.locked(CLIENT)).isZero();
    assertThat(f.locked(PROVIDER)).isZero();
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + 30_000);
    assertThat(MarketStorage.PROVIDER_SECTORS.containsPrefix(f.chain.world(), PROVIDER)).isFalse();
  }

  @Test
  void cronCatchesUpOnBlocksWithoutCron() {
    MarketFixture f = legacy(b -> b.dealUpdatesInterval(20).cronInterval(5));
    DealProposal active = f.deal().start(12).build();
    DealProposal idle = f.deal().start(13).build();
    long a = f.publish(active);
    long i = f.publish(idle);
    f.activate(1, a);
    f.runTo(15);
    assertThat(f.proposal(i)).isNotEmpty();
    assertThat(f.chain.query(MarketStorage.LAST_CRON)).isEqualTo(10L);
    f.runTo(16);
    assertThat(f.cronEvents(15))
        .contains(
            new MarketEvent.DealSettled(a, 3_000),
            new MarketEvent.DealTimedOut(i, CLIENT, PROVIDER, 100_000));
    assertThat(f.chain.query(MarketStorage.LAST_CRON)).isEqualTo(15L);
    assertThat(f.state(a).get().lastUpdatedBlock()).isEqualTo(15);
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, 35L)).contains(DealIds.of(a));
    assertThat(f.blocks.get(13).finalizeItems(MarketPallet.NAME)).isZero();
  }

  @Test
  void cronReportsOneWorkItemPerDueDeal() {
    MarketFixture f = legacy();
    long a = f.publish(f.deal().start(12).build());
    long b = f.publish(f.deal().start(12).build());
    f.publish(f.deal().start(12).build());
    f.activate(1, a, b);
    f.runTo(13);
    assertThat(f.chain.lastBlock().number()).isEqualTo(12);
    assertThat(f.chain.lastBlock().finalizeItems(MarketPallet.NAME)).isEqualTo(3);
    f.runTo(33);
    assertThat(f.chain.lastBlock().number()).isEqualTo(32);
    assertThat(f.chain.lastBlock().finalizeItems(MarketPallet.NAME)).isEqualTo(2);
    assertThat(f.blocks.get(20).finalizeItems(MarketPallet.NAME)).isZero();
  }
}
