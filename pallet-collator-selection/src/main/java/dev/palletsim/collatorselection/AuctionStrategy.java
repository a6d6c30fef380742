package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;

/**
 * How a session's non-invulnerable seats are drawn among the candidates, weighted by delegated
 * storage power (seed 001's "randomized auction"; reference/collators-and-codex.md §4). A strategy
 * is a pure function of its arguments: the same bids (in any order), seat count and seed always
 * give the same result.
 *
 * <p>Every strategy shares these rules: candidates must be distinct accounts (a duplicate is a
 * caller bug and throws {@link IllegalArgumentException}); an empty list or {@code k ≤ 0} gives an
 * empty result; at most {@code min(k, n)} candidates are returned, without duplicates; a zero-power
 * candidate is only ever chosen for a seat that positive-power candidates cannot fill (fewer than
 * {@code k} of them have power), and then the zero-power candidates share those seats uniformly at
 * random (by account order for the deterministic strategy).
 */
public interface AuctionStrategy {
  /** A short name, stored with every auction record (e.g. {@code "proportional"}). */
  String name();

  /**
   * Draws up to {@code k} of {@code candidates} using {@code seed}; the result's order is the
   * strategy's draw order, which becomes the order of the collators after the invulnerables.
   */
  Seq<AccountId> select(Seq<Bid> candidates, int k, long seed);

  /**
   * The exact probability, over a uniformly random seed, that each candidate is selected: what
   * statistical tests compare sampled frequencies against, and what "expected seats" means.
   */
  SortedMap<AccountId, Double> inclusionProbabilities(Seq<Bid> candidates, int k);

  /** Proportional inclusion by systematic sampling: the default ({@link ProportionalAuction}). */
  static AuctionStrategy proportional() {
    return ProportionalAuction.INSTANCE;
  }

  /** Successive weighted sampling without replacement ({@link SuccessiveSamplingAuction}). */
  static AuctionStrategy successiveSampling() {
    return SuccessiveSamplingAuction.INSTANCE;
  }

  /** Deterministic top-{@code k} by power, as upstream's top-by-bond ({@link TopPowerAuction}). */
  static AuctionStrategy topPower() {
    return TopPowerAuction.INSTANCE;
  }
}
