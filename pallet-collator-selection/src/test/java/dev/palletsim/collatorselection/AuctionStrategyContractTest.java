package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every auction strategy keeps (the {@link AuctionStrategy} contract). */
class AuctionStrategyContractTest {

  static Stream<AuctionStrategy> strategies() {
    return Stream.of(
        AuctionStrategy.proportional(),
        AuctionStrategy.successiveSampling(),
        AuctionStrategy.topPower());
  }

  private static final Vector<Bid> MIXED = Bids.of(40, 0, 7, 13, 0, 1, 22, 0, 5, 9);

  @ParameterizedTest
  @MethodSource("strategies")
  void anEmptyListOrNoSeatsElectsNobody(AuctionStrategy s) {
    assertThat(s.select(List.empty(), 3, 1).toJavaList()).isEmpty();
    assertThat(s.select(MIXED, 0, 1).toJavaList()).isEmpty();
    assertThat(s.select(MIXED, -2, 1).toJavaList()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void electsMinOfSeatsAndCandidatesDistinctBidders(AuctionStrategy s) {
    for (long seed : Bids.seeds(7, 200)) {
      for (int k : new int[] {1, 3, 6, 10, 14}) {
        Seq<AccountId> elected = s.select(MIXED, k, seed);
        assertThat(elected.size()).isEqualTo(Math.min(k, MIXED.size()));
        assertThat(elected.distinct().size()).isEqualTo(elected.size());
        assertThat(MIXED.map(Bid::who).containsAll(elected)).isTrue();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void theSameSeedGivesTheSameResult(AuctionStrategy s) {
    for (long seed : Bids.seeds(11, 50)) {
      assertThat(s.select(MIXED, 4, seed)).isEqualTo(s.select(MIXED, 4, seed));
    }
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void theInputOrderDoesNotMatter(AuctionStrategy s) {
    Random shuffler = new Random(3);
    for (long seed : Bids.seeds(13, 100)) {
      java.util.List<Bid> shuffled = new java.util.ArrayList<>(MIXED.toJavaList());
      java.util.Collections.shuffle(shuffled, shuffler);
      assertThat(s.select(Vector.ofAll(shuffled), 4, seed)).isEqualTo(s.select(MIXED, 4, seed));
      assertThat(s.select(MIXED.reverse(), 4, seed)).isEqualTo(s.select(MIXED, 4, seed));
    }
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void zeroPowerCandidatesOnlyFillSeatsThatPoweredOnesCannot(AuctionStrategy s) {
    Vector<AccountId> zero = MIXED.filter(b -> b.power() == 0).map(Bid::who);
    Vector<AccountId> powered = MIXED.filter(b -> b.power() > 0).map(Bid::who);
    for (long seed : Bids.seeds(17, 200)) {
      assertThat(s.select(MIXED, 7, seed).filter(zero::contains).toJavaList()).isEmpty();
      Seq<AccountId> nine = s.select(MIXED, 9, seed);
      assertThat(nine.containsAll(powered)).isTrue();
      assertThat(nine.count(zero::contains)).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void candidatesWithoutAnyPowerStillFillTheSeats(AuctionStrategy s) {
    Vector<Bid> none = Bids.of(0, 0, 0, 0);
    assertThat(s.select(none, 2, 5).size()).isEqualTo(2);
    var pi = s.inclusionProbabilities(none, 2).values().toJavaList();
    if (s == AuctionStrategy.topPower()) {
      assertThat(pi).containsExactlyInAnyOrder(1.0, 1.0, 0.0, 0.0);
    } else {
      assertThat(pi).containsOnly(0.5);
    }
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void exactInclusionProbabilitiesSumToTheSeats(AuctionStrategy s) {
    for (int k : new int[] {0, 1, 3, 7, 9, 12}) {
      double sum = s.inclusionProbabilities(MIXED, k).values().sum().doubleValue();
      assertThat(sum).as("k=%d", k).isCloseTo(Math.min(k, MIXED.size()), within(1e-9));
    }
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void hugePowersNeitherOverflowNorFail(AuctionStrategy s) {
    Vector<Bid> huge = Bids.of(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / 3, 1, 0);
    for (long seed : Bids.seeds(19, 100)) {
      assertThat(s.select(huge, 2, seed).size()).isEqualTo(2);
    }
    assertThat(s.inclusionProbabilities(huge, 2).values().sum().doubleValue())
        .isCloseTo(2, within(1e-9));
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void anAccountGivenTwiceOrAMissingBidIsACallerBug(AuctionStrategy s) {
    Vector<Bid> twice = Bids.of(5, 6).append(new Bid(Bids.candidate(0), 9));
    assertThatThrownBy(() -> s.select(twice, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.select(null, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.select(Vector.of((Bid) null), 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Bid(Bids.candidate(0), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void candidatesWithZeroProbabilityAreNeverDrawnAndCertainOnesAlways(AuctionStrategy s) {
    Vector<Bid> bids = Bids.of(100, 3, 2, 1, 0, 0);
    var pi = s.inclusionProbabilities(bids, 2);
    for (long seed : Bids.seeds(23, 500)) {
      Seq<AccountId> elected = s.select(bids, 2, seed);
      pi.forEach(
          (who, p) -> {
            if (p == 0.0) assertThat(elected).doesNotContain(who);
            if (p == 1.0) assertThat(elected).contains(who);
          });
    }
  }
}
