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
   * Whether {@code proof} is one aggregate (SnarkPack) proof of every sealing in {@code inputs}
   * (builtin-actors' {@code verify_aggregate_seals}).
   */
  boolean verifyAggregateSeals(AggregateSealInputs inputs, byte[] proof);

  /**
   * Whether {@code proof} proves that a committed-capacity sector's replica was updated to hold new
   * data (a SnapDeals {@code ReplicaUpdate} proof, builtin-actors' {@code verify_replica_update}).
   */
  boolean verifyReplicaUpdate(ReplicaUpdateInputs inputs, byte[] proof);

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
   * What an aggregate seal proof proves: every sealing, in the order of the sectors proven.
   *
   * @param prover the storage provider
   * @param seals the sealings, each as a single PoRep would prove it
   */
  record AggregateSealInputs(AccountId prover, Seq<PoRepInputs> seals) {}

  /**
   * What a replica update proves.
   *
   * @param prover the storage provider
   * @param sectorNumber the sector updated
   * @param oldSealedCid its CommR before the update (the sector key)
   * @param newSealedCid its CommR after the update
   * @param newUnsealedCid the CommD of the data now in it
   */
  record ReplicaUpdateInputs(
      AccountId prover,
      long sectorNumber,
      Cid oldSealedCid,
      Cid newSealedCid,
      Cid newUnsealedCid) {}

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
