package dev.palletsim.agents.sales;

/**
 * Seed 003's {@code SaleFinished}: the deal ran its term and was paid in full. Its entry action is
 * the clean-up ({@link SaleState.Ended}): bytes and collateral back to the availability, the board
 * piece marked done.
 */
public record SaleFinished() implements SaleState.Ended {
  @Override
  public SalePhase phase() {
    return SalePhase.FINISHED;
  }

  @Override
  public String description() {
    return "completed and paid in full";
  }
}
