package dev.palletsim.sweeps;

import java.io.Serializable;
import java.util.List;

/**
 * What one run of a sweep produced: its status, why it failed (if it did), how far it went, and the
 * metrics the sweep collects. A value, independent of the thread, process or machine that ran it:
 * the wall time and the run's cost ({@link #wallMillis}, {@link #cpuNanos}, {@link
 * #allocatedBytes}) are kept apart and never enter the results tables.
 *
 * @param key the run's key: a digest of everything that decides the run (base scenario, the point's
 *     settings, seed, collected metrics), so that {@code --resume} reuses a run only when the same
 *     run would be made again
 * @param point the point's index in the grid
 * @param seed the seed
 * @param status how it ended
 * @param message the failure or error message; {@code ""} for a run that passed
 * @param blocksRun blocks produced
 * @param observations the collected values, in the order collected
 * @param wallMillis wall-clock duration of the run (for progress and timing only)
 * @param cpuNanos CPU time the run took on the thread that made it, or {@link #UNKNOWN} where
 *     unknown (a run read back from the journal, a JVM that cannot measure it): timing only
 * @param allocatedBytes bytes the run allocated on its thread, or {@link #UNKNOWN} where unknown:
 *     timing only
 */
public record RunRecord(
    String key,
    int point,
    long seed,
    Status status,
    String message,
    long blocksRun,
    List<Observation> observations,
    long wallMillis,
    long cpuNanos,
    long allocatedBytes)
    implements Serializable {
  private static final long serialVersionUID = 2L;

  /** A cost that was not measured: a run read back from the journal, or one that never ran. */
  public static final long UNKNOWN = -1;

  /** How a run ended. */
  public enum Status {
    /** It ran to the end and every expectation of the scenario was met. */
    OK,
    /** An expectation failed, an invariant broke or the chain stalled: a result of the run. */
    FAILED,
    /** It threw: a bug, or a point whose settings the scenario cannot be built with. */
    ERROR;

    /** The word in the tables. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One collected value.
   *
   * @param metric the metric ({@code mean(block.weight_us)}, or a series name for per-block values)
   * @param block the block of a per-block value; {@code -1} for a per-run value
   * @param value the value
   */
  public record Observation(String metric, long block, double value) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The run this record is of. */
  public RunSpec spec() {
    return new RunSpec(point, seed);
  }

  /** This record as the run of {@code point} (the same run found at another index by resume). */
  public RunRecord atPoint(int index) {
    return new RunRecord(
        key,
        index,
        seed,
        status,
        message,
        blocksRun,
        observations,
        wallMillis,
        cpuNanos,
        allocatedBytes);
  }
}
