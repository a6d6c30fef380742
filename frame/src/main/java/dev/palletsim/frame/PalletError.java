package dev.palletsim.frame;

/**
 * A pallet's error variant: FRAME's {@code #[pallet::error]}. Each pallet declares an enum
 * implementing {@link Of} with its pallet class ({@code enum MarketError implements
 * PalletError.Of<MarketPallet>}); {@link #pallet()} names the pallet and the constant names the
 * variant, so that {@code DispatchError.module(MarketError.EmptyBatch)} reads as {@code
 * Market::EmptyBatch}. {@link #exitCode()} gives the Filecoin exit code of the same meaning: each
 * enum implements it as a switch over its constants with no default branch, so that the compiler
 * rejects a new variant without one.
 */
public interface PalletError {
  /**
   * The name of the pallet declaring the variant (e.g. {@code "Market"}). {@link Of} derives it
   * from the pallet's {@link PalletName}; an error type written before {@link Of} implements it
   * itself.
   */
  String pallet();

  /** The variant's name (the enum constant's name). */
  String name();

  /** The Filecoin exit code of the same meaning (docs/filecoin-parity.md, "Exit codes"). */
  ExitCode exitCode();

  /**
   * An error of pallet {@code P}: its {@link #pallet()} is the name {@code P} declares with {@link
   * PalletName}, so an error enum never writes its pallet's name.
   *
   * @param <P> the pallet that declares the error
   */
  interface Of<P extends Pallet> extends PalletError {
    @Override
    default String pallet() {
      return PalletTypes.name(PalletTypes.errorPallet(getClass()));
    }
  }
}
