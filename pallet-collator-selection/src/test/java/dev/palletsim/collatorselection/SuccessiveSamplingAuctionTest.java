package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

class SuccessiveSamplingAuctionTest {
  private final AuctionStrategy auction = AuctionStrategy.successiveSampling();

  @Test
  void inclusionProbabilitiesAreConcaveNotProportional() {
    // reference/collators-and-codex.md §4.2: weights 1, 2, 3 and two seats
    var pi = auction.inclusionProbabilities(Bids.of(1, 2, 3), 2);
    assertThat(pi.get(Bids.candidate(0)).get()).isCloseTo(5 / 12.0, within(1e-12));
    assertThat(pi.get(Bids.candidate(1)).get()).isCloseTo(11 / 15.0, within(1e-12));
    assertThat(pi.get(Bids.candidate(2)).get()).isCloseTo(0.85, within(1e-12));
  }

  @Test
  void withOneSeatTheExactProbabilitiesAreTheShares() {
    Vector<Bid> bids = Bids.of(4, 1, 9, 6);
    var pi = auction.inclusionProbabilities(bids, 1);
    var first = InclusionProbabilities.firstDraw(bids);
    pi.forEach((who, p) -> assertThat(p).isCloseTo(first.get(who).get(), within(1e-12)));
  }

  @Test
  void aCandidateWithFarMorePowerWinsTheFirstDrawAlmostAlways() {
    // log-domain keys keep a 10^15 power ratio meaningful
    Vector<Bid> bids = Bids.of(1_000_000_000_000_000L, 1, 1, 1);
    int first = 0;
    for (long seed : Bids.seeds(31, 1_000)) {
      if (auction.select(bids, 2, seed).head().equals(Bids.candidate(0))) first++;
    }
    assertThat(first).isEqualTo(1_000);
  }

  @Test
  void theResultIsInDrawOrder() {
    // the exponential race: the candidate drawn first has the largest key; dropping the others'
    // seats (k = 1) must give the same first candidate
    Vector<Bid> bids = Bids.of(3, 1, 4, 1, 5, 9, 2, 6);
    for (long seed : Bids.seeds(37, 300)) {
      assertThat(auction.select(bids, 4, seed).head())
          .isEqualTo(auction.select(bids, 1, seed).head());
      assertThat(auction.select(bids, 4, seed).take(2)).isEqualTo(auction.select(bids, 2, seed));
    }
  }
}
