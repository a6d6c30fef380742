package dev.palletsim.agents;

import dev.palletsim.collatorpower.CollatorPowerCall;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import java.util.random.RandomGenerator;

/**
 * How a storage provider spreads its storage power over collator candidates (issue 7, "Delegation";
 * seed 001's {@code delegate_power}). The storage provider agent re-evaluates the policy once per
 * session: the policy {@linkplain #choose chooses} collators among the current candidates, the
 * power is split {@linkplain #split evenly} over them within the collator power pallet's limits,
 * and the agent submits the {@linkplain #moves moves} that turn its current delegations into the
 * target.
 *
 * <p>Policies: {@link None} (keep the power), {@link Split} over named collators (one collator is
 * "all to one"; several run by the same party is the Sybil split), {@link RandomK} (k candidates
 * drawn with the agent's random stream and kept while they stay candidates) and {@link Everyone}.
 */
public sealed interface DelegationPolicy {

  /**
   * The collator power pallet's limits a target must respect.
   *
   * @param minDelegation the least power one delegation may hold ({@code minDelegation})
   * @param maxDelegations the most collators one miner may back ({@code maxDelegationsPerMiner})
   */
  record Limits(long minDelegation, int maxDelegations) {}

  /**
   * The collators to back, in preference order, given the current {@code candidates} (sorted) and
   * the policy's {@code previous} choice (the agent's memory, or its current delegations after a
   * restart).
   */
  Seq<AccountId> choose(Seq<AccountId> candidates, Seq<AccountId> previous, RandomGenerator random);

  /** The policy's name in scenario files. */
  String name();

  /** Delegates nothing. */
  record None() implements DelegationPolicy {
    @Override
    public Seq<AccountId> choose(
        Seq<AccountId> candidates, Seq<AccountId> previous, RandomGenerator random) {
      return List.empty();
    }

    @Override
    public String name() {
      return "none";
    }
  }

  /**
   * Splits the power over {@code collators}, in the given order; those that are not candidates
   * (yet, or any more) are skipped.
   */
  record Split(List<AccountId> collators) implements DelegationPolicy {
    @Override
    public Seq<AccountId> choose(
        Seq<AccountId> candidates, Seq<AccountId> previous, RandomGenerator random) {
      TreeSet<AccountId> live = TreeSet.ofAll(candidates);
      return collators.distinct().filter(live::contains);
    }

    @Override
    public String name() {
      return "split";
    }
  }

  /**
   * Splits the power over {@code k} candidates: those chosen before that are still candidates are
   * kept, the rest is drawn uniformly among the other candidates with the agent's random stream.
   */
  record RandomK(int k) implements DelegationPolicy {
    /** Checks k. */
    public RandomK {
      if (k < 1) throw new IllegalArgumentException("random-k needs k ≥ 1, got " + k);
    }

    @Override
    public Seq<AccountId> choose(
        Seq<AccountId> candidates, Seq<AccountId> previous, RandomGenerator random) {
      TreeSet<AccountId> live = TreeSet.ofAll(candidates);
      Vector<AccountId> chosen = Vector.ofAll(previous).distinct().filter(live::contains).take(k);
      Vector<AccountId> pool = Vector.ofAll(live).filter(c -> !chosen.contains(c));
      Vector<AccountId> out = chosen;
      while (out.size() < k && !pool.isEmpty()) {
        int i = random.nextInt(pool.size());
        out = out.append(pool.get(i));
        pool = pool.removeAt(i);
      }
      return out;
    }

    @Override
    public String name() {
      return "random-k";
    }
  }

  /** Splits the power over every candidate, in account order. */
  record Everyone() implements DelegationPolicy {
    @Override
    public Seq<AccountId> choose(
        Seq<AccountId> candidates, Seq<AccountId> previous, RandomGenerator random) {
      return Vector.ofAll(candidates).sorted();
    }

    @Override
    public String name() {
      return "everyone";
    }
  }

  /**
   * The target delegation of {@code power} over {@code chosen}: evenly, the remainder to the first,
   * over as many of the first collators as the limits allow (at most {@code maxDelegations}, and no
   * share below {@code minDelegation}).
   */
  static TreeMap<AccountId, Long> split(long power, Seq<AccountId> chosen, Limits limits) {
    TreeMap<AccountId, Long> out = TreeMap.empty();
    if (power <= 0 || chosen.isEmpty()) return out;
    long byMin = limits.minDelegation() <= 0 ? Long.MAX_VALUE : power / limits.minDelegation();
    int n = (int) Math.min(Math.min(chosen.size(), limits.maxDelegations()), byMin);
    if (n <= 0) return out;
    long share = power / n;
    long rest = power - share * n;
    for (int i = 0; i < n; i++) out = out.put(chosen.get(i), share + (i == 0 ? rest : 0));
    return out;
  }

  /**
   * The calls that turn {@code current} into {@code target}: every decrease first (undelegations
   * free the power and the delegation slots), then every increase, each in account order. Every
   * intermediate delegation is 0 or a target share, so none falls below the minimum.
   */
  static Vector<CollatorPowerCall> moves(
      TreeMap<AccountId, Long> current, TreeMap<AccountId, Long> target) {
    Vector<CollatorPowerCall> down = Vector.empty();
    Vector<CollatorPowerCall> up = Vector.empty();
    for (AccountId c : current.keySet().addAll(target.keySet())) {
      long now = current.get(c).getOrElse(0L);
      long want = target.get(c).getOrElse(0L);
      if (want < now) down = down.append(new CollatorPowerCall.Undelegate(c, now - want));
      if (want > now) up = up.append(new CollatorPowerCall.DelegatePower(c, want - now));
    }
    return down.appendAll(up);
  }

  /**
   * The policy called {@code name} ({@code none}, {@code split}, {@code random-k}, {@code
   * everyone}) with its arguments.
   */
  static DelegationPolicy named(String name, List<AccountId> collators, int k) {
    return switch (name) {
      case "none" -> new None();
      case "split" -> {
        if (collators.isEmpty()) {
          throw new IllegalArgumentException("delegation 'split' needs 'delegate-to' collators");
        }
        yield new Split(collators);
      }
      case "random-k" -> new RandomK(k);
      case "everyone" -> new Everyone();
      default ->
          throw new IllegalArgumentException(
              "delegation must be none, split, random-k or everyone, got '" + name + "'");
    };
  }
}
