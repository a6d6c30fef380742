package dev.palletsim.frame.transactionpayment;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StorageValue;

/**
 * The storage of TransactionPayment. {@code NextFeeMultiplier} is upstream's item of that name; a
 * {@link Multiplier} is a record, so saved chains write it as its inner integer. Its default is 1:
 * a chain that never adjusts it stores nothing.
 */
public final class TransactionPaymentStorage {
  private TransactionPaymentStorage() {}

  private static final String P = Pallet.nameOf(TransactionPaymentPallet.class);

  /** The multiplier the weight fee of this block's extrinsics is multiplied by. */
  public static final StorageValue<Multiplier> NEXT_FEE_MULTIPLIER =
      StorageValue.withDefault(P, "NextFeeMultiplier", Multiplier.ONE);
}
