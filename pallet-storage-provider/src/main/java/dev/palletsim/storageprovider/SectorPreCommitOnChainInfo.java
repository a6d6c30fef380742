package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.List;

/**
 * A stored pre-commit (Filecoin's {@code SectorPreCommitOnChainInfo}): what was declared, the
 * deposit reserved for it and the block it was made in, which fixes the interactive seal challenge
 * block ({@code preCommitBlock + PreCommitChallengeDelay}) and the prove-commit deadline.
 *
 * @param sealProof the seal proof type
 * @param sectorNumber the sector number
 * @param sealedCid CommR
 * @param sealRandomnessHeight the seal ticket's block
 * @param dealIds the sector's deals, in order
 * @param expiration the committed expiration block
 * @param unsealedCid CommD, as verified with the market
 * @param preCommitDeposit planck reserved
 * @param preCommitBlock the block of the pre-commit
 */
public record SectorPreCommitOnChainInfo(
    RegisteredSealProof sealProof,
    long sectorNumber,
    Cid sealedCid,
    long sealRandomnessHeight,
    List<Long> dealIds,
    long expiration,
    Cid unsealedCid,
    long preCommitDeposit,
    long preCommitBlock) {}
