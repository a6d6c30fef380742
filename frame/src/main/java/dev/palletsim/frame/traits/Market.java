package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.Seq;

/**
 * The storage market as the storage provider pallet sees it (seed 002 methods 5–8, seed 004's
 * synchronous termination). Implemented by the market pallet. Each method runs inside the caller's
 * transaction and fails through {@code DispatchException} with the market's typed error; a failure
 * fails the caller's whole call.
 */
public interface Market {
  /**
   * Checks that each sector's deals may be activated by {@code provider} now (seed 002 {@code
   * VerifyDealsForActivation}: deals exist, belong to the provider, are not yet active, have not
   * started, end by the sector's expiry, fit in the sector, appear once) and returns their weights
   * and data commitment, in the order given. Changes nothing.
   */
  Seq<SectorDealInfo> verifyDealsForActivation(Tx tx, AccountId provider, Seq<SectorDeals> sectors);

  /**
   * Activates every deal of every sector (seed 002 {@code ActivateDeals}), recording which sector
   * holds each; the same checks as {@link #verifyDealsForActivation}. All sectors activate or the
   * call fails: a deal is never silently skipped.
   */
  Seq<SectorDealInfo> activateDeals(Tx tx, AccountId provider, Seq<SectorDeals> sectors);

  /**
   * The provider's sectors were terminated early at the current block (seed 004, "Immediate
   * clean-up on termination"): for every deal they hold that has not ended, the final payment is
   * settled, the client's remaining fee and collateral are refunded, the provider's collateral is
   * slashed, and the deal is removed. Deals already past their end are left for settlement. Sectors
   * without deals are ignored.
   */
  void onSectorsTerminate(Tx tx, AccountId provider, Seq<Long> sectorNumbers);

  /**
   * The unsealed-sector commitment (CommD) of the given deals' pieces in a sector of {@code
   * sectorSize} bytes (seed 002 {@code ComputeDataCommitment}); deterministic in the pieces' CIDs
   * and sizes and their order. Fails if a deal does not exist.
   */
  Cid computeDataCommitment(StateView view, Seq<Long> dealIds, long sectorSize);
}
