package dev.palletsim.frame.transactionpayment;

import dev.palletsim.frame.primitives.AccountId;
import org.immutables.value.Value;

/**
 * The constants of TransactionPayment (pallet-transaction-payment's {@code Config}: {@code
 * WeightToFee}, {@code LengthToFee}, {@code FeeMultiplierUpdate}, and the runtime's {@code
 * OnChargeTransaction} handler of fees and tips). The defaults are the parachain schedule of the
 * {@code testnet} and {@code mainnet-like} presets, after Polkadot's system parachains:
 *
 * <ul>
 *   <li>{@code WeightToFee} linear, 0.00001 TOKEN (10^5 planck) per µs of weight, so that the
 *       extrinsic base weight (100 µs) costs 0.001 TOKEN, as {@code ExtrinsicBaseWeight} costs a
 *       tenth of a cent there;
 *   <li>{@code LengthToFee} 10^5 planck per byte (the system parachains' {@code TransactionByteFee}
 *       of a milli-cent);
 *   <li>fees to the collator-selection pot (cumulus' {@code DealWithFees} / {@code ToStakingPot}),
 *       tips to the block's author (Polkadot's relay chain rule: tips reward the author who
 *       included them);
 *   <li>a constant multiplier of 1; {@link FeeMultiplierUpdate#Targeted} with Polkadot's {@code
 *       SlowAdjustingFeeUpdate} parameters (the defaults below) is the option.
 * </ul>
 *
 * A transfer ({@code transfer_keep_alive}: 147 bytes signed, 550 µs declared beyond the base) then
 * costs 0.001 + 0.00147 + 0.0055 = 0.00797 TOKEN, and a whole block's weight 20 TOKEN.
 */
@Value.Immutable
public abstract class TransactionPaymentConfig {
  /** A builder starting from the defaults. */
  public static ImmutableTransactionPaymentConfig.Builder builder() {
    return ImmutableTransactionPaymentConfig.builder();
  }

  /** The defaults: the parachain schedule above. */
  public static TransactionPaymentConfig defaults() {
    return builder().build();
  }

  /** No fees: what a runtime without the pallet charges (for presets that model no fees). */
  public static TransactionPaymentConfig disabled() {
    return builder().enabled(false).build();
  }

  /**
   * Whether the runtime charges fees at all; when false the preset leaves the pallet out, so no
   * extrinsic pays and nothing of it is stored. Default true.
   */
  @Value.Default
  public boolean enabled() {
    return true;
  }

  /** {@code WeightToFee}: planck per µs of weight (linear, rounded down). Default 10^5. */
  @Value.Default
  public long weightFeePerMicro() {
    return 100_000;
  }

  /** {@code LengthToFee}: planck per byte of the encoded extrinsic. Default 10^5. */
  @Value.Default
  public long lengthFeePerByte() {
    return 100_000;
  }

  /** Where fees go. Default {@link FeeDestination#Pot}. */
  @Value.Default
  public FeeDestination feeDestination() {
    return FeeDestination.Pot;
  }

  /** Where tips go. Default {@link FeeDestination#Author}. */
  @Value.Default
  public FeeDestination tipDestination() {
    return FeeDestination.Author;
  }

  /**
   * The pot fees go to under {@link FeeDestination#Pot}: by default collator selection's ({@code
   * AccountId.pallet("PotStake")}); the storage runtime sets it from collator selection's config.
   */
  @Value.Default
  public AccountId potAccount() {
    return AccountId.pallet("PotStake");
  }

  /** How the multiplier changes. Default {@link FeeMultiplierUpdate#Constant}. */
  @Value.Default
  public FeeMultiplierUpdate multiplierUpdate() {
    return FeeMultiplierUpdate.Constant;
  }

  /** The multiplier at genesis (the constant one under {@code Constant}). Default 1. */
  @Value.Default
  public Multiplier initialMultiplier() {
    return Multiplier.ONE;
  }

  /** {@link TargetedFeeAdjustment}'s target fullness, a fraction of the limit. Default 0.25. */
  @Value.Default
  public Multiplier targetBlockFullness() {
    return TargetedFeeAdjustment.POLKADOT.targetBlockFullness();
  }

  /** {@link TargetedFeeAdjustment}'s adjustment variable. Default 0.000075. */
  @Value.Default
  public Multiplier adjustmentVariable() {
    return TargetedFeeAdjustment.POLKADOT.adjustmentVariable();
  }

  /** The smallest multiplier under {@code Targeted}. Default 0.1. */
  @Value.Default
  public Multiplier minimumMultiplier() {
    return TargetedFeeAdjustment.POLKADOT.minimum();
  }

  /** The largest multiplier under {@code Targeted}. Default FixedU128's maximum. */
  @Value.Default
  public Multiplier maximumMultiplier() {
    return TargetedFeeAdjustment.POLKADOT.maximum();
  }

  /** The fee adjustment these settings describe. */
  public TargetedFeeAdjustment feeAdjustment() {
    return new TargetedFeeAdjustment(
        targetBlockFullness(), adjustmentVariable(), minimumMultiplier(), maximumMultiplier());
  }

  /** Rejects inconsistent settings when the config is built (Immutables' check). */
  @Value.Check
  protected void check() {
    require(weightFeePerMicro() >= 0, "weightFeePerMicro must not be negative");
    require(lengthFeePerByte() >= 0, "lengthFeePerByte must not be negative");
    try {
      feeAdjustment();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TransactionPaymentConfig: " + e.getMessage(), e);
    }
    if (multiplierUpdate() == FeeMultiplierUpdate.Targeted) {
      require(
          initialMultiplier().compareTo(minimumMultiplier()) >= 0
              && initialMultiplier().compareTo(maximumMultiplier()) <= 0,
          "initialMultiplier must lie between minimumMultiplier and maximumMultiplier");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("TransactionPaymentConfig: " + message);
  }
}
