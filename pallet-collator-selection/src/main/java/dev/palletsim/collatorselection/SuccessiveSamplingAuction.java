package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.Vector;
import java.util.Comparator;

/**
 * Successive weighted sampling without replacement: {@code k} draws, each proportional to power
 * among the candidates not yet drawn, computed in one pass as Efraimidis–Spirakis A-Res
 * (reference/collators-and-codex.md §4.2).
 *
 * <p>Each positive-power candidate gets {@code u} uniform in (0, 1), drawn from a 64-bit hash of
 * (seed, account) with 53 significant bits, and the key {@code ln(u) / w} (the log of A-Res's
 * {@code u^(1/w)}, which stays exact in doubles however far apart the powers are). The {@code k}
 * largest keys win, ties by the smaller account; a bounded heap makes it O(n log k). The result is
 * in decreasing key order, which is the order of the successive draws: the first candidate is
 * distributed exactly as {@code w_i / W}. Zero-power candidates only fill seats left when fewer
 * than {@code k} candidates have power, in a seeded uniform order.
 *
 * <p>Inclusion probabilities are <em>not</em> proportional to power: they are concave in it, so a
 * miner who splits power over several collators gains expected seats (the Sybil experiment in the
 * tests). The scheme is here for comparison with {@link ProportionalAuction}.
 */
public final class SuccessiveSamplingAuction implements AuctionStrategy {
  /** The one instance: the strategy has no parameters. */
  public static final SuccessiveSamplingAuction INSTANCE = new SuccessiveSamplingAuction();

  private SuccessiveSamplingAuction() {}

  @Override
  public String name() {
    return "successive-sampling";
  }

  /** A candidate and its A-Res key. */
  private record Keyed(AccountId who, double key) {}

  /** Largest key first, then the smaller account. */
  private static final Comparator<Keyed> BEST_FIRST =
      Comparator.comparingDouble(Keyed::key).reversed().thenComparing(Keyed::who);

  @Override
  public Seq<AccountId> select(Seq<Bid> candidates, int k, long seed) {
    Vector<Bid> bids = AuctionInputs.checked(candidates);
    if (k <= 0 || bids.isEmpty()) return Vector.empty();
    Vector<Keyed> keyed =
        bids.filter(b -> b.power() > 0)
            .map(
                b ->
                    new Keyed(
                        b.who(),
                        Math.log(
                                SeededDraws.open01(SeededDraws.of(seed, SeededDraws.ARES, b.who())))
                            / b.power()));
    Vector<AccountId> drawn = AuctionInputs.smallest(keyed, k, BEST_FIRST).map(Keyed::who);
    return AuctionInputs.fillWithZeroPower(
        drawn, bids.filter(b -> b.power() == 0), k - drawn.size(), seed);
  }

  @Override
  public SortedMap<AccountId, Double> inclusionProbabilities(Seq<Bid> candidates, int k) {
    return InclusionProbabilities.successiveSampling(candidates, k);
  }

  @Override
  public String toString() {
    return name();
  }
}
