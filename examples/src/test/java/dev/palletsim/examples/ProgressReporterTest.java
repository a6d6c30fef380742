package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private ProgressReporter reporter(ProgressReporter.Mode mode) {
    return new ProgressReporter(err, mode, () -> now);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aShortRunOffATerminalPrintsNothing() {
    var p = reporter(ProgressReporter.Mode.LINES);
    for (long b = 1; b <= 100; b++) {
      now += 10_000_000L; // 10 ms a block: one second in all
      p.progress(b, 100);
    }
    p.finish();
    assertThat(printed()).isEmpty();
  }

  @Test
  void aLongRunOffATerminalPrintsPlainLinesAtEachTenthWithoutControlCharacters() {
    var p = reporter(ProgressReporter.Mode.LINES);
    for (long b = 1; b <= 1000; b++) {
      now += 10_000_000L; // ten seconds in all
      p.progress(b, 1000);
    }
    p.finish();
    assertThat(printed().lines())
        .containsExactly(
            "palletsim: block 200/1000 (20%), 100 blocks/s",
            "palletsim: block 300/1000 (30%), 100 blocks/s",
            "palletsim: block 400/1000 (40%), 100 blocks/s",
            "palletsim: block 500/1000 (50%), 100 blocks/s",
            "palletsim: block 600/1000 (60%), 100 blocks/s",
            "palletsim: block 700/1000 (70%), 100 blocks/s",
            "palletsim: block 800/1000 (80%), 100 blocks/s",
            "palletsim: block 900/1000 (90%), 100 blocks/s",
            "palletsim: block 1000/1000 (100%), 100 blocks/s");
    assertThat(printed()).doesNotContain("\r");
  }

  @Test
  void theBarRedrawsInPlaceAtMostTenTimesASecondAndClearsItselfAtTheEnd() {
    var p = reporter(ProgressReporter.Mode.BAR);
    for (long b = 1; b <= 100; b++) {
      now += 20_000_000L; // 20 ms a block: two seconds in all
      p.progress(b, 100);
    }
    String before = printed();
    assertThat(before.chars().filter(c -> c == '\r').count()).isBetween(15L, 25L);
    assertThat(before)
        .contains("[###############...............]  51% block 51/100, 50 blocks/s, ETA 1s");
    assertThat(before).contains("[##############################] 100% block 100/100, 50 blocks/s");
    p.finish();
    assertThat(printed()).endsWith("\r").doesNotContain("\n");
  }

  @Test
  void offPrintsNothingAtAll() {
    var p = reporter(ProgressReporter.Mode.OFF);
    now = 60_000_000_000L;
    p.progress(10, 10);
    p.finish();
    assertThat(printed()).isEmpty();
  }

  @Test
  void theOptionWinsOverDetection() {
    assertThat(ProgressReporter.detect(true)).isEqualTo(ProgressReporter.Mode.BAR);
    assertThat(ProgressReporter.detect(false)).isEqualTo(ProgressReporter.Mode.OFF);
  }
}
