package dev.palletsim.sim;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Map;

/**
 * What a run produced: how far it went, the final state hash, the metrics, every expectation's
 * verdict, the reason it stopped early (if it did), and each agent's final status.
 *
 * @param seed the run's seed
 * @param blocksRun blocks produced
 * @param lastBlock the last produced block's number
 * @param finalStateHash the state hash after the last block
 * @param metrics series and counters
 * @param expectations each expectation with its verdict
 * @param failure why the run stopped early or failed, if it did
 * @param agents each agent's final status line, by name
 * @param wallMillis wall-clock duration of the run
 */
public record SimulationResult(
    long seed,
    long blocksRun,
    long lastBlock,
    String finalStateHash,
    Metrics metrics,
    Vector<Outcome> expectations,
    Option<String> failure,
    Map<String, String> agents,
    long wallMillis) {

  /** Whether the run completed and every expectation was met. */
  public boolean passed() {
    return failure.isEmpty() && expectations.forAll(o -> o.verdict() instanceof Verdict.Met);
  }

  /**
   * One expectation's verdict.
   *
   * @param description what was expected
   * @param verdict met, failed or (only if the run stopped early) pending
   */
  public record Outcome(String description, Verdict verdict) {}
}
