package dev.palletsim.frame.crypto;

import dev.palletsim.frame.traits.ProofVerifier;
import java.util.Arrays;

/**
 * The default {@link ProofVerifier}: deterministic simulated proofs (ARCHITECTURE §7). A valid
 * PoRep is a SHA-256 over the sealed and unsealed commitments, the ticket, the seed, the prover and
 * the sector number; a valid PoSt is a SHA-256 over the challenge randomness, the prover and every
 * replica; a valid aggregate seal proof is a SHA-256 over every sealing's PoRep; a valid replica
 * update proof a SHA-256 over the sector's old and new commitments. Agents produce valid proofs
 * with {@link #porep}, {@link #post}, {@link #aggregate} and {@link #replicaUpdate} and invalid
 * ones by changing any byte.
 */
public final class SimulatedProofs implements ProofVerifier {
  /** The shared instance; it has no state. */
  public static final SimulatedProofs INSTANCE = new SimulatedProofs();

  private SimulatedProofs() {}

  /** The valid simulated PoRep for {@code in}. */
  public static byte[] porep(PoRepInputs in) {
    return Sha256.domain("palletsim/porep")
        .bytes(in.prover().toBytes())
        .number(in.sectorNumber())
        .text(in.sealedCid().toString())
        .text(in.unsealedCid().toString())
        .bytes(in.ticket().toBytes())
        .bytes(in.seed().toBytes())
        .finish();
  }

  /** The valid simulated WindowPoSt for {@code in}. */
  public static byte[] post(PoStInputs in) {
    Sha256 h =
        Sha256.domain("palletsim/window-post")
            .bytes(in.prover().toBytes())
            .bytes(in.randomness().toBytes())
            .number(in.replicas().size());
    for (Replica r : in.replicas()) {
      h.number(r.sectorNumber()).text(r.sealedCid().toString());
    }
    return h.finish();
  }

  /** The valid simulated aggregate seal proof for {@code in}. */
  public static byte[] aggregate(AggregateSealInputs in) {
    Sha256 h =
        Sha256.domain("palletsim/aggregate-porep")
            .bytes(in.prover().toBytes())
            .number(in.seals().size());
    for (PoRepInputs seal : in.seals()) h.bytes(porep(seal));
    return h.finish();
  }

  /** The valid simulated replica update proof for {@code in}. */
  public static byte[] replicaUpdate(ReplicaUpdateInputs in) {
    return Sha256.domain("palletsim/replica-update")
        .bytes(in.prover().toBytes())
        .number(in.sectorNumber())
        .text(in.oldSealedCid().toString())
        .text(in.newSealedCid().toString())
        .text(in.newUnsealedCid().toString())
        .finish();
  }

  @Override
  public boolean verifyAggregateSeals(AggregateSealInputs inputs, byte[] proof) {
    return proof != null && Arrays.equals(aggregate(inputs), proof);
  }

  @Override
  public boolean verifyReplicaUpdate(ReplicaUpdateInputs inputs, byte[] proof) {
    return proof != null && Arrays.equals(replicaUpdate(inputs), proof);
  }

  @Override
  public boolean verifyPoRep(PoRepInputs inputs, byte[] proof) {
    return proof != null && Arrays.equals(porep(inputs), proof);
  }

  @Override
  public boolean verifyPoSt(PoStInputs inputs, byte[] proof) {
    return proof != null && Arrays.equals(post(inputs), proof);
  }
}
