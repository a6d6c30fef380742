package dev.palletsim.storageprovider;

import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.crypto.Sha256;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import io.vavr.collection.Seq;
import java.security.PrivateKey;

/**
 * A simulated block header: palletsim's deterministic stand-in for the Filecoin block headers a
 * {@code ReportConsensusFault} carries as evidence. Storage providers in palletsim do not mine the
 * parachain's blocks, so these headers are never chained; they exist to be signed, compared and
 * checked as Lotus checks real ones ({@link ConsensusFaults}): the miner, the height, the parents
 * (the ids of the headers it builds on), a digest standing for everything else in the block, and
 * the Ed25519 signature of the miner's worker over all of it.
 *
 * <p>Anyone holding a worker key makes headers with {@link #signed}; an agent that equivocates
 * signs two that conflict. A header's {@link #id} is its CID's stand-in: the SHA-256 of its signed
 * bytes and its signature.
 *
 * @param miner the provider that mined it
 * @param epoch its height
 * @param parents the ids of the headers it builds on
 * @param messages a digest of its content (messages, state root, ticket…)
 * @param signature the worker's Ed25519 signature over {@link #signingBytes}
 */
public record BlockHeader(
    AccountId miner, long epoch, Seq<H256> parents, H256 messages, ProofBytes signature) {

  /** A header signed by {@code workerKey}. */
  public static BlockHeader signed(
      AccountId miner, long epoch, Seq<H256> parents, H256 messages, PrivateKey workerKey) {
    byte[] bytes = signingBytes(miner, epoch, parents, messages);
    return new BlockHeader(
        miner, epoch, parents, messages, ProofBytes.of(Ed25519.sign(workerKey, bytes)));
  }

  /** What the worker signs: every field but the signature, canonically encoded. */
  public byte[] signingBytes() {
    return signingBytes(miner, epoch, parents, messages);
  }

  private static byte[] signingBytes(
      AccountId miner, long epoch, Seq<H256> parents, H256 messages) {
    Sha256 h =
        Sha256.domain("palletsim/block-header")
            .bytes(miner.toBytes())
            .number(epoch)
            .number(parents.size());
    for (H256 p : parents) h.bytes(p.toBytes());
    return h.bytes(messages.toBytes()).finish();
  }

  /** The header's id (its CID's stand-in): over its signed bytes and its signature. */
  public H256 id() {
    return H256.of(
        Sha256.domain("palletsim/block-id")
            .bytes(signingBytes())
            .bytes(signature.bytes())
            .finish());
  }

  /** Whether {@code worker} signed this header; never throws. */
  public boolean isSignedBy(AccountId worker) {
    return Ed25519.verify(worker, signingBytes(), signature.bytes());
  }
}
