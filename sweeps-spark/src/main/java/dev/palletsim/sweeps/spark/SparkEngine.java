package dev.palletsim.sweeps.spark;

import dev.palletsim.sweeps.RunRecord;
import dev.palletsim.sweeps.RunSpec;
import dev.palletsim.sweeps.Sweep;
import dev.palletsim.sweeps.SweepEngine;
import dev.palletsim.sweeps.SweepJob;
import dev.palletsim.sweeps.SweepRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * The Spark engine ({@code --engine spark}): each run of the sweep is one Spark task. The driver
 * broadcasts the sweep's texts ({@link SweepJob}); each executor reads the sweep once ({@link
 * SweepRunner#of}) and makes its tasks' runs; records come back to the driver, which journals them
 * and writes the tables, so the results are those of the local engine, byte for byte. Runs are
 * submitted as several concurrent jobs so that records are journalled (and {@code --resume} can
 * skip them) while the sweep goes on, not only at its end.
 *
 * <p>The master is {@code --master} if given, else {@code spark.master} from the environment
 * (spark-submit sets it), else {@code local[--parallelism]}, Spark embedded in this JVM.
 */
public final class SparkEngine implements SweepEngine {
  /** Runs per Spark job: small enough to journal often, large enough to keep executors busy. */
  private static final int JOBS_PER_SLOT = 4;

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public void run(
      SweepJob job, Sweep sweep, List<RunSpec> runs, Options options, RunListener listener)
      throws Exception {
    quietSparkLogging();
    SparkConf conf = new SparkConf().setAppName("palletsim sweep " + sweep.name());
    if (options.master() != null) conf.setMaster(options.master());
    else if (!conf.contains("spark.master")) conf.setMaster("local[" + options.parallelism() + "]");
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    if (conf.get("spark.master").startsWith("local")) {
      // embedded: bind to the loopback interface only
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    if (runs.isEmpty()) return;
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.sc()
          .addSparkListener(
              new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart taskStart) {
                  listener.started();
                }
              });
      // executors in this JVM (local masters) find the sweep already read
      SweepRunner.of(job, sweep);
      Broadcast<SweepJob> shipped = sc.broadcast(job);
      int slots = Math.max(1, sc.defaultParallelism());
      int perJob = Math.max(1, (int) Math.ceil(runs.size() / (double) (slots * JOBS_PER_SLOT)));
      List<List<RunSpec>> chunks = new ArrayList<>();
      for (int i = 0; i < runs.size(); i += perJob) {
        chunks.add(List.copyOf(runs.subList(i, Math.min(runs.size(), i + perJob))));
      }
      List<JavaFutureAction<List<RunRecord>>> jobs = new ArrayList<>();
      for (List<RunSpec> chunk : chunks) {
        jobs.add(
            sc.parallelize(chunk, chunk.size())
                .map(spec -> SweepRunner.of(shipped.value()).run(spec))
                .collectAsync());
      }
      for (int i = 0; i < jobs.size(); i++) {
        List<RunRecord> records;
        try {
          records = jobs.get(i).get();
        } catch (ExecutionException e) {
          records = failed(chunks.get(i), e.getCause() == null ? e : e.getCause());
        }
        for (RunRecord r : records) listener.finished(r);
      }
    }
  }

  /** Error records for the runs of a Spark job that failed as a whole (an executor lost …). */
  private static List<RunRecord> failed(List<RunSpec> chunk, Throwable cause) {
    List<RunRecord> out = new ArrayList<>();
    String message = "the Spark job failed: " + cause;
    for (RunSpec s : chunk) {
      out.add(
          new RunRecord(
              "",
              s.point(),
              s.seed(),
              RunRecord.Status.ERROR,
              message,
              0,
              List.of(),
              0,
              RunRecord.UNKNOWN,
              RunRecord.UNKNOWN));
    }
    return out;
  }

  /**
   * Spark logs through SLF4J, here slf4j-simple: its loggers start at warn (two start-up notes at
   * error) unless the user set their level ({@code
   * -Dorg.slf4j.simpleLogger.log.org.apache.spark=info}).
   */
  private static void quietSparkLogging() {
    for (String logger :
        List.of("org.apache.spark", "org.sparkproject", "org.apache.hadoop", "io.netty")) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) System.setProperty(key, "warn");
    }
    // start-up notes that say nothing about the sweep: the host's address, Hadoop's native code
    for (String logger :
        List.of("org.apache.spark.util.Utils", "org.apache.hadoop.util.NativeCodeLoader")) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) System.setProperty(key, "error");
    }
  }
}
