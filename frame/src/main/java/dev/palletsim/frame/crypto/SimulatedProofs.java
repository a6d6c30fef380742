package dev.palletsim.frame.crypto;

import dev.palletsim.frame.traits.ProofVerifier;
import java.util.Arrays;

/**
 * The default {@link ProofVerifier}: deterministic simulated proofs (ARCHITECTURE §7). A valid
 * PoRep is a SHA-256 over the sealed and unsealed commitments, the ticket, the seed, the prover and
 * the sector number; a valid PoSt is a SHA-256 over the challenge randomness, the prover and every
 * replica. Agents produce valid proofs with {@link #porep} and {@link #post} and invalid ones by
 * changing any byte.
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

  @Override
  public boolean verifyPoRep(PoRepInputs inputs, byte[] proof) {
    return proof != null && Arrays.equals(porep(inputs), proof);
  }

  @Override
  public boolean verifyPoSt(PoStInputs inputs, byte[] proof) {
    return proof != null && Arrays.equals(post(inputs), proof);
  }
}
