package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;

/**
 * One deal the market activated in a sector (builtin-actors' {@code ActivatedDeal}): what the
 * storage provider pallet needs to claim its DataCap allocation and weigh the sector.
 *
 * @param dealId the deal
 * @param client the deal's client
 * @param allocationId the verified allocation the deal made at publication, {@link
 *     VerifiedRegistry#NO_ALLOCATION_ID} for an unverified deal
 * @param data the piece's commitment (CommP)
 * @param size the piece's padded size in bytes
 */
public record ActivatedDeal(
    long dealId, AccountId client, long allocationId, Cid data, long size) {}
