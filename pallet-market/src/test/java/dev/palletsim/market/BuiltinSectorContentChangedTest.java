package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.NO_ALLOCATION_ID;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.block;
import static dev.palletsim.market.BuiltinMarketHarness.changes;
import static dev.palletsim.market.BuiltinMarketHarness.pieceInfoFromDeal;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.traits.DealIdPayload;
import dev.palletsim.frame.traits.Market;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/sector_content_changed.rs}: the market's side of
 * direct data onboarding, under {@link MarketConfig#filecoin()}. A piece names its deal in its
 * notification's payload ({@link DealIdPayload}, DAG-CBOR as builtin-actors writes it); each piece
 * is accepted or rejected on its own. {@code require_miner_caller} is not ported: the coupling is
 * called by the storage provider pallet only, with no caller to check. palletsim also reports why
 * each piece was rejected ({@link MarketEvent.PieceRejected}), which builtin-actors only logs.
 */
class BuiltinSectorContentChangedTest {
  static final long START_EPOCH = 10;
  static final long END_EPOCH = 200 * EPOCHS_IN_DAY;

  /** {@code create_deals}: funded deals from the client, ending a block apart. */
  private static DealProposal[] createDeals(BuiltinMarketHarness h, int count) {
    DealProposal[] deals = new DealProposal[count];
    for (int i = 0; i < count; i++) {
      deals[i] = h.createDeal(CLIENT, PROVIDER, START_EPOCH, END_EPOCH + i, false);
    }
    return deals;
  }

  /** {@code pieces_from_deals}. */
  private static Vector<Market.PieceChange> piecesFromDeals(
      Vector<Long> ids, DealProposal... deals) {
    Vector<Market.PieceChange> out = Vector.empty();
    for (int i = 0; i < ids.size(); i++) out = out.append(pieceInfoFromDeal(ids.get(i), deals[i]));
    return out;
  }

  private static Vector<Long> activatedIds(BuiltinMarketHarness h, Runnable action) {
    var before = h.chain.events().size();
    action.run();
    return h.chain
        .events()
        .drop(before)
        .map(r -> r.event())
        .filter(e -> e instanceof MarketEvent.DealActivated)
        .map(e -> ((MarketEvent.DealActivated) e).dealId());
  }

  @Test
  void emptyParams() {
    var h = setup();
    // empty params
    assertThat(h.sectorContentChanged(PROVIDER).sectors()).isEmpty();
    // a sector with no pieces
    var ret = h.sectorContentChanged(PROVIDER, changes(1, END_EPOCH));
    assertThat(ret.sectors()).containsExactly(Vector.empty());
    h.checkState();
  }

  @Test
  void simpleOneSector() {
    var h = setup();
    long epoch = h.setEpoch(START_EPOCH);
    DealProposal[] deals = createDeals(h, 3);
    deals[2] = BuiltinMarketHarness.withVerified(deals[2], true);
    Vector<Long> ids = h.publishDeals(deals[2].pieceSize(), 1, deals);
    assertThat(h.getPendingDealAllocation(ids.get(2))).isEqualTo(1);

    Vector<Market.PieceChange> pieces = piecesFromDeals(ids, deals).reverse();
    long sno = 7;
    Vector<Long> activated =
        activatedIds(
            h,
            () -> {
              var ret =
                  h.sectorContentChanged(
                      PROVIDER,
                      changes(sno, END_EPOCH + 10, pieces.toJavaArray(Market.PieceChange[]::new)));
              assertThat(ret.sectors()).hasSize(1);
              assertThat(ret.sectors().head()).containsExactly(true, true, true);
            });
    // deal-activated for each deal, in the pieces' order
    assertThat(activated).containsExactlyElementsOf(ids.reverse());

    // deal ids are stored under the sector, in order
    assertThat(h.sectorDealIds(PROVIDER, List.of(sno)).get()).isEqualTo(ids);
    for (long id : ids) {
      DealState s = h.getDealState(id);
      assertThat(s.sectorNumber()).isEqualTo(sno);
      assertThat(s.sectorStartBlock()).isEqualTo(block(epoch));
    }
    // the market lets go of the verified deal's allocation: the provider claims it
    assertThat(h.getPendingDealAllocation(ids.get(2))).isEqualTo(NO_ALLOCATION_ID);
    h.checkState();
  }

  @Test
  void simpleMultipleSectors() {
    var h = setup();
    DealProposal[] deals = createDeals(h, 3);
    Vector<Long> ids = h.publishDeals(deals);
    Vector<Market.PieceChange> pieces = piecesFromDeals(ids, deals);

    Vector<Long> activated =
        activatedIds(
            h,
            () -> {
              var ret =
                  h.sectorContentChanged(
                      PROVIDER,
                      changes(1, END_EPOCH + 10, pieces.get(0)),
                      // the same sector named twice is fine
                      changes(1, END_EPOCH + 10, pieces.get(1)),
                      changes(2, END_EPOCH + 10, pieces.get(2)));
              assertThat(ret.sectors())
                  .containsExactly(Vector.of(true), Vector.of(true), Vector.of(true));
            });
    assertThat(activated).containsExactlyElementsOf(ids);
    assertThat(h.sectorDealIds(PROVIDER, List.of(1L)).get()).isEqualTo(ids.take(2));
    assertThat(h.sectorDealIds(PROVIDER, List.of(2L)).get()).isEqualTo(ids.drop(2));
    h.checkState();
  }

  @Test
  void newDealExistingSector() {
    var h = setup();
    DealProposal[] deals = createDeals(h, 3);
    Vector<Long> ids = h.publishDeals(deals);
    Vector<Market.PieceChange> pieces = piecesFromDeals(ids, deals);

    h.sectorContentChanged(PROVIDER, changes(1, END_EPOCH + 10, pieces.get(1), pieces.get(2)));
    h.sectorContentChanged(PROVIDER, changes(1, END_EPOCH + 10, pieces.get(0)));

    // all deal ids are stored under the sector, in order
    assertThat(h.sectorDealIds(PROVIDER, List.of(1L)).get()).isEqualTo(ids);
    h.checkState();
  }

  @Test
  void pieceMustMatchDeal() {
    var h = setup();
    DealProposal[] deals = createDeals(h, 2);
    Vector<Long> ids = h.publishDeals(deals);
    Vector<Market.PieceChange> pieces = piecesFromDeals(ids, deals);
    // wrong CID
    Market.PieceChange wrongCid =
        new Market.PieceChange(
            Commitments.piece("1234"), pieces.get(0).size(), pieces.get(0).payload());
    // wrong size
    Market.PieceChange wrongSize =
        new Market.PieceChange(pieces.get(1).data(), 1234, pieces.get(1).payload());
    // the deal doesn't exist
    Market.PieceChange noDeal =
        new Market.PieceChange(Commitments.piece("1234"), 1234, DealIdPayload.encode(1234));

    var outcome =
        h.dispatch(
            PROVIDER,
            new ProviderHarness.ContentChanged(
                List.of(changes(1, END_EPOCH + 10, wrongCid, wrongSize, noDeal))));
    var ret = outcome.eventsOf(ProviderHarness.ContentAnswered.class).single().answer();
    assertThat(ret.sectors()).containsExactly(Vector.of(false, false, false));
    assertThat(outcome.eventsOf(MarketEvent.PieceRejected.class).map(e -> e.error()))
        .containsExactly(
            DispatchError.module(MarketError.PieceMismatch),
            DispatchError.module(MarketError.PieceMismatch),
            DispatchError.module(MarketError.DealNotFound));
    h.checkState();
  }

  @Test
  void invalidDealIdRejected() {
    var h = setup();
    DealProposal[] deals = createDeals(h, 1);
    Vector<Long> ids = h.publishDeals(deals);
    Market.PieceChange piece = pieceInfoFromDeal(ids.get(0), deals[0]);
    // append a byte to the deal id
    Market.PieceChange broken =
        new Market.PieceChange(piece.data(), piece.size(), piece.payload().append((byte) 123));

    var outcome =
        h.dispatch(
            PROVIDER,
            new ProviderHarness.ContentChanged(List.of(changes(1, END_EPOCH + 10, broken))));
    var ret = outcome.eventsOf(ProviderHarness.ContentAnswered.class).single().answer();
    assertThat(ret.sectors()).containsExactly(Vector.of(false));
    assertThat(outcome.eventsOf(MarketEvent.PieceRejected.class).single().error())
        .isEqualTo(DispatchError.module(MarketError.InvalidDealPayload));
    h.checkState();
  }

  @Test
  void failuresIsolated() {
    var h = setup();
    DealProposal[] deals = createDeals(h, 4);
    Vector<Long> ids = h.publishDeals(deals);
    Vector<Market.PieceChange> pieces = piecesFromDeals(ids, deals);
    // break the second and third pieces
    Market.PieceChange second =
        new Market.PieceChange(pieces.get(1).data(), 1234, pieces.get(1).payload());
    Market.PieceChange third =
        new Market.PieceChange(pieces.get(2).data(), 1234, pieces.get(2).payload());

    Vector<Long> activated =
        activatedIds(
            h,
            () -> {
              var ret =
                  h.sectorContentChanged(
                      PROVIDER,
                      changes(1, END_EPOCH + 10, pieces.get(0), second),
                      changes(2, END_EPOCH + 10, third),
                      changes(3, END_EPOCH + 10, pieces.get(3)));
              // a broken second piece still lets the first piece of the same sector activate
              assertThat(ret.sectors())
                  .containsExactly(Vector.of(true, false), Vector.of(false), Vector.of(true));
            });
    // only the first and last pieces emit an event
    assertThat(activated).containsExactly(ids.get(0), ids.get(3));
    assertThat(h.sectorDealIds(PROVIDER, List.of(1L)).get()).containsExactly(ids.get(0));
    assertThat(h.sectorDealIds(PROVIDER, List.of(2L))).isEmpty();
    assertThat(h.sectorDealIds(PROVIDER, List.of(3L)).get()).containsExactly(ids.get(3));
    h.checkState();
  }

  @Test
  void rejectsDuplicatesInSameSector() {
    var h = setup();
    DealProposal[] deals = createDeals(h, 2);
    Vector<Long> ids = h.publishDeals(deals);
    Vector<Market.PieceChange> pieces = piecesFromDeals(ids, deals);

    Vector<Long> activated =
        activatedIds(
            h,
            () -> {
              // the same deal twice in one sector change
              var ret =
                  h.sectorContentChanged(
                      PROVIDER,
                      changes(1, END_EPOCH + 10, pieces.get(0), pieces.get(0), pieces.get(1)));
              // the first piece succeeds just once, the second piece succeeds too
              assertThat(ret.sectors()).containsExactly(Vector.of(true, false, true));
            });
    assertThat(activated).containsExactlyElementsOf(ids);
    assertThat(h.sectorDealIds(PROVIDER, List.of(1L)).get()).isEqualTo(ids);
    assertThat(h.sectorDealIds(PROVIDER, List.of(2L))).isEmpty();
    h.checkState();
  }

  @Test
  void rejectsDuplicatesAcrossSectors() {
    var h = setup();
    DealProposal[] deals = createDeals(h, 3);
    Vector<Long> ids = h.publishDeals(deals);
    Vector<Market.PieceChange> pieces = piecesFromDeals(ids, deals);

    Vector<Long> activated =
        activatedIds(
            h,
            () -> {
              var ret =
                  h.sectorContentChanged(
                      PROVIDER,
                      changes(1, END_EPOCH + 10, pieces.get(0)),
                      // the same piece again, in the same sector, and a new piece
                      changes(1, END_EPOCH + 10, pieces.get(0), pieces.get(1)),
                      // the same deal in another sector, the second again, and a new one
                      changes(2, END_EPOCH + 10, pieces.get(0), pieces.get(1), pieces.get(2)));
              assertThat(ret.sectors())
                  .containsExactly(
                      Vector.of(true), Vector.of(false, true), Vector.of(false, false, true));
            });
    assertThat(activated).containsExactlyElementsOf(ids);
    assertThat(h.sectorDealIds(PROVIDER, List.of(1L)).get()).isEqualTo(ids.take(2));
    assertThat(h.sectorDealIds(PROVIDER, List.of(2L)).get()).isEqualTo(ids.drop(2));
    h.checkState();
  }
}
