package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.VerifiedRegistry.AllocationRequest;
import io.vavr.collection.Seq;

/**
 * The extrinsics of the verified registry (builtin-actors' verifreg methods and the datacap
 * transfer that makes allocations). Weights count the registry's reads and writes per item named,
 * with a margin over what the tests meter (docs/design.md, "Declared weight"); the two removals
 * that may name no item are declared for the most items they may then touch, {@code
 * maxItemsPerCall}.
 */
public sealed interface VerifiedRegistryCall extends Call<VerifiedRegistryPallet> {
  /**
   * One allocation made: the provider's registration checked, the allocation written, its event.
   */
  java.util.function.Function<WeightCosts, Weight> ALLOCATION =
      w -> w.readsWrites(4, 2).plus(w.items(1));

  /**
   * One allocation or claim looked up and removed (with an allocation, its DataCap credited back).
   */
  java.util.function.Function<WeightCosts, Weight> REMOVAL =
      w -> w.readsWrites(5, 3).plus(w.items(1));

  /**
   * What a removal call may touch: each id named, or with none every entry of the account, of which
   * there may be at most {@code maxItemsPerCall}.
   */
  private static Weight removals(VerifiedRegistryPallet p, WeightCosts w, Seq<Long> ids) {
    int named = Weight.countOf(ids);
    long items = named > 0 ? named : p.config().maxItemsPerCall();
    return w.readsWrites(2, 1).plus(REMOVAL.apply(w).times(items));
  }

  /**
   * Root: makes {@code verifier} a verifier that may grant {@code allowance} bytes of DataCap,
   * replacing any allowance it had ({@code AddVerifier}).
   */
  record AddVerifier(AccountId verifier, long allowance) implements VerifiedRegistryCall {
    /** The account's DataCap checked, the verifier written. */
    @Override
    public Weight weight(VerifiedRegistryPallet p, WeightCosts w) {
      return w.readsWrites(3, 2);
    }

    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.addVerifier(tx, origin, verifier, allowance);
    }
  }

  /** Root: {@code verifier} is a verifier no more ({@code RemoveVerifier}). */
  record RemoveVerifier(AccountId verifier) implements VerifiedRegistryCall {
    /** The verifier checked and removed. */
    @Override
    public Weight weight(VerifiedRegistryPallet p, WeightCosts w) {
      return w.readsWrites(3, 2);
    }

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
    /** The verifier's allowance, the client's roles, its balance and the supply. */
    @Override
    public Weight weight(VerifiedRegistryPallet p, WeightCosts w) {
      return w.readsWrites(8, 4);
    }

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
    /** The client's balance and the supply. */
    @Override
    public Weight weight(VerifiedRegistryPallet p, WeightCosts w) {
      return w.readsWrites(6, 3);
    }

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
    /**
     * The client's balance, the supply and the next id, then each allocation made and each claim
     * read and rewritten.
     */
    @Override
    public Weight weight(VerifiedRegistryPallet p, WeightCosts w) {
      return w.readsWrites(8, 4)
          .plus(ALLOCATION.apply(w).times(Weight.countOf(allocations)))
          .plus(w.readsWrites(2, 2).plus(w.items(1)).times(Weight.countOf(extensions)));
    }

    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.allocateDataCap(tx, origin, allocations, extensions);
    }
  }

  /**
   * Anyone: removes {@code client}'s expired allocations among {@code allocationIds} (every expired
   * one when the list is empty), returning their DataCap to the client ({@code
   * RemoveExpiredAllocations}). The empty list's sweep needs the client to hold at most {@code
   * maxItemsPerCall} allocations, so that its weight is bounded; else name them ({@code
   * TooManyItems}).
   */
  record RemoveExpiredAllocations(AccountId client, Seq<Long> allocationIds)
      implements VerifiedRegistryCall {
    @Override
    public Weight weight(VerifiedRegistryPallet p, WeightCosts w) {
      return removals(p, w, allocationIds);
    }

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
    /** Each claim read and rewritten. */
    @Override
    public Weight weight(VerifiedRegistryPallet p, WeightCosts w) {
      return w.readsWrites(1, 1)
          .plus(w.readsWrites(2, 2).plus(w.items(1)).times(Weight.countOf(terms)));
    }

    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.extendClaimTerms(tx, origin, terms);
    }
  }

  /**
   * Anyone: removes {@code provider}'s claims among {@code claimIds} whose term has ended (every
   * such claim when the list is empty, if the provider holds at most {@code maxItemsPerCall}
   * claims: else {@code TooManyItems}) ({@code RemoveExpiredClaims}).
   */
  record RemoveExpiredClaims(AccountId provider, Seq<Long> claimIds)
      implements VerifiedRegistryCall {
    @Override
    public Weight weight(VerifiedRegistryPallet p, WeightCosts w) {
      return removals(p, w, claimIds);
    }

    @Override
    public void dispatch(VerifiedRegistryPallet p, Tx tx, Origin origin) {
      p.removeExpiredClaims(tx, origin, provider, claimIds);
    }
  }
}
