package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/**
 * Errors of the verified registry, one per failure condition of builtin-actors' verifreg actor
 * (filecoin-actors.md §1.4), with its exit code. Missing arguments and negative amounts fail with
 * frame's {@code BadInput} instead.
 */
public enum VerifiedRegistryError implements PalletError.Of<VerifiedRegistryPallet> {
  /** An allowance below the smallest allocation ({@code minimumVerifiedAllocationSize}). */
  AllowanceBelowMinimum,
  /** Removing an account that is not a verifier. */
  UnknownVerifier,
  /** The caller granting DataCap is not a verifier. */
  CallerNotVerifier,
  /** An account holding DataCap cannot become a verifier. */
  VerifiedClientCannotBeVerifier,
  /** A verifier cannot be a verified client. */
  VerifierCannotBeClient,
  /** The verifier's remaining allowance does not cover the DataCap granted. */
  AllowanceExceedsVerifierCap,
  /** A call carries nothing to do. */
  EmptyRequest,
  /**
   * A call carries more items than {@code maxItemsPerCall}, or a removal naming none would sweep
   * more entries than that.
   */
  TooManyItems,
  /** An allocation below {@code minimumVerifiedAllocationSize}. */
  AllocationTooSmall,
  /** An allocation's {@code termMin} below {@code minimumVerifiedAllocationTerm}. */
  TermMinTooShort,
  /** An allocation's {@code termMax} above {@code maximumVerifiedAllocationTerm}. */
  TermMaxTooLong,
  /** An allocation's {@code termMin} above its {@code termMax}. */
  TermMinExceedsTermMax,
  /** An allocation whose expiration has passed. */
  ExpirationPassed,
  /** An allocation expiring later than {@code maximumVerifiedAllocationExpiration} from now. */
  ExpirationTooFar,
  /** An allocation for an account that is not a registered storage provider. */
  ProviderNotRegistered,
  /** The client's DataCap balance does not cover the allocations and extensions. */
  InsufficientDataCap,
  /** No such allocation for the client. */
  AllocationNotFound,
  /** Removing an allocation before its expiration. */
  AllocationNotExpired,
  /**
   * A claim does not match its allocation (provider, client, piece, size), comes after the
   * allocation's expiration, or its sector's remaining life is outside the allocation's terms.
   */
  CannotClaimAllocation,
  /** The same allocation claimed twice in one sector. */
  DuplicateClaim,
  /** No such claim for the provider. */
  ClaimNotFound,
  /** Removing a claim before its term ends. */
  ClaimNotExpired,
  /** Extending a claim whose term has already ended. */
  ClaimExpired,
  /** Extending the term of a claim of another client. */
  NotClaimClient,
  /** A claim's new {@code termMax} above what the policy allows. */
  ClaimTermTooLong,
  /** A claim's new {@code termMax} not above its current one. */
  ClaimTermNotExtended;

  /** The code builtin-actors' verifreg actor uses for the same failure. */
  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case AllowanceBelowMinimum,
          UnknownVerifier,
          VerifiedClientCannotBeVerifier,
          VerifierCannotBeClient,
          AllowanceExceedsVerifierCap,
          EmptyRequest,
          TooManyItems,
          AllocationTooSmall,
          TermMinTooShort,
          TermMaxTooLong,
          TermMinExceedsTermMax,
          ExpirationPassed,
          ExpirationTooFar,
          ProviderNotRegistered,
          DuplicateClaim,
          ClaimTermTooLong,
          ClaimTermNotExtended ->
          ExitCode.USR_ILLEGAL_ARGUMENT;
      case CallerNotVerifier, AllocationNotFound, ClaimNotFound -> ExitCode.USR_NOT_FOUND;
      case AllocationNotExpired,
          CannotClaimAllocation,
          ClaimNotExpired,
          ClaimExpired,
          NotClaimClient ->
          ExitCode.USR_FORBIDDEN;
      case InsufficientDataCap -> ExitCode.USR_INSUFFICIENT_FUNDS;
    };
  }
}
