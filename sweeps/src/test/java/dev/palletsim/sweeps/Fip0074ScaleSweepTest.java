package dev.palletsim.sweeps;

import static dev.palletsim.sweeps.SweepFixtures.palletsim;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/sweeps/fip-0074-scale.yaml in small: the same file, scenario, collect entries and
 * aggregate expectations, with 1,000 and 3,000 deals instead of 10^4 to 10^6 and a shorter run
 * (every deal active by block 860 and met once by cron by block 1,860; the window is blocks 1,901
 * to 2,300). Its expectations hold; given to the other regime, they fail.
 */
class Fip0074ScaleSweepTest {
  static final Path SWEEP = Path.of("../examples/sweeps/fip-0074-scale.yaml").toAbsolutePath();
  static final Path SCENARIO =
      Path.of("../examples/scenarios/fip-0074-scale.yaml").toAbsolutePath();

  @TempDir static Path dir;
  static String small;
  static SweepFixtures.Result run;

  /** The example sweep, shrunk: everything else exactly as the file says. */
  static String shrink(String sweep) {
    String out =
        sweep
            .replace("scenario: ../scenarios/fip-0074-scale.yaml", "scenario: " + SCENARIO)
            .replace("blocks: 4500", "blocks: 2300")
            .replace(" from 3501", " from 1901")
            .replace("{from: 10000, to: 1000000, count: 5, scale: log}", "[1000, 3000]");
    assertThat(out).doesNotContain("3501", "4500", "1000000", "../scenarios");
    return out;
  }

  @BeforeAll
  static void runTheSmallSweep() throws IOException {
    small = shrink(Files.readString(SWEEP, StandardCharsets.UTF_8));
    Path file = dir.resolve("small.yaml");
    Files.writeString(file, small, StandardCharsets.UTF_8);
    run =
        palletsim(
            "sweep",
            file.toString(),
            "--parallelism",
            "2",
            "--out",
            dir.resolve("out").toString(),
            "--no-progress");
  }

  @Test
  void theSmallSweepPassesEveryExpectationOfTheExample() throws IOException {
    assertThat(run.status()).as(run.out() + run.err()).isZero();
    assertThat(run.err()).doesNotContain("no run recorded anything");
    assertThat(run.out())
        .contains("slope of last(market.active_deals) against deals == 1: slope 1 over 4 runs")
        .contains(
            "slope of mean(items.Market.on_finalize) from 1901 against last(market.active_deals)"
                + " >= 0.0009 where regime=legacy-cron: slope 0.001 over 2 runs at 2 points")
        .contains(
            "max of max(items.Market.on_finalize) from 1901 <= 0 where regime=fip-0074: held at 2"
                + " points");
    // the window's means, per point: 1 and 3 deals settled a block by the legacy cron, none by
    // FIP-0074's; the table holds them under the windowed metric's name
    String summary = Files.readString(dir.resolve("out/summary.csv"));
    assertThat(summary)
        .contains("0,legacy-cron,1000,mean(items.Market.on_finalize) from 1901,1,1,")
        .contains("1,legacy-cron,3000,mean(items.Market.on_finalize) from 1901,1,3,")
        .contains("2,fip-0074,1000,mean(items.Market.on_finalize) from 1901,1,0,");
  }

  @Test
  void theExpectationsOfOneRegimeFailOnTheOther() throws IOException {
    // the same runs (--resume reuses them: expectations are not part of a run's key), checked
    // with the regimes of the expectations swapped
    String swapped =
        small
            .replace("regime: legacy-cron}", "regime: LEGACY}")
            .replace("regime: fip-0074}", "regime: legacy-cron}")
            .replace("regime: LEGACY}", "regime: fip-0074}");
    Path file = dir.resolve("swapped.yaml");
    Files.writeString(file, swapped, StandardCharsets.UTF_8);
    Path out = dir.resolve("swapped-out");
    copy(dir.resolve("out"), out);
    var r =
        palletsim("sweep", file.toString(), "--resume", "--out", out.toString(), "--no-progress");
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).contains("an expectation over the aggregate does not hold");
    // the three legacy expectations fail on FIP-0074's runs (no growth; a flat weight has no
    // rank correlation), the two FIP-0074 ones on the legacy runs; the trend of active deals
    // against the deals asked for, given to no regime, still holds
    assertThat(r.out().lines().filter(l -> l.startsWith("  " + SweepSummary.FAILED)).toList())
        .as(r.out())
        .hasSize(5);
    assertThat(r.out()).contains(SweepSummary.MET + " " + file + ":");
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }
}
