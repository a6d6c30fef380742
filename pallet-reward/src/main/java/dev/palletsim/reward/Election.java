package dev.palletsim.reward;

import dev.palletsim.frame.primitives.H256;

/**
 * The win count of Filecoin's leader election, as a pure function (Lotus' {@code ComputeWinCount}:
 * a Poisson sortition over the VRF output). Here the uniform draw is the first 53 bits of a
 * per-miner hash of the block's randomness, and the count is the inverse of the Poisson
 * distribution function at it, computed with {@link StrictMath} so that it is the same on every
 * JVM.
 */
public final class Election {
  private Election() {}

  /** Win counts above this are not looked for (the probability is below 10⁻³⁰⁰ for λ ≤ 5). */
  static final int MAX_WINS = 64;

  /** The uniform number in [0, 1) that the first 53 bits of {@code draw} stand for. */
  public static double uniform(H256 draw) {
    return (draw.firstLong() >>> 11) * 0x1.0p-53;
  }

  /**
   * The number of wins of a miner with mean {@code lambda} wins for the uniform draw {@code u}: the
   * smallest {@code k} with {@code P(X ≤ k) > u}, {@code X ~ Poisson(lambda)}.
   */
  public static int winCount(double lambda, double u) {
    if (!(lambda > 0)) return 0;
    double term = StrictMath.exp(-lambda);
    double cdf = term;
    int k = 0;
    while (cdf <= u && k < MAX_WINS) {
      k++;
      term = term * lambda / k;
      cdf += term;
    }
    return k;
  }
}
