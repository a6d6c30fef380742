package dev.palletsim.agents.sales;

/**
 * Seed 003's {@code SaleCancelled}: the client withdrew the request, or it expired, before the deal
 * was published. Its entry action is the clean-up ({@link SaleState.Ended}): the reservation
 * released in full, the board piece handed back, and the piece not taken again by this provider.
 */
public record SaleCancelled() implements SaleState.Ended {
  @Override
  public SalePhase phase() {
    return SalePhase.CANCELLED;
  }

  @Override
  public String description() {
    return "the client withdrew the request, or it expired, before the deal was published";
  }

  @Override
  public boolean givesUpPiece() {
    return true;
  }
}
