package dev.palletsim.sim;

import dev.palletsim.frame.crypto.Keyring;

/** Metric probes that need only frame: block weight, extrinsics, issuance, authorship, hooks. */
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
