package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.CLIENT2;
import static dev.palletsim.market.MarketFixture.FUNDS;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.market.MarketFixture.PROVIDER2;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * {@code onSectorsTerminate}: immediate settlement under FIP-0074 (seed 004), a recorded slash for
 * cron under the legacy regime (seed 002).
 */
class TerminationTest {

  @Test
  void underFip0074TerminationSettlesRefundsSlashesAndRemovesAtOnce() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().build(); // blocks 11..111, 1 000 per block
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(31);
    f.settleOk(id);
    f.runTo(41);
    long issuance = f.totalIssuance();
    var o = f.terminate(PROVIDER, 1L);
    assertThat(o)
        .emittedExactly(
            new MarketEvent.DealSettled(id, 10_000),
            new BalancesEvent.Burned(MarketPallet.PALLET_ACCOUNT, 100_000),
            new MarketEvent.DealTerminated(id, CLIENT, PROVIDER, 10_000, 70_000 + 50_000, 100_000));
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.state(id)).isEmpty();
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    assertThat(MarketStorage.PROVIDER_SECTORS.containsPrefix(f.chain.world(), PROVIDER)).isFalse();
    assertThat(f.escrow(CLIENT)).isEqualTo(FUNDS - 30_000);
    assertThat(f.locked(CLIENT)).isZero();
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + 30_000 - 100_000);
    assertThat(f.locked(PROVIDER)).isZero();
    assertThat(f.totalIssuance()).isEqualTo(issuance - 100_000);
    f.chain.nextBlock();
  }

  @Test
  void terminationBeforeTheStartRefundsTheWholeFee() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.activate(1, id);
    var o = f.terminate(PROVIDER, 1L);
    assertThat(o)
        .emitted(
            MarketEvent.DealTerminated.class,
            e -> e.payment() == 0 && e.clientRefund() == p.clientBalanceRequirement());
    assertThat(f.escrow(CLIENT)).isEqualTo(FUNDS);
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    f.chain.nextBlock();
    f.runTo(p.startBlock() + 2);
  }

  @Test
  void everyDealOfTheSectorIsTerminatedAndOtherSectorsAreKept() {
    MarketFixture f = MarketFixture.start().fundParties();
    long a = f.publish(f.deal().build());
    long b = f.publish(f.deal().client(CLIENT2).build());
    long c = f.publish(f.deal().build());
    f.activate(1, a, b);
    f.activate(2, c);
    f.runTo(20);
    var o = f.terminate(PROVIDER, 1L);
    assertThat(o.eventsOf(MarketEvent.DealTerminated.class).map(e -> e.dealId()))
        .containsExactly(a, b);
    assertThat(f.state(c)).isNotEmpty();
    assertThat(MarketStorage.PROVIDER_SECTORS.find(f.chain.world(), PROVIDER, 2L))
        .contains(DealIds.of(c));
    f.chain.nextBlock();
  }

  @Test
  void dealsPastTheirEndAreNotSlashedAndStaySettleable() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(p.endBlock() + 5);
    var o = f.terminate(PROVIDER, 1L);
    assertThat(o.eventsOf(MarketEvent.class)).isEmpty();
    assertThat(f.proposal(id)).isNotEmpty();
    assertThat(f.settleOk(id).settlements())
        .containsExactly(new DealSettlement(id, p.totalStorageFee(), true));
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + p.totalStorageFee());
    f.chain.nextBlock();
  }

  @Test
  void sectorsWithoutDealsOrOfAnotherProviderAreIgnored() {
    MarketFixture f = MarketFixture.start().fundParties();
    long id = f.publish(f.deal().build());
    f.activate(1, id);
    long before = f.marketHash();
    assertThat(f.terminate(PROVIDER, 99L).eventsOf(MarketEvent.class)).isEmpty();
    assertThat(f.terminate(PROVIDER2, 1L).eventsOf(MarketEvent.class)).isEmpty();
    assertThat(f.marketHash()).isEqualTo(before);
  }

  @Test
  void terminatingTheSameSectorTwiceTerminatesOnce() {
    MarketFixture f = MarketFixture.start().fundParties();
    long id = f.publish(f.deal().build());
    f.activate(1, id);
    f.runTo(15);
    var o = f.dispatch(PROVIDER, new ProviderHarness.Terminate(List.of(1L, 1L)));
    assertThat(o).isSuccess();
    assertThat(o.eventsOf(MarketEvent.DealTerminated.class)).hasSize(1);
  }

  @Test
  void slashedCollateralMayGoToATreasury() {
    MarketFixture f = MarketFixture.start(b -> b.treasury(Dev.EVE)).fundParties();
    long id = f.publish(f.deal().build());
    f.activate(1, id);
    long issuance = f.totalIssuance();
    long treasury = f.free(Dev.EVE);
    f.terminate(PROVIDER, 1L);
    assertThat(f.free(Dev.EVE)).isEqualTo(treasury + 100_000);
    assertThat(f.totalIssuance()).isEqualTo(issuance);
    f.chain.nextBlock();
  }

  // ------------------------------------------------------------------ legacy regime

  @Test
  void underTheLegacyRegimeTerminationIsRecordedAndCronSettlesIt() {
    MarketFixture f = MarketFixture.legacy().fundParties();
    DealProposal p = f.deal().build(); // 11..111; cron at 11 reschedules at min(111, 111)
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(41);
    long before = f.escrow(PROVIDER);
    var o = f.terminate(PROVIDER, 1L);
    assertThat(o).emittedExactly(new MarketEvent.DealTerminationRecorded(id, 41));
    assertThat(f.state(id).get().slashBlock()).isEqualTo(41);
    assertThat(f.escrow(PROVIDER)).isEqualTo(before);
    assertThat(MarketStorage.PROVIDER_SECTORS.containsPrefix(f.chain.world(), PROVIDER)).isFalse();

    f.runTo(p.endBlock() + 1);
    assertThat(f.cronEvents(p.endBlock()))
        .contains(
            new MarketEvent.DealSettled(id, 30_000),
            new MarketEvent.DealTerminated(id, CLIENT, PROVIDER, 30_000, 120_000, 100_000));
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + 30_000 - 100_000);
    assertThat(f.escrow(CLIENT)).isEqualTo(FUNDS - 30_000);
    assertThat(f.locked(CLIENT)).isZero();
  }

  @Test
  void underTheLegacyRegimeADealPastItsEndIsNotSlashedAndCronCompletesIt() {
    MarketFixture f =
        MarketFixture.start(
                b ->
                    b.fip0074ActivationBlock(Long.MAX_VALUE)
                        .cronInterval(50)
                        .dealSchedule(DealSchedule.ByStart))
            .fundParties();
    DealProposal p = f.deal().duration(10).build(); // 11..21, no cron before block 50
    long id = f.publish(p);
    f.activate(1, id);
    f.runTo(25);
    assertThat(f.terminate(PROVIDER, 1L).eventsOf(MarketEvent.class)).isEmpty();
    assertThat(f.state(id).get().isSlashed()).isFalse();
    f.runTo(51);
    assertThat(f.cronEvents(50))
        .containsExactly(
            new MarketEvent.DealSettled(id, 10_000),
            new MarketEvent.DealCompleted(id, CLIENT, PROVIDER));
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + 10_000);
  }
}
