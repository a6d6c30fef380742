package dev.palletsim.storageprovider;

import io.vavr.collection.Seq;

/**
 * Sectors of one partition named by a fault, recovery or termination declaration (Filecoin's {@code
 * FaultDeclaration}, {@code RecoveryDeclaration}, {@code TerminationDeclaration}). Declarations
 * naming the same partition twice are merged.
 *
 * @param deadline the deadline index
 * @param partition the partition index in the deadline
 * @param sectors the sector numbers, at least one
 */
public record SectorDeclaration(int deadline, int partition, Seq<Long> sectors) {}
