package dev.palletsim.agents.sales;

/**
 * Seed 003's {@code SaleErrored}: one of the provider's own extrinsics failed unexpectedly (escrow
 * top-up, publication, pre-commit, prove-commit) or the client refused to sign. Its entry action is
 * the clean-up ({@link SaleState.Ended}); the piece is not taken again by this provider. A deal
 * already published stays on chain, where the market times it out; its collateral goes back to the
 * budget at once (the later slash is not tracked) and a restarted provider would adopt it again.
 */
public record SaleErrored() implements SaleState.Ended {
  @Override
  public SalePhase phase() {
    return SalePhase.ERRORED;
  }

  @Override
  public String description() {
    return "an extrinsic failed unexpectedly; the sale was abandoned";
  }

  @Override
  public boolean givesUpPiece() {
    return true;
  }
}
