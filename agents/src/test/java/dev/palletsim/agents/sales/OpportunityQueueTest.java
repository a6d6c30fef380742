package dev.palletsim.agents.sales;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.agents.board.DealBoard.PieceRef;
import dev.palletsim.agents.sales.OpportunityQueue.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OpportunityQueueTest {
  private static Item item(
      long request, int index, long price, long duration, long collateral, long expiry) {
    return new Item(
        new PieceRef(request, index), 1024, duration, price, collateral, expiry, false, 0);
  }

  private static List<PieceRef> drain(OpportunityQueue q) {
    List<PieceRef> out = new ArrayList<>();
    for (var it = q.next(); it.isDefined(); it = q.next()) out.add(it.get().piece());
    return out;
  }

  private static void push(OpportunityQueue q, Item... items) {
    q.pushRequest(List.of(items), new SplittableRandom(1));
  }

  @Test
  void aNewQueueIsPausedUntilSomethingUnseenArrives() {
    OpportunityQueue q = new OpportunityQueue(8);
    assertThat(q.isPaused()).isTrue();
    assertThat(q.next()).isEmpty();
    push(q, item(1, 0, 10, 100, 5, 50));
    assertThat(q.isPaused()).isFalse();
    assertThat(q.next().map(Item::piece)).contains(new PieceRef(1, 0));
  }

  @Test
  void moreProfitableItemsComeFirstWhereProfitabilityIsPriceTimesDuration() {
    OpportunityQueue q = new OpportunityQueue(8);
    push(q, item(1, 0, 10, 100, 5, 50)); // 1000
    push(q, item(2, 0, 30, 50, 5, 50)); // 1500
    push(q, item(3, 0, 5, 100, 5, 50)); // 500
    assertThat(drain(q))
        .containsExactly(new PieceRef(2, 0), new PieceRef(1, 0), new PieceRef(3, 0));
  }

  @Test
  void amongEquallyProfitableItemsLessCollateralComesFirstThenLaterExpiry() {
    OpportunityQueue q = new OpportunityQueue(8);
    push(q, item(1, 0, 10, 100, 9, 80));
    push(q, item(2, 0, 10, 100, 3, 40));
    push(q, item(3, 0, 10, 100, 3, 90));
    push(q, item(4, 0, 10, 100, 3, 60));
    assertThat(drain(q))
        .containsExactly(
            new PieceRef(3, 0), new PieceRef(4, 0), new PieceRef(2, 0), new PieceRef(1, 0));
  }

  @Test
  void unseenItemsComeBeforeSeenOnesWhateverTheirProfit() {
    OpportunityQueue q = new OpportunityQueue(8);
    q.requeueSeen(item(1, 0, 1_000, 100, 1, 50));
    push(q, item(2, 0, 1, 100, 1, 50));
    assertThat(q.items().map(Item::piece)).containsExactly(new PieceRef(2, 0), new PieceRef(1, 0));
    assertThat(q.next().map(Item::piece)).contains(new PieceRef(2, 0));
  }

  @Test
  void theQueuePausesWhenItsHeadWasSeenAndKeepsTheItem() {
    OpportunityQueue q = new OpportunityQueue(8);
    push(q, item(1, 0, 10, 100, 5, 50));
    Item it = q.next().get();
    q.requeueSeen(it);
    assertThat(q.next()).isEmpty();
    assertThat(q.isPaused()).isTrue();
    assertThat(q.contains(it.piece())).isTrue();
    assertThat(q.items().head().seen()).isTrue();
  }

  @Test
  void anUnseenArrivalResumesThePausedQueueButLeavesSeenItemsSeen() {
    OpportunityQueue q = new OpportunityQueue(8);
    push(q, item(1, 0, 10, 100, 5, 50));
    q.requeueSeen(q.next().get());
    assertThat(q.next()).isEmpty();
    push(q, item(2, 0, 1, 100, 5, 50));
    assertThat(q.isPaused()).isFalse();
    assertThat(q.next().map(Item::piece)).contains(new PieceRef(2, 0));
    assertThat(q.next()).isEmpty();
    assertThat(q.isPaused()).isTrue();
  }

  @Test
  void aGrowingAvailabilityClearsSeenFlagsAndResumes() {
    OpportunityQueue q = new OpportunityQueue(8);
    push(q, item(1, 0, 10, 100, 5, 50), item(1, 1, 10, 100, 5, 50));
    q.requeueSeen(q.next().get());
    q.requeueSeen(q.next().get());
    assertThat(q.next()).isEmpty();
    q.availabilityGrew();
    assertThat(q.isPaused()).isFalse();
    assertThat(q.items().forAll(i -> !i.seen())).isTrue();
    assertThat(drain(q)).hasSize(2);
  }

  @Test
  void thePiecesOfOneRequestArriveShuffledByTheAgentsRandomStream() {
    List<List<PieceRef>> orders = new ArrayList<>();
    for (long seed = 1; seed <= 6; seed++) {
      OpportunityQueue q = new OpportunityQueue(64);
      List<Item> pieces = new ArrayList<>();
      for (int i = 0; i < 8; i++) pieces.add(item(1, i, 10, 100, 5, 50));
      q.pushRequest(pieces, new SplittableRandom(seed));
      orders.add(drain(q));
    }
    assertThat(orders).allSatisfy(o -> assertThat(o).hasSize(8).doesNotHaveDuplicates());
    assertThat(orders.stream().distinct().count()).isGreaterThan(1);
    // the same stream gives the same order
    OpportunityQueue again = new OpportunityQueue(64);
    List<Item> pieces = new ArrayList<>();
    for (int i = 0; i < 8; i++) pieces.add(item(1, i, 10, 100, 5, 50));
    again.pushRequest(pieces, new SplittableRandom(1));
    assertThat(drain(again)).isEqualTo(orders.get(0));
  }

  @Test
  void pushingAQueuedPieceAgainChangesNothing() {
    OpportunityQueue q = new OpportunityQueue(8);
    push(q, item(1, 0, 10, 100, 5, 50));
    push(q, item(1, 0, 10, 100, 5, 50));
    q.requeueSeen(item(1, 0, 10, 100, 5, 50));
    assertThat(q.size()).isEqualTo(1);
  }

  @Test
  void beyondItsCapacityTheQueueDropsTheLowestRankedItem() {
    OpportunityQueue q = new OpportunityQueue(2);
    push(q, item(1, 0, 10, 100, 5, 50));
    push(q, item(2, 0, 1, 100, 5, 50));
    push(q, item(3, 0, 5, 100, 5, 50));
    assertThat(q.items().map(Item::piece)).containsExactly(new PieceRef(1, 0), new PieceRef(3, 0));
  }

  @Test
  void removingAPieceTakesItOutOfTheRanking() {
    OpportunityQueue q = new OpportunityQueue(8);
    push(q, item(1, 0, 10, 100, 5, 50), item(1, 1, 10, 100, 5, 50));
    assertThat(q.remove(new PieceRef(1, 0))).isTrue();
    assertThat(q.remove(new PieceRef(1, 0))).isFalse();
    assertThat(drain(q)).containsExactly(new PieceRef(1, 1));
  }
}
