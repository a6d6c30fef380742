package dev.palletsim.agents.sales;

import io.vavr.collection.Vector;

/**
 * Seed 003's {@code SaleProving}: the deal is active; its sector is proven in every deadline by the
 * provider's Window PoSt (one proof covers all the sectors of a partition, so proving is the
 * agent's duty, not the sale's) and its payments are settled every {@code settle-every} blocks. The
 * deal's end block reached → {@link SalePayout}; the sector terminated and the deal with it (seed
 * 003's {@code SlotFreedError}) → {@link SaleFailed}.
 */
public record SaleProving() implements SaleState.WithDeal {
  @Override
  public SalePhase phase() {
    return SalePhase.ACTIVE;
  }

  @Override
  public String description() {
    return "activated: the sector is proven at every deadline and payments are settled"
        + " periodically";
  }

  @Override
  public void run(Vector<Sale> sales, SalesContext c) {
    toPayoutWhenEnded(sales, c);
  }

  /** Moves every sale whose deal reached its end block to {@link SalePayout}. */
  static void toPayoutWhenEnded(Vector<Sale> sales, SalesContext c) {
    for (Sale s : sales) {
      if (c.now() >= s.proposal().get().endBlock()) c.move(s, new SalePayout(), "");
    }
  }
}
