package dev.palletsim.agents.sales;

import dev.palletsim.agents.board.DealBoard.StorageRequest;

/**
 * Seed 003's {@code SaleSlotReserving}: take the piece on the deal board, which no other provider
 * may then publish (Codex's {@code reserveSlot}), and reserve its bytes and provider collateral on
 * the matched availability. Taken → {@link SaleDownloading}, the transfer starting; the piece no
 * longer offered (another provider took it, or its request was withdrawn or expired: seed 003's
 * cancellation before anything is reserved) → {@link SaleIgnored}.
 */
public record SaleSlotReserving() implements SaleState.BeforeDeal {
  @Override
  public SalePhase phase() {
    return SalePhase.PREPARING;
  }

  @Override
  public String description() {
    return "an availability matched: taking the piece on the board and reserving bytes and"
        + " collateral";
  }

  @Override
  public void enter(Sale sale, SalesContext c) {
    Sales m = c.sales();
    StorageRequest r = sale.request().get();
    if (!m.board().take(sale.piece().get(), m.me(), c.now())) {
      c.move(sale, new SaleIgnored(), "piece no longer offered");
      return;
    }
    m.reservations().reserve(sale.id(), sale.availability(), r.pieceSize(), r.providerCollateral());
    sale.availability(-1);
    sale.readyAt(c.now() + m.terms().transferBlocks());
    c.move(sale, new SaleDownloading(), "");
  }
}
