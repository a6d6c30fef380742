package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/deadlines.rs}: deadline arithmetic under {@code
 * Policy::default()} ({@link StorageProviderConfig#filecoin()}'s schedule).
 */
class DeadlinesPortTest {
  static final ProvingSchedule P = StorageProviderConfig.filecoin().schedule();
  static final long DAY = StorageProviderConfig.FILECOIN_EPOCHS_IN_DAY;

  @Test
  void quantizationSpecRoundsToTheNextDeadline() {
    long periodStart = 2;
    long curr = periodStart + P.provingPeriod();
    DeadlineInfo d = new DeadlineInfo(P, curr, periodStart, 10);
    assertThat(d.quantSpec().quantizeUp(curr)).isEqualTo(d.nextNotElapsed().last());
  }

  @Test
  void nextNotElapsed() {
    long duration = P.provingPeriod() / P.periodDeadlines();
    long periodStart = 12345;
    for (int idx = 0; idx < P.periodDeadlines(); idx++) {
      long open = periodStart + idx * duration;
      for (long curr = open - 1; curr < open + duration + 2 * P.provingPeriod(); curr++) {
        DeadlineInfo d = new DeadlineInfo(P, curr, periodStart, idx);
        // the naive way: step period by period until one has not elapsed
        DeadlineInfo expected = d;
        while (expected.hasElapsed()) expected = expected.next();
        assertThat(d.nextNotElapsed()).isEqualTo(expected);
        if (curr < open + duration) {
          assertThat(d.hasElapsed()).isFalse();
          assertThat(d.nextNotElapsed()).isEqualTo(d);
        }
      }
    }
  }

  @Test
  void offsetAndEpochInvariantChecking() {
    long pp = 1972;
    long ppThree = 1972 + DAY * 3;
    long ppMillion = 1972 + DAY * 1_000_000;
    for (long epoch : new long[] {4, 2_000, 400_000, 5_000_000}) {
      DeadlineInfo a = DeadlineInfo.current(P, pp, epoch);
      assertThat(DeadlineInfo.current(P, ppThree, epoch)).isEqualTo(a);
      assertThat(DeadlineInfo.current(P, ppMillion, epoch)).isEqualTo(a);
    }
  }

  @Test
  void sanityChecks() {
    long offset = 7;
    long start = DAY * 103 + offset;
    long w = P.challengeWindow();
    expect(offset, start, 0, start);
    expect(offset, start + w - 1, 0, start);
    expect(offset, start + w, 1, start);
    expect(offset, start + 40 * w, 40, start);
    expect(offset, start + 40 * w - 1, 39, start);
    expect(offset, start + 40 * w + 1, 40, start);
    expect(offset, start + P.periodDeadlines() * w - 1, P.periodDeadlines() - 1, start);
    expect(offset, start + P.periodDeadlines() * w, 0, start + P.provingPeriod());
  }

  static void expect(long offset, long epoch, int index, long periodStart) {
    DeadlineInfo d = DeadlineInfo.current(P, offset, epoch);
    assertThat(d.index()).isEqualTo(index);
    assertThat(d.periodStart()).isEqualTo(periodStart);
  }
}
