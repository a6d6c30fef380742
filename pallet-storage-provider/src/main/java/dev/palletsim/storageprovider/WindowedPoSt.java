package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.ProofVerifier.Replica;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.util.function.LongFunction;

/**
 * A Window PoSt accepted without verification (builtin-actors' {@code WindowedPoSt}), kept so that
 * anyone may dispute it during the dispute window after its deadline closes. It keeps what a
 * dispute needs: the challenge of the window it proved, per partition the sectors the proof covered
 * as a bit field (the partition's active sectors after the PoSt, which are also the ones a
 * successful dispute marks faulty), and their raw and quality-adjusted power when proven (the
 * active power of builtin-actors' partition snapshots, which a successful dispute's penalty is
 * measured on even for sectors that expired or were terminated since).
 *
 * <p>A dispute verifies the proof against the replicas it proved. builtin-actors keeps only the
 * partitions' bit field and reads the sealed CIDs from the deadline's {@code sectors_snapshot},
 * taken at the close. palletsim keeps no snapshot of the sectors: it reads each sealed CID from the
 * sector's record, which stays the proven one unless the record changes while the PoSt is kept. The
 * deadline is immutable while its window is open, so nothing changes before the close; from the
 * close on, builtin-actors lets a replica update ({@code deadline_is_mutable}), a termination and
 * the close's own expirations reach the proven sectors (only compaction waits for the dispute
 * window to end, {@code deadline_available_for_compaction}). So at the moment a sector's sealed CID
 * changes or its record goes, the sealed CID it was proven with is written into {@link
 * #keptSealedCids} of every kept PoSt that proved it, and a dispute reads it there: the common case
 * costs a bit field per partition, not a sealed CID per sector.
 *
 * @param challenge the challenge block of the deadline occurrence it proved
 * @param partitions partition → the sectors it proved there
 * @param keptSealedCids sector → the sealed CID it was proven with, only for the sectors whose
 *     record has changed its sealed CID (a replica update) or gone (termination, expiry) since the
 *     PoSt; empty in the common case
 * @param proof the proof as submitted
 * @param power the power of the sectors it proved, when it was submitted
 */
public record WindowedPoSt(
    long challenge,
    TreeMap<Integer, BitField> partitions,
    TreeMap<Long, Cid> keptSealedCids,
    ProofBytes proof,
    PowerPair power) {

  /** A PoSt just accepted: nothing has changed since, so no sealed CID is kept. */
  static WindowedPoSt accepted(
      long challenge, TreeMap<Integer, BitField> partitions, ProofBytes proof, PowerPair power) {
    return new WindowedPoSt(challenge, partitions, TreeMap.empty(), proof, power);
  }

  /** Every sector the proof covered. */
  public BitField sectors() {
    return BitField.unionOf(partitions.values());
  }

  /** The number of sectors the proof covered. */
  public long sectorCount() {
    long n = 0;
    for (BitField b : partitions.values()) n += b.count();
    return n;
  }

  /** Whether the proof covered sector {@code n}. */
  public boolean proved(long n) {
    return partitions.values().exists(b -> b.contains(n));
  }

  /**
   * The replicas the proof covered, ordered by sector number (the PoSt's public inputs): each
   * sector's kept sealed CID where there is one, else {@code sealedCid} of its number, the sealed
   * CID its record holds now.
   */
  public Vector<Replica> replicas(LongFunction<Cid> sealedCid) {
    long[] sectors = sectors().toArray();
    Replica[] out = new Replica[sectors.length];
    for (int i = 0; i < sectors.length; i++) {
      long n = sectors[i];
      out[i] = new Replica(n, keptSealedCids.get(n).getOrElse(() -> sealedCid.apply(n)));
    }
    return Vector.of(out);
  }

  /**
   * This PoSt keeping the sealed CIDs of those of {@code replicas} it proved and does not keep yet
   * (a sector's first change since the PoSt is the one that replaced the proven replica); this very
   * PoSt if it keeps nothing new.
   */
  WindowedPoSt keeping(Seq<Replica> replicas) {
    TreeMap<Long, Cid> kept = keptSealedCids;
    for (Replica r : replicas) {
      if (!kept.containsKey(r.sectorNumber()) && proved(r.sectorNumber())) {
        kept = kept.put(r.sectorNumber(), r.sealedCid());
      }
    }
    return kept == keptSealedCids
        ? this
        : new WindowedPoSt(challenge, partitions, kept, proof, power);
  }
}
