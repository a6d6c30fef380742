package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The default auction: each candidate is selected with probability exactly {@code min(1, k·w/W)}
 * after capping (a πps design, reference/collators-and-codex.md §4.1), so that expected seats are
 * proportional to delegated power and splitting one miner's power across several collators gains
 * nothing in expectation (Sybil-neutral).
 *
 * <p>The algorithm, for bids with powers {@code w} and {@code k} seats:
 *
 * <ol>
 *   <li>Split the bids into positive-power ({@code m} of them) and zero-power ones. If {@code m ≤
 *       k}, every positive-power candidate is selected (by power, then account) and the {@code k −
 *       m} leftover seats go to zero-power candidates in a seeded uniform order.
 *   <li><b>Capping.</b> Walk the {@code k} largest bids in order of power (then account): with
 *       {@code k'} seats and weight {@code W'} still open (initially {@code k} and {@code W}), a
 *       bid with {@code k'·w ≥ W'} would have inclusion probability ≥ 1, so it is selected for
 *       certain and {@code k' −= 1, W' −= w}; stop at the first bid below the bar. This reaches the
 *       same set as the textbook "cap all, recompute, repeat" iteration.
 *   <li><b>Seeded order.</b> Order the remaining positive bids by a 64-bit hash of (seed, account),
 *       ties by account: a pseudo-random permutation that ignores the input order ({@code
 *       seededOrder}, a bucket sort).
 *   <li><b>Systematic sampling in integers.</b> Lay the bids end to end on {@code [0, k'·W')}, bid
 *       {@code i} covering an interval of length {@code k'·w_i} (less than {@code W'}, since it was
 *       not capped). Draw a start {@code u} uniform in {@code [0, W')} and select the bids whose
 *       interval holds one of the points {@code u, u + W', …, u + (k'−1)·W'}. Each interval holds
 *       at most one point and the points hit exactly {@code k'} bids; bid {@code i} is hit for
 *       exactly {@code k'·w_i} of the {@code W'} possible starts, whatever the order: its inclusion
 *       probability is {@code k'·w_i/W'} exactly, with no floating point anywhere.
 *   <li>The result is the capped bids (by power, then account) followed by the sampled ones in
 *       seeded order.
 * </ol>
 *
 * <p>Cost: O(n log k) for the capping heap, O(n) expected for the seeded order (a bucket sort of
 * uniform hashes) and O(n) for the sampling walk: O(n log k) in all. Systematic sampling fixes the
 * marginal probabilities exactly; pairs of candidates are not independent (a seeded order changes
 * every session, so no pair is always or never drawn together).
 */
public final class ProportionalAuction implements AuctionStrategy {
  /** The one instance: the strategy has no parameters. */
  public static final ProportionalAuction INSTANCE = new ProportionalAuction();

  private ProportionalAuction() {}

  @Override
  public String name() {
    return "proportional";
  }

  @Override
  public Seq<AccountId> select(Seq<Bid> candidates, int k, long seed) {
    Vector<Bid> bids = AuctionInputs.checked(candidates);
    if (k <= 0 || bids.isEmpty()) return Vector.empty();
    Vector<Bid> positive = bids.filter(b -> b.power() > 0);
    Vector<Bid> zero = bids.filter(b -> b.power() == 0);
    if (positive.size() <= k) {
      Vector<AccountId> all = positive.sorted(AuctionInputs.BY_POWER_DESC).map(Bid::who);
      return AuctionInputs.fillWithZeroPower(all, zero, k - all.size(), seed);
    }

    BigInteger open = BigInteger.ZERO;
    for (Bid b : positive) open = open.add(BigInteger.valueOf(b.power()));
    int seats = k;
    Vector<AccountId> certain = Vector.empty();
    for (Bid b : AuctionInputs.smallest(positive, k, AuctionInputs.BY_POWER_DESC)) {
      BigInteger w = BigInteger.valueOf(b.power());
      if (BigInteger.valueOf(seats).multiply(w).compareTo(open) < 0) break;
      certain = certain.append(b.who());
      seats--;
      open = open.subtract(w);
    }
    if (seats == 0) return certain;

    TreeSet<AccountId> capped = TreeSet.ofAll(certain);
    Vector<Bid> ordered = seededOrder(positive.filter(b -> !capped.contains(b.who())), seed);

    BigInteger start = SeededDraws.below(open, seed, SeededDraws.START);
    return certain.appendAll(systematic(ordered, seats, start));
  }

  /**
   * {@code bids} ordered by their seeded hash {@code SeededDraws.of(seed, ORDER, who)} read as an
   * unsigned number, ties by account: a pseudo-random permutation that ignores the input order.
   *
   * <p>A bucket sort: the hashes are uniform on {@code [0, 2^64)} and fixed before any candidate
   * could choose its account against them, so {@code n} equal-width buckets hold one bid each on
   * average and sorting inside the buckets costs O(n) expected (O(n log n) if every hash fell in
   * one bucket). The result is exactly the full sort by (hash, account).
   */
  static Vector<Bid> seededOrder(Vector<Bid> bids, long seed) {
    int n = bids.size();
    if (n < 2) return bids;
    long[] keys = new long[n];
    int[] bucket = new int[n];
    int[] starts = new int[n + 1];
    for (int i = 0; i < n; i++) {
      keys[i] = SeededDraws.of(seed, SeededDraws.ORDER, bids.get(i).who());
      // the high word of the unsigned product key · n: the bucket of key in [0, 2^64) cut n ways
      bucket[i] = (int) (Math.multiplyHigh(keys[i], n) + ((keys[i] >> 63) & n));
      starts[bucket[i] + 1]++;
    }
    for (int b = 0; b < n; b++) starts[b + 1] += starts[b];
    int[] next = Arrays.copyOf(starts, n);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[next[bucket[i]]++] = i;
    Comparator<Integer> byKey =
        Comparator.<Integer>comparingLong(i -> keys[i] ^ Long.MIN_VALUE)
            .thenComparing(i -> bids.get(i).who());
    for (int b = 0; b < n; b++) {
      if (starts[b + 1] - starts[b] > 1) Arrays.sort(order, starts[b], starts[b + 1], byKey);
    }
    Vector<Bid> out = Vector.empty();
    for (Integer i : order) out = out.append(bids.get(i));
    return out;
  }

  /**
   * Systematic sampling of {@code seats} among {@code ordered} (every {@code seats·w} below the
   * total {@code W}) from the start {@code start ∈ [0, W)}: the bids whose interval on {@code [0,
   * seats·W)} holds one of {@code start + j·W}. Each bid is selected for exactly {@code seats·w} of
   * the {@code W} starts.
   */
  static Vector<AccountId> systematic(Vector<Bid> ordered, int seats, BigInteger start) {
    BigInteger spacing = BigInteger.ZERO;
    for (Bid b : ordered) spacing = spacing.add(BigInteger.valueOf(b.power()));
    BigInteger k = BigInteger.valueOf(seats);
    BigInteger point = start;
    BigInteger end = BigInteger.ZERO;
    int left = seats;
    Vector<AccountId> sampled = Vector.empty();
    for (Bid b : ordered) {
      if (left == 0) break;
      end = end.add(k.multiply(BigInteger.valueOf(b.power())));
      if (point.compareTo(end) < 0) {
        sampled = sampled.append(b.who());
        point = point.add(spacing);
        left--;
      }
    }
    if (left != 0) throw new IllegalStateException("systematic sampling missed " + left + " seats");
    return sampled;
  }

  @Override
  public SortedMap<AccountId, Double> inclusionProbabilities(Seq<Bid> candidates, int k) {
    return InclusionProbabilities.proportional(candidates, k);
  }

  @Override
  public String toString() {
    return name();
  }
}
