package dev.palletsim.examples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code palletsim} command-line program: {@code run} a scenario file and write its reports,
 * {@code check} scenario files without running them, {@code list} what scenarios can name (presets,
 * agent types, metric probes, calls, events, storage items, errors), and {@code quickstart}, the
 * README's first command. Exit status: 0 when the run passed, 1 when an expectation failed or the
 * run stopped, 2 for a malformed scenario or command line, or a saved chain that cannot be read,
 * used or written ({@code --from-state}, {@code --save-state}, checkpoints; see {@link SavedRuns}).
 */
@Command(
    name = "palletsim",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Runs scripted, seeded simulations of a storage parachain's runtime.",
    subcommands = {
      Main.RunCommand.class,
      Main.QuickstartCommand.class,
      Main.CheckCommand.class,
      ListCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit status: 0 passed, 1 an expectation failed or the run stopped, 2 bad scenario, usage",
      "or saved chain (unreadable, damaged, another config, cannot be written).",
      "Scenario format: docs/scenario-format.md"
    })
public final class Main implements Callable<Integer> {
  /** Exit status of a run that passed. */
  public static final int PASSED = 0;

  /** Exit status of a run whose expectation failed or that stopped. */
  public static final int FAILED = 1;

  /** Exit status for a malformed scenario or command line. */
  public static final int USAGE = 2;

  @Spec CommandLine.Model.CommandSpec spec;

