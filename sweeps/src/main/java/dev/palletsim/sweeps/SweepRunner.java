package dev.palletsim.sweeps;

import dev.palletsim.examples.RunReport;
import dev.palletsim.examples.Scenario;
import dev.palletsim.sim.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes one run of a sweep: builds the point's scenario (once per point, shared by its seeds and
 * threads), runs it with the seed, and keeps the collected metrics. A run that throws, or whose
 * point the scenario cannot be built with, becomes an {@code error} record with the exception; a
 * run whose expectation fails becomes a {@code failed} record; neither stops the sweep. Each record
 * carries what its run cost on its thread (CPU time, bytes allocated), for the sweep's timing. Safe
 * to call from any number of threads.
 */
public final class SweepRunner {
  private static final int CACHED_JOBS = 4;
  private static final Map<SweepJob, SweepRunner> BY_JOB =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SweepJob, SweepRunner> eldest) {
          return size() > CACHED_JOBS;
        }
      };

  private final Sweep sweep;
  private final List<Point> points;
  private final ConcurrentHashMap<Integer, Scenario> scenarios = new ConcurrentHashMap<>();

  private SweepRunner(Sweep sweep) {
    this.sweep = sweep;
    this.points = sweep.points();
  }

  /**
   * The runner of {@code job} in this JVM: read once and kept (a few jobs at most), so that every
   * task a Spark executor runs for the job shares its scenarios.
   */
  public static SweepRunner of(SweepJob job) {
    synchronized (BY_JOB) {
      SweepRunner r = BY_JOB.get(job);
      if (r != null) return r;
    }
    SweepRunner fresh = new SweepRunner(SweepReader.read(job));
    synchronized (BY_JOB) {
      return BY_JOB.computeIfAbsent(job, j -> fresh);
    }
  }

  /** The runner of {@code job}, whose sweep {@code sweep} this process has already read. */
  public static SweepRunner of(SweepJob job, Sweep sweep) {
    synchronized (BY_JOB) {
      return BY_JOB.computeIfAbsent(job, j -> new SweepRunner(sweep));
    }
  }

  /** Makes the run {@code spec}. */
  public RunRecord run(RunSpec spec) {
    long started = System.nanoTime();
    SweepCost.ThreadMeter meter = new SweepCost.ThreadMeter();
    Point point = points.get(spec.point());
    String key = sweep.runKey(point, spec.seed());
    try {
      Scenario scenario = scenarios.computeIfAbsent(spec.point(), i -> sweep.scenario(point));
      RunReport report =
          RunReport.run(scenario, spec.seed(), scenario.runLength(), ProgressListener.NONE);
      List<RunRecord.Observation> observations = new ArrayList<>();
      for (Collect c : sweep.collect()) c.observe(report.metrics(), observations);
      return new RunRecord(
          key,
          spec.point(),
          spec.seed(),
          report.passed() ? RunRecord.Status.OK : RunRecord.Status.FAILED,
          report.failureMessage().orElse(""),
          report.result().blocksRun(),
          List.copyOf(observations),
          millisSince(started),
          meter.cpuNanosSince(),
          meter.allocatedBytesSince());
    } catch (RuntimeException | StackOverflowError e) {
      return new RunRecord(
          key,
          spec.point(),
          spec.seed(),
          RunRecord.Status.ERROR,
          e.getMessage() == null
              ? e.toString()
              : e.getClass().getSimpleName() + ": " + e.getMessage(),
          0,
          List.of(),
          millisSince(started),
          meter.cpuNanosSince(),
          meter.allocatedBytesSince());
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
