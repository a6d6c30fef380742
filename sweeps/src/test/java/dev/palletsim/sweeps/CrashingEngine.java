package dev.palletsim.sweeps;

import java.util.List;

/**
 * A test engine ({@code --engine crash-after-5}) that makes five runs, reporting each, then fails
 * as a killed sweep would: what is left behind is what an interruption leaves.
 */
public final class CrashingEngine implements SweepEngine {
  /** Runs made before the crash. */
  public static final int RUNS = 5;

  @Override
  public String name() {
    return "crash-after-" + RUNS;
  }

  @Override
  public void run(
      SweepJob job, Sweep sweep, List<RunSpec> runs, Options options, RunListener listener) {
    SweepRunner runner = SweepRunner.of(job, sweep);
    for (RunSpec spec : runs.subList(0, Math.min(RUNS, runs.size()))) {
      listener.started();
      listener.finished(runner.run(spec));
    }
    throw new IllegalStateException("simulated crash");
  }
}
