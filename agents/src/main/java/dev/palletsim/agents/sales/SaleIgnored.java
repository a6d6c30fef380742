package dev.palletsim.agents.sales;

/**
 * Seed 003's {@code SaleIgnored}: an opportunity not taken, because no availability fits it (the
 * item went back to the queue as seen), the deal would outlive the longest sector, or the piece is
 * no longer offered (another provider took it, or its request was withdrawn or expired). Nothing
 * was reserved, so its clean-up ({@link SaleState.Ended}) has nothing to return.
 */
public record SaleIgnored() implements SaleState.Ended {
  @Override
  public SalePhase phase() {
    return SalePhase.IGNORED;
  }

  @Override
  public String description() {
    return "an opportunity not taken: no availability fits it or the piece is no longer offered";
  }
}
