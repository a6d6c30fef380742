package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

class InclusionProbabilitiesTest {

  @Test
  void successiveSamplingEnumerationMatchesAHandComputedCase() {
    // weights 2, 1, 1 and two seats: P(2 first) = 1/2, then either 1 (1/2 each);
    // P(a 1 first) = 1/4 each, then 2 with 2/3, the other 1 with 1/3
    var pi = InclusionProbabilities.successiveSampling(Bids.of(2, 1, 1), 2);
    double heavy = 0.5 + 2 * 0.25 * (2 / 3.0);
    assertThat(pi.get(Bids.candidate(0)).get()).isCloseTo(heavy, within(1e-15));
    assertThat(pi.get(Bids.candidate(1)).get()).isCloseTo((2 - heavy) / 2, within(1e-15));
  }

  @Test
  void proportionalCappingMatchesTheSamplersDescendingScan() {
    // the exact function caps all at once and repeats; the sampler scans in order of power;
    // both must certify the same candidates
    long[][] cases = {{60, 30, 4, 3, 2, 1}, {10, 10, 10, 1}, {50, 49, 1}, {1, 1, 1, 1, 96}};
    for (long[] powers : cases) {
      Vector<Bid> bids = Bids.of(powers);
      var pi = InclusionProbabilities.proportional(bids, 2);
      for (long seed : Bids.seeds(43, 200)) {
        var elected = AuctionStrategy.proportional().select(bids, 2, seed);
        pi.forEach(
            (who, p) -> {
              if (p == 1.0) assertThat(elected).contains(who);
            });
      }
    }
  }

  @Test
  void expectedSeatsAddTheGroupsProbabilities() {
    var pi = InclusionProbabilities.proportional(Bids.of(10, 20, 30, 40), 2);
    assertThat(
            InclusionProbabilities.expectedSeats(
                pi, Vector.of(Bids.candidate(0), Bids.candidate(3))))
        .isCloseTo(1.0, within(1e-15));
  }

  @Test
  void enumerationRefusesMoreCandidatesThanItCanAfford() {
    long[] powers = new long[InclusionProbabilities.MAX_ENUMERATED + 1];
    java.util.Arrays.fill(powers, 1);
    assertThatThrownBy(() -> InclusionProbabilities.successiveSampling(Bids.of(powers), 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
