package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.H256;
import io.vavr.collection.Seq;

/**
 * Verifies proofs of replication and of space-time (polka-storage's {@code ProofVerification}). The
 * default implementation checks deterministic simulated proofs (see {@code SimulatedProofs}), so
 * that agents can produce valid and deliberately invalid proofs.
 */
public interface ProofVerifier {
  /** Whether {@code proof} proves the sealing described by {@code inputs}. */
  boolean verifyPoRep(PoRepInputs inputs, byte[] proof);

  /** Whether {@code proof} proves storage of {@code inputs}' replicas under its challenge. */
  boolean verifyPoSt(PoStInputs inputs, byte[] proof);

  /**
   * What a PoRep proves.
   *
   * @param prover the storage provider
   * @param sectorNumber the sector
   * @param sealedCid CommR
   * @param unsealedCid CommD
   * @param ticket the seal randomness drawn at the seal randomness height
   * @param seed the interactive challenge seed drawn after the pre-commit challenge delay
   */
  record PoRepInputs(
      AccountId prover,
      long sectorNumber,
      Cid sealedCid,
      Cid unsealedCid,
      H256 ticket,
      H256 seed) {}

  /**
   * What a WindowPoSt proves.
   *
   * @param prover the storage provider
   * @param randomness the deadline's challenge randomness
   * @param replicas the sectors proven, ordered by sector number
   */
  record PoStInputs(AccountId prover, H256 randomness, Seq<Replica> replicas) {}

  /**
   * One sealed sector under proof.
   *
   * @param sectorNumber the sector
   * @param sealedCid its CommR
   */
  record Replica(long sectorNumber, Cid sealedCid) {}
}
