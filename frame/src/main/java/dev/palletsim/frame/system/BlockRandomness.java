package dev.palletsim.frame.system;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.crypto.Sha256;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.Randomness;

/**
 * The runtime's randomness source: the randomness of block {@code n} is SHA-256 over the chain's
 * secret seed (set at genesis from the run's seed) and {@code n}. It stands in for the BABE VRF
 * output a parachain reads from the relay chain: reproducible for a given seed, unknown to anyone
 * who only sees earlier blocks, available for any past block in O(1) (so long look-backs, such as
 * Filecoin's seal randomness, never run out of history as polka-storage's 256-block window did).
 */
public final class BlockRandomness implements Randomness {
  /** The shared instance; the seed lives in the world, not here. */
  public static final BlockRandomness INSTANCE = new BlockRandomness();

  private BlockRandomness() {}

  @Override
  public H256 randomnessAt(StateView view, long block) {
    return at(SystemStorage.RANDOMNESS_SEED.get(view), block);
  }

  /** The randomness of {@code block} under {@code seed}. */
  public static H256 at(H256 seed, long block) {
    if (block < 0) throw new IllegalArgumentException("no randomness before genesis: " + block);
    return H256.of(
        Sha256.domain("palletsim/block-randomness").bytes(seed.toBytes()).number(block).finish());
  }

  /** The chain secret derived from a run's numeric seed. */
  public static H256 seedOf(long runSeed) {
    return H256.of(Sha256.domain("palletsim/run-seed").number(runSeed).finish());
  }
}
