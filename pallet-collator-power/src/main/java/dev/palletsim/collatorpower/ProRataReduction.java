package dev.palletsim.collatorpower;

import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Shrinks a set of stakes to a smaller total, pro rata, with the largest-remainder method (Hamilton
 * / Hare–Niemeyer apportionment). This is how a miner's delegations shrink when its storage power
 * drops (seed 001, "Manipulating Power": a decrease "decreases all delegated power").
 *
 * <p>The rule, for stakes {@code s_i} summing to {@code S} and a target {@code T < S}:
 *
 * <ol>
 *   <li>each stake's exact quota is {@code q_i = s_i · T / S} (computed in 128-bit arithmetic);
 *   <li>each stake first keeps {@code ⌊q_i⌋}; the {@code L = T − Σ⌊q_i⌋} bytes left over ({@code 0
 *       ≤ L < n}) go one each to the {@code L} stakes with the largest remainders {@code (s_i · T)
 *       mod S};
 *   <li>ties between equal remainders go to the smaller key (for collators: the smaller account id
 *       in {@link dev.palletsim.frame.primitives.AccountId}'s byte order).
 * </ol>
 *
 * <p>Consequences, each checked by the tests: the new stakes sum to exactly {@code min(S, T)};
 * every new stake lies within one byte of its exact quota, so {@code 0 ≤ new_i ≤ s_i} (a stake is
 * never raised and never negative); the result depends only on the stakes and the target, never on
 * insertion or hash order. When {@code T ≥ S} nothing changes.
 */
public final class ProRataReduction {
  private ProRataReduction() {}

  /**
   * The outcome of a reduction.
   *
   * @param remaining the stakes after the reduction, zero stakes dropped
   * @param cuts how much each stake lost, stakes that lost nothing left out
   * @param <K> the key (a collator)
   */
  public record Result<K extends Comparable<? super K>>(
      TreeMap<K, Long> remaining, TreeMap<K, Long> cuts) {
    /** The total removed. */
    public long totalCut() {
      long sum = 0;
      for (Tuple2<K, Long> c : cuts) sum += c._2;
      return sum;
    }
  }

  /**
   * Shrinks {@code stakes} so that they sum to at most {@code target}; see the class comment for
   * the rule. Stakes must be non-negative and sum to at most {@link Long#MAX_VALUE}; {@code target}
   * must be non-negative.
   *
   * @throws IllegalArgumentException on a negative stake, a negative target or an overflowing sum
   */
  public static <K extends Comparable<? super K>> Result<K> reduce(
      TreeMap<K, Long> stakes, long target) {
    Objects.requireNonNull(stakes, "stakes");
    if (target < 0) throw new IllegalArgumentException("negative target " + target);
    long sum = 0;
    for (Tuple2<K, Long> s : stakes) {
      if (s._2 == null || s._2 < 0) throw new IllegalArgumentException("negative stake " + s);
      if (s._2 > Long.MAX_VALUE - sum) throw new IllegalArgumentException("stakes overflow");
      sum += s._2;
    }
    TreeMap<K, Long> positive = stakes.filterValues(v -> v > 0);
    if (sum <= target) return new Result<>(positive, TreeMap.empty());

    BigInteger total = BigInteger.valueOf(sum);
    BigInteger t = BigInteger.valueOf(target);
    List<Share<K>> shares = new ArrayList<>(positive.size());
    long floors = 0;
    for (Tuple2<K, Long> s : positive) {
      BigInteger[] qr = BigInteger.valueOf(s._2).multiply(t).divideAndRemainder(total);
      long floor = qr[0].longValueExact();
      shares.add(new Share<>(s._1, s._2, floor, qr[1].longValueExact()));
      floors += floor;
    }
    long leftover = target - floors;
    // Largest remainder first; equal remainders in key order. The sort is stable and total.
    List<Share<K>> byRemainder = new ArrayList<>(shares);
    byRemainder.sort(
        Comparator.<Share<K>>comparingLong(Share::remainder).reversed().thenComparing(Share::key));
    TreeMap<K, Long> bonus = TreeMap.empty();
    for (int i = 0; i < leftover; i++) bonus = bonus.put(byRemainder.get(i).key(), 1L);

    TreeMap<K, Long> remaining = TreeMap.empty();
    TreeMap<K, Long> cuts = TreeMap.empty();
    for (Share<K> s : shares) {
      long kept = s.floor() + bonus.getOrElse(s.key(), 0L);
      if (kept > 0) remaining = remaining.put(s.key(), kept);
      if (kept < s.stake()) cuts = cuts.put(s.key(), s.stake() - kept);
    }
    return new Result<>(remaining, cuts);
  }

  private record Share<K extends Comparable<? super K>>(
      K key, long stake, long floor, long remainder) {}
}
