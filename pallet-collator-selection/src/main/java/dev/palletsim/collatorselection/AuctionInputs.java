package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * What every auction strategy shares: input checks, the heap that keeps the best {@code k} of
 * {@code n} in O(n log k), and the rule for seats that positive-power candidates cannot fill.
 */
final class AuctionInputs {
  /** Most power first, then the smaller account: the order of the deterministic strategy. */
  static final Comparator<Bid> BY_POWER_DESC =
      Comparator.comparingLong(Bid::power).reversed().thenComparing(Bid::who);

  private AuctionInputs() {}

  /**
   * The candidates as a vector; throws for a missing list, a missing element or an account given
   * twice (all caller bugs: the pallet reads candidates from a map keyed by account).
   */
  static Vector<Bid> checked(Seq<Bid> candidates) {
    if (candidates == null) throw new IllegalArgumentException("candidates are missing");
    Set<AccountId> seen = new HashSet<>();
    for (Bid b : candidates) {
      if (b == null) throw new IllegalArgumentException("a candidate is missing");
      if (!seen.add(b.who())) {
        throw new IllegalArgumentException("candidate " + b.who() + " is given twice");
      }
    }
    return Vector.ofAll(candidates);
  }

  /**
   * The {@code k} smallest elements under {@code order}, sorted by it: a bounded heap whose head is
   * the worst element kept, O(n log k).
   */
  static <T> Vector<T> smallest(Iterable<T> items, int k, Comparator<? super T> order) {
    if (k <= 0) return Vector.empty();
    PriorityQueue<T> heap = new PriorityQueue<>(k + 1, order.reversed());
    for (T item : items) {
      if (heap.size() < k) {
        heap.add(item);
      } else if (order.compare(item, heap.peek()) < 0) {
        heap.poll();
        heap.add(item);
      }
    }
    return Vector.ofAll(heap).sorted(order);
  }

  /**
   * {@code chosen} followed by up to {@code seats} of the zero-power candidates in a seeded uniform
   * order: the leftover seats go to zero-power candidates at random, each equally likely.
   */
  static Vector<AccountId> fillWithZeroPower(
      Vector<AccountId> chosen, Vector<Bid> zeroPower, int seats, long seed) {
    if (seats <= 0 || zeroPower.isEmpty()) return chosen;
    Comparator<Bid> seeded =
        Comparator.<Bid>comparingLong(
                b -> SeededDraws.of(seed, SeededDraws.FILL, b.who()) ^ Long.MIN_VALUE)
            .thenComparing(Bid::who);
    return chosen.appendAll(smallest(zeroPower, seats, seeded).map(Bid::who));
  }
}
