package dev.palletsim.agents.sales;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.StorageRequest;
import io.vavr.control.Option;

/**
 * Seed 003's {@code SalePreparing}: find an availability matching the piece's size, duration,
 * price, collateral and end (nim-codex {@code findAvailability}). Matched → {@link
 * SaleSlotReserving}; none matches → {@link SaleIgnored}, the item put back in the queue as seen
 * while the piece is still offered (seed 003's {@code reprocessSlot}); a deal that would outlive
 * the longest sector → {@link SaleIgnored}.
 *
 * <p>Departure: the reservation is made once the piece is taken ({@link SaleSlotReserving}), not
 * here, so that a race lost to another provider never hands bytes back, which would resume the
 * queue and clear its seen flags for nothing.
 */
public record SalePreparing() implements SaleState.BeforeDeal {
  @Override
  public SalePhase phase() {
    return SalePhase.PREPARING;
  }

  @Override
  public String description() {
    return "an opportunity from the queue: looking for an availability that fits it";
  }

  @Override
  public void enter(Sale sale, SalesContext c) {
    Sales m = c.sales();
    StorageRequest r = sale.request().get();
    long maxLife = m.sp().config().maxSectorExpiration();
    if (DealBoard.saturatingAdd(m.startDelay(), r.duration()) > maxLife) {
      c.move(sale, new SaleIgnored(), "longer than a sector may live");
      return;
    }
    long end = c.now() + m.terms().transferBlocks() + m.startDelay() + r.duration();
    Option<Reservations.Availability> a =
        m.reservations()
            .find(r.pieceSize(), r.duration(), r.pricePerBlock(), r.providerCollateral(), end);
    if (a.isEmpty()) {
      c.move(sale, new SaleIgnored(), "no availability");
      if (m.board().isOpen(sale.piece().get(), c.now())) {
        m.queue().requeueSeen(OpportunityQueue.Item.of(r, sale.piece().get().index()));
      }
      return;
    }
    sale.availability(a.get().id());
    c.move(sale, new SaleSlotReserving(), "");
  }
}
