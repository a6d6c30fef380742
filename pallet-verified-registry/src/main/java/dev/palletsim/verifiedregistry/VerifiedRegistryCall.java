package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.VerifiedRegistry.AllocationRequest;
import io.vavr.collection.Seq;

/**
 * The extrinsics of the verified registry (builtin-actors' verifreg methods and the datacap
 * transfer that makes allocations).
 */
public sealed interface VerifiedRegistryCall extends Call<VerifiedRegistryPallet> {
  @Override
  default Class<VerifiedRegistryPallet> palletType() {
    return VerifiedRegistryPallet.class;
  }

  /**
   * Root: makes {@code verifier} a verifier that may grant {@code allowance} bytes of DataCap,
   * replacing any allowance it had ({@code AddVerifier}).
   */
  record AddVerifier(AccountId verifier, long allowance) implements VerifiedRegistryCall {
    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.addVerifier(tx, origin, verifier, allowance);
    }
  }

  /** Root: {@code verifier} is a verifier no more ({@code RemoveVerifier}). */
  record RemoveVerifier(AccountId verifier) implements VerifiedRegistryCall {
    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.removeVerifier(tx, origin, verifier);
    }
  }

  /**
   * A verifier (or Root, without an allowance of its own) grants {@code client} {@code allowance}
   * bytes of DataCap ({@code AddVerifiedClient}): minted into the client's balance, taken from the
   * verifier's allowance.
   */
  record AddVerifiedClient(AccountId client, long allowance) implements VerifiedRegistryCall {
    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.addVerifiedClient(tx, origin, client, allowance);
    }
  }

  /**
   * Root: destroys up to {@code amount} bytes of {@code client}'s DataCap ({@code
   * RemoveVerifiedClientDataCap}, whose two verifiers' signed requests Root's decision stands for).
   */
  record RemoveVerifiedClientDataCap(AccountId client, long amount)
      implements VerifiedRegistryCall {
    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.removeVerifiedClientDataCap(tx, origin, client, amount);
    }
  }

  /**
   * The signing client spends DataCap on new allocations and on claim extensions, all or none (a
   * datacap transfer to the registry carrying allocation requests: builtin-actors' {@code
   * universal_receiver_hook}). This is how a client allocates for direct data onboarding, without a
   * market deal.
   */
  record AllocateDataCap(Seq<AllocationRequest> allocations, Seq<ClaimExtensionRequest> extensions)
      implements VerifiedRegistryCall {
    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.allocateDataCap(tx, origin, allocations, extensions);
    }
  }

  /**
   * Anyone: removes {@code client}'s expired allocations among {@code allocationIds} (every expired
   * one when the list is empty), returning their DataCap to the client ({@code
   * RemoveExpiredAllocations}).
   */
  record RemoveExpiredAllocations(AccountId client, Seq<Long> allocationIds)
      implements VerifiedRegistryCall {
    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.removeExpiredAllocations(tx, origin, client, allocationIds);
    }
  }

  /**
   * The signing client extends the maximum term of its claims, up to the policy's maximum term
   * ({@code ExtendClaimTerms}); each claim succeeds or fails on its own.
   */
  record ExtendClaimTerms(Seq<ClaimTerm> terms) implements VerifiedRegistryCall {
    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.extendClaimTerms(tx, origin, terms);
    }
  }

  /**
   * Anyone: removes {@code provider}'s claims among {@code claimIds} whose term has ended (every
   * such claim when the list is empty) ({@code RemoveExpiredClaims}).
   */
  record RemoveExpiredClaims(AccountId provider, Seq<Long> claimIds)
      implements VerifiedRegistryCall {
    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.removeExpiredClaims(tx, origin, provider, claimIds);
    }
  }
}
