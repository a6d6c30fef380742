package dev.palletsim.agents.sales;

/**
 * Seed 003's {@code SaleFailed}: the market refused the deal for the client's side, or ended it
 * against the provider (timed out before activation, or its sector terminated), counted {@code
 * sales.failed.<reason>}. Its entry action is the clean-up ({@link SaleState.Ended}) with the
 * collateral the market slashed gone from the availability's budget.
 *
 * <p>Departure: seed 003's {@code SaleFailed} frees the slot on the market and moves on to {@code
 * SaleErrored}. Here the market has already ended the deal (there is nothing left to free), so the
 * sale ends in this state, and failures (the chain's verdict) and errors (the provider's own calls
 * failing) are counted apart.
 */
public record SaleFailed() implements SaleState.Ended {
  @Override
  public SalePhase phase() {
    return SalePhase.FAILED;
  }

  @Override
  public String description() {
    return "the market ended the deal against the provider (timed out, sector terminated) or"
        + " refused it";
  }
}
