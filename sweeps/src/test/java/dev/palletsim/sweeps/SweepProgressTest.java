package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SweepProgressTest {
  @Test
  void theBarCountsDoneRunningAndFailedRunsAndEstimatesTheTimeLeft() {
    long[] now = {0};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SweepProgress p =
        new SweepProgress(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            SweepProgress.Mode.BAR,
            () -> now[0],
            10);
    p.started();
    p.started();
    now[0] = 2_000_000_000L;
    p.finished(true);
    p.started();
    now[0] = 4_000_000_000L;
    p.finished(false);
    // 2 done in 4 s: 0.5 runs/s, 8 left: 16 s
    assertThat(p.line(now[0]))
        .isEqualTo(
            "[####....................] 2/10 runs, 1 running, 1 failed, 0.50 runs/s, ETA 16s");
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\r[##");
  }

  @Test
  void offlineLogsGetALineEachTenthAndAShortSweepPrintsNothing() {
    long[] now = {0};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SweepProgress p =
        new SweepProgress(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            SweepProgress.Mode.LINES,
            () -> now[0],
            4);
    p.started();
    p.finished(true);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    now[0] = 3_000_000_000L;
    p.started();
    p.finished(true);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("palletsim: 2/4 runs, 0 running, 0 failed, 0.67 runs/s, ETA 3s\n");
  }
}
