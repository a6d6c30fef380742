package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.actor;
import static dev.palletsim.market.BuiltinMarketHarness.sector;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.primitives.AccountId;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/activate_deal_failures.rs} (issue 20 point 5: unknown
 * ids are 17, cleaned-up or started deals 32), through {@code BatchActivateDeals} under {@link
 * MarketConfig#filecoin()}. The {@code SectorContentChanged} half of each test is not ported:
 * palletsim's provider activates the deals it pre-committed, and has no piece notification path.
 */
class BuiltinActivateDealFailuresTest {
  static final long START_EPOCH = 10;
  static final long END_EPOCH = START_EPOCH + 200 * EPOCHS_IN_DAY;
  static final long SECTOR_EXPIRY = END_EPOCH + 100;

  private static void assertActivationFailure(
      BuiltinMarketHarness h, long dealId, long sectorNumber, MarketError error, int exitCode) {
    var res = h.batchActivateDealsRaw(PROVIDER, sector(sectorNumber, SECTOR_EXPIRY, dealId));
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(exitCode);
    assertThat(res.get(0).getLeft()).isEqualTo(DispatchError.module(error));
  }

  @Test
  void rejectCallerNotProvider() {
    var h = setup();
    AccountId provider2 = actor(201);
    long id = h.generateAndPublishDeal(CLIENT, provider2, START_EPOCH, END_EPOCH).id();
    assertActivationFailure(h, id, 1, MarketError.NotDealProvider, 18);
    h.checkState();
  }

  @Test
  void rejectUnknownDeal() {
    var h = setup();
    assertActivationFailure(h, 1234, 1, MarketError.DealNotFound, 17);
    h.checkState();
  }

  @Test
  void rejectDealAlreadyActive() {
    var h = setup();
    long id = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH).id();
    long sno = 7;
    h.activateDeals(SECTOR_EXPIRY, PROVIDER, 0, sno, id);
    assertActivationFailure(h, id, sno, MarketError.DealAlreadyActivated, 16);
    h.checkState();
  }

  @Test
  void rejectProposalExpired() {
    var h = setup();
    var d = h.generateAndPublishDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH);
    h.setEpoch(END_EPOCH + 25);
    assertActivationFailure(h, d.id(), 1, MarketError.DealExpired, 32);

    // the same after the deal is cleaned up from state
    long issuance = h.totalIssuance();
    h.cronTick();
    assertThat(issuance - h.totalIssuance()).isEqualTo(d.proposal().providerCollateral());
    h.assertDealDeleted(d.id(), d.proposal(), 0, true);
    assertActivationFailure(h, d.id(), 1, MarketError.DealExpired, 32);
  }
}
