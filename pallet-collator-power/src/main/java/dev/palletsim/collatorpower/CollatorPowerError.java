package dev.palletsim.collatorpower;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/** Errors of the collator power pallet (FRAME's {@code #[pallet::error]}; seed 001 flows). */
public enum CollatorPowerError implements PalletError.Of<CollatorPowerPallet> {
  /** The miner already has a claim; registering again, by either path, creates no second one. */
  MinerAlreadyRegistered,
  /** The account has no claim: it never called {@code create_miner} nor was registered by SPP. */
  MinerNotRegistered,
  /** Collator selection does not know the collator as a candidate. */
  NotACandidate,
  /** A delegation change of zero bytes. */
  ZeroAmount,
  /** The miner's free power (raw − delegated − locked) is below the amount to delegate. */
  InsufficientPower,
  /** The miner has no delegation on that collator. */
  NoDelegation,
  /** The miner's delegation on that collator is smaller than the amount to take off it. */
  InsufficientDelegation,
  /** A redelegation from a collator to itself. */
  SameCollator,
  /** The delegation left on a collator would be positive but below {@code minDelegation}. */
  DelegationBelowMinimum,
  /** The miner already delegates to {@code maxDelegationsPerMiner} collators. */
  TooManyDelegations,
  /** The collator already has {@code maxBackersPerCollator} backers. */
  TooManyBackers,
  /** A power update would take the miner's raw byte power below zero. */
  PowerUnderflow;

  /**
   * The Filecoin code of the same meaning (no actor delegates power): free power and delegations
   * play the part of funds for {@code USR_INSUFFICIENT_FUNDS}; negative power is a broken state, as
   * in the power actor.
   */
  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case MinerAlreadyRegistered,
          ZeroAmount,
          SameCollator,
          DelegationBelowMinimum,
          TooManyDelegations,
          TooManyBackers ->
          ExitCode.USR_ILLEGAL_ARGUMENT;
      case MinerNotRegistered, NotACandidate, NoDelegation -> ExitCode.USR_NOT_FOUND;
      case InsufficientPower, InsufficientDelegation -> ExitCode.USR_INSUFFICIENT_FUNDS;
      case PowerUnderflow -> ExitCode.USR_ILLEGAL_STATE;
    };
  }
}
