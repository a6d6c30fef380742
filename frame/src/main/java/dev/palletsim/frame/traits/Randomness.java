package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.frame.primitives.H256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Per-block randomness, standing in for the relay chain's BABE VRF output (ARCHITECTURE §7). The
 * randomness of block {@code n} exists from block {@code n} on and never changes; callers must not
 * ask for a block later than the current one (the implementation cannot know "now" from a view, so
 * pallets check it, as Filecoin's actors check lookbacks).
 */
public interface Randomness {
  /** The randomness of block {@code block} (0 ≤ block ≤ current). */
  H256 randomnessAt(StateView view, long block);

  /**
   * Filecoin's {@code draw_randomness}: SHA-256 over the domain tag, the block's randomness, the
   * block number and {@code entropy} (usually the caller's account bytes).
   */
  default H256 draw(StateView view, RandomnessDomain domain, long block, byte[] entropy) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Bytes.ofLong(domain.tag()));
      sha.update(randomnessAt(view, block).toBytes());
      sha.update(Bytes.ofLong(block));
      sha.update(entropy);
      return H256.of(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
