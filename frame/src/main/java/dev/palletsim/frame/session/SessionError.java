package dev.palletsim.frame.session;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/** Errors of Session, named as pallet-session names them. */
public enum SessionError implements PalletError.Of<SessionPallet> {
  /** The key is already used by another validator. */
  DuplicatedKey,
  /** The account has no keys to purge. */
  NoKeys;

  /**
   * The Filecoin code of the same meaning: a key in use is an illegal argument, missing keys are
   * not found.
   */
  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case DuplicatedKey -> ExitCode.USR_ILLEGAL_ARGUMENT;
      case NoKeys -> ExitCode.USR_NOT_FOUND;
    };
  }
}
