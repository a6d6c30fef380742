package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.traits.Backing;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RewardSplitTest {
  private static final long TEN_PERCENT = 100_000_000L;

  @Test
  void commissionComesOffTheTopTheRestProRataRoundedDownAndTheRemainderToTheCollator() {
    // 1001 · 10% = 100; 901 shared 3:1 → 675.75 and 225.25, rounded down; 1 left over
    RewardSplit split =
        RewardSplit.of(
            1_001,
            TEN_PERCENT,
            List.of(new Backing(Fixture.MINER_1, 300), new Backing(Fixture.MINER_2, 100)));
    assertThat(split.commission()).isEqualTo(100);
    assertThat(split.toBackers())
        .containsExactlyInAnyOrder(
            new Payout(Fixture.MINER_1, 675), new Payout(Fixture.MINER_2, 225));
    assertThat(split.toCollator()).isEqualTo(101);
  }

  @Test
  void backersArePaidInMinerOrder() {
    RewardSplit split =
        RewardSplit.of(
            100, 0, List.of(new Backing(Fixture.MINER_2, 1), new Backing(Fixture.MINER_1, 1)));
    assertThat(split.toBackers().map(Payout::who))
        .isEqualTo(Vector.of(Fixture.MINER_1, Fixture.MINER_2).sorted());
  }

  @Test
  void withoutBackersOrWithAFullCommissionTheCollatorKeepsEverything() {
    assertThat(RewardSplit.of(77, TEN_PERCENT, List.empty()))
        .isEqualTo(new RewardSplit(77, 0, Vector.empty()));
    assertThat(
            RewardSplit.of(77, TEN_PERCENT, List.of(new Backing(Fixture.MINER_1, 0))).toCollator())
        .isEqualTo(77);
    RewardSplit all =
        RewardSplit.of(77, RewardSplit.PERBILL, List.of(new Backing(Fixture.MINER_1, 9)));
    assertThat(all.toCollator()).isEqualTo(77);
    assertThat(all.toBackers()).isEmpty();
  }

  @Test
  void nothingIsLostOrCreated() {
    SplittableRandom random = new SplittableRandom(99);
    for (int i = 0; i < 2_000; i++) {
      long reward = random.nextLong(0, Long.MAX_VALUE / 4);
      long commission = random.nextLong(0, RewardSplit.PERBILL + 1);
      Vector<Backing> backers = Vector.empty();
      for (int b = 0; b < random.nextInt(0, 6); b++) {
        backers = backers.append(new Backing(Bids.candidate(b), random.nextLong(0, 1L << 50)));
      }
      RewardSplit split = RewardSplit.of(reward, commission, backers);
      long paid = split.toBackers().map(Payout::amount).fold(0L, Long::sum);
      assertThat(split.toCollator() + paid).isEqualTo(reward);
      assertThat(split.toCollator()).isGreaterThanOrEqualTo(split.commission());
      assertThat(split.toBackers()).allSatisfy(p -> assertThat(p.amount()).isPositive());
    }
  }

  @Test
  void rejectsANegativeRewardOrACommissionAboveOne() {
    assertThatThrownBy(() -> RewardSplit.of(-1, 0, List.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RewardSplit.of(1, RewardSplit.PERBILL + 1, List.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
