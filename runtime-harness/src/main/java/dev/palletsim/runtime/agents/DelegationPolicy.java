package dev.palletsim.runtime.agents;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import java.util.SplittableRandom;

/**
 * How a storage provider spreads its storage power over collators (issue 7, "Delegation"): given
 * its power and the candidates, the target delegation per collator. The storage provider agent
 * moves its delegations toward the target once per session.
 */
public sealed interface DelegationPolicy {
  /** The target delegation (collator → power), summing to at most {@code power}. */
  TreeMap<AccountId, Long> target(long power, Seq<AccountId> candidates, SplittableRandom random);

  /** Delegates nothing. */
  record None() implements DelegationPolicy {
    @Override
    public TreeMap<AccountId, Long> target(
        long power, Seq<AccountId> candidates, SplittableRandom random) {
      return TreeMap.empty();
    }
  }

  /**
   * Everything, split evenly (remainder to the first) over {@code collators}, in the given order;
   * collators that are not candidates are skipped. One collator is "all to one"; several owned by
   * the same party is the Sybil split.
   */
  record Split(List<AccountId> collators) implements DelegationPolicy {
    @Override
    public TreeMap<AccountId, Long> target(
        long power, Seq<AccountId> candidates, SplittableRandom random) {
      return even(power, collators.filter(candidates::contains));
    }
  }

  /** Everything, split evenly over {@code k} candidates chosen at random once and kept. */
  record RandomK(int k) implements DelegationPolicy {
    @Override
    public TreeMap<AccountId, Long> target(
        long power, Seq<AccountId> candidates, SplittableRandom random) {
      Seq<AccountId> pool = candidates.sorted();
      List<AccountId> chosen = List.empty();
      while (chosen.size() < Math.min(k, pool.size())) {
        AccountId c = pool.get(random.nextInt(pool.size()));
        if (!chosen.contains(c)) chosen = chosen.append(c);
      }
      return even(power, chosen);
    }
  }

  /** Everything, split evenly over every current candidate. */
  record Everyone() implements DelegationPolicy {
    @Override
    public TreeMap<AccountId, Long> target(
        long power, Seq<AccountId> candidates, SplittableRandom random) {
      return even(power, candidates.sorted());
    }
  }

  private static TreeMap<AccountId, Long> even(long power, Seq<AccountId> to) {
    TreeMap<AccountId, Long> out = TreeMap.empty();
    if (to.isEmpty() || power <= 0) return out;
    long share = power / to.size();
    long rest = power - share * to.size();
    for (int i = 0; i < to.size(); i++) {
      long v = share + (i == 0 ? rest : 0);
      if (v > 0) out = out.put(to.get(i), v);
    }
    return out;
  }
}
