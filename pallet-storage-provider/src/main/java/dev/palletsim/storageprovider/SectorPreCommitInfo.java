package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.Seq;

/**
 * One sector of a {@code preCommitSectors} call (Filecoin's {@code SectorPreCommitInfo},
 * polka-storage's input of the same name): the sealed sector's commitment, the randomness it was
 * sealed with, its deals, its committed expiration and its data commitment.
 *
 * @param sealProof the seal proof type; its PoSt type must be the provider's
 * @param sectorNumber a number the provider has never used
 * @param sealedCid CommR, a {@code fil-commitment-sealed} CID
 * @param sealRandomnessHeight the block whose randomness is the seal ticket
 * @param dealIds the market deals stored in the sector (empty for committed capacity)
 * @param expiration the block at which the sector expires
 * @param unsealedCid CommD, which must equal the market's commitment of the deals' pieces
 */
public record SectorPreCommitInfo(
    RegisteredSealProof sealProof,
    long sectorNumber,
    Cid sealedCid,
    long sealRandomnessHeight,
    Seq<Long> dealIds,
    long expiration,
    Cid unsealedCid) {}
