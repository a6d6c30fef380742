package dev.palletsim.agents.sales;

import static dev.palletsim.agents.sales.SalesContext.describe;
import static dev.palletsim.agents.sales.SalesContext.exhausted;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceRef;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.board.DealBoard.StorageRequest;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketError;
import dev.palletsim.market.MarketEvent;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.EnumSet;
import java.util.Set;

/**
 * Seed 003's {@code SaleDownloading}: the piece arrives over {@code transfer-blocks} blocks; then
 * its deal is fixed on chain, as a Filecoin provider publishes a deal once its data is in: the
 * proposal (its end block the data's expiry), the client's signature, escrow topped up for the
 * provider collateral, {@code publish_storage_deals}. Published → {@link SaleInitialProving}; the
 * request withdrawn or expired when the piece arrives (seed 003's cancellation timer) or the
 * client's refusal past its expiry → {@link SaleCancelled}; the market refusing the client's side
 * (seed 003's {@code RequestFailed}) → {@link SaleFailed}, the piece dropped on the board; any
 * other failure → {@link SaleErrored}. A block without room for the call retries in the next.
 */
public record SaleDownloading() implements SaleState.BeforeDeal {
  /** Market errors that mean the client's side of a deal is wrong: the piece is dropped. */
  static final Set<MarketError> CLIENT_SIDE =
      EnumSet.of(
          MarketError.InsufficientClientFunds,
          MarketError.InvalidClientSignature,
          MarketError.InvalidLabel,
          MarketError.LabelTooLong,
          MarketError.InvalidPieceSize,
          MarketError.InvalidPieceCid,
          MarketError.UndefinedPieceCid,
          MarketError.DealEndNotAfterStart,
          MarketError.DurationOutOfBounds,
          MarketError.PriceOutOfBounds,
          MarketError.ProviderCollateralOutOfBounds,
          MarketError.ClientCollateralOutOfBounds,
          MarketError.ClientNotVerified,
          MarketError.DuplicateProposal,
          MarketError.NoValidDeals);

  @Override
  public SalePhase phase() {
    return SalePhase.PUBLISHING;
  }

  @Override
  public String description() {
    return "receiving the piece, then asking the client's signature and publishing the deal";
  }

  @Override
  public void run(Vector<Sale> sales, SalesContext c) {
    for (Sale s : sales) {
      if (c.now() >= s.readyAt()) publish(s, c);
    }
  }

  private static void publish(Sale s, SalesContext c) {
    long now = c.now();
    Sales m = c.sales();
    DealBoard board = m.board();
    PieceRef ref = s.piece().get();
    StorageRequest r = s.request().get();
    DealBoard.Piece piece = board.piece(ref).get();
    if (piece.state() != PieceState.TAKEN || !piece.provider().contains(m.me())) {
      c.move(s, new SaleCancelled(), "request withdrawn");
      return;
    }
    if (now >= r.expiry()) {
      c.move(s, new SaleCancelled(), "request expired");
      return;
    }
    long start = now + m.startDelay();
    DealProposal proposal =
        new DealProposal(
            r.pieceCid(ref.index()),
            r.pieceSize(),
            false,
            r.clientAccount(),
            m.me(),
            ref.label(),
            start,
            start + r.duration(),
            r.pricePerBlock(),
            r.providerCollateral(),
            r.clientCollateral());
    s.proposal(proposal);
    long available = m.market().availableBalance(c.view(), m.me());
    if (available < proposal.providerCollateral()) {
      long add =
          DealBoard.saturatingAdd(
              proposal.providerCollateral() - available, m.terms().escrowBuffer());
      DispatchOutcome top = c.submit(new MarketCall.AddBalance(add));
      if (exhausted(top)) return;
      if (!top.isSuccess()) {
        c.move(s, new SaleErrored(), "escrow top-up failed: " + describe(top));
        return;
      }
      c.add("sp.escrow_added_planck", add);
    }
    DealBoard.Signing signing = board.requestSignature(ref, m.me(), proposal, now);
    if (signing instanceof DealBoard.Signing.Refused refused) {
      c.count("sp.signature_refused");
      SaleState to = refused.reason().contains("expired") ? new SaleCancelled() : new SaleErrored();
      c.move(s, to, "client refused: " + refused.reason());
      return;
    }
    ClientDealProposal signed = ((DealBoard.Signing.Signed) signing).deal();
    DispatchOutcome out = c.submit(new MarketCall.PublishStorageDeals(List.of(signed)));
    if (exhausted(out)) return;
    if (!out.isSuccess()) {
      Option<MarketError> err = marketError(out);
      if (err.isDefined() && CLIENT_SIDE.contains(err.get())) {
        board.drop(ref, m.me(), describe(out), now);
        c.count("sales.failed.market-refused");
        c.move(s, new SaleFailed(), "market refused: " + describe(out));
      } else {
        c.move(s, new SaleErrored(), "publish failed: " + describe(out));
      }
      return;
    }
    long dealId = out.eventsOf(MarketEvent.DealPublished.class).head().dealId();
    m.published(s, dealId);
    board.published(ref, m.me(), dealId, now);
    c.count("deals.published");
    c.move(s, new SaleInitialProving(), "");
  }

  private static Option<MarketError> marketError(DispatchOutcome out) {
    if (out.error().isEmpty() || !(out.error().get() instanceof DispatchError.Module m)) {
      return Option.none();
    }
    return m.error() instanceof MarketError me ? Option.some(me) : Option.none();
  }
}
