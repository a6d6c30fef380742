package dev.palletsim.benchmarks.tools;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import org.openjdk.jmh.annotations.Setup;

/**
 * The CPU time one operation of a JMH benchmark costs, for a machine shared with other work: JMH
 * measures wall time, which on a loaded 2-core machine mostly measures the other processes. This
 * probe runs the same benchmark method (its class instantiated, public {@code @Param} fields set
 * from the arguments, {@code @Setup} methods called) in a plain loop and divides the CPU time the
 * whole process used (the benchmark thread, the collector and the compiler) by the operations:
 * after a warm-up of {@code --warmup} seconds of CPU, {@code --rounds} rounds of {@code --round-ms}
 * milliseconds of CPU each; it prints the median and the spread of the rounds. Contention still
 * costs something (caches, memory bandwidth), so compare runs made under similar load, before and
 * after a change, back to back.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.palletsim.benchmarks.tools.CpuTimeProbe \
 *     dev.palletsim.benchmarks.DispatchBenchmark transfer [field=value …] \
 *     [--warmup 5] [--rounds 10] [--round-ms 1000]
 * </pre>
 */
public final class CpuTimeProbe {
  private CpuTimeProbe() {}

  /** Runs the probe; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) throw new IllegalArgumentException("a benchmark class and a method");
    Class<?> type = Class.forName(args[0]);
    Object bench = type.getDeclaredConstructor().newInstance();
    Method op = type.getMethod(args[1]);
    double warmup = 5;
    int rounds = 10;
    long roundMs = 1000;
    StringBuilder params = new StringBuilder();
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Double.parseDouble(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--round-ms" -> roundMs = Long.parseLong(args[++i]);
        default -> {
          String[] kv = args[i].split("=", 2);
          Field f = type.getField(kv[0]);
          f.set(bench, convert(f.getType(), kv[1]));
          params.append(' ').append(args[i]);
        }
      }
    }
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(Setup.class)) m.invoke(bench);
    }
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Object sink = null;
    long warmEnd = os.getProcessCpuTime() + (long) (warmup * 1e9);
    while (os.getProcessCpuTime() < warmEnd) {
      for (int k = 0; k < 16; k++) sink = op.invoke(bench);
    }
    double[] perOp = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = os.getProcessCpuTime();
      long end = start + roundMs * 1_000_000L;
      long ops = 0;
      long now;
      do {
        for (int k = 0; k < 16; k++) sink = op.invoke(bench);
        ops += 16;
        now = os.getProcessCpuTime();
      } while (now < end);
      perOp[r] = (now - start) / (double) ops;
    }
    Arrays.sort(perOp);
    System.out.println(
        String.format(
            Locale.ROOT,
            "%s.%s%s: median %s CPU per op (rounds %s to %s), load %s",
            type.getSimpleName(),
            args[1],
            params,
            nanos(perOp[rounds / 2]),
            nanos(perOp[0]),
            nanos(perOp[rounds - 1]),
            String.format(Locale.ROOT, "%.2f", os.getSystemLoadAverage())));
    if (sink == bench) System.out.println();
  }

  private static Object convert(Class<?> type, String value) {
    if (type == int.class) return Integer.parseInt(value);
    if (type == long.class) return Long.parseLong(value);
    if (type == boolean.class) return Boolean.parseBoolean(value);
    if (type == String.class) return value;
    if (type.isEnum()) {
      for (Object c : type.getEnumConstants()) {
        if (((Enum<?>) c).name().equals(value)) return c;
      }
    }
    throw new IllegalArgumentException("cannot set a " + type.getName() + " to " + value);
  }

  private static String nanos(double ns) {
    if (ns >= 1e6) return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
    if (ns >= 1e3) return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
    return String.format(Locale.ROOT, "%.1f ns", ns);
  }
}
