package dev.palletsim.sweeps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default engine: a fixed pool of {@code --parallelism} threads in this JVM (all cores by
 * default), each run on its own chain. The runs of one point share the point's runtime, which is
 * safe (a {@link dev.palletsim.frame.executive.Runtime} may start chains on any number of threads).
 */
public final class LocalEngine implements SweepEngine {
  @Override
  public String name() {
    return "local";
  }

  @Override
  public void run(
      SweepJob job, Sweep sweep, List<RunSpec> runs, Options options, RunListener listener)
      throws Exception {
    SweepRunner runner = SweepRunner.of(job, sweep);
    AtomicInteger ids = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, options.parallelism()),
            r -> {
              Thread t = new Thread(r, "sweep-" + ids.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (RunSpec spec : runs) {
        futures.add(
            pool.submit(
                () -> {
                  listener.started();
                  listener.finished(runner.run(spec));
                }));
      }
      for (Future<?> f : futures) f.get();
    } finally {
      pool.shutdownNow();
    }
  }
}
