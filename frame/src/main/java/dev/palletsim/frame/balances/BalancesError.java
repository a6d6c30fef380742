package dev.palletsim.frame.balances;

import dev.palletsim.frame.PalletError;

/** Errors of Balances, named as pallet-balances names them. */
public enum BalancesError implements PalletError {
  /** The free balance is lower than the amount to move. */
  InsufficientBalance,
  /** The transfer would create an account below the existential deposit. */
  ExistentialDeposit,
  /** A keep-alive withdrawal would reap the account. */
  Expendability,
  /** The beneficiary does not exist and the amount would not create it. */
  DeadAccount;

  @Override
  public String pallet() {
    return "Balances";
  }
}
