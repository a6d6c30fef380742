package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deadline arithmetic at and around every boundary, on the testnet schedule (period 60, 3 deadlines
 * of 20 blocks, lookback 10, cutoff 10) for a provider whose periods start at blocks ≡ 7 (mod 60).
 * Deadline 1 of the period starting at 7 opens at 27, closes at 47, its last block is 46, its
 * challenge and fault cutoff are at 17.
 */
class DeadlineInfoTest {
  static final ProvingSchedule S = StorageProviderConfig.testnet().schedule();
  static final long OFFSET = 7;

  static DeadlineInfo dl1At(long now) {
    return new DeadlineInfo(S, now, 7, 1);
  }

  @Test
  void theDeadlineFieldsFollowFromThePeriodStartAndIndex() {
    DeadlineInfo dl = dl1At(0);
    assertThat(dl.open()).isEqualTo(27);
    assertThat(dl.close()).isEqualTo(47);
    assertThat(dl.last()).isEqualTo(46);
    assertThat(dl.challenge()).isEqualTo(17);
    assertThat(dl.faultCutoff()).isEqualTo(17);
    assertThat(dl.periodEnd()).isEqualTo(66);
    assertThat(dl.nextPeriodStart()).isEqualTo(67);
    assertThat(dl.next().open()).isEqualTo(87);
  }

  @ParameterizedTest(name = "at {0}: open={1}, elapsed={2}")
  @CsvSource({"26,false,false", "27,true,false", "46,true,false", "47,false,true", "48,false,true"})
  void isOpenAndHasElapsedAtTheWindowBoundaries(long now, boolean open, boolean elapsed) {
    assertThat(dl1At(now).isOpen()).isEqualTo(open);
    assertThat(dl1At(now).hasElapsed()).isEqualTo(elapsed);
  }

  @ParameterizedTest(name = "at {0}: cutoff passed={1}")
  @CsvSource({"0,false", "16,false", "17,true", "18,true", "27,true"})
  void faultCutoffPassesAtOpenMinusTheCutoff(long now, boolean passed) {
    assertThat(dl1At(now).faultCutoffPassed()).isEqualTo(passed);
  }

  @ParameterizedTest(name = "at {0}: period started={1}")
  @CsvSource({"6,false", "7,true", "8,true"})
  void periodStartedFromItsFirstBlock(long now, boolean started) {
    assertThat(dl1At(now).periodStarted()).isEqualTo(started);
  }

  @ParameterizedTest(name = "at {0}: next not elapsed opens at {1}")
  @CsvSource({"0,27", "46,27", "47,87", "106,87", "107,147", "300,327"})
  void nextNotElapsedShiftsByWholePeriodsOnceClosed(long now, long open) {
    DeadlineInfo next = dl1At(now).nextNotElapsed();
    assertThat(next.open()).isEqualTo(open);
    assertThat(next.hasElapsed()).isFalse();
    assertThat(next.index()).isEqualTo(1);
  }

  @ParameterizedTest(name = "at {0}: mutable={1}")
  @CsvSource({
    "0,true",
    "6,true", // before the previous deadline opens
    "7,false",
    "26,false",
    "46,false", // while deadline 0 (previous) or 1 itself is open
    "47,true",
    "66,true", // after it closed, until the next occurrence's previous deadline opens
    "67,false"
  })
  void mutableOnlyWhenNeitherOpenNorNext(long now, boolean mutable) {
    assertThat(dl1At(now).isMutable()).isEqualTo(mutable);
  }

  @ParameterizedTest(name = "at {0}: period start {1}, deadline {2}")
  @CsvSource({
    "0,-53,2", "6,-53,2", "7,7,0", "26,7,0", "27,7,1", "46,7,1", "47,7,2", "66,7,2", "67,67,0"
  })
  void theCurrentDeadlineAtEveryBoundary(long now, long periodStart, int index) {
    DeadlineInfo dl = DeadlineInfo.current(S, OFFSET, now);
    assertThat(dl.periodStart()).isEqualTo(periodStart);
    assertThat(dl.index()).isEqualTo(index);
    assertThat(dl.isOpen()).isTrue();
  }

  @Test
  void forIndexGivesTheOccurrenceInTheCurrentPeriodEvenIfElapsed() {
    DeadlineInfo dl = DeadlineInfo.forIndex(S, OFFSET, 0, 50);
    assertThat(dl.open()).isEqualTo(7);
    assertThat(dl.hasElapsed()).isTrue();
    assertThat(dl.nextNotElapsed().open()).isEqualTo(67);
  }

  @Test
  void exactlyOneDeadlineIsMutableWithThreeDeadlines() {
    for (long now = 0; now < 200; now++) {
      long n = now;
      long mutable =
          io.vavr.collection.List.range(0, 3)
              .count(i -> DeadlineInfo.forIndex(S, OFFSET, i, n).isMutable());
      assertThat(mutable).as("mutable deadlines at %d", now).isEqualTo(1);
    }
  }

  @Test
  void theQuantisationRoundsUpToTheDeadlinesLastBlock() {
    QuantSpec q = dl1At(0).quantSpec();
    assertThat(q.quantizeUp(46)).isEqualTo(46);
    assertThat(q.quantizeUp(45)).isEqualTo(46);
    assertThat(q.quantizeUp(47)).isEqualTo(106);
    assertThat(q.quantizeUp(0)).isEqualTo(46);
    assertThat(q.quantizeUp(-14)).isEqualTo(-14);
    assertThat(q.quantizeUp(-15)).isEqualTo(-14);
    assertThat(S.quantSpecFor(OFFSET, 1).quantizeUp(47)).isEqualTo(106);
  }

  @Test
  void theCurrentIndexRefusesBlocksOutsideThePeriod() {
    assertThatThrownBy(() -> DeadlineInfo.currentIndex(S, 7, 6))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeadlineInfo.currentIndex(S, 7, 67))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DeadlineInfo(S, 0, 7, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMainnetLikeScheduleHas48HalfHourDeadlines() {
    ProvingSchedule m = StorageProviderConfig.mainnetLike().schedule();
    DeadlineInfo dl = new DeadlineInfo(m, 0, 0, 47);
    assertThat(dl.open()).isEqualTo(47 * 300);
    assertThat(dl.close()).isEqualTo(14_400);
    assertThat(dl.challenge()).isEqualTo(47 * 300 - 100);
    assertThat(dl.faultCutoff()).isEqualTo(47 * 300 - 350);
  }
}
