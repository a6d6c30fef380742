package dev.palletsim.frame.transactionpayment;

/**
 * Where a fee or a tip goes once paid (the runtime's {@code OnUnbalanced} handler of
 * pallet-transaction-payment's {@code FungibleAdapter}).
 */
public enum FeeDestination {
  /** Destroyed: the total issuance falls by it. */
  Burn,
  /**
   * Moved to the pot account, cumulus' {@code ToStakingPot} / {@code DealWithFees} of the system
   * parachains: collator selection pays each block's author half of the pot's excess.
   */
  Pot,
  /** Moved to the block's author ({@code ToAuthor}); burnt when the block has no author. */
  Author
}
