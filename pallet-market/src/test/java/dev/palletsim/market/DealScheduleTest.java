package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.primitives.DealIds;
import org.junit.jupiter.api.Test;

/**
 * Where cron looks at a deal ({@link DealSchedule}): builtin-actors' {@code next_update_epoch}
 * spreading deal ops by id over the update interval, against seed 002's start block (issue 20
 * points 1 and 4).
 */
class DealScheduleTest {

  /** filecoin-actors.md §1.5's worked values, interval 86,400. */
  @Test
  void nextUpdateBlockMatchesBuiltinActorsWorkedValues() {
    long i = 86_400;
    assertThat(DealSchedule.nextUpdateBlock(0, i, 50)).isEqualTo(86_400);
    assertThat(DealSchedule.nextUpdateBlock(0, i, 0)).isEqualTo(0);
    assertThat(DealSchedule.nextUpdateBlock(1, i, 50)).isEqualTo(86_401);
    assertThat(DealSchedule.nextUpdateBlock(2, i, 50)).isEqualTo(86_402);
    assertThat(DealSchedule.nextUpdateBlock(5, i, 10)).isEqualTo(86_405);
    assertThat(DealSchedule.nextUpdateBlock(100, i, 10)).isEqualTo(100);
    assertThat(DealSchedule.nextUpdateBlock(0, i, 86_400)).isEqualTo(86_400);
    // an id past the interval takes its offset
    assertThat(DealSchedule.nextUpdateBlock(86_405, i, 10)).isEqualTo(86_405);
    // saturates instead of overflowing
    assertThat(DealSchedule.nextUpdateBlock(3, i, Long.MAX_VALUE - 5)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void byIdAndByStartPlaceTheFirstVisitAndTheNext() {
    assertThat(DealSchedule.ById.firstUpdate(7, 250, 100)).isEqualTo(307);
    assertThat(DealSchedule.ByStart.firstUpdate(7, 250, 100)).isEqualTo(250);
    // after a visit at 307 the deal returns a whole interval later, at its offset
    assertThat(DealSchedule.ById.nextUpdate(7, 307, 1_000, 100)).isEqualTo(407);
    // a late visit (cron skipped blocks) still returns at the offset, not now + interval
    assertThat(DealSchedule.ById.nextUpdate(7, 350, 1_000, 100)).isEqualTo(407);
    assertThat(DealSchedule.ByStart.nextUpdate(7, 350, 1_000, 100)).isEqualTo(450);
    assertThat(DealSchedule.ByStart.nextUpdate(7, 950, 1_000, 100)).isEqualTo(1_000);
  }

  @Test
  void anUnactivatedDealStaysLockedUntilItsFirstVisitThenTimesOut() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().start(30).build();
    long id = f.publish(p); // id 0: first visit next_update_epoch(0, 100, 30) = 100
    f.runTo(99);
    assertThat(f.proposal(id)).isNotEmpty();
    assertThat(f.locked(PROVIDER)).isEqualTo(100_000);
    f.runTo(101);
    assertThat(f.cronEvents(100))
        .contains(new MarketEvent.DealTimedOut(id, CLIENT, PROVIDER, 100_000));
    assertThat(f.proposal(id)).isEmpty();
  }

  @Test
  void activationAfterTheStartStillFailsBeforeTheFirstVisit() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().start(30).build();
    long id = f.publish(p);
    f.runTo(31);
    assertThat(
            f.dispatch(
                PROVIDER,
                new ProviderHarness.Activate(
                    io.vavr.collection.List.of(MarketFixture.sector(1, 1_000_000, id)))))
        .failedWith(MarketError.DealExpired);
  }

  /** Point 4: in the legacy regime a deal returns at its id's offset of every interval. */
  @Test
  void legacyCronReschedulesAtTheIdsNextSlot() {
    MarketFixture f =
        MarketFixture.start(b -> b.fip0074ActivationBlock(Long.MAX_VALUE).dealUpdatesInterval(20))
            .fundParties();
    f.publish(f.deal().start(12).build()); // id 0, never activated: first visit 20
    DealProposal p = f.deal().start(12).duration(100).build(); // id 1
    long id = f.publish(p);
    f.activate(1, id);
    // first visit next_update_epoch(1, 20, 12) = 21; then 41, 61, …
    f.runTo(22);
    assertThat(f.cronEvents(21)).containsExactly(new MarketEvent.DealSettled(id, 9_000));
    assertThat(f.chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, 41L)).contains(DealIds.of(id));
    f.runTo(42);
    assertThat(f.cronEvents(41)).containsExactly(new MarketEvent.DealSettled(id, 20_000));
    // the last visit after the end (112) is the next slot, 121: paid to the end and completed
    f.runTo(122);
    assertThat(f.cronEvents(121))
        .containsExactly(
            new MarketEvent.DealSettled(id, 11_000),
            new MarketEvent.DealCompleted(id, CLIENT, PROVIDER));
  }
}
