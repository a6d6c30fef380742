package com.example.pinning;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/**
 * The pinning pallet's errors (FRAME's {@code #[pallet::error]}): {@code
 * DispatchError.module(PinningError.TooLong)} reads {@code Pinning::TooLong}.
 */
public enum PinningError implements PalletError.Of<PinningPallet> {
  /** A pin of zero blocks. */
  ZeroBlocks,
  /** A pin longer than {@code maxBlocks}. */
  TooLong,
  /** The account already holds {@code maxPinsPerAccount} pins. */
  TooManyPins,
  /** No pin has this id. */
  NoSuchPin,
  /** The pin belongs to another account. */
  NotOwner;

  /** The Filecoin exit code of the same meaning (every palletsim error has one). */
  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case ZeroBlocks, TooLong, TooManyPins -> ExitCode.USR_ILLEGAL_ARGUMENT;
      case NoSuchPin -> ExitCode.USR_NOT_FOUND;
      case NotOwner -> ExitCode.USR_FORBIDDEN;
    };
  }
}
