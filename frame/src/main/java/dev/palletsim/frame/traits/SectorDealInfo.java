package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.Cid;

/**
 * What the market reports of one sector's deals (seed 002, {@code VerifyDealsForActivationReturn}
 * per sector, with Filecoin's per-sector data commitment).
 *
 * @param sectorNumber the sector
 * @param dealWeight Σ duration × piece size of the unverified deals (byte-blocks)
 * @param verifiedDealWeight Σ duration × piece size of the verified deals (byte-blocks)
 * @param dealSpace Σ piece size of all deals (bytes)
 * @param unsealedCid the data commitment (CommD) of the sector's pieces; for a sector without
 *     deals, the commitment of an all-zero sector
 */
public record SectorDealInfo(
    long sectorNumber, long dealWeight, long verifiedDealWeight, long dealSpace, Cid unsealedCid) {}
