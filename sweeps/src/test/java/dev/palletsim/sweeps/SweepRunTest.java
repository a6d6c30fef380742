package dev.palletsim.sweeps;

import static dev.palletsim.sweeps.SweepFixtures.palletsim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny sweep (4 points × 3 seeds, runs that pass, fail and throw) run through the palletsim
 * program: tables, database, summary, failures, interruption and resume.
 */
class SweepRunTest {
  @TempDir static Path shared;
  static Path sweep;
  static Path one;
  static SweepFixtures.Result oneRun;

  @BeforeAll
  static void runOnOneThread() throws IOException {
    sweep = SweepFixtures.tiny(shared);
    one = shared.resolve("p1");
    oneRun =
        palletsim(
            "sweep",
            sweep.toString(),
            "--parallelism",
            "1",
            "--out",
            one.toString(),
            "--no-progress");
  }

  private static List<String[]> rows(Path csv) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8))
      out.add(line.split(",", -1));
    return out.subList(1, out.size());
  }

  @Test
  void parallelismOneAndTwoWriteByteIdenticalTables(@TempDir Path dir) throws IOException {
    var two =
        palletsim(
            "sweep",
            sweep.toString(),
            "--parallelism",
            "2",
            "--out",
            dir.toString(),
            "--no-progress");
    assertThat(two.status()).isEqualTo(oneRun.status());
    for (String table : SweepFixtures.TABLES) {
      assertThat(Files.readAllBytes(dir.resolve(table)))
          .as(table)
          .isEqualTo(Files.readAllBytes(one.resolve(table)));
    }
  }

  @Test
  void theTimingSaysWhatARunCostOnItsThread() {
    // the 12 runs were all made here: each one's CPU time and allocation are measured and averaged
    assertThat(oneRun.out())
        .containsPattern(
            "12 made in [0-9.]+ s \\([0-9.]+ runs/s, [0-9.]+ s of CPU\\); per run [0-9]+\\.[0-9]{3}"
                + " s of CPU on its thread, [0-9]+\\.[0-9] MB allocated; GC pauses [0-9.]+ s, JIT"
                + " compiling [0-9.]+ s");
  }

  @Test
  void everyRunIsRecordedWithItsSeedAndHowItEndedAndNoneStopsTheSweep() throws IOException {
    assertThat(oneRun.status()).as(oneRun.err()).isEqualTo(1);
    assertThat(oneRun.err()).contains("6 runs threw an error");
    List<String[]> runs = rows(one.resolve("runs.csv"));
    assertThat(runs).hasSize(12);
    Map<String, List<String>> statusByPoint = new TreeMap<>();
    for (String[] r : runs) statusByPoint.computeIfAbsent(r[0], p -> new ArrayList<>()).add(r[4]);
    assertThat(statusByPoint.get("0")).containsOnly("ok");
    assertThat(statusByPoint.get("1")).containsOnly("error");
    assertThat(statusByPoint.get("3")).containsOnly("error");
    assertThat(statusByPoint.get("2")).contains("failed").doesNotContain("error");
    for (String[] r : runs) {
      assertThat(r[3]).isIn("1", "2", "3");
      if (r[4].equals("error")) assertThat(r[6]).contains("below the existential deposit");
      if (r[4].equals("failed"))
        assertThat(String.join(",", r)).contains("tiny.yaml:").contains("expectation failed");
      if (r[4].equals("ok")) assertThat(r[5]).isEqualTo("40");
    }
    String header = Files.readAllLines(one.resolve("results.csv")).get(0);
    assertThat(header).isEqualTo("point,probability,bob_balance,seed,metric,block,value");
  }

  /** The summary is recomputed here from results.csv, independently of the code under test. */
  @Test
  void theSummaryIsTheMeanAndSpreadOfThePassedRunsResults() throws IOException {
    Map<String, List<String>> status = new TreeMap<>();
    for (String[] r : rows(one.resolve("runs.csv"))) status.put(r[0] + "/" + r[3], List.of(r[4]));
    Map<String, List<Double>> values = new TreeMap<>();
    for (String[] r : rows(one.resolve("results.csv"))) {
      if (!r[5].isEmpty() || !status.get(r[0] + "/" + r[3]).get(0).equals("ok")) continue;
      values
          .computeIfAbsent(r[0] + "/" + r[4], k -> new ArrayList<>())
          .add(Double.parseDouble(r[6]));
    }
    List<String[]> summary = rows(one.resolve("summary.csv"));
    assertThat(summary).hasSize(values.size());
    for (String[] s : summary) {
      List<Double> v = values.get(s[0] + "/" + s[3]);
      double mean = v.stream().mapToDouble(Double::doubleValue).sum() / v.size();
      double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
      assertThat(Integer.parseInt(s[4])).isEqualTo(v.size());
      assertThat(Double.parseDouble(s[5]))
          .isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
      if (v.size() > 1) {
        double sd = Math.sqrt(ss / (v.size() - 1));
        assertThat(Double.parseDouble(s[6])).isCloseTo(sd, within(1e-9 * Math.max(1, sd)));
        double t = v.size() == 3 ? 4.3027 : 12.7062; // t(0.975, n - 1)
        assertThat(Double.parseDouble(s[8]) - mean)
            .isCloseTo(t * sd / Math.sqrt(v.size()), within(1e-3 * Math.max(1, sd)));
      }
    }
  }

  @Test
  void theDatabaseAndTheParquetFileHoldTheTablesForSql() throws Exception {
    List<String[]> results = rows(one.resolve("results.csv"));
    double extrinsics = 0;
    for (String[] r : results)
      if (r[4].equals("sum(block.extrinsics)")) extrinsics += Double.parseDouble(r[6]);
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:duckdb:" + one.resolve("results.duckdb").toAbsolutePath());
        Statement s = c.createStatement()) {
      ResultSet count = s.executeQuery("SELECT count(*) FROM results");
      count.next();
      assertThat(count.getLong(1)).isEqualTo(results.size());
      ResultSet sum =
          s.executeQuery(
              "SELECT sum(value) FROM results WHERE metric = 'sum(block.extrinsics)' AND block IS NULL");
      sum.next();
      assertThat(sum.getDouble(1)).isEqualTo(extrinsics);
      ResultSet grouped =
          s.executeQuery("SELECT status, count(*) FROM runs GROUP BY status ORDER BY status");
      Map<String, Long> byStatus = new TreeMap<>();
      while (grouped.next()) byStatus.put(grouped.getString(1), grouped.getLong(2));
      assertThat(byStatus.get("error")).isEqualTo(6);
      assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
      ResultSet typed = s.executeQuery("SELECT probability, bob_balance FROM results LIMIT 1");
      typed.next();
      assertThat(typed.getObject(1)).isInstanceOf(Double.class);
      assertThat(typed.getObject(2)).isEqualTo("100 TOKEN");
      ResultSet parquet =
          s.executeQuery(
              "SELECT count(*), sum(value) FILTER (WHERE metric = 'sum(block.extrinsics)') FROM read_parquet('"
                  + one.resolve("results.parquet").toAbsolutePath()
                  + "')");
      parquet.next();
      assertThat(parquet.getLong(1)).isEqualTo(results.size());
      assertThat(parquet.getDouble(2)).isEqualTo(extrinsics);
    }
  }

  @Test
  void anInterruptedSweepLeavesNoHalfWrittenTableAndResumeMakesOnlyTheMissingRuns(@TempDir Path dir)
      throws IOException {
    Files.writeString(dir.resolve("results.csv"), "an earlier sweep's table\n");
    var crashed =
        palletsim(
            "sweep",
            sweep.toString(),
            "--engine",
            "crash-after-5",
            "--out",
            dir.toString(),
            "--no-progress");
    assertThat(crashed.status()).isEqualTo(1);
    assertThat(crashed.err()).contains("simulated crash");
    assertThat(Files.readString(dir.resolve("results.csv")))
        .isEqualTo("an earlier sweep's table\n");
    assertThat(Journal.read(dir)).hasSize(CrashingEngine.RUNS);

    var resumed =
        palletsim("sweep", sweep.toString(), "--resume", "--out", dir.toString(), "--no-progress");
    assertThat(resumed.err()).contains("5 of 12 runs already journalled, 7 to make");
    assertThat(resumed.out()).contains("7 made in");
    for (String table : SweepFixtures.TABLES) {
      assertThat(Files.readAllBytes(dir.resolve(table)))
          .as(table)
          .isEqualTo(Files.readAllBytes(one.resolve(table)));
    }
    var again =
        palletsim("sweep", sweep.toString(), "--resume", "--out", dir.toString(), "--no-progress");
    assertThat(again.err()).contains("12 of 12 runs already journalled, 0 to make");
    assertThat(again.out()).contains("none made (every run was in the journal)");
    assertThat(Files.readAllBytes(dir.resolve("results.csv")))
        .isEqualTo(Files.readAllBytes(one.resolve("results.csv")));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void resumeRemakesRunsWhoseSweepChanged(@TempDir Path dir) throws IOException {
    Path changed = dir.resolve("changed.yaml");
    Files.writeString(changed, Files.readString(sweep).replace("blocks: 40", "blocks: 30"));
    Path out = dir.resolve("out");
    palletsim("sweep", sweep.toString(), "--out", out.toString(), "--no-progress");
    var resumed =
        palletsim(
            "sweep", changed.toString(), "--resume", "--out", out.toString(), "--no-progress");
    assertThat(resumed.err()).contains("0 of 12 runs already journalled, 12 to make");
  }

  @Test
  void theReportAndChartsAreWritten() throws IOException {
    String html = Files.readString(one.resolve("report.html"));
    assertThat(html)
        .contains(
            "<h1>tiny</h1>",
            "FAILED",
            "below the existential deposit",
            "summary",
            "<img src=\"chart-");
    try (var charts = Files.list(one)) {
      assertThat(charts.filter(p -> p.getFileName().toString().startsWith("chart-"))).isNotEmpty();
    }
    assertThat(oneRun.out())
        .contains("sweep tiny: 4 points × 3 seeds = 12 runs", "expectations", "failed runs");
  }

  @Test
  void aDryRunListsThePointsWithoutRunning(@TempDir Path dir) {
    var dry = palletsim("sweep", sweep.toString(), "--dry-run", "--out", dir.toString());
    assertThat(dry.status()).isZero();
    assertThat(dry.out())
        .contains("4 points × 3 seeds = 12 runs", "point 3: probability=0.8, bob_balance=1");
    assertThat(dir.resolve("results.csv")).doesNotExist();
  }

  @Test
  void anUnknownOrAbsentEngineIsAUsageError() {
    var unknown = palletsim("sweep", sweep.toString(), "--engine", "hadoop");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown engine 'hadoop'");
    var spark = palletsim("sweep", sweep.toString(), "--engine", "spark");
    assertThat(spark.status()).isEqualTo(2);
    assertThat(spark.err()).contains("module sweeps-spark");
    var master = palletsim("sweep", sweep.toString(), "--master", "local[2]");
    assertThat(master.status()).isEqualTo(2);
  }
}
