package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.market.MarketFixture.signed;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.DealIdPayload;
import dev.palletsim.frame.traits.Market;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Verified deals in the market (issue 12 point 4): DataCap spent at publication on an allocation
 * the deal holds until it is activated (the provider then claims it) or removed; a verified deal
 * that times out drops its allocation, removing the expired allocation and returning its DataCap to
 * the client when {@link MarketConfig#dropAllocationOnTimeout()} says so.
 */
class VerifiedDealsTest {
  private static final long PIECE = 2 * Units.KIB;

  private static MarketFixture withDataCap(boolean dropOnTimeout) {
    return MarketFixture.start(b -> b.dropAllocationOnTimeout(dropOnTimeout))
        .fundParties()
        .dataCap(CLIENT, 4 * PIECE);
  }

  @Test
  void aVerifiedDealHoldsItsAllocationUntilActivatedWhenTheMarketHandsItToTheProvider() {
    MarketFixture f = withDataCap(true);
    long id = f.publish(f.deal().verified(true).build());
    long allocation = f.pendingAllocation(id).get();
    var outcome =
        f.dispatch(
            PROVIDER,
            new ProviderHarness.BatchActivate(List.of(MarketFixture.sector(1, 1_000_000, id))));
    assertThat(outcome).isSuccess();
    var info =
        outcome.eventsOf(ProviderHarness.BatchActivated.class).single().results().get(0).get();
    assertThat(info.activated().single().allocationId()).isEqualTo(allocation);
    assertThat(f.pendingAllocation(id)).isEmpty();
    f.chain.nextBlock();
  }

  @Test
  void aTimedOutVerifiedDealDropsItsAllocationAndTheClientGetsItsDataCapBack() {
    MarketFixture f = withDataCap(true);
    DealProposal p = f.deal().verified(true).build();
    long id = f.publish(p);
    long allocation = f.pendingAllocation(id).get();
    assertThat(f.dataCap(CLIENT)).isEqualTo(3 * PIECE);
    f.runTo(f.config.firstUpdateBlock(id, p.startBlock()) + 1);
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.pendingAllocation(id)).isEmpty();
    assertThat(FakeVerifiedRegistry.allocations(f.chain.world()).map(a -> a._1))
        .doesNotContain(allocation);
    assertThat(f.dataCap(CLIENT)).isEqualTo(4 * PIECE);
  }

  @Test
  void underBuiltinActorsRulesTheExpiredAllocationIsLeftForRemoval() {
    MarketFixture f = withDataCap(false);
    DealProposal p = f.deal().verified(true).build();
    long id = f.publish(p);
    long allocation = f.pendingAllocation(id).get();
    f.runTo(f.config.firstUpdateBlock(id, p.startBlock()) + 1);
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.pendingAllocation(id)).isEmpty();
    assertThat(FakeVerifiedRegistry.allocations(f.chain.world()).map(a -> a._1))
        .contains(allocation);
    assertThat(f.dataCap(CLIENT)).isEqualTo(3 * PIECE);
  }

  @Test
  void aVerifiedDealTimedOutBySettlementDropsItsAllocationToo() {
    MarketFixture f = withDataCap(true);
    DealProposal p = f.deal().verified(true).build();
    long id = f.publish(p);
    f.runTo(p.startBlock());
    f.settle(PROVIDER, id);
    assertThat(f.proposal(id)).isEmpty();
    assertThat(f.pendingAllocation(id)).isEmpty();
    assertThat(f.dataCap(CLIENT)).isEqualTo(4 * PIECE);
    f.chain.nextBlock();
  }

  @Test
  void aPieceNotificationActivatesItsDealAndTakesTheAllocation() {
    MarketFixture f = withDataCap(true);
    DealProposal p = f.deal().verified(true).build();
    long id = f.publish(p);
    var outcome =
        f.dispatch(
            PROVIDER,
            new ProviderHarness.ContentChanged(
                List.of(
                    new Market.SectorChanges(
                        3,
                        p.endBlock(),
                        List.of(
                            new Market.PieceChange(
                                p.pieceCid(), p.pieceSize(), DealIdPayload.encode(id)))))));
    assertThat(outcome).isSuccess();
    assertThat(outcome.eventsOf(MarketEvent.class))
        .containsExactly(new MarketEvent.DealActivated(id, CLIENT, PROVIDER, 3));
    assertThat(outcome.eventsOf(ProviderHarness.ContentAnswered.class).single().answer().sectors())
        .containsExactly(Vector.of(true));
    assertThat(f.pendingAllocation(id)).isEmpty();
    assertThat(f.state(id).get().sectorNumber()).isEqualTo(3);
    f.chain.nextBlock();
  }

  @Test
  void aPieceNotifiedForASectorEndingBeforeItsDealIsRejected() {
    MarketFixture f = withDataCap(true);
    DealProposal p = f.deal().build();
    long id = f.publish(p);
    var outcome =
        f.dispatch(
            PROVIDER,
            new ProviderHarness.ContentChanged(
                List.of(
                    new Market.SectorChanges(
                        3,
                        p.endBlock() - 1,
                        List.of(
                            new Market.PieceChange(
                                p.pieceCid(), p.pieceSize(), DealIdPayload.encode(id)))))));
    assertThat(outcome).isSuccess();
    assertThat(outcome.eventsOf(MarketEvent.class))
        .containsExactly(
            new MarketEvent.PieceRejected(
                PROVIDER, 3, 0, DispatchError.module(MarketError.DealEndsAfterSectorExpiry)));
    assertThat(f.state(id)).isEmpty();
  }

  @Test
  void malformedNotificationsAreBadInputAndChangeNothing() {
    MarketFixture f = withDataCap(true);
    Origin provider = Origin.signed(PROVIDER);
    assertBadInputWithoutEffect(f.chain, provider, new ProviderHarness.ContentChanged(null));
    assertBadInputWithoutEffect(
        f.chain,
        provider,
        new ProviderHarness.ContentChanged(List.of(new Market.SectorChanges(1, 10, null))));
    assertBadInputWithoutEffect(
        f.chain,
        provider,
        new ProviderHarness.ContentChanged(
            List.of(
                new Market.SectorChanges(
                    1, 10, List.of(new Market.PieceChange(f.newPiece(), 128, null))))));
  }

  @Test
  void theMarketsInvariantCatchesAVerifiedDealWithoutItsAllocation() {
    MarketFixture f = withDataCap(true);
    long id = f.publish(f.deal().verified(true).build());
    var w = f.chain.world();
    Tx tx = Tx.begin(w, BlockContext.genesis(H256.ZERO), new WeightMeter());
    MarketStorage.PENDING_DEAL_ALLOCATIONS.remove(tx, id);
    var bad = tx.commit();
    var invariant =
        f.market.invariants().find(i -> i.name().startsWith("Market: lock totals")).get();
    assertThat(invariant.check(bad)).isNotEmpty();
    assertThat(invariant.check(w)).isEmpty();
  }

  @Test
  void aClientWithoutDataCapCannotPublishAVerifiedDeal() {
    MarketFixture f = MarketFixture.start().fundParties();
    assertThat(
            f.dispatch(
                PROVIDER, MarketFixture.publishCall(signed(f.deal().verified(true).build()))))
        .failedWith(MarketError.InsufficientDataCap);
  }
}
