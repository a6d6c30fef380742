package dev.palletsim.storageprovider;

import dev.palletsim.frame.traits.ProofVerifier.Replica;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;

/**
 * A Window PoSt accepted without verification (builtin-actors' {@code WindowedPoSt}), kept so that
 * anyone may dispute it during the dispute window after its deadline closes. It keeps what a
 * dispute needs and what builtin-actors reads from its partition and sector snapshots: the
 * challenge of the window it proved, and per partition the sectors the proof covered (the
 * partition's active sectors after the PoSt, which are also the ones a successful dispute marks
 * faulty) with their sealed CIDs, and their raw and quality-adjusted power when proven (the active
 * power of builtin-actors' partition snapshots, which a successful dispute's penalty is measured on
 * even for sectors that expired or were terminated since).
 *
 * @param challenge the challenge block of the deadline occurrence it proved
 * @param partitions partition → the sectors it proved there, ordered by sector number
 * @param proof the proof as submitted
 * @param power the power of the sectors it proved, when it was submitted
 */
public record WindowedPoSt(
    long challenge,
    TreeMap<Integer, Vector<Replica>> partitions,
    ProofBytes proof,
    PowerPair power) {

  /** Every sector the proof covered, ordered by sector number (the PoSt's public inputs). */
  public Vector<Replica> replicas() {
    return partitions.values().flatMap(v -> v).sortBy(Replica::sectorNumber).toVector();
  }

  /** The number of sectors the proof covered. */
  public long sectorCount() {
    long n = 0;
    for (Vector<Replica> v : partitions.values()) n += v.size();
    return n;
  }
}
