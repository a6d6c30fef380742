package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the runs of a sweep cost on their threads: measured per run, summed, and printed. */
class SweepCostTest {
  private static RunRecord made(long cpuNanos, long bytes) {
    return new RunRecord("k", 0, 1, RunRecord.Status.OK, "", 10, List.of(), 5, cpuNanos, bytes);
  }

  @Test
  void theCostSumsTheMeasuredRunsAndLeavesOutThoseReadBackFromTheJournal() {
    RunRecord journalled =
        new RunRecord(
            "k",
            0,
            2,
            RunRecord.Status.OK,
            "",
            10,
            List.of(),
            5,
            RunRecord.UNKNOWN,
            RunRecord.UNKNOWN);
    assertThat(journalled.cpuNanos()).isEqualTo(-1);
    SweepCost cost =
        SweepCost.of(
            List.of(made(100_000_000, 2_000_000), journalled, made(300_000_000, 4_000_000)),
            new SweepCost.JvmCounters(0, 0));
    assertThat(cost.measuredRuns()).isEqualTo(2);
    assertThat(cost.runCpuNanos()).isEqualTo(400_000_000);
    assertThat(cost.allocatedBytes()).isEqualTo(6_000_000);
    // per run: 0.4 s / 2 runs, 6 MB / 2 runs
    assertThat(cost.describe())
        .startsWith("; per run 0.200 s of CPU on its thread, 3.0 MB allocated");
  }

  @Test
  void aRunMeasuresTheCpuAndAllocationOfItsOwnThread() {
    SweepCost.ThreadMeter meter = new SweepCost.ThreadMeter();
    long[][] garbage = new long[64][];
    for (int i = 0; i < garbage.length; i++) garbage[i] = new long[1024]; // ≥ 64 × 8 KiB
    long sum = 0;
    for (int i = 0; i < 20_000_000; i++) sum += i ^ (sum >>> 3);
    assertThat(sum).isNotZero();
    assertThat(meter.allocatedBytesSince()).isGreaterThanOrEqualTo(64L * 1024 * 8);
    assertThat(meter.cpuNanosSince()).isPositive();
  }

  @Test
  void unknownCountersAreLeftOutOfTheDescription() {
    SweepCost none = new SweepCost(0, 0, -1, -1, -1);
    assertThat(none.describe()).isEmpty();
    SweepCost jvm = new SweepCost(0, 0, -1, 1_300, 22_400);
    assertThat(jvm.describe()).isEqualTo("; GC pauses 1.3 s, JIT compiling 22.4 s");
  }
}
