package dev.palletsim.examples;

import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.ProgressListener;
import dev.palletsim.sim.Simulation;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Verdict;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a scenario and what it produced: the simulation result, the session the run ended in,
 * and which probe recorded each series (so default charts can group series by probe).
 *
 * @param scenario the scenario
 * @param seed the seed used
 * @param blocksRequested the run length asked for
 * @param result the simulation's result
 * @param sessions the session index of the last produced block
 * @param seriesProbes series name → the probe spec that recorded it (absent: an agent did)
 */
public record RunReport(
    Scenario scenario,
    long seed,
    long blocksRequested,
    SimulationResult result,
    long sessions,
    Map<String, String> seriesProbes) {

  /** Runs {@code scenario} with {@code seed} for {@code blocks} blocks. */
  public static RunReport run(
      Scenario scenario, long seed, long blocks, ProgressListener progress) {
    Simulation.Run run = scenario.simulation(seed, blocks).start();
    while (!run.done()) {
      run.step();
      progress.progress(run.blocksRun(), blocks);
    }
    return of(scenario, seed, blocks, run);
  }

  /**
   * The report of {@code run}, a run of {@code scenario} that is {@linkplain Simulation.Run#done
   * done}.
   */
  public static RunReport of(Scenario scenario, long seed, long blocks, Simulation.Run run) {
    long session = run.chain().lastBlock().sessionIndex();
    SimulationResult result = run.finish();
    return new RunReport(
        scenario, seed, blocks, result, session, Map.copyOf(result.metrics().sources()));
  }

  /** Whether the run completed and every expectation was met. */
  public boolean passed() {
    return result.passed();
  }

  /** The metrics. */
  public Metrics metrics() {
    return result.metrics();
  }

  /** The index of the first failed expectation, if any. */
  public Optional<Integer> firstFailed() {
    for (int i = 0; i < result.expectations().size(); i++) {
      if (result.expectations().get(i).verdict() instanceof Verdict.Failed) return Optional.of(i);
    }
    return Optional.empty();
  }

  /**
   * Why the run did not pass, prefixed with the file and line of the failed expectation when one
   * failed ({@code quickstart.yaml:31: expectation failed at block 10: …}); empty when it passed.
   */
  public Optional<String> failureMessage() {
    if (passed()) return Optional.empty();
    String message = result.failure().getOrElse(MetricsFiles.UNDECIDED);
    Optional<Integer> failed = firstFailed();
    if (failed.isPresent()) {
      int line = scenario.expectations().get(failed.get()).line();
      return Optional.of(scenario.file() + ":" + line + ": " + message);
    }
    return Optional.of(message);
  }
}
