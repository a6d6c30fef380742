package dev.palletsim.frame.transactionpayment;

/** How the fee multiplier changes from block to block ({@code Config::FeeMultiplierUpdate}). */
public enum FeeMultiplierUpdate {
  /** It stays at its initial value ({@code ConstFeeMultiplier}). */
  Constant,
  /** It follows block fullness ({@link TargetedFeeAdjustment}). */
  Targeted
}
