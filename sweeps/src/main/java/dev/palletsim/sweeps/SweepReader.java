package dev.palletsim.sweeps;

import dev.palletsim.examples.ArgConverters;
import dev.palletsim.examples.InputFiles;
import dev.palletsim.examples.Names;
import dev.palletsim.examples.Scenario;
import dev.palletsim.examples.ScenarioException;
import dev.palletsim.examples.ScenarioReader;
import dev.palletsim.examples.YamlMap;
import dev.palletsim.examples.YamlNode;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.MetricInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a sweep file (docs/scenario-format.md, "Sweeps") into a checked {@link Sweep}, as strictly
 * as a scenario: every unknown key, malformed value or name that does not resolve is a {@link
 * ScenarioException} naming the file, the line and the path. The base scenario is read with the
 * scenario reader, and every axis value is tried on it once, so that a value the scenario cannot
 * take is an error on the value's line before any run starts.
 */
public final class SweepReader {
  static final List<String> TOP_LEVEL =
      List.of(
          "name",
          "description",
          "scenario",
          "seeds",
          "blocks",
          "sessions",
          "run-expectations",
          "axes",
          "collect",
          "expect",
          "charts");
  static final List<String> AXIS_KEYS = List.of("set", "values");
  static final List<String> RANGE_KEYS = List.of("from", "to", "step", "count", "scale");
  static final List<String> SEED_KEYS = List.of("from", "count");
  static final List<String> SERIES_KEYS = List.of("series", "every");
  static final List<String> STATISTICS =
      List.of("mean", "sd", "min", "max", "ci95-low", "ci95-high");
  static final List<String> EXPECT_KEYS =
      List.of(
          "metric",
          "where",
          "mean",
          "sd",
          "min",
          "max",
          "ci95-low",
          "ci95-high",
          "failed-runs",
          "against",
          "slope",
          "rank-correlation");
  static final List<String> TRENDS = List.of("slope", "rank-correlation");
  static final List<String> CHART_KEYS = List.of("title", "metric", "x", "y-axis", "log-x");
  static final Map<String, String> COMPARISONS =
      Map.of("at-most", "<=", "at-least", ">=", "below", "<", "above", ">", "equals", "==");

  /** Column names of the results tables, which an axis may not take. */
  static final Set<String> RESERVED =
      Set.of(
          "point",
          "seed",
          "metric",
          "block",
          "value",
          "status",
          "message",
          "blocks",
          "runs",
          "mean",
          "sd",
          "ci95_low",
          "ci95_high",
          "min",
          "max");

