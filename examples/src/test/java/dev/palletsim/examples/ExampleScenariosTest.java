package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.sim.MetricInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario in {@code examples/scenarios/}, and every variant of one, reads without error and
 * runs, shortened to at most {@link #BLOCK_LIMIT} blocks so that the suite stays fast. A run that
 * fits in the limit must pass; a shortened one may only fail an expectation about the end of the
 * run (it ended early), never during the run. Everything a run records is declared with a unit.
 */
class ExampleScenariosTest {
  static final long BLOCK_LIMIT = 200;

  static List<Path> scenarioFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("scenarios"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /**
   * Every series and counter the run recorded is one the scenario's probes and agents declare, with
   * a unit and an explanation: nothing in the outputs goes unexplained.
   */
  static void everyRecordedNameIsDeclaredWithAUnit(Scenario s, RunReport r) {
    ScenarioMetrics meta = ScenarioMetrics.of(s);
    for (String n : r.metrics().seriesNames()) {
      var named = meta.named(MetricInfo.Kind.SERIES, n);
      assertThat(named.unit()).as(s.name() + " series " + n).isNotEmpty();
      assertThat(named.description()).as(s.name() + " series " + n).isNotEmpty();
    }
    for (String n : r.metrics().counters().keySet()) {
      var named = meta.named(MetricInfo.Kind.COUNTER, n);
      assertThat(named.unit()).as(s.name() + " counter " + n).isNotEmpty();
      assertThat(named.description()).as(s.name() + " counter " + n).isNotEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExampleScenarioReadsAndRuns() throws IOException {
    List<Path> files = scenarioFiles();
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("quickstart.yaml");
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      Scenario s = ScenarioReader.read(file);
                      assertThat(s.name() + ".yaml").isEqualTo(file.getFileName().toString());
                      assertThat(s.description()).as("a scenario says what it shows").isNotBlank();
                      long blocks = Math.min(s.runLength(), BLOCK_LIMIT);
                      List<Scenario> runs =
                          s.variants().isEmpty()
                              ? List.of(s)
                              : s.variants().stream().map(s::forVariant).toList();
                      for (Scenario run : runs) {
                        RunReport r = RunReport.run(run, run.seed(), blocks, (d, t) -> {});
                        everyRecordedNameIsDeclaredWithAUnit(run, r);
                        assertThat(r.result().blocksRun()).isEqualTo(blocks);
                        if (blocks == s.runLength()) {
                          assertThat(r.failureMessage()).as("a full run passes").isEmpty();
                        } else {
                          assertThat(r.result().failure().getOrElse("expectation failed: "))
                              .as("a shortened run fails only at its end")
                              .startsWith("expectation failed: ");
                        }
                      }
                    }));
  }
}
