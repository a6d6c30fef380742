package dev.palletsim.collatorpower;

import static dev.palletsim.collatorpower.CollatorPowerStorage.COLLATOR_BACKERS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.MINER_CLAIMS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.NETWORK_POWER;
import static dev.palletsim.collatorpower.CollatorPowerStorage.POWER_LOCKS;
import static dev.palletsim.collatorpower.CollatorPowerStorage.TOTAL_BACKING;
import static dev.palletsim.collatorpower.CollatorPowerStorage.UNLOCK_QUEUE;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.system.SystemStorage;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * The collator power pallet's state invariants (FRAME's {@code try_state}), checked after every
 * block by the test kit: the "Σ staked ≤ power for every miner (the power delegations
 * weigh), nothing negative, every delegation names an existing miner", plus the agreement of the
 * collator index with the claims and the bookkeeping of slash locks (ARCHITECTURE §8: "Σ delegated
 * ≤ miner power").
 */
public final class CollatorPowerInvariants {
  private CollatorPowerInvariants() {}

  /** Every invariant of the pallet under {@code config}. */
  public static Seq<Invariant> of(CollatorPowerConfig config) {
    return List.of(
        Invariant.of(
            "CollatorPower: Σ delegated + Σ locked ≤ delegable power for every miner",
            view -> powerCoversDelegationsAndLocks(view, config)),
        Invariant.of(
            "CollatorPower: no amount is negative and no stored amount is zero",
            CollatorPowerInvariants::amountsPositive),
        Invariant.of(
            "CollatorPower: every delegation and lock names a registered miner",
            CollatorPowerInvariants::minersExist),
        Invariant.of(
            "CollatorPower: the collator index and totals match the claims",
            CollatorPowerInvariants::indexMatchesClaims),
        Invariant.of(
            "CollatorPower: every lock is queued at its unlock block, in the future",
            CollatorPowerInvariants::locksQueued),
        Invariant.of(
            "CollatorPower: delegations per miner and backers per collator within bounds",
            view -> withinBounds(view, config)),
        Invariant.of(
            "CollatorPower: the network totals are the sums over the claims",
            view -> networkTotalsMatch(view, config)));
  }

  static Option<String> networkTotalsMatch(StateView view, CollatorPowerConfig config) {
    long committed = 0;
    long counted = 0;
    long miners = 0;
    long above = 0;
    long qaCommitted = 0;
    long qaCounted = 0;
    for (Tuple2<AccountId, MinerClaim> e : MINER_CLAIMS.entries(view)) {
      long raw = e._2.rawBytePower();
      long qa = e._2.qualityAdjPower();
      committed += raw;
      qaCommitted += qa;
      miners++;
      if (raw >= config.consensusMinerMinPower()) {
        counted += raw;
        qaCounted += qa;
        above++;
      }
    }
    NetworkPower expected =
        new NetworkPower(committed, counted, miners, above, qaCommitted, qaCounted);
    NetworkPower stored = NETWORK_POWER.get(view);
    return stored.equals(expected)
        ? Option.none()
        : Option.some("network totals " + stored + " ≠ sums over claims " + expected);
  }

  static Option<String> powerCoversDelegationsAndLocks(StateView view, CollatorPowerConfig config) {
    for (Tuple2<AccountId, MinerClaim> e : MINER_CLAIMS.entries(view)) {
      BigInteger used = BigInteger.ZERO;
      for (long v : e._2.stakedPower().values()) used = used.add(BigInteger.valueOf(v));
      for (var l : POWER_LOCKS.entriesOf(view, e._1)) used = used.add(BigInteger.valueOf(l._2));
      long power = config.delegationPower().of(e._2);
      if (used.compareTo(BigInteger.valueOf(power)) > 0) {
        return Option.some("miner " + e._1 + " uses " + used + " of delegable power " + power);
      }
    }
    return Option.none();
  }

  static Option<String> amountsPositive(StateView view) {
    for (Tuple2<AccountId, MinerClaim> e : MINER_CLAIMS.entries(view)) {
      if (e._2.rawBytePower() < 0 || e._2.qualityAdjPower() < 0) {
        return Option.some("miner " + e._1 + " has negative power");
      }
      for (var s : e._2.stakedPower()) {
        if (s._2 == null || s._2 <= 0) {
          return Option.some("miner " + e._1 + " stakes " + s._2 + " on " + s._1);
        }
      }
    }
    for (AccountId c : COLLATOR_BACKERS.prefixes(view)) {
      for (var b : COLLATOR_BACKERS.entriesOf(view, c)) {
        if (b._2 == null || b._2 <= 0) return Option.some("backing " + b + " of " + c);
      }
    }
    for (var t : TOTAL_BACKING.entries(view)) {
      if (t._2 == null || t._2 <= 0) return Option.some("total backing " + t);
    }
    for (AccountId m : POWER_LOCKS.prefixes(view)) {
      for (var l : POWER_LOCKS.entriesOf(view, m)) {
        if (l._2 == null || l._2 <= 0) return Option.some("lock " + l + " of " + m);
      }
    }
    return Option.none();
  }

  static Option<String> minersExist(StateView view) {
    for (AccountId c : COLLATOR_BACKERS.prefixes(view)) {
      for (var b : COLLATOR_BACKERS.entriesOf(view, c)) {
        if (!MINER_CLAIMS.contains(view, b._1)) {
          return Option.some("collator " + c + " is backed by unregistered " + b._1);
        }
      }
    }
    for (AccountId m : POWER_LOCKS.prefixes(view)) {
      if (!MINER_CLAIMS.contains(view, m)) return Option.some("unregistered " + m + " has locks");
    }
    for (var q : UNLOCK_QUEUE.entries(view)) {
      for (AccountId m : q._2) {
        if (!MINER_CLAIMS.contains(view, m)) {
          return Option.some("unregistered " + m + " queued at " + q._1);
        }
      }
    }
    return Option.none();
  }

  static Option<String> indexMatchesClaims(StateView view) {
    TreeMap<AccountId, TreeMap<AccountId, Long>> expected = TreeMap.empty();
    for (Tuple2<AccountId, MinerClaim> e : MINER_CLAIMS.entries(view)) {
      for (var s : e._2.stakedPower()) {
        expected =
            expected.put(
                s._1, expected.getOrElse(s._1, TreeMap.<AccountId, Long>empty()).put(e._1, s._2));
      }
    }
    TreeSet<AccountId> indexed = TreeSet.ofAll(COLLATOR_BACKERS.prefixes(view));
    if (!indexed.equals(expected.keySet())) {
      return Option.some("index names collators " + indexed + ", claims name " + expected.keySet());
    }
    for (var c : expected) {
      TreeMap<AccountId, Long> index = TreeMap.ofEntries(COLLATOR_BACKERS.entriesOf(view, c._1));
      if (!index.equals(c._2)) {
        return Option.some("collator " + c._1 + " index " + index + " ≠ claims " + c._2);
      }
      long total = c._2.values().foldLeft(0L, Long::sum);
      if (TOTAL_BACKING.get(view, c._1) != total) {
        return Option.some(
            "collator " + c._1 + " total " + TOTAL_BACKING.get(view, c._1) + " ≠ Σ " + total);
      }
    }
    for (var t : TOTAL_BACKING.entries(view)) {
      if (!expected.containsKey(t._1)) {
        return Option.some("total " + t._2 + " for " + t._1 + " whom no claim backs");
      }
    }
    return Option.none();
  }

  static Option<String> locksQueued(StateView view) {
    long now = SystemStorage.NUMBER.get(view);
    for (AccountId m : POWER_LOCKS.prefixes(view)) {
      for (var l : POWER_LOCKS.entriesOf(view, m)) {
        long at = l._1.unlockAt();
        if (at <= now) return Option.some("lock " + l + " of " + m + " overdue at " + now);
        if (!UNLOCK_QUEUE.get(view, at).contains(m)) {
          return Option.some("lock " + l + " of " + m + " is not queued");
        }
      }
    }
    for (var q : UNLOCK_QUEUE.entries(view)) {
      if (q._1 <= now) return Option.some("queue entry " + q._1 + " overdue at " + now);
      for (AccountId m : q._2) {
        if (!POWER_LOCKS.entriesOf(view, m).exists(l -> l._1.unlockAt() == q._1)) {
          return Option.some(m + " queued at " + q._1 + " without a lock there");
        }
      }
    }
    return Option.none();
  }

  static Option<String> withinBounds(StateView view, CollatorPowerConfig config) {
    for (Tuple2<AccountId, MinerClaim> e : MINER_CLAIMS.entries(view)) {
      if (e._2.stakedPower().size() > config.maxDelegationsPerMiner()) {
        return Option.some("miner " + e._1 + " has " + e._2.stakedPower().size() + " delegations");
      }
    }
    for (AccountId c : COLLATOR_BACKERS.prefixes(view)) {
      if (COLLATOR_BACKERS.countOf(view, c) > config.maxBackersPerCollator()) {
        return Option.some("collator " + c + " has " + COLLATOR_BACKERS.countOf(view, c));
      }
    }
    return Option.none();
  }
}
