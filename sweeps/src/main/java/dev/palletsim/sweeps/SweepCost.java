package dev.palletsim.sweeps;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * What the runs of a sweep cost, in the measures that a busy machine does not distort: the CPU time
 * and the bytes allocated on the thread that made each run (summed over the runs that were
 * measured), and, for this JVM over the same interval, the time its collector paused the run
 * threads and its JIT compilers spent compiling. Two runs in parallel should each cost what one
 * costs alone; docs/performance.md ("Sweeps: runs per second") compares these numbers between
 * {@code --parallelism 1} and {@code 2}.
 *
 * @param measuredRuns runs whose own cost is known ({@link RunRecord#cpuNanos} not {@code -1})
 * @param runCpuNanos their CPU time on their threads, summed
 * @param allocatedBytes the bytes they allocated, summed ({@code -1} where unknown)
 * @param gcMillis collection time of this JVM's collectors meanwhile ({@code -1} where unknown)
 * @param jitMillis compilation time of this JVM's JIT meanwhile ({@code -1} where unknown)
 */
public record SweepCost(
    int measuredRuns, long runCpuNanos, long allocatedBytes, long gcMillis, long jitMillis) {

  /**
   * The cost of {@code records}' runs (those measured), with the JVM's counters since {@code at}.
   */
  static SweepCost of(List<RunRecord> records, JvmCounters at) {
    int n = 0;
    long cpu = 0;
    long bytes = 0;
    for (RunRecord r : records) {
      if (r.cpuNanos() < 0) continue;
      n++;
      cpu += r.cpuNanos();
      bytes = r.allocatedBytes() < 0 || bytes < 0 ? -1 : bytes + r.allocatedBytes();
    }
    JvmCounters now = JvmCounters.now();
    return new SweepCost(
        n,
        cpu,
        n == 0 ? -1 : bytes,
        minus(now.gcMillis(), at.gcMillis()),
        minus(now.jitMillis(), at.jitMillis()));
  }

  private static long minus(long a, long b) {
    return a < 0 || b < 0 ? -1 : a - b;
  }

  /** {@code ; per run 0.198 s of CPU on its thread, 208.2 MB allocated; GC pauses 1.3 s, …}. */
  String describe() {
    StringBuilder b = new StringBuilder();
    if (measuredRuns > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "; per run %.3f s of CPU on its thread",
              runCpuNanos / 1e9 / measuredRuns));
      if (allocatedBytes >= 0) {
        b.append(
            String.format(Locale.ROOT, ", %.1f MB allocated", allocatedBytes / 1e6 / measuredRuns));
      }
    }
    if (gcMillis >= 0) {
      b.append(String.format(Locale.ROOT, "; GC pauses %.1f s", gcMillis / 1e3));
    }
    if (jitMillis >= 0) {
      b.append(String.format(Locale.ROOT, ", JIT compiling %.1f s", jitMillis / 1e3));
    }
    return b.toString();
  }

  /**
   * This JVM's cumulative collection and compilation time, in milliseconds ({@code -1} where the
   * JVM does not say).
   */
  record JvmCounters(long gcMillis, long jitMillis) {
    static JvmCounters now() {
      long gc = 0;
      for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
        long t = g.getCollectionTime();
        if (t < 0) {
          gc = -1;
          break;
        }
        gc += t;
      }
      var jit = ManagementFactory.getCompilationMXBean();
      long compiled =
          jit != null && jit.isCompilationTimeMonitoringSupported()
              ? jit.getTotalCompilationTime()
              : -1;
      return new JvmCounters(gc, compiled);
    }
  }

  /**
   * Measures what the current thread spends on one run: CPU time and allocated bytes, each {@code
   * -1} where this JVM cannot measure it.
   */
  static final class ThreadMeter {
    private static final java.lang.management.ThreadMXBean THREADS =
        ManagementFactory.getThreadMXBean();
    private static final boolean CPU =
        THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    private static final com.sun.management.ThreadMXBean ALLOCATION =
        THREADS instanceof com.sun.management.ThreadMXBean sun
                && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled()
            ? sun
            : null;

    private final long cpuAtStart = cpuNanos();
    private final long bytesAtStart = allocatedBytes();

    long cpuNanosSince() {
      return cpuAtStart < 0 ? -1 : cpuNanos() - cpuAtStart;
    }

    long allocatedBytesSince() {
      return bytesAtStart < 0 ? -1 : allocatedBytes() - bytesAtStart;
    }

    private static long cpuNanos() {
      return CPU ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    private static long allocatedBytes() {
      return ALLOCATION == null ? -1 : ALLOCATION.getCurrentThreadAllocatedBytes();
    }
  }
}
