package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;

/**
 * A proven sector (Filecoin's {@code SectorOnChainInfo}), with its location: the deadline and
 * partition it was assigned to at prove-commit, for life.
 *
 * @param sectorNumber the sector number
 * @param sealProof the seal proof type
 * @param sealedCid CommR, what Window PoSts prove
 * @param unsealedCid CommD
 * @param dealIds the deals it stores (a packed set), activated in the market at prove-commit
 * @param activation the prove-commit block
 * @param expiration the committed expiration block
 * @param dealWeight the market's deal weight (byte-blocks)
 * @param verifiedDealWeight the market's verified deal weight (byte-blocks)
 * @param initialPledge planck reserved as its initial pledge
 * @param power its raw byte power (the sector size)
 * @param deadline its deadline index
 * @param partition its partition index within the deadline
 */
public record SectorOnChainInfo(
    long sectorNumber,
    RegisteredSealProof sealProof,
    Cid sealedCid,
    Cid unsealedCid,
    DealIds dealIds,
    long activation,
    long expiration,
    long dealWeight,
    long verifiedDealWeight,
    long initialPledge,
    long power,
    int deadline,
    int partition) {}
