package dev.palletsim.agents.sales;

/**
 * What the chain tells a sale whose deal is on chain (seed 003's marketplace subscriptions: the
 * agent reads the market's events and state each block and hands each sale what concerns it).
 */
public sealed interface SaleEvent {
  /** The deal was activated in its sector (seed 003's {@code SlotFilled}). */
  record DealActivated() implements SaleEvent {}

  /**
   * The market no longer holds the deal (seed 003's request finished or {@code RequestFailed}).
   *
   * @param how {@code completed}, {@code deal timed out} or {@code sector terminated}
   * @param slashed planck of the provider collateral the market slashed
   */
  record DealEnded(String how, long slashed) implements SaleEvent {
    /** The deal ran its term. */
    public static final String COMPLETED = "completed";

    /** Whether the deal ran its term (rather than ending against the provider). */
    public boolean completed() {
      return how.equals(COMPLETED);
    }
  }
}
