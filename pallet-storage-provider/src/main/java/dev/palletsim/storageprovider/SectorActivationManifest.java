package dev.palletsim.storageprovider;

import io.vavr.collection.Seq;

/**
 * A pre-committed sector to prove with the data it holds (builtin-actors' {@code
 * SectorActivationManifest}): the pieces, in order, whose commitment must be the CommD declared at
 * pre-commit.
 *
 * @param sectorNumber a pre-committed sector without deal ids
 * @param pieces the pieces in the sector, possibly none (committed capacity)
 */
public record SectorActivationManifest(long sectorNumber, Seq<PieceActivationManifest> pieces) {}
