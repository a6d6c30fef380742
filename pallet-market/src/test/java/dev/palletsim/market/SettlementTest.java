package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.FUNDS;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.market.MarketFixture.STRANGER;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.DispatchOutcome;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** {@code settleDealPayments} under FIP-0074: seed 004's Specification and Test Cases. */
class SettlementTest {

  /** An activated deal from block 11 to 111 at 1 000 planck per block. */
  private static final class Active {
    final MarketFixture f;
    final DealProposal p;
    final long id;

    Active(MarketFixture f, DealProposal p) {
      this.f = f;
      this.p = p;
      this.id = f.publish(p);
      f.activate(1, id);
    }

    Active(MarketFixture f) {
      this(f, f.deal().build());
    }
  }

  private static Active active() {
    return new Active(MarketFixture.start().fundParties());
  }

  private static MarketEvent.DealsSettled settled(DispatchOutcome o) {
    assertThat(o).isSuccess();
    return o.eventsOf(MarketEvent.DealsSettled.class).single();
  }

  // ------------------------------------------------------------------ payment

  @Test
  void settlingPaysPriceTimesBlocksSinceTheStart() {
    Active d = active();
    MarketFixture f = d.f;
    f.runTo(d.p.startBlock() + 10);
    long clientLocked = f.locked(CLIENT);
    DispatchOutcome o = f.settle(PROVIDER, d.id);
    assertThat(o)
        .isSuccess()
        .emittedExactly(
            new MarketEvent.DealSettled(d.id, 10_000),
            new MarketEvent.DealsSettled(
                Vector.of(new DealSettlement(d.id, 10_000, false)), Vector.empty()));
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + 10_000);
    assertThat(f.available(PROVIDER)).isEqualTo(FUNDS + 10_000 - d.p.providerCollateral());
    assertThat(f.escrow(CLIENT)).isEqualTo(FUNDS - 10_000);
    assertThat(f.locked(CLIENT)).isEqualTo(clientLocked - 10_000);
    assertThat(f.state(d.id).get().lastUpdatedBlock()).isEqualTo(d.p.startBlock() + 10);
    assertThat(f.chain.query(MarketStorage.TOTAL_CLIENT_STORAGE_FEE)).isEqualTo(90_000L);
    f.chain.nextBlock();
  }

  @Test
  void settlingAgainPaysOnlyTheBlocksSinceTheLastSettlement() {
    Active d = active();
    d.f.runTo(d.p.startBlock() + 10);
    d.f.settleOk(d.id);
    d.f.runTo(d.p.startBlock() + 13);
    assertThat(d.f.settleOk(d.id).settlements())
        .containsExactly(new DealSettlement(d.id, 3_000, false));
  }

  @Test
  void settlingTwiceInOneBlockPaysOnce() {
    Active d = active();
    d.f.runTo(d.p.startBlock() + 10);
    d.f.settleOk(d.id);
    long escrow = d.f.escrow(PROVIDER);
    assertThat(d.f.settleOk(d.id).settlements())
        .containsExactly(new DealSettlement(d.id, 0, false));
    assertThat(d.f.escrow(PROVIDER)).isEqualTo(escrow);
  }

  @Test
  void aDealListedTwiceInOneCallIsSettledOnce() {
    Active d = active();
    d.f.runTo(d.p.startBlock() + 10);
    assertThat(d.f.settleOk(d.id, d.id).settlements())
        .containsExactly(new DealSettlement(d.id, 10_000, false));
  }

  @Test
  void settlingAtTheEndPaysTheRestAndCompletesTheDeal() {
    Active d = active();
    MarketFixture f = d.f;
    f.runTo(d.p.startBlock() + 40);
    f.settleOk(d.id);
    f.runTo(d.p.endBlock() + 25);
    DispatchOutcome o = f.settle(PROVIDER, d.id);
    assertThat(o)
        .isSuccess()
        .emittedExactly(
            new MarketEvent.DealSettled(d.id, 60_000),
            new MarketEvent.DealCompleted(d.id, CLIENT, PROVIDER),
            new MarketEvent.DealsSettled(
                Vector.of(new DealSettlement(d.id, 60_000, true)), Vector.empty()));
    assertThat(f.proposal(d.id)).isEmpty();
    assertThat(f.state(d.id)).isEmpty();
    assertThat(f.locked(CLIENT)).isZero();
    assertThat(f.locked(PROVIDER)).isZero();
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + d.p.totalStorageFee());
    assertThat(f.escrow(CLIENT)).isEqualTo(FUNDS - d.p.totalStorageFee());
    assertThat(MarketStorage.PROVIDER_SECTORS.containsPrefix(f.chain.world(), PROVIDER)).isFalse();
    f.chain.nextBlock();
  }

  @Test
  void oneOrManySettlementsPayTheSameTotal() {
    Active once = active();
    Active often = active();
    for (long b = often.p.startBlock() + 7; b < often.p.endBlock(); b += 7) {
      often.f.runTo(b);
      often.f.settleOk(often.id);
    }
    often.f.runTo(often.p.endBlock() + 3);
    once.f.runTo(once.p.endBlock() + 3);
    once.f.settleOk(once.id);
    often.f.settleOk(often.id);
    assertThat(once.f.proposal(once.id)).isEmpty();
    assertThat(often.f.proposal(often.id)).isEmpty();
    assertThat(often.f.escrow(PROVIDER))
        .isEqualTo(once.f.escrow(PROVIDER))
        .isEqualTo(FUNDS + once.p.totalStorageFee());
    assertThat(often.f.escrow(CLIENT)).isEqualTo(once.f.escrow(CLIENT));
  }

  @Test
  void settlingEveryBlockLosesNothingToRounding() {
    MarketFixture f = MarketFixture.start().fundParties();
    Active d = new Active(f, f.deal().price(333_333_331).duration(29).build());
    long paid = 0;
    for (long b = d.p.startBlock(); b <= d.p.endBlock(); b++) {
      f.runTo(b);
      paid += f.settleOk(d.id).settlements().single().payment();
    }
    assertThat(paid).isEqualTo(333_333_331L * 29).isEqualTo(d.p.totalStorageFee());
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS + paid);
    assertThat(f.chain.query(MarketStorage.TOTAL_CLIENT_STORAGE_FEE)).isZero();
    f.chain.nextBlock();
  }

  @Test
  void anyoneMaySettle() {
    Active d = active();
    d.f.runTo(d.p.startBlock() + 5);
    assertThat(settled(d.f.settle(STRANGER, d.id)).settlements())
        .containsExactly(new DealSettlement(d.id, 5_000, false));
    assertThat(d.f.escrow(PROVIDER)).isEqualTo(FUNDS + 5_000);
  }

  // ------------------------------------------------------------------ no-op successes

  @Test
  void settlingAPublishedDealBeforeItsStartSucceedsWithoutEffect() {
    MarketFixture f = MarketFixture.start().fundParties();
    long id = f.publish(f.deal().build());
    long before = f.marketHash();
    assertThat(settled(f.settle(PROVIDER, id)).settlements())
        .containsExactly(new DealSettlement(id, 0, false));
    assertThat(f.marketHash()).isEqualTo(before);
  }

  @Test
  void settlingAnActivatedDealBeforeItsStartSucceedsWithoutEffect() {
    Active d = active();
    long before = d.f.marketHash();
    assertThat(settled(d.f.settle(PROVIDER, d.id)).settlements())
        .containsExactly(new DealSettlement(d.id, 0, false));
    assertThat(d.f.marketHash()).isEqualTo(before);
  }

  // ------------------------------------------------------------------ expired deals

  /**
   * Settling a deal without a proposal fails with builtin-actors' {@code EX_DEAL_EXPIRED} whatever
   * the reason, even for an id never published, and changes nothing.
   */
  private static void expired(MarketFixture f, long id) {
    long before = f.marketHash();
    long provider = f.escrow(PROVIDER);
    var result = settled(f.settle(PROVIDER, id));
    assertThat(result.settlements()).isEmpty();
    assertThat(result.failures())
        .containsExactly(new SettlementFailure(id, MarketError.DealExpired));
    assertThat(f.marketHash()).isEqualTo(before);
    assertThat(f.escrow(PROVIDER)).isEqualTo(provider);
  }

  @Test
  void settlingAnIdNeverPublishedReportsItExpired() {
    MarketFixture f = MarketFixture.start().fundParties();
    expired(f, 0);
    expired(f, 12_345);
    expired(f, -1);
  }

  @Test
  void settlingADealThatMissedItsStartTimesItOutOnTheSpot() {
    MarketFixture f = MarketFixture.start(b -> b.cronInterval(0)).fundParties();
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    f.runTo(p.startBlock());
    long issuance = f.totalIssuance();
    var outcome = f.settle(PROVIDER, id);
    assertThat(outcome)
        .isSuccess()
        .emitted(
            MarketEvent.DealTimedOut.class,
            e -> e.equals(new MarketEvent.DealTimedOut(id, CLIENT, PROVIDER, 100_000)));
    var result = settled(outcome);
    assertThat(result.settlements()).isEmpty();
    assertThat(result.failures())
        .containsExactly(new SettlementFailure(id, MarketError.DealExpired));
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    assertThat(f.locked(CLIENT)).isZero();
    assertThat(f.escrow(CLIENT)).isEqualTo(FUNDS);
    assertThat(f.locked(PROVIDER)).isZero();
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS - 100_000);
    assertThat(f.totalIssuance()).isEqualTo(issuance - 100_000);
    expired(f, id);
    f.chain.nextBlock();
  }

  @Test
  void settlingATerminatedDealReportsItExpired() {
    Active d = active();
    d.f.runTo(d.p.startBlock() + 5);
    d.f.terminate(PROVIDER, 1L);
    expired(d.f, d.id);
  }

  @Test
  void settlingACompletedDealReportsItExpired() {
    Active d = active();
    d.f.runTo(d.p.endBlock());
    d.f.settleOk(d.id);
    expired(d.f, d.id);
  }

  @Test
  void resultsComeOnePerDealInIdOrder() {
    MarketFixture f = MarketFixture.start().fundParties();
    Active d = new Active(f);
    long pending = f.publish(f.deal().start(f.now() + 500).build());
    f.runTo(d.p.startBlock() + 2);
    var result = f.settleOk(99L, pending, d.id);
    assertThat(result.settlements())
        .containsExactly(
            new DealSettlement(d.id, 2_000, false), new DealSettlement(pending, 0, false));
    assertThat(result.failures())
        .containsExactly(new SettlementFailure(99, MarketError.DealExpired));
  }

  // ------------------------------------------------------------------ call-level failures

  @Test
  void anEmptyListFails() {
    MarketFixture f = MarketFixture.start();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER),
        new MarketCall.SettleDealPayments(List.empty()),
        MarketError.EmptyBatch);
  }

  @Test
  void aListOverTheBoundFails() {
    MarketFixture f = MarketFixture.start(b -> b.maxDealsPerSettlement(2));
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER),
        new MarketCall.SettleDealPayments(List.of(1L, 2L, 3L)),
        MarketError.BatchTooLarge);
  }

  @Test
  void missingIdsAreBadInput() {
    MarketFixture f = MarketFixture.start();
    assertBadInputWithoutEffect(
        f.chain, Origin.signed(PROVIDER), new MarketCall.SettleDealPayments(null));
    assertBadInputWithoutEffect(
        f.chain, Origin.signed(PROVIDER), new MarketCall.SettleDealPayments(List.of(1L, null)));
  }

  @Test
  void unsignedOriginsCannotSettle() {
    MarketFixture f = MarketFixture.start();
    assertFailsWithoutEffect(
        f.chain,
        Origin.none(),
        new MarketCall.SettleDealPayments(List.of(1L)),
        DispatchError.badOrigin());
  }

  @Test
  void manualSettlementDoesNotExistBeforeTheUpgrade() {
    MarketFixture f = MarketFixture.legacy();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER),
        new MarketCall.SettleDealPayments(List.of(0L)),
        MarketError.SettlementNotEnabled);
  }
}
