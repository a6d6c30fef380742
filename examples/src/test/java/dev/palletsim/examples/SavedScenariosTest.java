package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.snapshot.Snapshot;
import dev.palletsim.sim.Simulation;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's round trip, for the quickstart, fip-0074 (both variants), faults-and-recovery and
 * invalid-proofs scenarios at their full length: a run saved at a block and resumed from the file
 * ends with the same final state hash, the same metrics.json (expectations, agents, every metric
 * summary) and the same metrics.csv, byte for byte, as the uninterrupted run.
 */
class SavedScenariosTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> aScenarioSavedMidRunAndResumedEndsAsTheUninterruptedRun() {
    return Stream.of("quickstart", "faults-and-recovery", "fip-0074", "invalid-proofs")
        .flatMap(
            name -> {
              Scenario s = ScenarioReader.read(Path.of("scenarios", name + ".yaml"));
              List<Scenario> runs =
                  s.variants().isEmpty()
                      ? List.of(s)
                      : s.variants().stream().map(s::forVariant).toList();
              return runs.stream()
                  .map(
                      run ->
                          DynamicTest.dynamicTest(
                              name + (run.variant().isEmpty() ? "" : "/" + run.variant()),
                              () -> assertRoundTrip(run)));
            });
  }

  private void assertRoundTrip(Scenario scenario) throws Exception {
    long blocks = scenario.runLength();
    long saveAt = blocks * 2 / 5 + 3; // mid-session, mid-proving period
    Path file = tmp.resolve(scenario.name() + "-" + scenario.variant() + ".psnap");

    Simulation.Run whole = scenario.simulation(scenario.seed(), blocks).start();
    while (!whole.done()) {
      whole.step();
      if (whole.blocksRun() == saveAt) whole.save(file);
    }
    RunReport expected = RunReport.of(scenario, scenario.seed(), blocks, whole);
    assertThat(expected.failureMessage()).as("the scenario passes").isEmpty();

    Simulation.Run resumed =
        scenario.simulation(scenario.seed(), blocks).resume(Snapshot.read(file));
    assertThat(resumed.blocksRun()).isEqualTo(saveAt);
    assertThat(resumed.restartedAgents()).isEmpty();
    while (!resumed.done()) resumed.step();
    RunReport actual = RunReport.of(scenario, scenario.seed(), blocks, resumed);

    assertThat(actual.result().finalStateHash()).isEqualTo(expected.result().finalStateHash());
    assertThat(MetricsFiles.json(actual)).isEqualTo(MetricsFiles.json(expected));
    assertThat(MetricsFiles.csv(actual.metrics(), actual.result().lastBlock()))
        .isEqualTo(MetricsFiles.csv(expected.metrics(), expected.result().lastBlock()));
  }
}
