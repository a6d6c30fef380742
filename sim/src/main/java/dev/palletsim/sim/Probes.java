package dev.palletsim.sim;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.InvalidTransaction;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.transactionpayment.TransactionPaymentEvent;

/**
 * Metric probes that need only frame: block weight, extrinsics, issuance, fees, authorship, hooks.
 */
public final class Probes {
  private Probes() {}

  /** {@code block.weight_us}: the block's total weight in microseconds. */
  public static MetricProbe blockWeight() {
    return (rt, b, w, m) -> m.record("block.weight_us", b.number(), b.weight().micros());
  }

  /** {@code block.extrinsics} and {@code block.failed_extrinsics} per block. */
  public static MetricProbe extrinsics() {
    return (rt, b, w, m) -> {
      m.record("block.extrinsics", b.number(), b.extrinsics().size());
      m.record("block.failed_extrinsics", b.number(), b.failedExtrinsics());
    };
  }

  /** {@code balances.total_issuance_tokens}. */
  public static MetricProbe totalIssuance() {
    return (rt, b, w, m) ->
        m.record(
            "balances.total_issuance_tokens",
            b.number(),
            rt.balances().totalIssuance(w) / (double) dev.palletsim.frame.primitives.Units.TOKEN);
  }

  /**
   * {@code fees.paid_tokens}, {@code fees.tips_tokens} and {@code fees.unpaid_extrinsics}: what the
   * block's extrinsics paid (TransactionPayment's {@code TransactionFeePaid}, tips included), the
   * tips among it, and the extrinsics refused because their sender could not pay.
   */
  public static MetricProbe fees() {
    return (rt, b, w, m) -> {
      long paid = 0;
      long tips = 0;
      for (var e : b.events()) {
        if (e.event() instanceof TransactionPaymentEvent.TransactionFeePaid f) {
          paid += f.actualFee();
          tips += f.tip();
        }
      }
      DispatchError unpayable = new DispatchError.Invalid(InvalidTransaction.Payment);
      long unpaid = b.extrinsics().count(o -> o.error().contains(unpayable));
      double token = dev.palletsim.frame.primitives.Units.TOKEN;
      m.record("fees.paid_tokens", b.number(), paid / token);
      m.record("fees.tips_tokens", b.number(), tips / token);
      m.record("fees.unpaid_extrinsics", b.number(), unpaid);
    };
  }

  /** Counter {@code authored.<name>} per block author. */
  public static MetricProbe authorship() {
    return (rt, b, w, m) -> b.author().forEach(a -> m.count("authored." + Keyring.nameOf(a)));
  }

  /**
   * {@code weight.<pallet>.on_finalize_us} and {@code items.<pallet>.on_finalize}: the weight and
   * work items of a pallet's end-of-block hook (its cron work).
   */
  public static MetricProbe finalizeWork(String pallet) {
    return (rt, b, w, m) -> {
      m.record(
          "weight." + pallet + ".on_finalize_us", b.number(), b.finalizeWeight(pallet).micros());
      m.record("items." + pallet + ".on_finalize", b.number(), b.finalizeItems(pallet));
    };
  }
}
