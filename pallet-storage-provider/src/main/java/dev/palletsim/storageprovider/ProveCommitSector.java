package dev.palletsim.storageprovider;

/**
 * One sector of a {@code proveCommitSectors} call: the pre-committed sector and its PoRep.
 *
 * @param sectorNumber a pre-committed sector
 * @param proof the PoRep over the pre-commit, the seal ticket and the interactive seed
 */
public record ProveCommitSector(long sectorNumber, ProofBytes proof) {}