  /**
   * {@code --verbose}, accepted by every command: the library's DEBUG log (runtime and chain start,
   * presets) on stderr. Read before anything logs, by {@link #configureLogging}; declared here so
   * that usage help lists it.
   */
  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "log what the library does (runtime start, presets) on stderr")
  boolean verbose;

  final PrintStream out;
  final PrintStream err;

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    configureLogging(java.util.Arrays.asList(args).contains("--verbose"));
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(execute(args, out, err));
  }

  /**
   * Configures the SLF4J backend the program binds (slf4j-simple), before the first logger exists:
   * warnings and INFO on stderr without timestamps, so that the library stays quiet in a normal run
   * (it logs routine events at DEBUG); with {@code verbose}, palletsim's DEBUG too. Settings given
   * with {@code -D} on the JVM's command line win.
   */
  static void configureLogging(boolean verbose) {
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info"));
    System.setProperty(
        "org.slf4j.simpleLogger.showThreadName",
        System.getProperty("org.slf4j.simpleLogger.showThreadName", "false"));
    System.setProperty(
        "org.slf4j.simpleLogger.showLogName",
        System.getProperty("org.slf4j.simpleLogger.showLogName", "false"));
    System.setProperty(
        "org.slf4j.simpleLogger.showShortLogName",
        System.getProperty("org.slf4j.simpleLogger.showShortLogName", "true"));
    if (verbose) System.setProperty("org.slf4j.simpleLogger.log.dev.palletsim", "debug");
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    System.setProperty("java.awt.headless", "true");
    Main main = new Main(out, err);
    CommandLine cl = new CommandLine(main, new Factory(main));
    for (CommandPlugin plugin : java.util.ServiceLoader.load(CommandPlugin.class)) {
      cl.addSubcommand(plugin.command(out, err));
    }
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          if (ex instanceof ScenarioException) {
            err.println(ex.getMessage());
            return USAGE;
          }
          if (ex instanceof SavedRuns.StateException) {
            err.println("palletsim: " + ex.getMessage());
            return USAGE;
          }
          err.println("palletsim: " + describe(ex));
          return FAILED;
        });
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      err.println("palletsim: " + outOfMemory());
      return FAILED;
    }
  }

  /** An unexpected exception in words: its message, or its kind when it has none. */
  static String describe(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank()
        ? e.getClass().getSimpleName()
        : e.getMessage();
  }

  static String outOfMemory() {
    return "out of memory (the JVM may use "
        + WorkEstimate.bytes(Runtime.getRuntime().maxMemory())
        + "): shorten the run (--blocks N), or give the JVM more heap, e.g."
        + " PALLETSIM_JAVA_OPTS=-Xmx8g ./palletsim …";
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(err);
    return USAGE;
  }

  /** Builds subcommands with the program's streams. */
  private record Factory(Main main) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> type) throws Exception {
      if (type == RunCommand.class) return type.cast(new RunCommand(main));
      if (type == QuickstartCommand.class) return type.cast(new QuickstartCommand(main));
      if (type == CheckCommand.class) return type.cast(new CheckCommand(main));
      if (type == ListCommand.class) return type.cast(new ListCommand(main));
      return CommandLine.defaultFactory().create(type);
    }
  }

  /** The version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/palletsim.properties")) {
        if (in != null) p.load(in);
      }
      return new String[] {"palletsim " + p.getProperty("version", "(development)")};
    }
  }

  // ------------------------------------------------------------------ run

  /** Options shared by {@code run} and {@code quickstart} (a picocli mixin). */
  static final class RunOptions {
    @Option(names = "--seed", paramLabel = "N", description = "the seed (default: the scenario's)")
    Long seed;

    @Option(
        names = "--blocks",
        paramLabel = "N",
        description = "blocks to run (default: the scenario's length)")
    Long blocks;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "output directory (default: runs/<scenario>-<seed>/)")
    Path out;

    @Option(
        names = "--progress",
        negatable = true,
        description =
            "show a progress bar on stderr even when it is not a terminal (--no-progress: show"
                + " nothing); by default a bar on a terminal, plain periodic lines otherwise")
    Boolean progress;

    @Option(
        names = "--chart-size",
        paramLabel = "WxH",
        defaultValue = "900x500",
        description = "size of the PNG charts in pixels (default: ${DEFAULT-VALUE})")
    String chartSize;

    @Option(
        names = "--allow-large",
        description =
            "run even when the estimated work or memory is above the limit"
                + " (docs/scenario-format.md, Limits)")
    boolean allowLarge;

    @Option(
        names = {"-q", "--quiet"},
        description =
            "print nothing on stdout and no progress; problems, warnings and a failure still go"
                + " to stderr")
    boolean quiet;

    @Option(
        names = "--json",
        description =
            "print the run's summary as JSON on stdout instead of the table (for scripts);"
                + " progress and warnings stay on stderr")
    boolean json;
  }

  /** {@code palletsim run}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Runs a scenario file and writes its metrics, charts and report.")
  static final class RunCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "<scenario>",
        description = "a scenario file, or the name of one in examples/scenarios/")
    String scenario;

    @CommandLine.Mixin RunOptions options;

    @CommandLine.Mixin StateOptions state;

    private final Main main;

    RunCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      return main.run(spec, resolveScenario(spec, scenario), options, state, originalArgs(spec));
    }
  }

  /** {@code palletsim quickstart}: runs {@code examples/scenarios/quickstart.yaml}. */
  @Command(
      name = "quickstart",
      mixinStandardHelpOptions = true,
      description = "Runs the quickstart scenario: a small network for a few sessions.")
  static final class QuickstartCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin RunOptions options;

    private final Main main;

    QuickstartCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      return main.run(spec, resolveScenario(spec, "quickstart"), options, null, originalArgs(spec));
    }
  }

  private static List<String> originalArgs(CommandLine.Model.CommandSpec spec) {
    return List.copyOf(spec.commandLine().getParseResult().originalArgs());
  }

  int run(
      CommandLine.Model.CommandSpec spec,
      Path file,
      RunOptions o,
      StateOptions state,
      List<String> args) {
    int[] size = chartSize(spec, o.chartSize == null ? "900x500" : o.chartSize);
    if (o.blocks != null && o.blocks < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--blocks must be at least 1, got " + o.blocks);
    }
    if (state != null) state.check(spec);
    Scenario scenario;
    long blocks;
    try {
      scenario = ScenarioReader.read(file);
      blocks = SavedRuns.runLength(scenario, o.blocks, state);
      checkSize(scenario, blocks, o.blocks != null, o.allowLarge);
    } catch (ScenarioException e) {
      return problems(e, o.json);
    }
    long seed = o.seed != null ? o.seed : scenario.seed();
    Path dir = o.out != null ? o.out : Path.of("runs", scenario.name() + "-" + seed);
    OutputDir outputs;
    try {
      outputs = OutputDir.prepare(dir);
    } catch (IllegalArgumentException e) {
      err.println("palletsim: " + e.getMessage());
      if (o.json) out.print(RunJson.problem(USAGE, e.getMessage()));
      return USAGE;
    }
    ProgressReporter.Mode mode =
        o.quiet ? ProgressReporter.Mode.OFF : ProgressReporter.detect(o.progress);
    Plan plan = new Plan(scenario, seed, blocks, outputs, mode, size, args, o, state);
    try {
      return scenario.variants().isEmpty() ? runOne(plan) : runVariants(plan);
    } catch (OutOfMemoryError e) {
      outputs.abandon();
      err.println("palletsim: " + outOfMemory());
      if (o.json) out.print(RunJson.problem(FAILED, outOfMemory()));
      return FAILED;
    }
  }

  /**
   * Refuses a run whose work or memory estimate is above the limit, unless {@code allowLarge}: a
   * {@link ScenarioException} on the line of the scenario's length, or naming {@code --blocks}.
   */
  static void checkSize(Scenario scenario, long blocks, boolean fromOption, boolean allowLarge) {
    WorkEstimate estimate = WorkEstimate.of(scenario, blocks);
    long heap = Runtime.getRuntime().maxMemory();
    if (allowLarge || !estimate.tooLarge(heap)) return;
    String why = estimate.refusal(heap);
    if (fromOption)
      throw ScenarioException.ofFile(scenario.file(), "--blocks " + blocks + ": " + why);
    String key = scenario.blocks() > 0 ? "blocks" : "sessions";
    YamlMap top = YamlNode.parse(scenario.file(), scenario.source()).map();
    throw new ScenarioException(scenario.file(), top.keyLine(key), key, why);
  }

  /** Prints a scenario's problems (and, with {@code json}, them as JSON); returns 2. */
  private int problems(ScenarioException e, boolean json) {
    err.println(e.getMessage());
    List<ScenarioException> each = ScenarioProblems.each(e);
    if (each.size() > 1) err.println("palletsim: " + each.size() + " problems in " + e.file());
    if (json) out.print(RunJson.problems(each));
    return USAGE;
  }

  /**
   * A run about to start: what to run and how, where its outputs go, how to report progress.
   *
   * @param scenario the scenario
   * @param seed the seed
   * @param blocks the blocks of each run
   * @param outputs the output directory, checked and staged
   * @param mode the progress reporting
   * @param size the charts' width and height
   * @param args the command line (for {@code run.json})
   * @param o the options
   * @param state the saved-chain options ({@code --from-state}, checkpoints …), or null
   */
  private record Plan(
      Scenario scenario,
      long seed,
      long blocks,
      OutputDir outputs,
      ProgressReporter.Mode mode,
      int[] size,
      List<String> args,
      RunOptions o,
      StateOptions state) {
    /** Whether this run resumes {@code --from-state}. */
    boolean resumes() {
      return state != null && state.fromState != null;
    }
  }

  private int runOne(Plan plan) {
    Scenario scenario = plan.scenario();
    OutputDir outputs = plan.outputs();
    RunOptions o = plan.o();
    if (plan.mode() != ProgressReporter.Mode.OFF) {
      err.println(
          "palletsim: running "
              + scenario.name()
              + " (seed "
              + plan.seed()
              + ", "
              + plan.blocks()
              + " blocks)");
    }
    List<String> warnings = new ArrayList<>(scenario.warnings(plan.blocks()));
    for (String w : warnings) err.println("palletsim: warning: " + w);
    ProgressReporter progress = new ProgressReporter(err, plan.mode(), System::nanoTime);
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    RunReport report;
    try {
      report =
          SavedRuns.run(
              scenario,
              plan.seed(),
              plan.blocks(),
              progress,
              SavedRuns.plan(plan.state(), outputs.target(), null, plan.resumes()));
    } catch (SavedRuns.StateException e) {
      progress.finish();
      outputs.abandon();
      throw e;
    } catch (RuntimeException e) {
      progress.finish();
      outputs.abandon();
      err.println("palletsim: the run stopped: " + describe(e));
      if (o.json) out.print(RunJson.problem(FAILED, "the run stopped: " + describe(e)));
      return FAILED;
    }
    progress.finish();
    RunOutputs.Written written;
    try {
      written =
          RunOutputs.write(
              report, outputs.staging(), plan.size()[0], plan.size()[1], startedAt, plan.args());
      outputs.commit();
    } catch (IOException e) {
      outputs.abandon();
      if (!o.quiet && !o.json) out.print(SummaryTable.render(report, null));
      String why = "cannot write the outputs to " + outputs.target() + ": " + InputFiles.reason(e);
      err.println("palletsim: " + why);
      if (o.json) out.print(RunJson.problem(FAILED, why));
      return FAILED;
    }
    warnings.addAll(written.warnings());
    if (o.json) {
      out.print(RunJson.run(report, written, outputs.target(), warnings));
    } else if (!o.quiet) {
      out.print(SummaryTable.render(report, written.describe(outputs.target())));
    }
    out.flush();
    for (String w : written.warnings()) err.println("palletsim: warning: " + w);
    if (!report.passed()) {
      err.println("palletsim: FAILED: " + report.failureMessage().orElse(""));
      return FAILED;
    }
    return PASSED;
  }

  /** Runs each variant into its own directory of the outputs, then writes the comparison. */
  private int runVariants(Plan plan) {
    Scenario scenario = plan.scenario();
    OutputDir outputs = plan.outputs();
    RunOptions o = plan.o();
    List<String> warnings = new ArrayList<>(scenario.warnings(plan.blocks()));
    for (String w : warnings) err.println("palletsim: warning: " + w);
    String resumed = plan.resumes() ? SavedRuns.variantOf(scenario, plan.state().fromState) : null;
    List<RunReport> reports = new ArrayList<>();
    List<RunOutputs.Written> written = new ArrayList<>();
    boolean passed = true;
    for (Scenario.Variant v : scenario.variants()) {
      Scenario variant = scenario.forVariant(v);
      if (plan.mode() != ProgressReporter.Mode.OFF) {
        err.println(
            "palletsim: running "
                + scenario.name()
                + " variant "
                + v.name()
                + " (seed "
                + plan.seed()
                + ", "
                + plan.blocks()
                + " blocks)");
      }
      ProgressReporter progress = new ProgressReporter(err, plan.mode(), System::nanoTime);
      String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      RunReport report;
      try {
        report =
            SavedRuns.run(
                variant,
                plan.seed(),
                plan.blocks(),
                progress,
                SavedRuns.plan(
                    plan.state(),
                    outputs.target().resolve(v.name()),
                    v.name(),
                    v.name().equals(resumed)));
      } catch (SavedRuns.StateException e) {
        progress.finish();
        outputs.abandon();
        throw e;
      } catch (RuntimeException e) {
        progress.finish();
        outputs.abandon();
        String why = "variant " + v.name() + ": the run stopped: " + describe(e);
        err.println("palletsim: " + why);
        if (o.json) out.print(RunJson.problem(FAILED, why));
        return FAILED;
      }
      progress.finish();
      Path vdir = outputs.staging().resolve(v.name());
      RunOutputs.Written w;
      try {
        w = RunOutputs.write(report, vdir, plan.size()[0], plan.size()[1], startedAt, plan.args());
      } catch (IOException e) {
        outputs.abandon();
        String why =
            "cannot write the outputs to "
                + outputs.target().resolve(v.name())
                + ": "
                + InputFiles.reason(e);
        err.println("palletsim: " + why);
        if (o.json) out.print(RunJson.problem(FAILED, why));
        return FAILED;
      }
      if (!o.json && !o.quiet) {
        out.println(
            "== variant " + v.name() + (v.description().isEmpty() ? "" : ": " + v.description()));
        out.print(SummaryTable.render(report, w.describe(outputs.target().resolve(v.name()))));
        out.flush();
      }
      for (String warning : w.warnings()) {
        err.println("palletsim: warning: " + warning);
        warnings.add(warning);
      }
      if (!report.passed()) {
        passed = false;
        err.println("palletsim: FAILED (" + v.name() + "): " + report.failureMessage().orElse(""));
      }
      reports.add(report);
      written.add(w);
    }
    List<String> charts;
    try {
      charts =
          Comparison.write(scenario, reports, outputs.staging(), plan.size()[0], plan.size()[1]);
      outputs.commit();
    } catch (IOException e) {
      outputs.abandon();
      String why =
          "cannot write the comparison to " + outputs.target() + ": " + InputFiles.reason(e);
      err.println("palletsim: " + why);
      if (o.json) out.print(RunJson.problem(FAILED, why));
      return FAILED;
    }
    if (o.json) {
      out.println(RunJson.variants(scenario, reports, written, outputs.target(), charts, warnings));
    } else if (!o.quiet) {
      out.print(Comparison.table(scenario, reports));
      out.println(
          "\ncomparison in "
              + outputs.target()
              + "/: comparison.csv, comparison-long.csv, comparison-counters.csv, report.html and "
              + charts.size()
              + (charts.size() == 1 ? " chart" : " charts"));
    }
    out.flush();
    return passed ? PASSED : FAILED;
  }

  private static int[] chartSize(CommandLine.Model.CommandSpec spec, String text) {
    var m = java.util.regex.Pattern.compile("(\\d{2,5})x(\\d{2,5})").matcher(text);
    if (!m.matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--chart-size must be WIDTHxHEIGHT (e.g. 900x500), got " + text);
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
  }

  /**
   * The scenario file {@code arg} names: a path, or the name of a file in {@code
   * examples/scenarios/} (of the palletsim checkout the launcher runs from, or of the working
   * directory).
   */
  static Path resolveScenario(CommandLine.Model.CommandSpec spec, String arg) {
    Path p = Path.of(arg);
    if (Files.isRegularFile(p)) return p;
    TreeSet<String> known = new TreeSet<>();
    for (Path dir : scenarioDirs()) {
      Path candidate = dir.resolve(arg.endsWith(".yaml") ? arg : arg + ".yaml");
      if (!arg.contains("/") && Files.isRegularFile(candidate)) return display(candidate);
      try (Stream<Path> files = Files.list(dir)) {
        files
            .map(f -> f.getFileName().toString())
            .filter(f -> f.endsWith(".yaml"))
            .forEach(f -> known.add(f.substring(0, f.length() - 5)));
      } catch (IOException e) {
        // a directory that cannot be listed adds no names
      }
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "no scenario file '"
            + arg
            + "'"
            + (known.isEmpty() ? "" : " (example scenarios: " + String.join(", ", known) + ")"));
  }

  private static List<Path> scenarioDirs() {
    List<Path> dirs = new ArrayList<>();
    String home = System.getProperty("palletsim.home");
    if (home != null) dirs.add(Path.of(home, "examples", "scenarios"));
    dirs.add(Path.of("examples", "scenarios"));
    dirs.add(Path.of("scenarios"));
    dirs.removeIf(d -> !Files.isDirectory(d));
    return dirs;
  }

  private static Path display(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
  }

  // ------------------------------------------------------------------ check

  /** {@code palletsim check}. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Reads scenario files and reports every problem without running them, with the estimated"
            + " work of each run.",
        "Exit status 2 when a file has a problem or a run would be too large (see --allow-large)."
      })
  static final class CheckCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<scenario>", description = "scenario files or names")
    List<String> scenarios;

    @Option(
        names = "--allow-large",
        description = "accept runs whose estimated work or memory is above the limit")
    boolean allowLarge;

    @Option(
        names = {"-q", "--quiet"},
        description = "print only the problems")
    boolean quiet;

    @Option(names = "--json", description = "print one JSON object per file on stdout, in a list")
    boolean json;

    private final Main main;

    CheckCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      int status = PASSED;
      List<Object> results = new ArrayList<>();
      for (String s : scenarios) {
        Path file = resolveScenario(spec, s);
        try {
          Scenario sc = ScenarioReader.read(file);
          checkSize(sc, sc.runLength(), false, allowLarge);
          WorkEstimate estimate = WorkEstimate.of(sc, sc.runLength());
          if (json) {
            results.add(RunJson.checked(file, sc, estimate));
          } else if (!quiet) {
            main.out.println(
                file
                    + ": ok ("
                    + sc.name()
                    + ", preset "
                    + sc.presetName()
                    + ", "
                    + sc.runLength()
                    + " blocks, "
                    + sc.expectations().size()
                    + " expectations, about "
                    + WorkEstimate.units(estimate.work())
                    + " work units)");
          }
        } catch (ScenarioException e) {
          List<ScenarioException> each = ScenarioProblems.each(e);
          main.err.println(e.getMessage());
          if (each.size() > 1) {
            main.err.println("palletsim: " + each.size() + " problems in " + file);
          }
          if (json) results.add(RunJson.failedCheck(file, each));
          status = USAGE;
        }
      }
      if (json) main.out.print(Json.write(results));
      return status;
    }
  }
}
