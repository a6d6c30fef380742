package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

class TopPowerAuctionTest {
  private final AuctionStrategy auction = AuctionStrategy.topPower();

  @Test
  void electsTheMostPoweredInOrderAndIgnoresTheSeed() {
    Vector<Bid> bids = Bids.of(5, 50, 20, 0, 35);
    for (long seed : Bids.seeds(41, 20)) {
      assertThat(auction.select(bids, 3, seed).toJavaList())
          .containsExactly(Bids.candidate(1), Bids.candidate(4), Bids.candidate(2));
    }
  }

  @Test
  void tiesGoToTheSmallerAccount() {
    Vector<Bid> bids = Bids.of(7, 7, 7, 7);
    AccountId smallest = bids.map(Bid::who).min().get();
    assertThat(auction.select(bids, 1, 99).head()).isEqualTo(smallest);
    assertThat(auction.select(bids, 4, 99).toJavaList())
        .containsExactlyElementsOf(bids.map(Bid::who).sorted());
  }
}
