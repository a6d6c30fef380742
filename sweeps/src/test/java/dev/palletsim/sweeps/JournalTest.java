package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static RunRecord record(int point, long seed, String message) {
    return new RunRecord(
        "k" + point + "-" + seed,
        point,
        seed,
        message.isEmpty() ? RunRecord.Status.OK : RunRecord.Status.FAILED,
        message,
        40,
        List.of(
            new RunRecord.Observation("mean(block.weight_us)", -1, 0.1 + 0.2),
            new RunRecord.Observation("odd\tname\\with\nbreaks", 7, -0.0),
            new RunRecord.Observation("x", 8, Double.NaN)),
        123,
        RunRecord.UNKNOWN,
        RunRecord.UNKNOWN);
  }

  @Test
  void aRunsCostIsNotJournalledSinceAResumedSweepDidNotMakeIt() {
    RunRecord r = record(1, 7, "");
    RunRecord made =
        new RunRecord(
            r.key(),
            r.point(),
            r.seed(),
            r.status(),
            r.message(),
            r.blocksRun(),
            r.observations(),
            r.wallMillis(),
            250_000_000,
            9_000_000);
    RunRecord back = Journal.decode(Journal.encode(made));
    assertThat(back).isEqualTo(r);
    assertThat(back.cpuNanos()).isEqualTo(RunRecord.UNKNOWN);
    assertThat(back.allocatedBytes()).isEqualTo(RunRecord.UNKNOWN);
  }

  @Test
  void recordsReadBackExactlyWhateverTheirTextAndValues() throws Exception {
    RunRecord r = record(3, 42, "file.yaml:7: expectation failed:\tsee\nthere \\ here");
    RunRecord back = Journal.decode(Journal.encode(r));
    assertThat(back).isEqualTo(r);
    assertThat(Double.doubleToRawLongBits(back.observations().get(1).value()))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Journal.encode(r)).doesNotContain("\n");
  }

  @Test
  void aLineCutShortByAnInterruptionIsIgnoredAndAppendingContinuesAfterTheLastWholeLine(
      @TempDir Path dir) throws Exception {
    try (Journal j = Journal.open(dir, true)) {
      j.append(record(0, 1, ""));
      j.append(record(0, 2, "failed"));
    }
    String line = Journal.encode(record(1, 1, ""));
    Files.writeString(
        dir.resolve(Journal.FILE),
        line.substring(0, line.length() / 2),
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    assertThat(Journal.read(dir))
        .extracting(RunRecord::spec)
        .containsExactly(new RunSpec(0, 1), new RunSpec(0, 2));
    try (Journal j = Journal.open(dir, false)) {
      j.append(record(1, 1, ""));
    }
    assertThat(Journal.read(dir))
        .extracting(RunRecord::spec)
        .containsExactly(new RunSpec(0, 1), new RunSpec(0, 2), new RunSpec(1, 1));
    try (Journal j = Journal.open(dir, true)) {
      // a fresh journal forgets the old runs
    }
    assertThat(Journal.read(dir)).isEmpty();
  }

  @Test
  void linesOfAnotherFormatAreIgnored() {
    assertThat(Journal.decode("v0\tsomething")).isNull();
    assertThat(Journal.decode("v1\tk\t0\t1\tOK\t40\t1\t\t2\tm\t-1")).isNull();
    assertThat(Journal.decode("v1\tk\tzero\t1\tOK\t40\t1\t\t0")).isNull();
  }
}
