package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.Seq;

/**
 * What the market reports of one sector's deals (builtin-actors' {@code SectorDealActivation}, with
 * the sector's data commitment): each deal activated, with its client, verified allocation, piece
 * and size, from which the storage provider pallet claims the allocations and computes the sector's
 * deal weights as builtin-actors' miner does (filecoin-actors.md §1.7). {@code
 * verifyDealsForActivation} reports the deals it checked the same way, without allocations.
 *
 * @param sectorNumber the sector
 * @param dealSpace Σ piece size of all deals (bytes)
 * @param unsealedCid the data commitment (CommD) of the sector's pieces; for a sector without
 *     deals, the commitment of an all-zero sector
 * @param activated the deals, in the order given
 */
public record SectorDealInfo(
    long sectorNumber, long dealSpace, Cid unsealedCid, Seq<ActivatedDeal> activated) {

  /** Σ size of the deals without a verified allocation: builtin-actors' unverified space. */
  public long unverifiedSpace() {
    long space = 0;
    for (ActivatedDeal d : activated) {
      if (d.allocationId() == VerifiedRegistry.NO_ALLOCATION_ID) {
        space = Math.addExact(space, d.size());
      }
    }
    return space;
  }
}
