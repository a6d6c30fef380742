package dev.palletsim.frame.session;

import dev.palletsim.frame.PalletError;

/** Errors of Session, named as pallet-session names them. */
public enum SessionError implements PalletError {
  /** The key is already used by another validator. */
  DuplicatedKey,
  /** The account has no keys to purge. */
  NoKeys;

  @Override
  public String pallet() {
    return "Session";
  }
}
