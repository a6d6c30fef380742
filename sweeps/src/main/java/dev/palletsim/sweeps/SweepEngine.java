package dev.palletsim.sweeps;

import java.util.List;

/**
 * Runs a sweep's runs somewhere: {@code local} (this JVM, a pool over its cores) or {@code spark}
 * (module sweeps-spark: each run a Spark task). Engines are found with {@link
 * java.util.ServiceLoader}, so the program offers Spark only when its module is on the classpath.
 * Every engine runs each run exactly once through {@link SweepRunner}, so results depend only on
 * the sweep, never on the engine, its parallelism or the order runs finish in.
 */
public interface SweepEngine {
  /** The engine's name for {@code --engine}. */
  String name();

  /**
   * Runs {@code runs} of the sweep, reporting each start and each finished record to {@code
   * listener} (from any thread) as it happens; returns once every run is recorded.
   *
   * @param job the sweep's texts (what a remote worker rebuilds the sweep from)
   * @param sweep the sweep, read in this process
   * @param runs the runs to make
   * @param options parallelism and, for Spark, the master
   * @param listener told of each start and each record
   * @throws Exception if the engine itself fails (a run's failure is a record, never an exception)
   */
  void run(SweepJob job, Sweep sweep, List<RunSpec> runs, Options options, RunListener listener)
      throws Exception;

  /**
   * How to run.
   *
   * @param parallelism runs at once (local: threads; Spark: local[N] when no master is given)
   * @param master the Spark master URL, or null
   */
  record Options(int parallelism, String master) {}

  /** Told of runs as they start and finish; called from any thread. */
  interface RunListener {
    /** A run started. */
    void started();

    /** A run finished with {@code record}. */
    void finished(RunRecord record);
  }
}
