package dev.palletsim.frame.transactionpayment;

/**
 * The parts of an extrinsic's fee (pallet-transaction-payment's {@code FeeDetails} with its {@code
 * InclusionFee}), in planck: {@code baseFee + lengthFee + adjustedWeightFee} is the inclusion fee,
 * and the tip comes on top.
 *
 * @param baseFee {@code WeightToFee(extrinsic base weight)}, never multiplied
 * @param lengthFee the encoded length times the fee per byte
 * @param adjustedWeightFee {@code multiplier × WeightToFee(call weight)}
 * @param tip what the sender adds
 */
public record FeeDetails(long baseFee, long lengthFee, long adjustedWeightFee, long tip) {
  /** Base, length and adjusted weight fee, saturating ({@code inclusion_fee}). */
  public long inclusionFee() {
    return saturatingAdd(saturatingAdd(baseFee, lengthFee), adjustedWeightFee);
  }

  /** The inclusion fee and the tip, saturating ({@code final_fee}). */
  public long finalFee() {
    return saturatingAdd(inclusionFee(), tip);
  }

  static long saturatingAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
