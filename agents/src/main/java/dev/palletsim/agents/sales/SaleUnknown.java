package dev.palletsim.agents.sales;

import dev.palletsim.market.DealState;
import io.vavr.control.Option;

/**
 * Seed 003's {@code SaleUnknown}: the restart entry. A provider that lost its memory finds each of
 * its deals on chain ({@link Sales#resume}, its bytes and collateral reserved again) and this
 * state's entry action reads which state the deal is in and jumps there: activated and ended →
 * {@link SalePayout}; activated → {@link SaleFilled}; in a pre-commit → {@link SaleFilling};
 * published only → {@link SaleInitialProving}.
 */
public record SaleUnknown() implements SaleState {
  @Override
  public SalePhase phase() {
    return SalePhase.UNKNOWN;
  }

  @Override
  public String description() {
    return "a restarted provider found the deal on chain and reads which state it is in";
  }

  @Override
  public void enter(Sale sale, SalesContext c) {
    Option<DealState> st = c.sales().market().dealState(c.view(), sale.dealId());
    if (st.isDefined()) {
      sale.activated(true);
      sale.sector(st.get().sectorNumber());
      boolean ended = c.now() >= sale.proposal().get().endBlock();
      c.move(sale, ended ? new SalePayout() : new SaleFilled(), "");
    } else if (sale.sector() >= 0) {
      c.move(sale, new SaleFilling(), "");
    } else {
      c.move(sale, new SaleInitialProving(), "");
    }
  }
}
