package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.Seq;

/**
 * A committed-capacity sector to fill with data by a replica update (builtin-actors' {@code
 * SectorUpdateManifest}, SnapDeals).
 *
 * @param sector the sector number
 * @param deadline the deadline holding it
 * @param partition the partition holding it
 * @param newSealedCid its CommR after the update
 * @param pieces the data now in it, in order
 */
public record SectorUpdateManifest(
    long sector,
    int deadline,
    int partition,
    Cid newSealedCid,
    Seq<PieceActivationManifest> pieces) {}
