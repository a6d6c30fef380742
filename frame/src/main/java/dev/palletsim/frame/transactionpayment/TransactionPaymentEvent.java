package dev.palletsim.frame.transactionpayment;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;

/** Events of TransactionPayment, named as pallet-transaction-payment names them. */
public sealed interface TransactionPaymentEvent extends Event.Of<TransactionPaymentPallet> {
  /**
   * {@code who} paid {@code actualFee} planck for an extrinsic, of which {@code tip} was added to
   * the inclusion fee (after the refund of unused weight), whether its call succeeded or failed.
   */
  record TransactionFeePaid(AccountId who, long actualFee, long tip)
      implements TransactionPaymentEvent {}
}
