package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

class ProportionalAuctionTest {
  private final AuctionStrategy auction = AuctionStrategy.proportional();

  @Test
  void inclusionIsSeatsTimesShareWhenNothingIsCapped() {
    var pi = auction.inclusionProbabilities(Bids.of(10, 20, 30, 40), 2);
    assertThat(pi.get(Bids.candidate(0)).get()).isCloseTo(0.2, within(1e-15));
    assertThat(pi.get(Bids.candidate(1)).get()).isCloseTo(0.4, within(1e-15));
    assertThat(pi.get(Bids.candidate(2)).get()).isCloseTo(0.6, within(1e-15));
    assertThat(pi.get(Bids.candidate(3)).get()).isCloseTo(0.8, within(1e-15));
  }

  @Test
  void aCandidateWithMoreThanItsShareOfSeatsIsCappedAndTheRestRescaled() {
    // k·w/W for 13 is 3·13/32 > 1: capped; the other two seats go over the remaining 19
    var pi = auction.inclusionProbabilities(Bids.of(1, 2, 3, 5, 8, 13), 3);
    assertThat(pi.get(Bids.candidate(5)).get()).isEqualTo(1.0);
    assertThat(pi.get(Bids.candidate(4)).get()).isCloseTo(16 / 19.0, within(1e-15));
    assertThat(pi.get(Bids.candidate(0)).get()).isCloseTo(2 / 19.0, within(1e-15));
  }

  @Test
  void cappingCascadesWhenRescalingLiftsTheNextCandidate() {
    // 3·60/100 ≥ 1 caps 60; then 2·30/40 ≥ 1 caps 30; the last seat goes over 10
    var pi = auction.inclusionProbabilities(Bids.of(60, 30, 4, 3, 2, 1), 3);
    assertThat(pi.get(Bids.candidate(0)).get()).isEqualTo(1.0);
    assertThat(pi.get(Bids.candidate(1)).get()).isEqualTo(1.0);
    assertThat(pi.get(Bids.candidate(2)).get()).isCloseTo(0.4, within(1e-15));
    for (long seed : Bids.seeds(5, 300)) {
      Seq<AccountId> elected = auction.select(Bids.of(60, 30, 4, 3, 2, 1), 3, seed);
      assertThat(elected.take(2).toJavaList())
          .as("capped candidates come first, by power")
          .containsExactly(Bids.candidate(0), Bids.candidate(1));
    }
  }

  @Test
  void theBucketedSeededOrderIsExactlyTheFullSortByHashThenAccount() {
    java.util.Comparator<Bid> fullSort =
        java.util.Comparator.<Bid>comparingLong(
                b -> SeededDraws.of(7, SeededDraws.ORDER, b.who()) ^ Long.MIN_VALUE)
            .thenComparing(Bid::who);
    java.util.Random rnd = new java.util.Random(11);
    for (int n : new int[] {0, 1, 2, 3, 10, 100, 1000, 4096}) {
      long[] powers = new long[n];
      for (int i = 0; i < n; i++) powers[i] = 1 + rnd.nextInt(1000);
      Vector<Bid> bids = Bids.of(powers);
      Vector<Bid> expected = bids.sorted(fullSort);
      assertThat(ProportionalAuction.seededOrder(bids, 7).toJavaList())
          .as("n = %d", n)
          .containsExactlyElementsOf(expected.toJavaList());
      assertThat(ProportionalAuction.seededOrder(bids.reverse(), 7).toJavaList())
          .as("n = %d, reversed input", n)
          .containsExactlyElementsOf(expected.toJavaList());
    }
  }

  @Test
  void withOneSeatThePickIsExactlyProportionalToPower() {
    Vector<Bid> bids = Bids.of(1, 2, 3, 5, 8, 13);
    var pi = auction.inclusionProbabilities(bids, 1);
    var first = InclusionProbabilities.firstDraw(bids);
    pi.forEach((who, p) -> assertThat(p).isCloseTo(first.get(who).get(), within(1e-15)));
  }

  @Test
  void systematicSamplingHitsEachCandidateForExactlySeatsTimesPowerOfAllStarts() {
    // exhaustive over every start: the inclusion probability is k·w/W exactly, in any order
    Vector<Bid> bids = Bids.of(1, 2, 3, 4, 5, 6, 7);
    int seats = 3;
    long total = 28;
    for (Vector<Bid> order : java.util.List.of(bids, bids.reverse(), bids.rotateLeft(3))) {
      java.util.Map<AccountId, Integer> hits = new java.util.HashMap<>();
      for (long u = 0; u < total; u++) {
        Vector<AccountId> drawn =
            ProportionalAuction.systematic(order, seats, java.math.BigInteger.valueOf(u));
        assertThat(drawn.size()).isEqualTo(seats);
        assertThat(drawn.distinct().size()).isEqualTo(seats);
        drawn.forEach(a -> hits.merge(a, 1, Integer::sum));
      }
      for (Bid b : bids) {
        assertThat(hits.getOrDefault(b.who(), 0)).isEqualTo((int) (seats * b.power()));
      }
    }
  }

  @Test
  void zeroPowerCandidatesShareLeftoverSeatsEvenly() {
    var pi = auction.inclusionProbabilities(Bids.of(5, 0, 0, 0, 9), 3);
    assertThat(pi.get(Bids.candidate(0)).get()).isEqualTo(1.0);
    assertThat(pi.get(Bids.candidate(4)).get()).isEqualTo(1.0);
    assertThat(pi.get(Bids.candidate(1)).get()).isCloseTo(1 / 3.0, within(1e-15));
  }
}
