package dev.palletsim.examples;

import dev.palletsim.runtime.Presets;
import dev.palletsim.runtime.RuntimePreset;
import dev.palletsim.runtime.sim.AgentType;
import dev.palletsim.runtime.sim.Agents;
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
import java.util.Map;
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
 * run stopped, 2 for a malformed scenario or command line.
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
      Main.ListCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit status: 0 passed, 1 an expectation failed or the run stopped, 2 bad scenario or usage.",
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

  private final PrintStream out;
  private final PrintStream err;

  Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    System.exit(execute(args, out, err));
  }

  /** Runs the command line with the given streams and returns the exit status. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    System.setProperty("java.awt.headless", "true");
    Main main = new Main(out, err);
    CommandLine cl = new CommandLine(main, new Factory(main));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          if (ex instanceof ScenarioException) {
            err.println(ex.getMessage());
            return USAGE;
          }
          err.println("palletsim: " + ex);
          return FAILED;
        });
    return cl.execute(args);
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

    private final Main main;

    RunCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      return main.run(spec, resolveScenario(spec, scenario), options, originalArgs(spec));
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
      return main.run(spec, resolveScenario(spec, "quickstart"), options, originalArgs(spec));
    }
  }

  private static List<String> originalArgs(CommandLine.Model.CommandSpec spec) {
    return List.copyOf(spec.commandLine().getParseResult().originalArgs());
  }

  int run(CommandLine.Model.CommandSpec spec, Path file, RunOptions o, List<String> args) {
    int[] size = chartSize(spec, o.chartSize == null ? "900x500" : o.chartSize);
    if (o.blocks != null && o.blocks < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--blocks must be at least 1, got " + o.blocks);
    }
    Scenario scenario = ScenarioReader.read(file);
    long seed = o.seed != null ? o.seed : scenario.seed();
    long blocks = o.blocks != null ? o.blocks : scenario.runLength();
    Path dir = o.out != null ? o.out : Path.of("runs", scenario.name() + "-" + seed);
    ProgressReporter.Mode mode = ProgressReporter.detect(o.progress);
    if (mode != ProgressReporter.Mode.OFF) {
      err.println(
          "palletsim: running " + scenario.name() + " (seed " + seed + ", " + blocks + " blocks)");
    }
    for (String w : scenario.warnings(blocks)) err.println("palletsim: warning: " + w);
    ProgressReporter progress = new ProgressReporter(err, mode, System::nanoTime);
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    RunReport report;
    try {
      report = RunReport.run(scenario, seed, blocks, progress);
    } catch (RuntimeException e) {
      progress.finish();
      err.println("palletsim: the run stopped: " + e);
      return FAILED;
    }
    progress.finish();
    RunOutputs.Written written;
    try {
      written = RunOutputs.write(report, dir, size[0], size[1], startedAt, args);
    } catch (IOException e) {
      out.print(SummaryTable.render(report, null));
      err.println("palletsim: cannot write the outputs to " + dir + ": " + e);
      return FAILED;
    }
    out.print(SummaryTable.render(report, written.describe()));
    out.flush();
    for (String w : written.warnings()) err.println("palletsim: warning: " + w);
    if (!report.passed()) {
      err.println("palletsim: FAILED: " + report.failureMessage().orElse(""));
      return FAILED;
    }
    return PASSED;
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
      description = "Reads scenario files and reports every problem without running them.")
  static final class CheckCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "<scenario>", description = "scenario files or names")
    List<String> scenarios;

    private final Main main;

    CheckCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      int status = PASSED;
      for (String s : scenarios) {
        Path file = resolveScenario(spec, s);
        try {
          Scenario sc = ScenarioReader.read(file);
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
                  + " expectations)");
        } catch (ScenarioException e) {
          main.err.println(e.getMessage());
          status = USAGE;
        }
      }
      return status;
    }
  }

  // ------------------------------------------------------------------ list

  /** {@code palletsim list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = {
        "Lists what scenario files can name, with documented parameters.",
        "Topics: presets, agents, metrics (the default three), and for one preset's runtime: calls, events, storage, errors."
      })
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(
        arity = "0..*",
        paramLabel = "<topic>",
        description = "presets, agents, metrics, calls, events, storage, errors")
    List<String> topics = new ArrayList<>();

    @Option(
        names = "--preset",
        paramLabel = "NAME",
        description =
            "the preset whose runtime to list calls, events, storage and errors of (default: the first registered)")
    String preset;

    private final Main main;

    ListCommand(Main main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      List<String> all =
          List.of("presets", "agents", "metrics", "calls", "events", "storage", "errors");
      List<String> chosen = topics.isEmpty() ? List.of("presets", "agents", "metrics") : topics;
      for (String t : chosen) {
        if (!all.contains(t)) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "unknown topic '" + t + "'" + Names.suggestion(t, all, "topics"));
        }
      }
      String presetName = preset != null ? preset : Presets.all().keySet().iterator().next();
      RuntimePreset p = Presets.all().get(presetName);
      if (p == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "unknown preset '"
                + presetName
                + "'"
                + Names.suggestion(presetName, Presets.all().keySet(), "presets"));
      }
      StringBuilder out = new StringBuilder();
      RuntimeCatalog catalog = null;
      for (String t : chosen) {
        if (out.length() > 0) out.append('\n');
        if (List.of("calls", "events", "storage", "errors").contains(t) && catalog == null) {
          catalog = new RuntimeCatalog(p.build(Map.of()));
        }
        switch (t) {
          case "presets" -> presets(out);
          case "agents" -> agents(out);
          case "metrics" -> metrics(out);
          case "calls" -> calls(out, catalog, presetName);
          case "events" -> events(out, catalog, presetName);
          case "storage" -> storage(out, catalog, presetName);
          default -> errors(out, catalog, presetName);
        }
      }
      main.out.print(out);
      return PASSED;
    }

    private static void presets(StringBuilder out) {
      out.append("presets (preset:)\n");
      for (RuntimePreset p : Presets.all().values()) {
        out.append("  ").append(p.name()).append("  ").append(p.description()).append('\n');
        out.append("      overrides sections: ")
            .append(String.join(", ", new TreeSet<>(p.sections())))
            .append('\n');
        out.append("      genesis keys:\n");
        new java.util.TreeMap<>(p.genesisKeys())
            .forEach(
                (k, v) -> out.append("        ").append(k).append(": ").append(v).append('\n'));
      }
    }

    private static void agents(StringBuilder out) {
      out.append("agent types (agents: - type:)\n");
      for (AgentType t : Agents.all().values()) {
        out.append("  ").append(t.type()).append('\n');
        new java.util.TreeMap<>(t.parameters())
            .forEach((k, v) -> out.append("      ").append(k).append(": ").append(v).append('\n'));
      }
    }

    private static void metrics(StringBuilder out) {
      out.append("metric probes (metrics:)\n");
      List<String[]> rows = new ArrayList<>();
      for (MetricCatalog.Entry e : MetricCatalog.all().values()) {
        String arg =
            e.argument() == MetricCatalog.Argument.NONE
                ? ""
                : "(<" + e.argument().name().toLowerCase(java.util.Locale.ROOT) + ">)";
        rows.add(new String[] {e.name() + arg, e.description()});
        rows.add(new String[] {"", "records " + String.join(", ", e.series())});
      }
      columns(out, rows);
    }

    private static void calls(StringBuilder out, RuntimeCatalog c, String preset) {
      out.append("calls of preset ").append(preset).append(" (steps: - call:, args:)\n");
      List<String[]> rows = new ArrayList<>();
      for (RuntimeCatalog.CallInfo call : c.calls()) {
        String args = ArgConverters.signature(call.type());
        rows.add(new String[] {call.fullName(), args.isEmpty() ? "(no arguments)" : args});
        for (Class<?> r : nestedRecords(call.type())) {
          rows.add(
              new String[] {
                "", "  " + r.getSimpleName() + " = {" + ArgConverters.signature(r) + "}"
              });
        }
      }
      columns(out, rows);
    }

    /** The record types among {@code type}'s components (and their type arguments). */
    private static List<Class<?>> nestedRecords(Class<?> type) {
      java.util.Set<Class<?>> out = new java.util.LinkedHashSet<>();
      for (var c : type.getRecordComponents()) collectRecords(c.getGenericType(), out);
      return new ArrayList<>(out);
    }

    private static void collectRecords(java.lang.reflect.Type t, java.util.Set<Class<?>> out) {
      if (t instanceof Class<?> c && c.isRecord() && out.add(c)) {
        for (var rc : c.getRecordComponents()) collectRecords(rc.getGenericType(), out);
      } else if (t instanceof java.lang.reflect.ParameterizedType p) {
        for (var a : p.getActualTypeArguments()) collectRecords(a, out);
      }
    }

    private static void events(StringBuilder out, RuntimeCatalog c, String preset) {
      out.append("events of preset ").append(preset).append(" (expect: - event:, fields:)\n");
      List<String[]> rows = new ArrayList<>();
      c.events()
          .forEach((name, e) -> rows.add(new String[] {name, ArgConverters.signature(e.type())}));
      columns(out, rows);
    }

    private static void storage(StringBuilder out, RuntimeCatalog c, String preset) {
      out.append("storage items of preset ")
          .append(preset)
          .append(" (expect: - storage:, key:, field:)\n");
      List<String[]> rows = new ArrayList<>();
      c.storage()
          .forEach(
              (name, s) -> {
                String value = ArgConverters.typeName(s.value());
                String shape =
                    s.key1() == null
                        ? "value " + value
                        : s.key2() == null
                            ? "map " + ArgConverters.typeName(s.key1()) + " → " + value
                            : "double map "
                                + ArgConverters.typeName(s.key1())
                                + ", "
                                + ArgConverters.typeName(s.key2())
                                + " → "
                                + value;
                rows.add(new String[] {name, shape});
                if (s.value() instanceof Class<?> r && r.isRecord()) {
                  rows.add(
                      new String[] {
                        "", "  " + r.getSimpleName() + " = {" + ArgConverters.signature(r) + "}"
                      });
                }
              });
      columns(out, rows);
    }

    /** Two aligned columns under a two-space indent. */
    private static void columns(StringBuilder out, List<String[]> rows) {
      int width = 0;
      for (String[] r : rows) width = Math.max(width, r[0].length());
      for (String[] r : rows) {
        out.append("  ")
            .append(r[0])
            .append(" ".repeat(width - r[0].length() + 2))
            .append(r[1])
            .append('\n');
      }
    }

    private static void errors(StringBuilder out, RuntimeCatalog c, String preset) {
      out.append("errors of preset ").append(preset).append(" (steps: - expect-error:)\n");
      for (String e : c.errorNames()) out.append("  ").append(e).append('\n');
    }
  }
}
