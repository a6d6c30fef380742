package dev.palletsim.frame.crypto;

import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.Seq;

/**
 * Simulated Filecoin commitments. Real CommD is the root of a binary Merkle tree over the sector's
 * pieces padded with zero pieces; palletsim only needs it to be deterministic and sensitive to
 * every piece, its size and its order, so it is a SHA-256 over the sector size and the pieces (seed
 * 002 {@code ComputeDataCommitment}: "deterministic from the deals' piece CIDs and sizes").
 */
public final class Commitments {
  private Commitments() {}

  /**
   * A piece placed in a sector.
   *
   * @param cid the piece commitment (CommP)
   * @param size the padded piece size in bytes
   */
  public record Piece(Cid cid, long size) {}

  /** The unsealed-sector commitment (CommD) of {@code pieces} in a sector of the given size. */
  public static Cid unsealedSector(Seq<Piece> pieces, long sectorSize) {
    Sha256 h = Sha256.domain("palletsim/comm-d").number(sectorSize).number(pieces.size());
    for (Piece p : pieces) {
      h.text(p.cid().toString()).number(p.size());
    }
    return Cid.unsealed(h.finish());
  }

  /** A sealed-sector commitment (CommR) a simulated sealer derives from CommD and the ticket. */
  public static Cid sealedSector(Cid unsealed, byte[] ticket, byte[] proverBytes, long sector) {
    return Cid.sealed(
        Sha256.domain("palletsim/comm-r")
            .text(unsealed.toString())
            .bytes(ticket)
            .bytes(proverBytes)
            .number(sector)
            .finish());
  }

  /** A piece commitment for arbitrary test or simulation data. */
  public static Cid piece(String label) {
    return Cid.unsealed(Sha256.domain("palletsim/comm-p").text(label).finish());
  }
}
