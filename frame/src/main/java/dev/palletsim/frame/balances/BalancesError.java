package dev.palletsim.frame.balances;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/** Errors of Balances, named as pallet-balances names them. */
public enum BalancesError implements PalletError.Of<BalancesPallet> {
  /** The free balance is lower than the amount to move. */
  InsufficientBalance,
  /** The transfer would create an account below the existential deposit. */
  ExistentialDeposit,
  /** A keep-alive withdrawal would reap the account. */
  Expendability,
  /** The beneficiary does not exist and the amount would not create it. */
  DeadAccount;

  /**
   * The Filecoin code of the same meaning: an uncovered transfer is {@code USR_INSUFFICIENT_FUNDS},
   * an amount too small to create or keep an account is {@code USR_ILLEGAL_ARGUMENT}.
   */
  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case InsufficientBalance, Expendability -> ExitCode.USR_INSUFFICIENT_FUNDS;
      case ExistentialDeposit, DeadAccount -> ExitCode.USR_ILLEGAL_ARGUMENT;
    };
  }
}
