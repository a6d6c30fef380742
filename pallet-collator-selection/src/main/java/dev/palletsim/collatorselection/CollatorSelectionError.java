package dev.palletsim.collatorselection;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/**
 * Errors of collator selection, named as upstream names them; {@code TooManyDesiredCandidates} is
 * palletsim's (upstream only logs a warning and its {@code try_state} would then fail).
 */
public enum CollatorSelectionError implements PalletError.Of<CollatorSelectionPallet> {
  /** The candidate list is full ({@code MaxCandidates}). */
  TooManyCandidates,
  /** The call would leave fewer eligible collators than {@code MinEligibleCollators}. */
  TooFewEligibleCollators,
  /** The account is already a candidate. */
  AlreadyCandidate,
  /** The account is not a candidate. */
  NotCandidate,
  /** The invulnerables would exceed {@code MaxInvulnerables}. */
  TooManyInvulnerables,
  /** The account is already invulnerable. */
  AlreadyInvulnerable,
  /** The account is not invulnerable. */
  NotInvulnerable,
  /** The account has no session keys registered. */
  ValidatorNotRegistered,
  /** The new bond is below the candidacy bond. */
  DepositTooLow,
  /** The new bond equals the bond already reserved. */
  IdenticalDeposit,
  /** A candidate holding a seat in the current or queued set may not lower its bond. */
  InvalidUnreserve,
  /** More desired candidates than {@code MaxCandidates}. */
  TooManyDesiredCandidates;

  /**
   * The Filecoin code of the same meaning (Filecoin has no collators): unknown accounts are {@code
   * USR_NOT_FOUND}, what the current set forbids is {@code USR_FORBIDDEN}, bad values and exceeded
   * bounds are {@code USR_ILLEGAL_ARGUMENT}.
   */
  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case TooManyCandidates,
          AlreadyCandidate,
          TooManyInvulnerables,
          AlreadyInvulnerable,
          DepositTooLow,
          IdenticalDeposit,
          TooManyDesiredCandidates ->
          ExitCode.USR_ILLEGAL_ARGUMENT;
      case TooFewEligibleCollators, InvalidUnreserve -> ExitCode.USR_FORBIDDEN;
      case NotCandidate, NotInvulnerable, ValidatorNotRegistered -> ExitCode.USR_NOT_FOUND;
    };
  }
}