  /** Every key a sweep file may use: what docs/scenario-format.md documents. */
  static SortedSet<String> allKeys() {
    SortedSet<String> out = new TreeSet<>(TOP_LEVEL);
    List.of(AXIS_KEYS, RANGE_KEYS, SEED_KEYS, SERIES_KEYS, EXPECT_KEYS, CHART_KEYS)
        .forEach(out::addAll);
    out.addAll(COMPARISONS.keySet());
    return out;
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern AXIS_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern COLLECT =
      Pattern.compile("(last|mean|max|min|sum|counter|series)\\((.+)\\)(?: from ([0-9_]+))?");
  private static final int MAX_POINTS = 1_000_000;
  private static final int DEFAULT_CHARTS = 8;

  private final SweepJob job;
  private final List<String> warnings = new ArrayList<>();

  private SweepReader(SweepJob job) {
    this.job = job;
  }

  /**
   * Reads the sweep file at {@code path}; a base scenario named by path is found relative to the
   * sweep file, else among the example scenarios.
   */
  public static Sweep read(Path path) {
    String text = InputFiles.read(path, "a sweep file");
    YamlNode root = YamlNode.parse(path.toString(), text);
    YamlNode scenario = root.isMap() ? root.map().get("scenario").orElse(null) : null;
    if (scenario == null || !scenario.isScalar()) {
      return read(new SweepJob(path.toString(), text, "", ""));
    }
    String name = scenario.text("a scenario file");
    Path file = resolveScenario(path, name, scenario);
    return read(
        new SweepJob(
            path.toString(), text, file.toString(), InputFiles.read(file, "a scenario file")));
  }

  /** Reads the sweep of {@code job} (in any process: the texts are all it needs). */
  public static Sweep read(SweepJob job) {
    return new SweepReader(job).read();
  }

  private static Path resolveScenario(Path sweepFile, String name, YamlNode node) {
    Path dir = sweepFile.toAbsolutePath().getParent();
    List<Path> candidates = new ArrayList<>();
    candidates.add(dir.resolve(name));
    if (!name.contains("/")) {
      String file = name.endsWith(".yaml") ? name : name + ".yaml";
      String home = System.getProperty("palletsim.home");
      if (home != null) candidates.add(Path.of(home, "examples", "scenarios", file));
      candidates.add(Path.of("examples", "scenarios", file));
      candidates.add(dir.resolve("../scenarios").resolve(file));
    }
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) return display(c);
    }
    throw node.error(
        "no scenario file '" + name + "' (looked for " + display(candidates.get(0)) + ")");
  }

  private static Path display(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
  }

  /**
   * The base scenario of {@code job} with {@code settings} set and {@code variant} chosen (null: a
   * scenario without variants).
   */
  static Scenario scenario(
      SweepJob job, List<ScenarioPatch.Setting> settings, boolean keep, String variant) {
    MappingNode inline = null;
    if (job.scenarioText().isEmpty()) {
      YamlNode node = YamlNode.parse(job.file(), job.text()).map().require("scenario");
      node.map(); // an error naming the line unless a map
      inline = (MappingNode) node.node();
    }
    MappingNode in = inline;
    String file = inline != null ? job.file() : job.scenarioFile();
    String text = inline != null ? job.text() : job.scenarioText();
    Scenario s =
        ScenarioReader.read(file, text, root -> ScenarioPatch.apply(root, in, settings, keep));
    if (variant == null) return s;
    for (Scenario.Variant v : s.variants()) if (v.name().equals(variant)) return s.forVariant(v);
    throw new IllegalArgumentException(
        "scenario " + s.name() + " has no variant '" + variant + "'");
  }

  private Sweep read() {
    YamlNode root = YamlNode.parse(job.file(), job.text());
    YamlMap top = root.map();
    List<String> known = new ArrayList<>(TOP_LEVEL);
    for (String k : top.keys()) if (k.startsWith("x-")) known.add(k);
    top.allow(known);

    YamlNode nameNode = top.require("name");
    String name = nameNode.text("a name");
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error(
          "a sweep name is letters, digits, '.', '-' and '_', got " + nameNode.show());
    }
    String description =
        top.get("description").map(d -> d.isNull() ? "" : d.text("text").trim()).orElse("");
    YamlNode scenarioNode = top.require("scenario");
    if (!scenarioNode.isScalar() && !scenarioNode.isMap()) {
      throw scenarioNode.error(
          "expected a scenario file or a scenario written inline (a map), got "
              + scenarioNode.show());
    }

    List<ScenarioPatch.Setting> fixed = new ArrayList<>();
    top.atMostOne("blocks", "sessions");
    for (String length : List.of("blocks", "sessions")) {
      if (!top.has(length)) continue;
      YamlNode n = top.require(length);
      positive(n);
      fixed.add(
          new ScenarioPatch.Setting(
              Target.parse(length), new AxisValue(n.plain(), n.compact(), n.node(), n.line())));
    }
    boolean keep = top.get("run-expectations").map(ArgConverters::bool).orElse(true);

    Scenario base = scenario(job, fixed, keep, null);
    String source = job.scenarioText().isEmpty() ? scenarioNode.compact() : job.scenarioText();
    String scenarioFile = job.scenarioText().isEmpty() ? job.file() : job.scenarioFile();

    List<Long> seeds = readSeeds(top.require("seeds"));
    List<Axis> axes = readAxes(top.get("axes").orElse(null), base, fixed, keep);
    long points = 1;
    for (Axis a : axes) points *= a.values().size();
    if (points * seeds.size() > MAX_POINTS) {
      throw top.require("axes")
          .error(
              "the sweep has "
                  + points
                  + " points × "
                  + seeds.size()
                  + " seeds; at most "
                  + MAX_POINTS
                  + " runs");
    }
    List<Collect> collect = readCollect(top.require("collect"), base);
    List<AggregateExpectation> expectations =
        readExpectations(top.get("expect").orElse(null), axes, collect);
    List<SweepChart> charts = readCharts(top.get("charts").orElse(null), axes, collect);
    return new Sweep(
        job,
        name,
        description,
        scenarioFile,
        source,
        base,
        List.copyOf(fixed),
        keep,
        List.copyOf(axes),
        List.copyOf(seeds),
        List.copyOf(collect),
        List.copyOf(expectations),
        List.copyOf(charts),
        List.copyOf(warnings));
  }

  // ------------------------------------------------------------------ seeds

  private static List<Long> readSeeds(YamlNode node) {
    List<Long> out = new ArrayList<>();
    if (node.isScalar()) {
      long n = positive(node);
      for (long s = 1; s <= n; s++) out.add(s);
    } else if (node.isList()) {
      for (YamlNode item : node.items()) out.add(ArgConverters.integer(item));
      if (out.isEmpty()) throw node.error("the seed list is empty");
    } else if (node.isMap()) {
      YamlMap m = node.map().allow(SEED_KEYS);
      long from = ArgConverters.integer(m.require("from"));
      long count = positive(m.require("count"));
      for (long i = 0; i < count; i++) out.add(from + i);
    } else {
      throw node.error(
          "seeds is a count (20), a list of seeds ([1, 7, 42]) or {from: 100, count: 20}, got "
              + node.show());
    }
    Set<Long> seen = new HashSet<>();
    for (long s : out) {
      if (!seen.add(s)) throw node.error("seed " + s + " is listed twice");
    }
    return out;
  }

  // ------------------------------------------------------------------ axes

  private List<Axis> readAxes(
      YamlNode node, Scenario base, List<ScenarioPatch.Setting> fixed, boolean keep) {
    List<Axis> out = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    if (node != null && !node.isNull()) {
      YamlMap axes = node.map();
      for (var e : axes.entries()) {
        String name = e.getKey();
        if (!AXIS_NAME.matcher(name).matches()) {
          throw axes.keyError(
              name, "an axis name is a letter then letters, digits and '_' (a column name)");
        }
        if (RESERVED.contains(name)) {
          throw axes.keyError(
              name, "'" + name + "' is a column of the results tables; give the axis another name");
        }
        YamlMap spec = e.getValue().map().allow(AXIS_KEYS);
        YamlNode setNode = spec.require("set");
        Target target;
        try {
          target = Target.parse(setNode.text("what the axis sets"));
        } catch (IllegalArgumentException ex) {
          throw setNode.error(ex.getMessage());
        }
        String key = target.kind() == Target.Kind.SESSIONS ? "blocks" : target.text();
        if (!targets.add(key)) throw setNode.error("another axis already sets " + target.text());
        checkTarget(target, setNode, base, fixed);
        List<AxisValue> values = readValues(spec.require("values"), target);
        Axis axis = new Axis(name, target, List.copyOf(values), axes.keyLine(name));
        for (AxisValue v : values) tryValue(axis, v, setNode, fixed, keep);
        out.add(axis);
      }
    }
    boolean hasVariant = out.stream().anyMatch(a -> a.target().kind() == Target.Kind.VARIANT);
    if (!hasVariant && !base.variants().isEmpty()) {
      List<AxisValue> values = new ArrayList<>();
      for (Scenario.Variant v : base.variants()) {
        values.add(
            new AxisValue(v.name(), v.name(), scalar(Tag.STR, v.name(), v.line()), v.line()));
      }
      out.add(0, new Axis("variant", Target.parse("variant"), List.copyOf(values), 0));
      warnings.add(
          "scenario "
              + base.name()
              + " has variants: the sweep runs each of them as the axis 'variant'");
    }
    return out;
  }

  private void checkTarget(
      Target target, YamlNode setNode, Scenario base, List<ScenarioPatch.Setting> fixed) {
    switch (target.kind()) {
      case VARIANT -> {
        if (base.variants().isEmpty()) {
          throw setNode.error("scenario " + base.name() + " has no variants");
        }
      }
      case BLOCKS, SESSIONS -> {
        if (!fixed.isEmpty()) {
          throw setNode.error("the sweep's blocks: or sessions: already fixes the run length");
        }
      }
      case OVERRIDE -> {
        String section = target.path().get(0);
        var settings = base.preset().settings();
        if (!base.preset().sections().contains(section)) {
          throw setNode.error(
              "preset "
                  + base.presetName()
                  + " has no section '"
                  + section
                  + "'"
                  + Names.suggestion(section, base.preset().sections(), "sections"));
        }
        var known = settings.get(section);
        String setting = target.path().get(1);
        if (known != null && !known.containsKey(setting)) {
          throw setNode.error(
              "section "
                  + section
                  + " has no setting '"
                  + setting
                  + "'"
                  + Names.suggestion(setting, known.keySet(), "settings"));
        }
      }
      case AGENT -> {
        Pattern glob = Collect.glob(target.path().get(0));
        List<String> names = new ArrayList<>();
        boolean any = false;
        for (Scenario.AgentSpec a : base.agents()) {
          names.add(a.name());
          if (!glob.matcher(a.name()).matches()) continue;
          any = true;
          AgentType type = a.type();
          String param = target.path().get(1);
          if (!type.parameters().containsKey(param)) {
            throw setNode.error(
                "agent "
                    + a.name()
                    + " ("
                    + type.type()
                    + ") has no parameter '"
                    + param
                    + "'"
                    + Names.suggestion(param, type.parameters().keySet(), "parameters"));
          }
        }
        if (!any) {
          throw setNode.error(
              "no agent of scenario "
                  + base.name()
                  + " matches '"
                  + target.path().get(0)
                  + "'"
                  + (names.isEmpty() ? "" : " (agents: " + String.join(", ", names) + ")"));
        }
      }
      default -> {
        // genesis keys are checked by trying each value
      }
    }
  }

  private static List<AxisValue> readValues(YamlNode node, Target target) {
    List<AxisValue> out = new ArrayList<>();
    if (node.isList()) {
      for (YamlNode item : node.items()) {
        if (item.isNull()) throw item.error("an axis value may not be null");
        out.add(new AxisValue(item.plain(), text(item), item.node(), item.line()));
      }
    } else if (node.isMap()) {
      out.addAll(range(node));
    } else {
      throw node.error(
          "values are a list ([64, 128, 256]) or a range ({from: 1, to: 10, step: 1} or {from:"
              + " 10, to: 1000, count: 5, scale: log}), got "
              + node.show());
    }
    if (out.isEmpty()) throw node.error("an axis needs at least one value");
    Set<String> seen = new HashSet<>();
    for (AxisValue v : out) {
      if (!seen.add(v.text())) throw node.error("the value " + v.text() + " is listed twice");
    }
    if (target.kind() == Target.Kind.VARIANT) {
      for (AxisValue v : out) {
        if (!(v.plain() instanceof String)) {
          throw node.error("a variant axis takes variant names, got " + v.text());
        }
      }
    }
    return out;
  }

  private static List<AxisValue> range(YamlNode node) {
    YamlMap m = node.map().allow(RANGE_KEYS);
    YamlNode fromNode = m.require("from");
    YamlNode toNode = m.require("to");
    double from = ArgConverters.number(fromNode);
    double to = ArgConverters.number(toNode);
    boolean ints = fromNode.plain() instanceof Long && toNode.plain() instanceof Long;
    String mode = m.exactlyOne("range", "step", "count");
    List<Double> xs = new ArrayList<>();
    if (mode.equals("step")) {
      if (m.has("scale"))
        throw m.keyError("scale", "a range with a step is linear; leave out scale");
      YamlNode stepNode = m.require("step");
      double step = ArgConverters.number(stepNode);
      ints &= stepNode.plain() instanceof Long;
      if (step <= 0) throw stepNode.error("a step is positive, got " + stepNode.show());
      if (to < from) throw toNode.error("to (" + toNode.compact() + ") is below from");
      long n = (long) Math.floor((to - from) / step + 1e-9) + 1;
      if (n > MAX_POINTS) throw stepNode.error("the range has " + n + " values; too many");
      for (long i = 0; i < n; i++) xs.add(from + i * step);
    } else {
      YamlNode countNode = m.require("count");
      long count = positive(countNode);
      if (count > MAX_POINTS) throw countNode.error("too many values");
      String scale = m.get("scale").map(s -> s.text("linear or log")).orElse("linear");
      if (!scale.equals("linear") && !scale.equals("log")) {
        throw m.require("scale").error("scale is linear or log, got " + scale);
      }
      if (scale.equals("log") && (from <= 0 || to <= 0)) {
        throw fromNode.error("a log range needs positive ends");
      }
      for (long i = 0; i < count; i++) {
        double f = count == 1 ? 0 : (double) i / (count - 1);
        xs.add(
            scale.equals("log")
                ? StrictMath.exp(
                    StrictMath.log(from) + f * (StrictMath.log(to) - StrictMath.log(from)))
                : from + f * (to - from));
      }
    }
    List<AxisValue> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (double x : xs) {
      Object plain = ints ? (Object) Math.round(x) : (Object) x;
      String text = ints ? Long.toString(Math.round(x)) : Canonical.format(x);
      if (!seen.add(text)) continue; // a log range over integers may round two values together
      Tag tag = ints ? Tag.INT : Tag.FLOAT;
      out.add(new AxisValue(plain, text, scalar(tag, text, node.line()), node.line()));
    }
    return out;
  }

  private static Node scalar(Tag tag, String text, int line) {
    Mark mark = new Mark("sweep", 0, Math.max(0, line - 1), 0, new int[0], 0);
    return new ScalarNode(tag, text, mark, mark, DumperOptions.ScalarStyle.PLAIN);
  }

  private static String text(YamlNode value) {
    Object plain = value.plain();
    if (plain instanceof Double d) return Canonical.format(d);
    return value.compact();
  }

  /** Reads the base scenario with {@code v} set: an error on the value's line if it cannot. */
  private void tryValue(
      Axis axis, AxisValue v, YamlNode setNode, List<ScenarioPatch.Setting> fixed, boolean keep) {
    List<ScenarioPatch.Setting> settings = new ArrayList<>(fixed);
    String variant = null;
    if (axis.target().kind() == Target.Kind.VARIANT) variant = (String) v.plain();
    else settings.add(new ScenarioPatch.Setting(axis.target(), v));
    try {
      scenario(job, settings, keep, variant);
    } catch (ScenarioException e) {
      throw new ScenarioException(
          job.file(),
          v.line(),
          "axes." + axis.name(),
          "setting " + axis.target().text() + " to " + v.text() + ": " + e.detail(),
          e);
    } catch (IllegalArgumentException e) {
      throw setNode.error(e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ collect

  private List<Collect> readCollect(YamlNode node, Scenario base) {
    List<Collect> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<YamlNode> items = node.items();
    if (items.isEmpty()) throw node.error("collect names at least one metric");
    for (YamlNode item : items) {
      Collect c;
      if (item.isMap()) {
        YamlMap m = item.map().allow(SERIES_KEYS);
        String pattern = m.require("series").text("a series name or glob").trim();
        long every = m.get("every").map(SweepReader::positive).orElse(1L);
        c = new Collect(Collect.Kind.SERIES, pattern, every, item.line());
      } else {
        String spec = item.text("a metric (mean(series), last(series), counter(name), ...)").trim();
        Matcher mm = COLLECT.matcher(spec);
        if (!mm.matches()) {
          throw item.error(
              "a metric is last(S), mean(S), max(S), min(S), sum(S) or series(S) of a series S,"
                  + " optionally followed by 'from N' (blocks from N on), or counter(C) of a"
                  + " counter (S and C may use *), got "
                  + item.show());
        }
        Collect.Kind kind = Collect.Kind.valueOf(mm.group(1).toUpperCase(Locale.ROOT));
        long from = 1;
        if (mm.group(3) != null) {
          if (kind == Collect.Kind.COUNTER) {
            throw item.error("a counter is a total over the run: 'from' applies to series");
          }
          try {
            from = Long.parseLong(mm.group(3).replace("_", ""));
          } catch (NumberFormatException e) {
            throw item.error("'from' takes a block number, got " + mm.group(3));
          }
          if (from < 1) throw item.error("'from' takes a block number from 1, got " + from);
        }
        c = new Collect(kind, mm.group(2).trim(), 1, from, item.line());
      }
      if (!seen.add(c.spec())) throw item.error(c.spec() + " is collected twice");
      if (!declared(c, base)) {
        warnings.add(
            job.file()
                + ":"
                + c.line()
                + ": no metric probe of scenario "
                + base.name()
                + " records "
                + (c.kind() == Collect.Kind.COUNTER ? "a counter" : "a series")
                + " matching '"
                + c.pattern()
                + "'; an agent may still record it");
      }
      out.add(c);
    }
    return out;
  }

  /** Whether a probe of {@code base} declares a series (or counter) the pattern can match. */
  private static boolean declared(Collect c, Scenario base) {
    Pattern wanted = Collect.glob(c.pattern());
    for (Scenario.MetricSpec m : base.metrics()) {
      for (MetricInfo info : m.entry().metrics()) {
        if (info.isCounter() != (c.kind() == Collect.Kind.COUNTER)) continue;
        String declaredName = info.pattern();
        if (m.argument() != null) {
          declaredName = declaredName.replace("<" + m.entry().argumentLabel() + ">", m.argument());
        }
        String asGlob = declaredName.replaceAll("<[a-z]+>", "*");
        Pattern declared = Collect.glob(asGlob);
        if (declared.matcher(c.pattern().replace("*", "x")).matches()
            || wanted.matcher(asGlob.replace("*", "x")).matches()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The collect entry that records per-run metric {@code metric}, or null. */
  private static Collect source(String metric, List<Collect> collect) {
    for (Collect c : collect) {
      if (!c.perRun()) continue;
      String name = c.metricName(c.pattern());
      if (Collect.glob(name).matcher(metric.replace("*", "x")).matches()
          || Collect.glob(metric).matcher(name.replace("*", "x")).matches()) {
        return c;
      }
    }
    return null;
  }

  /** Fails on {@code node} unless the sweep collects per-run metric {@code metric}. */
  private static void collected(YamlNode node, String metric, List<Collect> collect) {
    if (source(metric, collect) != null) return;
    throw node.error(
        "the sweep does not collect "
            + metric
            + " (per-run metrics collected: "
            + perRunNames(collect)
            + ")");
  }

  private static String perRunNames(List<Collect> collect) {
    List<String> out = new ArrayList<>();
    for (Collect c : collect) if (c.perRun()) out.add(c.spec());
    return out.isEmpty() ? "none: only series" : String.join(", ", out);
  }

  // ------------------------------------------------------------------ expectations

  private static List<AggregateExpectation> readExpectations(
      YamlNode node, List<Axis> axes, List<Collect> collect) {
    List<AggregateExpectation> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    for (YamlNode item : node.items()) {
      YamlMap m = item.map().allow(EXPECT_KEYS);
      if (m.has("failed-runs")) {
        for (String k : m.keys()) {
          if (!k.equals("failed-runs")) {
            throw m.keyError(k, "failed-runs stands alone: it bounds the number of failed runs");
          }
        }
        String[] cmp = comparison(m.require("failed-runs"));
        double bound = ArgConverters.number(m.require("failed-runs").map().require(cmp[0]));
        out.add(
            new AggregateExpectation(
                item.line(),
                null,
                Map.of(),
                "failed-runs",
                cmp[1],
                bound,
                "failed runs " + cmp[1] + " " + Canonical.format(bound)));
        continue;
      }
      YamlNode metricNode = m.require("metric");
      String metric = metricNode.text("a metric").trim();
      if (metric.contains("*")) {
        throw metricNode.error("an expectation names one metric, without '*'");
      }
      collected(metricNode, metric, collect);
      Map<String, String> where = readWhere(m.get("where").orElse(null), axes);
      if (m.has("against")) {
        out.add(readTrend(item, m, metric, where, axes, collect));
        continue;
      }
      for (String t : TRENDS) {
        if (m.has(t))
          throw m.keyError(t, t + " needs against: the axis or metric it is taken against");
      }
      String statistic = m.exactlyOne("statistic", STATISTICS.toArray(String[]::new));
      String[] cmp = comparison(m.require(statistic));
      double bound = ArgConverters.number(m.require(statistic).map().require(cmp[0]));
      StringBuilder description =
          new StringBuilder(statistic)
              .append(" of ")
              .append(metric)
              .append(' ')
              .append(cmp[1])
              .append(' ')
              .append(Canonical.format(bound));
      appendWhere(description, where);
      out.add(
          new AggregateExpectation(
              item.line(), metric, where, statistic, cmp[1], bound, description.toString()));
    }
    return out;
  }

  /**
   * {@code {metric: M, against: X, where: {…}, slope|rank-correlation: {bound}}}: M against X (a
   * numeric axis or a collected per-run metric) over every passed run of the selected points.
   */
  private static AggregateExpectation readTrend(
      YamlNode item,
      YamlMap m,
      String metric,
      Map<String, String> where,
      List<Axis> axes,
      List<Collect> collect) {
    for (String k : m.keys()) {
      if (STATISTICS.contains(k)) {
        throw m.keyError(k, "a trend (against:) takes slope or rank-correlation, not " + k);
      }
    }
    YamlNode againstNode = m.require("against");
    String against = againstNode.text("an axis or a per-run metric").trim();
    Axis axis = null;
    for (Axis a : axes) if (a.name().equals(against)) axis = a;
    if (axis != null && !axis.numeric()) {
      throw againstNode.error("axis " + against + " is not numeric: a trend needs numbers");
    }
    if (axis == null) {
      if (source(against, collect) == null) {
        throw againstNode.error(
            "no axis or collected per-run metric "
                + against
                + " (axes: "
                + String.join(", ", axes.stream().map(Axis::name).toList())
                + "; per-run metrics collected: "
                + perRunNames(collect)
                + ")");
      }
      if (against.contains("*")) {
        throw againstNode.error("a trend is taken against one metric, without '*'");
      }
    }
    if (against.equals(metric)) {
      throw againstNode.error("a metric against itself says nothing: name another");
    }
    String statistic = m.exactlyOne("statistic", TRENDS.toArray(String[]::new));
    String[] cmp = comparison(m.require(statistic));
    double bound = ArgConverters.number(m.require(statistic).map().require(cmp[0]));
    if (statistic.equals("rank-correlation") && Math.abs(bound) > 1) {
      throw m.require(statistic)
          .error("a rank correlation lies between -1 and 1, got " + Canonical.format(bound));
    }
    StringBuilder description =
        new StringBuilder(statistic)
            .append(" of ")
            .append(metric)
            .append(" against ")
            .append(against)
            .append(' ')
            .append(cmp[1])
            .append(' ')
            .append(Canonical.format(bound));
    appendWhere(description, where);
    return new AggregateExpectation(
        item.line(), metric, where, statistic, cmp[1], bound, description.toString(), against);
  }

  private static void appendWhere(StringBuilder description, Map<String, String> where) {
    if (where.isEmpty()) return;
    description.append(" where ");
    List<String> parts = new ArrayList<>();
    where.forEach((k, v) -> parts.add(k + "=" + v));
    description.append(String.join(", ", parts));
  }

  private static String[] comparison(YamlNode node) {
    YamlMap bound = node.map().allow(COMPARISONS.keySet());
    String key = bound.exactlyOne("comparison", "at-most", "at-least", "below", "above", "equals");
    ArgConverters.number(bound.require(key));
    return new String[] {key, COMPARISONS.get(key)};
  }

  private static Map<String, String> readWhere(YamlNode node, List<Axis> axes) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) return out;
    YamlMap m = node.map();
    for (var e : m.entries()) {
      Axis axis = null;
      for (Axis a : axes) if (a.name().equals(e.getKey())) axis = a;
      if (axis == null) {
        throw m.keyError(
            e.getKey(),
            "no axis '"
                + e.getKey()
                + "'"
                + Names.suggestion(e.getKey(), axes.stream().map(Axis::name).toList(), "axes"));
      }
      String value = text(e.getValue());
      List<String> texts = axis.values().stream().map(AxisValue::text).toList();
      if (!texts.contains(value)) {
        throw e.getValue()
            .error(
                "axis "
                    + axis.name()
                    + " has no value "
                    + value
                    + " (values: "
                    + String.join(", ", texts)
                    + ")");
      }
      out.put(axis.name(), value);
    }
    return out;
  }

  // ------------------------------------------------------------------ charts

  private static List<SweepChart> readCharts(
      YamlNode node, List<Axis> axes, List<Collect> collect) {
    List<SweepChart> out = new ArrayList<>();
    Set<String> files = new HashSet<>();
    if (node == null) {
      Axis x = null;
      for (Axis a : axes) if (x == null && a.values().size() > 1) x = a;
      if (x == null) return out;
      for (Collect c : collect) {
        if (!c.perRun() || out.size() == DEFAULT_CHARTS) continue;
        String metric = c.kind().word() + "(" + c.pattern() + ")";
        SweepChart chart =
            new SweepChart(metric + " by " + x.name(), metric, x.name(), "", false, 0);
        if (files.add(chart.fileName())) out.add(chart);
      }
      return out;
    }
    if (node.isNull()) return out;
    for (YamlNode item : node.items()) {
      YamlMap m = item.map().allow(CHART_KEYS);
      String title = m.require("title").text("a title").trim();
      YamlNode metricNode = m.require("metric");
      String metric = metricNode.text("a metric").trim();
      collected(metricNode, metric, collect);
      YamlNode xNode = m.require("x");
      String x = xNode.text("an axis name").trim();
      Axis axis = null;
      for (Axis a : axes) if (a.name().equals(x)) axis = a;
      if (axis == null) {
        throw xNode.error(
            "no axis '"
                + x
                + "'"
                + Names.suggestion(x, axes.stream().map(Axis::name).toList(), "axes"));
      }
      boolean logX = m.get("log-x").map(ArgConverters::bool).orElse(false);
      if (logX
          && !(axis.numeric()
              && axis.values().stream().allMatch(v -> ((Number) v.plain()).doubleValue() > 0))) {
        throw m.require("log-x").error("a log x-axis needs an axis of positive numbers");
      }
      String yAxis = m.get("y-axis").map(y -> y.text("a label")).orElse("");
      SweepChart chart = new SweepChart(title, metric, x, yAxis, logX, item.line());
      if (!files.add(chart.fileName())) {
        throw m.require("title")
            .error("two charts would be written to " + chart.fileName() + "; give distinct titles");
      }
      out.add(chart);
    }
    return out;
  }

  private static long positive(YamlNode node) {
    long v = ArgConverters.integer(node);
    if (v < 1) throw node.error("expected a positive integer, got " + node.show());
    return v;
  }
}
