package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * The Sybil experiment (reference/collators-and-codex.md §4.2): one miner's power delegated to a
 * single collator, or split evenly across several collators it runs, competing for three seats. Its
 * expected seats are computed exactly and by simulation on fixed seeds.
 */
class SybilExperimentTest {
  private static final int SEATS = 3;
  private static final int AUCTIONS = 20_000;
  private static final long[] SEEDS = Bids.seeds(4_242L, AUCTIONS);

  /** The miner's identities, each with an equal part of {@code minerPower}, after the others. */
  private static Vector<Bid> field(long minerPower, int identities, long... others) {
    Vector<Bid> bids = Vector.empty();
    for (int i = 0; i < others.length; i++) {
      bids = bids.append(new Bid(Keyring.account("honest-" + i), others[i]));
    }
    for (int i = 0; i < identities; i++) {
      bids = bids.append(new Bid(Keyring.account("sybil-" + i), minerPower / identities));
    }
    return bids;
  }

  private static Seq<AccountId> sybils(Vector<Bid> bids) {
    return bids.map(Bid::who).filter(a -> Keyring.nameOf(a).startsWith("sybil-"));
  }

  private static double exact(AuctionStrategy s, Vector<Bid> bids) {
    return InclusionProbabilities.expectedSeats(
        s.inclusionProbabilities(bids, SEATS), sybils(bids));
  }

  /** Mean seats of the miner's identities over the fixed seeds, and its standard error. */
  private static double[] simulated(AuctionStrategy s, Vector<Bid> bids) {
    Seq<AccountId> mine = sybils(bids);
    double sum = 0;
    double squares = 0;
    for (long seed : SEEDS) {
      int seats = s.select(bids, SEATS, seed).count(mine::contains);
      sum += seats;
      squares += (double) seats * seats;
    }
    double mean = sum / AUCTIONS;
    double variance = squares / AUCTIONS - mean * mean;
    return new double[] {mean, Math.sqrt(variance / AUCTIONS)};
  }

  private static final long[] EIGHT_TENS = {10, 10, 10, 10, 10, 10, 10, 10};

  @Test
  void underProportionalInclusionSplittingPowerLeavesExpectedSeatsUnchanged() {
    // 20% of the power, uncapped: k·w/W = 0.6 seats as one, two or four collators
    AuctionStrategy s = AuctionStrategy.proportional();
    for (int identities : new int[] {1, 2, 4}) {
      Vector<Bid> bids = field(20, identities, EIGHT_TENS);
      assertThat(exact(s, bids))
          .as("%d identities, exact", identities)
          .isCloseTo(0.6, within(1e-12));
      double[] sim = simulated(s, bids);
      assertThat(sim[0])
          .as("%d identities, simulated", identities)
          .isCloseTo(0.6, within(4.5 * sim[1]));
    }
  }

  @Test
  void underSuccessiveSamplingSplittingPowerRaisesExpectedSeats() {
    AuctionStrategy s = AuctionStrategy.successiveSampling();
    double one = exact(s, field(20, 1, EIGHT_TENS));
    double two = exact(s, field(20, 2, EIGHT_TENS));
    double four = exact(s, field(20, 4, EIGHT_TENS));
    // two identities of 10 among eight 10s: symmetric, 3/10 each
    assertThat(two).isCloseTo(0.6, within(1e-12));
    assertThat(one).isLessThan(two - 0.02);
    assertThat(four).isGreaterThan(two + 0.02);
    for (var c : new Object[][] {{1, one}, {2, two}, {4, four}}) {
      double[] sim = simulated(s, field(20, (int) c[0], EIGHT_TENS));
      assertThat(sim[0]).as("%s identities", c[0]).isCloseTo((double) c[1], within(4.5 * sim[1]));
    }
    // the simulated gap is many standard errors wide, not noise
    double[] simOne = simulated(s, field(20, 1, EIGHT_TENS));
    double[] simFour = simulated(s, field(20, 4, EIGHT_TENS));
    assertThat(simFour[0] - simOne[0]).isGreaterThan(10 * Math.hypot(simOne[1], simFour[1]));
  }

  @Test
  void theReferenceWhaleNumbersAndCappingNeverPayMoreThanTheProportionalShare() {
    // §4.2: a whale with 40% against six holders of 10%, three seats
    long[] sixTens = {10, 10, 10, 10, 10, 10};
    AuctionStrategy ares = AuctionStrategy.successiveSampling();
    assertThat(exact(ares, field(40, 1, sixTens))).isCloseTo(0.83, within(0.005));
    assertThat(exact(ares, field(40, 2, sixTens))).isCloseTo(1.10, within(0.005));
    assertThat(exact(ares, field(40, 4, sixTens))).isCloseTo(1.20, within(0.005));
    // proportional: 3·0.4 = 1.2 > 1 is capped at one seat as a single collator; splitting only
    // recovers the share capping took away, never more than k·w/W = 1.2
    AuctionStrategy prop = AuctionStrategy.proportional();
    assertThat(exact(prop, field(40, 1, sixTens))).isCloseTo(1.0, within(1e-12));
    assertThat(exact(prop, field(40, 2, sixTens))).isCloseTo(1.2, within(1e-12));
    assertThat(exact(prop, field(40, 4, sixTens))).isCloseTo(1.2, within(1e-12));
    for (int identities = 1; identities <= 8; identities++) {
      assertThat(exact(prop, field(40, identities, sixTens))).isLessThanOrEqualTo(1.2 + 1e-12);
    }
  }
}
