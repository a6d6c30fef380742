package dev.palletsim.frame;

/**
 * A pallet's error variant: FRAME's {@code #[pallet::error]}. Each pallet declares an enum
 * implementing this interface; {@link #pallet()} names the pallet and the constant names the
 * variant, so that {@code DispatchError.module(MarketError.EmptyBatch)} reads as {@code
 * Market::EmptyBatch}. {@link #exitCode()} gives the Filecoin exit code of the same meaning: each
 * enum implements it as a switch over its constants with no default branch, so that the compiler
 * rejects a new variant without one.
 */
public interface PalletError {
  /** The name of the pallet declaring the variant (e.g. {@code "Market"}). */
  String pallet();

  /** The variant's name (the enum constant's name). */
  String name();

  /** The Filecoin exit code of the same meaning (docs/filecoin-parity.md, "Exit codes"). */
  ExitCode exitCode();
}
