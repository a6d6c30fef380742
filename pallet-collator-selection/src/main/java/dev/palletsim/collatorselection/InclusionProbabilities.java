package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.math.BigInteger;

/**
 * Exact inclusion probabilities of the auction strategies, computed independently of their sampling
 * code (reference/collators-and-codex.md §4.7: test against the algorithm's exact probabilities,
 * not against {@code k·w/W}). Each maps every candidate to the probability, over a uniform seed,
 * that it gets a seat; the values sum to {@code min(k, n)}.
 *
 * <p>Zero-power candidates, in every strategy: probability 0 when at least {@code k} candidates
 * have power; otherwise each positive-power candidate is certain and the {@code k − m} leftover
 * seats are shared, so each zero-power candidate gets {@code min(1, (k − m)/z)} (the deterministic
 * strategy gives them to the smallest accounts instead).
 */
public final class InclusionProbabilities {
  /** The most positive-power candidates {@link #successiveSampling} enumerates (2^20 subsets). */
  public static final int MAX_ENUMERATED = 20;

  private InclusionProbabilities() {}

  /**
   * {@link ProportionalAuction}: {@code min(1, k·w/W)} with capping, by the textbook iteration (cap
   * every candidate at or above 1 at once, recompute over the rest, repeat).
   */
  public static SortedMap<AccountId, Double> proportional(Seq<Bid> candidates, int seats) {
    Vector<Bid> bids = AuctionInputs.checked(candidates);
    int k = Math.max(0, seats);
    Vector<Bid> positive = bids.filter(b -> b.power() > 0);
    TreeMap<AccountId, Double> out = zeroPower(bids, positive.size(), k);
    if (positive.size() <= k) return out;
    java.util.Set<AccountId> capped = new java.util.HashSet<>();
    while (true) {
      BigInteger left = BigInteger.valueOf(k - capped.size());
      BigInteger open = BigInteger.ZERO;
      for (Bid b : positive) {
        if (!capped.contains(b.who())) open = open.add(BigInteger.valueOf(b.power()));
      }
      java.util.List<AccountId> atOrAboveOne = new java.util.ArrayList<>();
      for (Bid b : positive) {
        if (!capped.contains(b.who())
            && left.multiply(BigInteger.valueOf(b.power())).compareTo(open) >= 0) {
          atOrAboveOne.add(b.who());
        }
      }
      if (atOrAboveOne.isEmpty()) {
        for (Bid b : positive) {
          double p =
              capped.contains(b.who())
                  ? 1.0
                  : ratio(left.multiply(BigInteger.valueOf(b.power())), open);
          out = out.put(b.who(), p);
        }
        return out;
      }
      capped.addAll(atOrAboveOne);
    }
  }

  /**
   * {@link SuccessiveSamplingAuction}: the probability of each set of {@code k} drawn by {@code k}
   * successive draws proportional to power without replacement, summed per candidate. Computed by
   * dynamic programming over subsets ({@code P(S ∪ {i}) += P(S) · w_i / (W − w(S))}), which
   * enumerates every draw sequence exactly; limited to {@link #MAX_ENUMERATED} positive-power
   * candidates.
   */
  public static SortedMap<AccountId, Double> successiveSampling(Seq<Bid> candidates, int seats) {
    Vector<Bid> bids = AuctionInputs.checked(candidates);
    int k = Math.max(0, seats);
    Vector<Bid> positive = bids.filter(b -> b.power() > 0);
    TreeMap<AccountId, Double> out = zeroPower(bids, positive.size(), k);
    int m = positive.size();
    if (m <= k) return out;
    if (m > MAX_ENUMERATED) {
      throw new IllegalArgumentException(
          "exact enumeration is limited to " + MAX_ENUMERATED + " candidates with power: " + m);
    }
    double[] w = new double[m];
    double total = 0;
    for (int i = 0; i < m; i++) {
      w[i] = positive.get(i).power();
      total += w[i];
    }
    int subsets = 1 << m;
    double[] drawn = new double[subsets];
    double[] weightOf = new double[subsets];
    double[] inclusion = new double[m];
    drawn[0] = 1.0;
    for (int s = 1; s < subsets; s++) {
      int low = Integer.numberOfTrailingZeros(s);
      weightOf[s] = weightOf[s & (s - 1)] + w[low];
    }
    for (int s = 0; s < subsets; s++) {
      double p = drawn[s];
      if (p == 0) continue;
      int size = Integer.bitCount(s);
      if (size == k) {
        for (int i = 0; i < m; i++) if ((s & (1 << i)) != 0) inclusion[i] += p;
        continue;
      }
      double rest = total - weightOf[s];
      for (int i = 0; i < m; i++) {
        if ((s & (1 << i)) == 0) drawn[s | (1 << i)] += p * w[i] / rest;
      }
    }
    for (int i = 0; i < m; i++) out = out.put(positive.get(i).who(), inclusion[i]);
    return out;
  }

  /** {@link TopPowerAuction}: 1 for the {@code k} largest (ties by account), 0 for the rest. */
  public static SortedMap<AccountId, Double> topPower(Seq<Bid> candidates, int seats) {
    Vector<Bid> bids = AuctionInputs.checked(candidates);
    int k = Math.max(0, seats);
    Vector<Bid> ranked = bids.sorted(AuctionInputs.BY_POWER_DESC);
    TreeMap<AccountId, Double> out = TreeMap.empty();
    for (int i = 0; i < ranked.size(); i++) out = out.put(ranked.get(i).who(), i < k ? 1.0 : 0.0);
    return out;
  }

  /**
   * The distribution of the first candidate drawn by successive sampling (and of the only one drawn
   * by any πps design with {@code k = 1}): {@code w_i / W}. Empty when no candidate has power.
   */
  public static SortedMap<AccountId, Double> firstDraw(Seq<Bid> candidates) {
    Vector<Bid> bids = AuctionInputs.checked(candidates);
    BigInteger total = BigInteger.ZERO;
    for (Bid b : bids) total = total.add(BigInteger.valueOf(b.power()));
    TreeMap<AccountId, Double> out = TreeMap.empty();
    if (total.signum() == 0) return out;
    for (Bid b : bids) out = out.put(b.who(), ratio(BigInteger.valueOf(b.power()), total));
    return out;
  }

  /** The expected number of seats won by {@code group}: the sum of its members' probabilities. */
  public static double expectedSeats(SortedMap<AccountId, Double> inclusion, Seq<AccountId> group) {
    double sum = 0;
    for (AccountId a : group) sum += inclusion.get(a).getOrElse(0.0);
    return sum;
  }

  /** Zero-power candidates' probabilities (and 1 for every positive one when m ≤ k). */
  private static TreeMap<AccountId, Double> zeroPower(Vector<Bid> bids, int positive, int k) {
    TreeMap<AccountId, Double> out = TreeMap.empty();
    int zero = bids.size() - positive;
    double share = k <= positive || zero == 0 ? 0.0 : Math.min(1.0, (double) (k - positive) / zero);
    for (Bid b : bids) {
      if (b.power() == 0) {
        out = out.put(b.who(), k <= 0 ? 0.0 : share);
      } else if (positive <= k) {
        out = out.put(b.who(), 1.0);
      }
    }
    return out;
  }

  private static double ratio(BigInteger num, BigInteger den) {
    return new java.math.BigDecimal(num)
        .divide(new java.math.BigDecimal(den), java.math.MathContext.DECIMAL64)
        .doubleValue();
  }
}
