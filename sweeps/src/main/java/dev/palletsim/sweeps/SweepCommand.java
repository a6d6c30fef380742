package dev.palletsim.sweeps;

import dev.palletsim.examples.CommandPlugin;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code palletsim sweep FILE}: runs every (point, seed) of a sweep file as an independent run on
 * the chosen engine, journals each finished run, then writes the tables (CSV, Parquet, DuckDB), the
 * charts and {@code report.html}, prints the summary and checks the expectations over the
 * aggregate. Exit status: 0 when every aggregate expectation holds and no run threw, 1 otherwise, 2
 * for a malformed sweep file or command line.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a parameter sweep: every point of the axes' grid with every seed, each an independent"
          + " run, on all cores (--engine local, the default) or on Apache Spark (--engine spark).",
      "Writes results.csv, results.parquet and results.duckdb (one tidy row per point, seed,"
          + " metric and block), runs.csv, summary.csv, charts and report.html to --out."
    },
    footer = {
      "",
      "Exit status: 0 passed, 1 an aggregate expectation failed or a run threw, 2 bad sweep or"
          + " usage.",
      "Sweep format: docs/scenario-format.md (Sweeps)"
    })
public final class SweepCommand implements Callable<Integer> {
  private static final int PASSED = 0;
  private static final int FAILED = 1;
  private static final int USAGE = 2;

  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "<sweep>",
      description = "a sweep file, or the name of one in examples/sweeps/")
  String file;

  @Option(
      names = "--engine",
      paramLabel = "NAME",
      defaultValue = "local",
      description = "local (a pool over this machine's cores) or spark (default: ${DEFAULT-VALUE})")
  String engine;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "runs at once: local threads, or Spark's local[N] (default: every core)")
  Integer parallelism;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description =
          "the Spark master: local[*], spark://host:7077 … (default: spark.master if set, else"
              + " local[--parallelism])")
  String master;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output directory (default: runs/<sweep>/)")
  Path out;

  @Option(
      names = "--resume",
      description =
          "keep the runs already journalled in --out and make only the missing ones (a run is"
              + " reused only if its scenario, settings, seed and metrics are unchanged)")
  boolean resume;

  @Option(names = "--dry-run", description = "list the points and runs without running them")
  boolean dryRun;

  @Option(
      names = "--progress",
      negatable = true,
      description =
          "show a progress bar on stderr even when it is not a terminal (--no-progress: nothing)")
  Boolean progress;

  @Option(
      names = "--chart-size",
      paramLabel = "WxH",
      defaultValue = "900x500",
      description = "size of the PNG charts in pixels (default: ${DEFAULT-VALUE})")
  String chartSize;

  private final PrintStream stdout;
  private final PrintStream stderr;

  SweepCommand(PrintStream out, PrintStream err) {
    this.stdout = out;
    this.stderr = err;
  }

  /** Adds {@code sweep} to the palletsim program. */
  public static final class Plugin implements CommandPlugin {
    @Override
    public Object command(PrintStream out, PrintStream err) {
      return new SweepCommand(out, err);
    }
  }

  /** The engines on the classpath, by name. */
  static Map<String, SweepEngine> engines() {
    Map<String, SweepEngine> out = new HashMap<>();
    for (SweepEngine e : ServiceLoader.load(SweepEngine.class)) out.put(e.name(), e);
    return out;
  }

  @Override
  public Integer call() throws IOException, SQLException {
    int[] size = chartSize();
    int threads =
        parallelism != null ? parallelism : java.lang.Runtime.getRuntime().availableProcessors();
    if (threads < 1) throw usage("--parallelism must be at least 1, got " + threads);
    Map<String, SweepEngine> engines = engines();
    SweepEngine chosen = engines.get(engine);
    if (chosen == null) {
      if (engine.equals("spark")) {
        stderr.println(
            "palletsim: the spark engine is in module sweeps-spark, which is not on the classpath:"
                + " the ./palletsim launcher adds it when given --engine spark; on a cluster,"
                + " spark-submit the jar built with -Pspark-submit (see docs/scenario-format.md)");
        return USAGE;
      }
      throw usage(
          "unknown engine '"
              + engine
              + "' (engines: "
              + String.join(", ", new TreeSet<>(engines.keySet()))
              + ")");
    }
    if (master != null && !engine.equals("spark")) {
      throw usage("--master is for --engine spark");
    }

    Sweep sweep = SweepReader.read(resolve(file));
    for (String w : sweep.warnings()) stderr.println("palletsim: note: " + w);
    List<Point> points = sweep.points();
    List<RunSpec> all = sweep.runs();
    if (dryRun) {
      stdout.println(
          "sweep "
              + sweep.name()
              + ": "
              + points.size()
              + " points × "
              + sweep.seeds().size()
              + " seeds = "
              + all.size()
              + " runs of "
              + sweep.base().name()
              + " with seeds "
              + SweepReport.seeds(sweep.seeds()));
      for (Point p : points)
        stdout.println("  point " + p.index() + ": " + p.describe(sweep.axes()));
      return PASSED;
    }

    Path dir = out != null ? out : Path.of("runs", sweep.name());
    List<RunRecord> records = Collections.synchronizedList(new ArrayList<>());
    List<RunSpec> todo = new ArrayList<>();
    if (resume) {
      Map<String, RunSpec> byKey = new HashMap<>();
      for (RunSpec r : all) byKey.put(sweep.runKey(points.get(r.point()), r.seed()), r);
      Map<RunSpec, RunRecord> kept = new HashMap<>();
      for (RunRecord r : Journal.read(dir)) {
        RunSpec now = byKey.get(r.key());
        if (now != null) kept.put(now, r.atPoint(now.point()));
      }
      records.addAll(kept.values());
      for (RunSpec r : all) if (!kept.containsKey(r)) todo.add(r);
      stderr.println(
          "palletsim: resuming in "
              + dir
              + ": "
              + kept.size()
              + " of "
              + all.size()
              + " runs already journalled, "
              + todo.size()
              + " to make");
    } else {
      todo.addAll(all);
    }

    SweepProgress bar =
        new SweepProgress(stderr, SweepProgress.detect(progress), System::nanoTime, todo.size());
    if (SweepProgress.detect(progress) != SweepProgress.Mode.OFF) {
      stderr.println(
          "palletsim: sweep "
              + sweep.name()
              + ": "
              + todo.size()
              + " runs on "
              + engine
              + " (parallelism "
              + threads
              + (master != null ? ", master " + master : "")
              + ")");
    }
    IOException[] journalFailure = {null};
    long started = System.nanoTime();
    double cpuStarted = processCpuSeconds();
    SweepCost.JvmCounters jvmStarted = SweepCost.JvmCounters.now();
    try (Journal journal = Journal.open(dir, !resume)) {
      chosen.run(
          sweep.job(),
          sweep,
          todo,
          new SweepEngine.Options(threads, master),
          new SweepEngine.RunListener() {
            @Override
            public void started() {
              bar.started();
            }

            @Override
            public void finished(RunRecord record) {
              try {
                journal.append(record);
              } catch (IOException e) {
                journalFailure[0] = e;
              }
              records.add(record);
              bar.finished(record.status() == RunRecord.Status.OK);
            }
          });
    } catch (IOException e) {
      bar.finish();
      throw e;
    } catch (Exception e) {
      bar.finish();
      stderr.println("palletsim: the " + engine + " engine failed: " + e);
      return FAILED;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpu = processCpuSeconds() - cpuStarted;
    SweepCost cost = SweepCost.of(new ArrayList<>(records), jvmStarted);
    bar.finish();
    if (journalFailure[0] != null) {
      stderr.println(
          "palletsim: warning: cannot journal runs in " + dir + ": " + journalFailure[0]);
    }

    ResultTables tables = new ResultTables(sweep, new ArrayList<>(records));
    List<AggregateCheck> checks = AggregateCheck.all(sweep, tables);
    SweepReport.Timing timing =
        new SweepReport.Timing(engine, threads, todo.size(), seconds, cpu, cost);
    ResultsStore.write(dir, sweep, tables);
    List<SweepCharts.Written> charts = SweepCharts.write(sweep, tables, dir, size[0], size[1]);
    ResultsStore.writeAtomically(
        dir.resolve("report.html"), SweepReport.render(sweep, tables, checks, charts, timing));

    stdout.print(SweepSummary.render(sweep, tables, checks, timing));
    long drawn = charts.stream().filter(c -> c.file() != null).count();
    stdout.println(
        "\noutputs in "
            + dir
            + "/: "
            + String.join(", ", ResultsStore.FILES)
            + ", report.html and "
            + drawn
            + (drawn == 1 ? " chart" : " charts"));
    stdout.flush();
    for (SweepCharts.Written c : charts) {
      if (c.warning() != null) stderr.println("palletsim: warning: " + c.warning());
    }
    for (String metric : unrecorded(sweep, tables)) {
      stderr.println("palletsim: warning: no run recorded anything for " + metric);
    }
    long errors = tables.count(RunRecord.Status.ERROR);
    boolean held = checks.stream().allMatch(AggregateCheck::held);
    if (errors > 0) stderr.println("palletsim: FAILED: " + errors + " runs threw an error");
    if (!held) stderr.println("palletsim: FAILED: an expectation over the aggregate does not hold");
    return errors == 0 && held ? PASSED : FAILED;
  }

  /** CPU seconds this process has used on all its threads, or NaN where the JVM cannot say. */
  private static double processCpuSeconds() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      long nanos = sun.getProcessCpuTime();
      return nanos < 0 ? Double.NaN : nanos / 1e9;
    }
    return Double.NaN;
  }

  /** The collect entries no run recorded anything for. */
  private static List<String> unrecorded(Sweep sweep, ResultTables tables) {
    List<String> out = new ArrayList<>();
    for (Collect c : sweep.collect()) {
      // the metric names the entry gives (its window included), as a glob
      var glob = Collect.glob(c.metricName(c.pattern()));
      boolean any = false;
      for (RunRecord r : tables.records()) {
        for (RunRecord.Observation o : r.observations()) {
          if (glob.matcher(o.metric()).matches()) any = true;
        }
        if (any) break;
      }
      if (!any && !tables.records().isEmpty()) out.add(c.spec());
    }
    return out;
  }

  private Path resolve(String arg) {
    Path p = Path.of(arg);
    if (Files.isRegularFile(p)) return p;
    String name = arg.endsWith(".yaml") ? arg : arg + ".yaml";
    List<Path> dirs = new ArrayList<>();
    String home = System.getProperty("palletsim.home");
    if (home != null) dirs.add(Path.of(home, "examples", "sweeps"));
    dirs.add(Path.of("examples", "sweeps"));
    for (Path d : dirs) {
      Path candidate = d.resolve(name);
      if (!arg.contains("/") && Files.isRegularFile(candidate)) return candidate;
    }
    throw usage("no sweep file '" + arg + "'");
  }

  private int[] chartSize() {
    var m = java.util.regex.Pattern.compile("(\\d{2,5})x(\\d{2,5})").matcher(chartSize);
    if (!m.matches()) {
      throw usage("--chart-size must be WIDTHxHEIGHT (e.g. 900x500), got " + chartSize);
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
