package dev.palletsim.frame.traits;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.executive.DispatchInfo;
import dev.palletsim.frame.primitives.AccountId;

/**
 * How the executive charges a signed extrinsic (pallet-transaction-payment's {@code
 * ChargeTransactionPayment} extension with its {@code OnChargeTransaction}), implemented by {@code
 * TransactionPaymentPallet}. A runtime without an implementation charges nothing. The executive
 * calls {@link #withdrawFee} after the block weight check and before the call runs; a failure there
 * refuses the extrinsic (nothing runs, nothing changes). After the call, successful or not, it
 * calls {@link #correctAndDepositFee} with the weight the call used, in the same transaction as the
 * withdrawal, so the fee stays paid when the call's own effects are reverted.
 */
public interface ChargeTransactionPayment {
  /**
   * What was withdrawn before dispatch, handed back after it (upstream's {@code Pre}).
   *
   * @param who the payer
   * @param fee everything withdrawn, tip included
   * @param tip the tip
   * @param length the extrinsic's encoded length in bytes
   * @param info the declared weight the fee was priced on
   */
  record Withdrawn(AccountId who, long fee, long tip, long length, DispatchInfo info) {}

  /**
   * Prices the extrinsic {@code call} signed by {@code who} with {@code tip} on its declared weight
   * {@code info} and withdraws the fee. Fails (through {@code DispatchException}) with {@code
   * DispatchError.Invalid(Payment)} if {@code who} cannot pay and stay alive.
   */
  Withdrawn withdrawFee(Tx tx, AccountId who, Call<?> call, DispatchInfo info, long tip);

  /**
   * Prices the extrinsic again on {@code actualWeight} (at most its declared weight: the unused
   * part is refunded), refunds the difference to the payer, hands fee and tip to where the runtime
   * sends them and records the payment; returns the fee actually paid, tip included.
   */
  long correctAndDepositFee(Tx tx, Withdrawn withdrawn, Weight actualWeight);
}
