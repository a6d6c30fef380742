package dev.palletsim.sim;

import java.util.random.RandomGenerator;

/**
 * An agent's random stream: SplitMix64, the algorithm of {@link java.util.SplittableRandom}, with
 * the same seed giving the same draws of every kind ({@code nextInt(bound)}, {@code nextLong(a,
 * b)}, {@code nextDouble()}…), and a state that can be read and restored, so a saved run resumes
 * every stream where it stopped. A {@code SplittableRandom} keeps its state private; this is the
 * one difference.
 */
public final class SimRandom implements RandomGenerator {
  /** {@code SplittableRandom}'s gamma for a stream made from a seed. */
  public static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long seed;
  private final long gamma;

  /** The stream {@code new SplittableRandom(seed)} would give. */
  public SimRandom(long seed) {
    this(seed, GOLDEN_GAMMA);
  }

  /** A stream at state {@code (seed, gamma)}, as {@link #seed()} and {@link #gamma()} read it. */
  public SimRandom(long seed, long gamma) {
    this.seed = seed;
    this.gamma = gamma;
  }

  /** The state's running seed. */
  public long seed() {
    return seed;
  }

  /** The state's gamma (odd). */
  public long gamma() {
    return gamma;
  }

  @Override
  public long nextLong() {
    long z = (seed += gamma);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public int nextInt() {
    long z = (seed += gamma);
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }
}
