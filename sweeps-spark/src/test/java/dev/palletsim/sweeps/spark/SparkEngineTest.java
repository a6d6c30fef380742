package dev.palletsim.sweeps.spark;

import static dev.palletsim.sweeps.SweepFixtures.palletsim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.sweeps.Journal;
import dev.palletsim.sweeps.SweepFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine in {@code local[2]} (Spark embedded, two executor threads) against the local
 * engine on one thread: the same sweep file gives byte-identical tables, whatever the engine,
 * parallelism or order the tasks finish in. One Spark run serves every test: starting Spark costs
 * seconds.
 */
class SparkEngineTest {
  @TempDir static Path dir;
  static SweepFixtures.Result spark;
  static SweepFixtures.Result local;

  @BeforeAll
  static void runBothEngines() throws IOException {
    Path sweep = SweepFixtures.tiny(dir);
    local =
        palletsim(
            "sweep",
            sweep.toString(),
            "--parallelism",
            "1",
            "--out",
            dir.resolve("local").toString(),
            "--no-progress");
    spark =
        palletsim(
            "sweep",
            sweep.toString(),
            "--engine",
            "spark",
            "--master",
            "local[2]",
            "--out",
            dir.resolve("spark").toString(),
            "--no-progress");
  }

  @Test
  void sparkLocal2WritesTheSameTablesByteForByteAsTheLocalEngineOnOneThread() throws IOException {
    assertThat(spark.status()).as(spark.err()).isEqualTo(local.status());
    for (String table : SweepFixtures.TABLES) {
      assertThat(Files.readAllBytes(dir.resolve("spark").resolve(table)))
          .as(table)
          .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve(table)));
    }
    assertThat(spark.out()).contains("12 runs: ", "(spark engine, parallelism");
  }

  @Test
  void everyRunIsJournalledOnTheDriverSoThatResumeWorksAsWithTheLocalEngine() throws IOException {
    assertThat(Journal.read(dir.resolve("spark"))).hasSize(12);
    var resumed =
        palletsim(
            "sweep",
            dir.resolve("tiny.yaml").toString(),
            "--resume",
            "--out",
            dir.resolve("spark").toString(),
            "--no-progress");
    assertThat(resumed.err()).contains("12 of 12 runs already journalled, 0 to make");
    assertThat(Files.readAllBytes(dir.resolve("spark").resolve("results.csv")))
        .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve("results.csv")));
  }

  @Test
  void sparksOwnLoggingStaysQuiet() {
    assertThat(spark.err()).doesNotContain(" INFO ");
  }
}
