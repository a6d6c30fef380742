package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Events of the verified registry: builtin-actors' verifreg events ({@code verifier-balance},
 * {@code allocation}, {@code allocation-removed}, {@code claim}, {@code claim-updated}, {@code
 * claim-removed}) and the results of its batch calls.
 */
public sealed interface VerifiedRegistryEvent extends Event.Of<VerifiedRegistryPallet> {
  /**
   * {@code verifier} may now grant {@code allowance} bytes of DataCap ({@code verifier-balance}).
   */
  record VerifierAllowanceSet(AccountId verifier, long allowance)
      implements VerifiedRegistryEvent {}

  /** {@code verifier} is no longer a verifier. */
  record VerifierRemoved(AccountId verifier) implements VerifiedRegistryEvent {}

  /** {@code client} received {@code amount} bytes of DataCap from {@code verifier} (none: Root). */
  record DataCapGranted(Option<AccountId> verifier, AccountId client, long amount)
      implements VerifiedRegistryEvent {}

  /** Root destroyed {@code amount} bytes of {@code client}'s DataCap. */
  record DataCapRemoved(AccountId client, long amount) implements VerifiedRegistryEvent {}

  /** An allocation was made ({@code allocation}). */
  record AllocationCreated(long id, Allocation allocation) implements VerifiedRegistryEvent {}

  /**
   * An expired allocation was removed and its DataCap returned to its client ({@code
   * allocation-removed}).
   */
  record AllocationRemoved(long id, Allocation allocation) implements VerifiedRegistryEvent {}

  /** An allocation was claimed and its DataCap burnt ({@code claim}). */
  record ClaimCreated(long id, Claim claim) implements VerifiedRegistryEvent {}

  /** A claim's term was extended ({@code claim-updated}). */
  record ClaimUpdated(long id, Claim claim) implements VerifiedRegistryEvent {}

  /** An expired claim was removed ({@code claim-removed}). */
  record ClaimRemoved(long id, Claim claim) implements VerifiedRegistryEvent {}

  /**
   * The result of one {@code removeExpiredAllocations} (builtin-actors' {@code
   * RemoveExpiredAllocationsReturn}): the allocations removed, those that could not be, and the
   * DataCap returned to {@code client}.
   */
  record ExpiredAllocationsRemoved(
      AccountId client, Vector<Long> removed, Vector<ItemFailure> failures, long recovered)
      implements VerifiedRegistryEvent {}

  /** The result of one {@code extendClaimTerms}: the claims extended and those not. */
  record ClaimTermsExtended(Vector<Long> extended, Vector<ItemFailure> failures)
      implements VerifiedRegistryEvent {}

  /** The result of one {@code removeExpiredClaims}: the claims removed and those not. */
  record ExpiredClaimsRemoved(
      AccountId provider, Vector<Long> removed, Vector<ItemFailure> failures)
      implements VerifiedRegistryEvent {}
}
