package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.actor;
import static dev.palletsim.market.BuiltinMarketHarness.changes;
import static dev.palletsim.market.BuiltinMarketHarness.generateDealProposal;
import static dev.palletsim.market.BuiltinMarketHarness.pieceInfoFromDeal;
import static dev.palletsim.market.BuiltinMarketHarness.sector;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/activate_deal_failures.rs} (issue 20 point 5: unknown
 * ids are 17, cleaned-up or started deals 32), through {@code BatchActivateDeals} under {@link
 * MarketConfig#filecoin()}, both halves: a deal that cannot be activated through {@code
 * BatchActivateDeals} fails its sector with the code builtin-actors gives, and its piece is
 * rejected by {@code SectorContentChanged}, with the same reason.
 */
class BuiltinActivateDealFailuresTest {
  static final long START_EPOCH = 10;
  static final long END_EPOCH = START_EPOCH + 200 * EPOCHS_IN_DAY;
  static final long SECTOR_EXPIRY = END_EPOCH + 100;

  /**
   * A deal cannot be activated through {@code BatchActivateDeals} nor {@code SectorContentChanged}.
   */
  private static void assertActivationFailure(
      BuiltinMarketHarness h,
      long dealId,
      DealProposal deal,
      long sectorNumber,
      MarketError error,
      int exitCode) {
    var res = h.batchActivateDealsRaw(PROVIDER, sector(sectorNumber, SECTOR_EXPIRY, dealId));
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(exitCode);
    assertThat(res.get(0).getLeft()).isEqualTo(DispatchError.module(error));

    var outcome =
        h.dispatch(
            PROVIDER,
            new ProviderHarness.ContentChanged(
                List.of(changes(1, SECTOR_EXPIRY, pieceInfoFromDeal(dealId, deal)))));
    assertThat(outcome.isSuccess()).isTrue();
    var answer = outcome.eventsOf(ProviderHarness.ContentAnswered.class).single().answer();
    assertThat(answer.sectors()).containsExactly(Vector.of(false));
    assertThat(outcome.eventsOf(MarketEvent.PieceRejected.class))
        .containsExactly(
            new MarketEvent.PieceRejected(PROVIDER, 1, 0, DispatchError.module(error)));
  }

  @Test
  void rejectCallerNotProvider() {
    var h = setup();
    AccountId provider2 = actor(201);
    var d = h.generateAndPublishDeal(CLIENT, provider2, START_EPOCH, END_EPOCH);
    assertActivationFailure(h, d.id(), d.proposal(), 1, MarketError.NotDealProvider, 18);
    h.checkState();
  }

  @Test
  void rejectUnknownDeal() {
    var h = setup();
    DealProposal deal = generateDealProposal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    assertActivationFailure(h, 1234, deal, 1, MarketError.DealNotFound, 17);
    h.checkState();
  }

  @Test
  void rejectDealAlreadyActive() {
    var h = setup();
    var d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    long sno = 7;
    h.activateDeals(SECTOR_EXPIRY, PROVIDER, 0, sno, d.id());
    assertActivationFailure(h, d.id(), d.proposal(), sno, MarketError.DealAlreadyActivated, 16);
    h.checkState();
  }

  @Test
  void rejectProposalExpired() {
    var h = setup();
    var d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    h.setEpoch(END_EPOCH + 25);
    assertActivationFailure(h, d.id(), d.proposal(), 1, MarketError.DealExpired, 32);

    // the same after the deal is cleaned up from state
    long issuance = h.totalIssuance();
    h.cronTick();
    assertThat(issuance - h.totalIssuance()).isEqualTo(d.proposal().providerCollateral());
    h.assertDealDeleted(d.id(), d.proposal(), 0, true);
    assertActivationFailure(h, d.id(), d.proposal(), 1, MarketError.DealExpired, 32);
  }
}
