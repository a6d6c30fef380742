package dev.palletsim.agents.sales;

/**
 * Seed 003's {@code SalePayout}: the deal reached its end block; its final settlement pays the rest
 * and completes it: the provider's own {@code settle_deal_payments} under FIP-0074, the market's
 * cron under the legacy regime. Completed → {@link SaleFinished} (its collateral back to the
 * availability); ended against the provider → {@link SaleFailed}.
 */
public record SalePayout() implements SaleState.WithDeal {
  @Override
  public SalePhase phase() {
    return SalePhase.SETTLING;
  }

  @Override
  public String description() {
    return "the deal ended: its final settlement completes it";
  }
}
