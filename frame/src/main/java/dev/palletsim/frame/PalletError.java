package dev.palletsim.frame;

/**
 * A pallet's error variant: FRAME's {@code #[pallet::error]}. Each pallet declares an enum
 * implementing this interface; {@link #pallet()} names the pallet and the constant names the
 * variant, so that {@code DispatchError.module(MarketError.EmptyBatch)} reads as {@code
 * Market::EmptyBatch}.
 */
public interface PalletError {
  /** The name of the pallet declaring the variant (e.g. {@code "Market"}). */
  String pallet();

  /** The variant's name (the enum constant's name). */
  String name();
}
