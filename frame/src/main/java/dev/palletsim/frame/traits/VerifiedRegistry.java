package dev.palletsim.frame.traits;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * The verified registry as the market and the storage provider pallet see it (builtin-actors'
 * verifreg and datacap actors, filecoin-actors.md §1.4 and §3.5): verified clients' DataCap
 * balances, allocations made from them, claims made by providers. Implemented by the verified
 * registry pallet. Each method runs inside the caller's transaction and fails through {@code
 * DispatchException} with the registry's typed error, failing the caller's whole call.
 *
 * <p>DataCap is counted in bytes: one DataCap unit pays for one byte of verified piece (Filecoin's
 * token of 10^18 atto per byte, counted here in whole bytes).
 */
public interface VerifiedRegistry {
  /** The allocation id that names no allocation (builtin-actors' {@code NO_ALLOCATION_ID}). */
  long NO_ALLOCATION_ID = 0;

  /** {@code client}'s DataCap balance in bytes (0 for an account that has none). */
  long dataCapBalance(StateView view, AccountId client);

  /**
   * The limits the registry puts on allocations: what the market needs to shape its allocation
   * requests ({@code alloc_request_for_deal}).
   */
  AllocationTerms allocationTerms();

  /**
   * Moves {@code client}'s DataCap into new allocations, one per request, all or none (a datacap
   * {@code TransferFrom} to the registry with allocation requests as operator data: builtin-actors'
   * {@code universal_receiver_hook}). Each request is validated as the registry validates its own
   * callers' (size, terms, expiration, a registered provider); the client's balance must cover
   * their sizes. Returns the new allocation ids, consecutive, in the order of the requests.
   */
  Seq<Long> allocate(Tx tx, AccountId client, Seq<AllocationRequest> requests);

  /**
   * Claims allocations for data {@code provider} proved in its sectors (builtin-actors' {@code
   * ClaimAllocations}): sector by sector, each all or none; a claim fails its sector if the
   * allocation does not exist, is for another provider, client, piece or size, has expired, or the
   * sector's remaining life is outside the allocation's terms. With {@code allOrNothing} any
   * failing sector fails the whole call. Claimed allocations become claims and their DataCap is
   * burnt.
   */
  ClaimResults claimAllocations(
      Tx tx, AccountId provider, Seq<SectorAllocationClaims> sectors, boolean allOrNothing);

  /** The allocation {@code id} of {@code client}, while it exists. */
  Option<Allocation> allocation(StateView view, AccountId client, long id);

  /** The claim {@code id} of {@code provider}, while it exists. */
  Option<Claim> claim(StateView view, AccountId provider, long id);

  /**
   * Removes allocation {@code id} of {@code client} if it exists and has expired, returning its
   * DataCap to the client (builtin-actors' {@code RemoveExpiredAllocations} of one allocation).
   * Returns whether it was removed: an allocation already gone, or not yet expired, is left alone.
   */
  boolean removeExpiredAllocation(Tx tx, AccountId client, long id);

  /**
   * The registry's limits on allocation terms, blocks.
   *
   * @param minimumTerm the shortest {@code termMin} ({@code MINIMUM_VERIFIED_ALLOCATION_TERM})
   * @param maximumTerm the longest {@code termMax} ({@code MAXIMUM_VERIFIED_ALLOCATION_TERM})
   * @param maximumExpiration how far ahead an allocation may expire ({@code
   *     MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION})
   */
  record AllocationTerms(long minimumTerm, long maximumTerm, long maximumExpiration) {}

  /**
   * One allocation to create (builtin-actors' {@code AllocationRequest}).
   *
   * @param provider the provider that may claim it
   * @param data the piece's commitment
   * @param size the piece's padded size in bytes (the DataCap it takes)
   * @param termMin the shortest the provider must keep the data, blocks
   * @param termMax the longest the data earns quality-adjusted power, blocks
   * @param expiration the last block it may be claimed
   */
  record AllocationRequest(
      AccountId provider, Cid data, long size, long termMin, long termMax, long expiration) {}

  /**
   * One allocation a provider claims (builtin-actors' {@code AllocationClaim}).
   *
   * @param client the allocation's client
   * @param allocationId the allocation
   * @param data the piece committed
   * @param size the piece's padded size
   */
  record AllocationClaim(AccountId client, long allocationId, Cid data, long size) {}

  /**
   * The allocations claimed for one sector (builtin-actors' {@code SectorAllocationClaims}).
   *
   * @param sector the sector holding the pieces
   * @param expiry the sector's expiration block
   * @param claims the allocations, possibly none
   */
  record SectorAllocationClaims(long sector, long expiry, Seq<AllocationClaim> claims) {}

  /**
   * What {@link #claimAllocations} reports: per sector asked, in order, the space claimed (bytes)
   * or why the sector's claims failed (builtin-actors' {@code ClaimAllocationsReturn}).
   *
   * @param sectors one result per sector
   */
  record ClaimResults(Vector<Either<DispatchError, Long>> sectors) {
    /** Null-checked. */
    public ClaimResults {
      Objects.requireNonNull(sectors, "sectors");
    }

    /** The number of sectors reported. */
    public int size() {
      return sectors.size();
    }

    /** The result of the {@code i}-th sector asked. */
    public Either<DispatchError, Long> get(int i) {
      return sectors.get(i);
    }

    /** Every sector succeeding with nothing claimed: the answer when nothing is to be claimed. */
    public static ClaimResults nothingClaimed(int sectors) {
      return new ClaimResults(Vector.fill(sectors, () -> Either.right(0L)));
    }
  }
}
