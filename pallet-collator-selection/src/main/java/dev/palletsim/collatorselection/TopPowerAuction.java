package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.Vector;

/**
 * The deterministic baseline: the {@code k} candidates with the most delegated power, ties (zero
 * power included) by the smaller account, in that order. It is upstream's top-{@code
 * DesiredCandidates}-by-bond rule with power in place of bond (reference/collators-and-codex.md
 * §1.4), kept for comparison: it ignores the seed, is predictable and rewards concentration. O(n
 * log k) with a bounded heap.
 */
public final class TopPowerAuction implements AuctionStrategy {
  /** The one instance: the strategy has no parameters. */
  public static final TopPowerAuction INSTANCE = new TopPowerAuction();

  private TopPowerAuction() {}

  @Override
  public String name() {
    return "top-power";
  }

  @Override
  public Seq<AccountId> select(Seq<Bid> candidates, int k, long seed) {
    Vector<Bid> bids = AuctionInputs.checked(candidates);
    return AuctionInputs.smallest(bids, k, AuctionInputs.BY_POWER_DESC).map(Bid::who);
  }

  @Override
  public SortedMap<AccountId, Double> inclusionProbabilities(Seq<Bid> candidates, int k) {
    return InclusionProbabilities.topPower(candidates, k);
  }

  @Override
  public String toString() {
    return name();
  }
}
