package dev.palletsim.examples;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.runtime.Presets;
import dev.palletsim.runtime.RuntimePreset;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.Agents;
import dev.palletsim.sim.Expectation;
import dev.palletsim.sim.Expectations;
import dev.palletsim.sim.MetricCatalog;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.Step;
import dev.palletsim.sim.Trend;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a scenario file (docs/scenario-format.md) into a checked {@link Scenario}. Reading is
 * strict: every unknown key or name, malformed value or type mismatch is a {@link
 * ScenarioException} naming the file, the line and the path of the value, and names are resolved
 * against the runtime the preset builds (calls, events, errors, storage items) and the registries
 * of agent types ({@link Agents}) and metric probes ({@link MetricCatalog}).
 */
public final class ScenarioReader {
  static final List<String> TOP_LEVEL =
      List.of(
          "name",
          "description",
          "preset",
          "overrides",
          "seed",
          "blocks",
          "sessions",
          "genesis",
          "agents",
          "steps",
          "expect",
          "metrics",
          "charts",
          "variants",
          "compare",
          "from-state");
  static final List<String> VARIANT_KEYS = List.of("name", "description", "overrides");
  static final List<String> FROM_STATE_KEYS = List.of("file", "config");
  static final List<String> AGENT_KEYS = List.of("name", "type", "params");
  static final List<String> CHART_KEYS =
      List.of("title", "series", "counters", "scatter", "y-axis");
  static final List<String> SCATTER_KEYS = List.of("x", "y");
  static final List<String> EXPECTATION_KINDS =
      List.of("event", "no-event", "storage", "balance", "metric");
  static final List<String> EVENT_KEYS = List.of("fields", "from-block", "to-block", "variant");
  static final List<String> STORAGE_KEYS =
      List.of("storage", "key", "field", "equals", "at-block", "variant");
  static final List<String> BALANCE_KEYS =
      List.of("balance", "free", "reserved", "at-block", "variant");
  static final List<String> METRIC_KEYS =
      List.of("metric", "last", "max", "mean", "from-block", "to-block", "variant");

  /** The keys of a trend expectation: a metric with {@code against:}. */
  static final List<String> TREND_KEYS =
      List.of(
          "metric", "against", "slope", "rank-correlation", "from-block", "to-block", "variant");

  /**
   * Every key a scenario file may use, wherever it goes: what docs/scenario-format.md documents.
   */
  static java.util.SortedSet<String> allKeys() {
    java.util.SortedSet<String> out = new java.util.TreeSet<>(TOP_LEVEL);
    out.addAll(TRIGGERS);
    ACTION_KEYS.values().forEach(out::addAll);
    out.add("label");
    List.of(
            VARIANT_KEYS,
            FROM_STATE_KEYS,
            AGENT_KEYS,
            CHART_KEYS,
            SCATTER_KEYS,
            EXPECTATION_KINDS,
            EVENT_KEYS,
            STORAGE_KEYS,
            BALANCE_KEYS,
            METRIC_KEYS,
            TREND_KEYS)
        .forEach(out::addAll);
    out.addAll(COMPARISONS.keySet());
    return out;
  }

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern METRIC = Pattern.compile("([a-z0-9][a-z0-9._-]*)(?:\\((.+)\\))?");

  /** The seed of a scenario that gives none. */
  public static final long DEFAULT_SEED = 1;

  private final String file;
  private final String text;
  private final Consumer<Node> edit;
  private String presetName;
  private Runtime runtime;
  private RuntimeCatalog catalog;
  private final Set<String> agentNames = new HashSet<>();
  private final Set<String> probeNames = new HashSet<>();
  private final List<ScenarioException> problems = new ArrayList<>();
  // whether every probe and agent was read, so that names they record can be resolved
  private boolean metricsKnown = true;
  private ScenarioMetrics scenarioMetrics;
  // the variant: keys of expectations, checked once the variants are read
  private final List<YamlNode> expectationVariants = new ArrayList<>();

  /**
   * Thrown where a name cannot be resolved because a part it depends on (the runtime, the probes)
   * already failed with its own problem: skipped silently, so one mistake is reported once.
   */
  private static final class Unresolvable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unresolvable() {
      super(null, null, false, false);
    }
  }

  private ScenarioReader(String file, String text, Consumer<Node> edit) {
    this.file = file;
    this.text = text;
    this.edit = edit;
  }

  /**
   * Reads the scenario file at {@code path}; messages name it as given. A file larger than {@link
   * InputFiles#MAX_BYTES} or not UTF-8 text is refused before any parsing.
   */
  public static Scenario read(Path path) {
    return read(path.toString(), InputFiles.read(path, "a scenario file"));
  }

  /**
   * Reads scenario {@code text}; messages name it {@code file}. Every problem found is reported:
   * one is thrown as a {@link ScenarioException}, several as {@link ScenarioProblems} in line
   * order.
   */
  public static Scenario read(String file, String text) {
    return read(file, text, root -> {});
  }

  /**
   * Reads scenario {@code text} after {@code edit} has changed its YAML document tree (a sweep sets
   * a point's values this way, before anything is checked); messages name {@code file}.
   */
  public static Scenario read(String file, String text, Consumer<Node> edit) {
    return new ScenarioReader(file, text, edit).read();
  }

  /** Runs {@code part}, recording its problems and giving {@code fallback} when it fails. */
  private <T> T attempt(java.util.function.Supplier<T> part, T fallback) {
    try {
      return part.get();
    } catch (ScenarioException e) {
      problems.add(e);
    } catch (Unresolvable e) {
      // the part it depends on has reported its own problem
    }
    return fallback;
  }

  /** {@link #attempt} for a part that gives nothing. */
  private void attempt(Runnable part) {
    attempt(
        () -> {
          part.run();
          return null;
        },
        null);
  }

  /** The runtime's catalog of names, when the runtime could be built. */
  private RuntimeCatalog catalog() {
    if (catalog == null) throw new Unresolvable();
    return catalog;
  }

  private Scenario read() {
    YamlNode root = YamlNode.parse(file, text);
    edit.accept(root.node());
    YamlMap top = root.map();
    List<String> known = new ArrayList<>(TOP_LEVEL);
    for (String k : top.keys()) if (k.startsWith("x-")) known.add(k); // free-form: YAML anchors
    attempt(() -> top.allow(known));

    String name =
        attempt(
            () -> {
              YamlNode n = top.require("name");
              String value = n.text("a name");
              if (!NAME.matcher(value).matches()) {
                throw n.error(
                    "a scenario name is letters, digits, '.', '-' and '_', got " + n.show());
              }
              return value;
            },
            "");
    String description =
        attempt(
            () ->
                top.get("description").map(d -> d.isNull() ? "" : d.text("text").trim()).orElse(""),
            "");

    RuntimePreset preset =
        attempt(
            () -> {
              YamlNode presetNode = top.require("preset");
              presetName = presetNode.text("a preset name");
              RuntimePreset p = Presets.all().get(presetName);
              if (p == null) {
                throw presetNode.error(
                    "unknown preset '"
                        + presetName
                        + "'"
                        + Names.suggestion(presetName, Presets.all().keySet(), "presets"));
              }
              return p;
            },
            null);
    YamlNode overridesNode = top.get("overrides").orElse(null);
    Map<String, Map<String, Object>> baseOverrides =
        preset == null ? null : attempt(() -> readOverrides(preset, overridesNode), null);
    if (baseOverrides != null) {
      runtime =
          attempt(
              () -> buildRuntime(preset, top.require("preset"), overridesNode, baseOverrides),
              null);
    }
    if (runtime != null) catalog = new RuntimeCatalog(runtime);

    long seed =
        attempt(
            () -> top.get("seed").map(ArgConverters::integer).orElse(DEFAULT_SEED), DEFAULT_SEED);
    long[] length =
        attempt(
            () -> {
              String key = top.exactlyOne("run length", "blocks", "sessions");
              long count = positive(top.require(key));
              if (key.equals("sessions") && runtime != null) {
                try {
                  Scenario.blocksUntilSession(runtime, count);
                } catch (ArithmeticException e) {
                  throw top.require(key)
                      .error(
                          count
                              + " sessions end after a block number that overflows a 64-bit"
                              + " integer (max "
                              + Long.MAX_VALUE
                              + ")");
                }
              }
              return key.equals("blocks") ? new long[] {count, 0} : new long[] {0, count};
            },
            new long[] {1, 0});

    Scenario.StateSource fromState =
        attempt(() -> readFromState(top.get("from-state").orElse(null)), null);
    if (fromState != null && top.get("genesis").isPresent()) {
      attempt(
          () -> {
            throw top.require("genesis")
                .error(
                    "a scenario that starts from a saved chain (from-state) has no genesis section");
          });
    }
    Map<String, Object> genesis =
        preset == null
            ? Map.of()
            : attempt(() -> readGenesis(preset, top.get("genesis").orElse(null), seed), Map.of());
    List<Scenario.AgentSpec> agents = readAgents(top.get("agents").orElse(null));
    List<Scenario.MetricSpec> metrics = readMetrics(top.get("metrics").orElse(null));
    scenarioMetrics = ScenarioMetrics.of(metrics, agents, ScenarioMetrics.accountNames(genesis));

    List<Scenario.ExpectationSpec> expectations = new ArrayList<>();
    List<Integer> stepLines = new ArrayList<>();
    List<Step> steps = readSteps(top.get("steps").orElse(null), expectations, stepLines);
    readExpectations(top.get("expect").orElse(null), expectations);
    expectations.sort(Comparator.comparingInt(Scenario.ExpectationSpec::line));
    List<ChartSpec> charts = readCharts(top.get("charts").orElse(null));
    List<Scenario.Variant> variants =
        preset == null || baseOverrides == null
            ? List.of()
            : readVariants(preset, baseOverrides, top.get("variants").orElse(null));
    List<String> compare =
        attempt(
            () -> readCompare(top.get("compare").orElse(null), variants, top.has("variants")),
            List.of());
    checkExpectationVariants(variants, top.has("variants"));

    if (!problems.isEmpty()) throw ScenarioProblems.of(problems);
    return new Scenario(
        file,
        text,
        name,
        description,
        presetName,
        preset,
        runtime,
        genesis,
        seed,
        length[0],
        length[1],
        List.copyOf(agents),
        List.copyOf(steps),
        List.copyOf(stepLines),
        List.copyOf(expectations),
        List.copyOf(metrics),
        List.copyOf(charts),
        "",
        List.copyOf(variants),
        List.copyOf(compare),
        fromState);
  }

  /**
   * {@code from-state: FILE} or {@code from-state: {file: FILE, config: saved|new}}; a relative
   * file is resolved against the scenario's directory.
   */
  private Scenario.StateSource readFromState(YamlNode node) {
    if (node == null || node.isNull()) return null;
    YamlNode fileNode = node;
    boolean newConfig = false;
    if (node.isMap()) {
      YamlMap m = node.map().allow(FROM_STATE_KEYS);
      fileNode = m.require("file");
      YamlNode config = m.get("config").orElse(null);
      if (config != null) {
        String c = config.text("saved or new");
        if (!c.equals("saved") && !c.equals("new")) {
          throw config.error("config must be saved or new, got " + config.show());
        }
        newConfig = c.equals("new");
      }
    }
    String text = fileNode.text("a snapshot file");
    if (text.isBlank()) throw fileNode.error("expected a snapshot file, got an empty name");
    Path path = Path.of(text);
    if (!path.isAbsolute()) {
      Path dir = Path.of(file).toAbsolutePath().getParent();
      path = (dir == null ? path : dir.resolve(path)).normalize();
    }
    return new Scenario.StateSource(path, newConfig, node.line());
  }

  // ------------------------------------------------------------------ runtime and genesis

  private Map<String, Map<String, Object>> readOverrides(RuntimePreset preset, YamlNode node) {
    Map<String, Map<String, Object>> overrides = new LinkedHashMap<>();
    if (node != null && !node.isNull()) {
      YamlMap sections = node.map();
      for (var e : sections.entries()) {
        if (!preset.sections().contains(e.getKey())) {
          throw sections.keyError(
              e.getKey(),
              "preset "
                  + preset.name()
                  + " has no section '"
                  + e.getKey()
                  + "'"
                  + Names.suggestion(e.getKey(), preset.sections(), "sections"));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        e.getValue().map().forEach((k, v) -> settings.put(k, v.plain()));
        overrides.put(e.getKey(), settings);
      }
    }
    return overrides;
  }

  private Runtime buildRuntime(
      RuntimePreset preset,
      YamlNode presetNode,
      YamlNode node,
      Map<String, Map<String, Object>> overrides) {
    try {
      return preset.build(overrides);
    } catch (RuntimeException e) {
      if (node == null) {
        throw presetNode.error("preset " + preset.name() + " fails: " + e.getMessage(), e);
      }
      throw locate(node, e);
    }
  }

  // ------------------------------------------------------------------ variants

  private List<Scenario.Variant> readVariants(
      RuntimePreset preset, Map<String, Map<String, Object>> base, YamlNode node) {
    List<Scenario.Variant> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    List<YamlNode> items = attempt(node::items, List.of());
    if (items.size() == 1) {
      attempt(
          () -> {
            throw node.error("variants compare at least two configurations");
          });
    }
    Set<String> names = new HashSet<>();
    for (YamlNode item : items) {
      Scenario.Variant v = attempt(() -> readVariant(preset, base, item, names), null);
      if (v != null) out.add(v);
    }
    return out;
  }

  private Scenario.Variant readVariant(
      RuntimePreset preset,
      Map<String, Map<String, Object>> base,
      YamlNode item,
      Set<String> names) {
    YamlMap m = item.map().allow(VARIANT_KEYS);
    YamlNode nameNode = m.require("name");
    String name = nameNode.text("a variant name");
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error(
          "a variant name is letters, digits, '.', '-' and '_', got " + nameNode.show());
    }
    if (!names.add(name)) throw nameNode.error("a second variant named '" + name + "'");
    String description =
        m.get("description").map(d -> d.isNull() ? "" : d.text("text").trim()).orElse("");
    YamlNode overridesNode = m.get("overrides").orElse(null);
    Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
    base.forEach((k, v) -> merged.put(k, new LinkedHashMap<>(v)));
    readOverrides(preset, overridesNode)
        .forEach((k, v) -> merged.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
    Runtime variantRuntime = buildRuntime(preset, nameNode, overridesNode, merged);
    return new Scenario.Variant(name, description, variantRuntime, item.line());
  }

  private List<String> readCompare(
      YamlNode node, List<Scenario.Variant> variants, boolean variantsGiven) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    if (variants.isEmpty()) {
      if (variantsGiven) throw new Unresolvable();
      throw node.error("'compare' needs 'variants' to compare");
    }
    for (YamlNode item : node.items()) {
      String pattern = item.text("a series name or glob").trim();
      if (!scenarioMetrics.anyMatch(MetricInfo.Kind.COUNTER, pattern)) {
        attempt(() -> resolvePattern(item, pattern, MetricInfo.Kind.SERIES));
      }
      out.add(pattern);
    }
    return out;
  }

  private Map<String, Object> readGenesis(RuntimePreset preset, YamlNode node, long seed) {
    Map<String, Object> section = new LinkedHashMap<>();
    if (node != null && !node.isNull()) {
      YamlMap map = node.map().allow(preset.genesisKeys().keySet());
      map.forEach((k, v) -> section.put(k, v.plain()));
      // every preset takes balances: each is checked here, so its error names its own line
      YamlNode balances = map.get("balances").orElse(null);
      if (balances != null && balances.isMap()) {
        List<ScenarioException> bad = new ArrayList<>();
        for (var e : balances.map().entries()) {
          try {
            ArgConverters.amount(e.getValue(), "a balance");
          } catch (ScenarioException problem) {
            bad.add(problem);
          }
        }
        if (!bad.isEmpty()) throw ScenarioProblems.of(bad);
      }
    }
    try {
      preset.genesis(section, seed);
    } catch (RuntimeException e) {
      if (node == null) {
        throw new ScenarioException(
            file,
            1,
            "genesis",
            "preset " + preset.name() + " needs a genesis: " + e.getMessage(),
            e);
      }
      throw locate(node, e);
    }
    return java.util.Collections.unmodifiableMap(section);
  }

  /**
   * A {@link ScenarioException} for {@code e}, thrown by a preset or agent type given the plain
   * values of {@code node}: placed on the line of the key the message names, else on the node's.
   */
  private ScenarioException locate(YamlNode node, RuntimeException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    YamlNode best = null;
    int bestScore = 0;
    List<YamlNode> stack = new ArrayList<>();
    stack.add(node);
    while (!stack.isEmpty()) {
      YamlNode n = stack.remove(0);
      if (!n.isMap()) continue;
      YamlMap map = n.map();
      for (var entry : map.entries()) {
        String k = entry.getKey();
        int score = 0;
        if (message.contains("'" + k + "'")) score = 3;
        else if (message.contains("." + k)) score = 2;
        else if (Pattern.compile("(^|[^A-Za-z0-9_-])" + Pattern.quote(k) + "($|[^A-Za-z0-9_-])")
            .matcher(message)
            .find()) score = 1;
        if (score > bestScore) {
          bestScore = score;
          best = entry.getValue();
        }
        stack.add(entry.getValue());
      }
    }
    if (best == null) best = valueIn(node, message);
    YamlNode at = best == null ? node : best;
    return new ScenarioException(file, at.line(), at.path(), message, e);
  }

  /** The first scalar under {@code node} whose text the message quotes, or null. */
  private static YamlNode valueIn(YamlNode node, String message) {
    if (node.isScalar()) {
      String t = node.rawText();
      return t != null && !t.isBlank() && wordIn(message, t) ? node : null;
    }
    List<YamlNode> children = new ArrayList<>();
    if (node.isMap()) node.map().forEach((k, v) -> children.add(v));
    if (node.isList()) children.addAll(node.items());
    for (YamlNode c : children) {
      YamlNode found = valueIn(c, message);
      if (found != null) return found;
    }
    return null;
  }

  private static boolean wordIn(String message, String word) {
    return Pattern.compile("(^|[^A-Za-z0-9_-])" + Pattern.quote(word) + "($|[^A-Za-z0-9_-])")
        .matcher(message)
        .find();
  }

  // ------------------------------------------------------------------ agents

  private List<Scenario.AgentSpec> readAgents(YamlNode node) {
    List<Scenario.AgentSpec> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    List<YamlNode> items = attempt(node::items, List.of());
    if (items.isEmpty() && !node.isList()) metricsKnown = false;
    for (YamlNode item : items) {
      Scenario.AgentSpec a = attempt(() -> readAgent(item), null);
      if (a != null) out.add(a);
      else metricsKnown = false;
    }
    return out;
  }

  private Scenario.AgentSpec readAgent(YamlNode item) {
    YamlMap m = item.map();
    // the name first, so that steps naming a malformed agent do not report it missing
    YamlNode nameNode = m.require("name");
    String name = nameNode.text("an agent name");
    if (!NAME.matcher(name).matches()) {
      throw nameNode.error(
          "an agent name is letters, digits, '.', '-' and '_', got " + nameNode.show());
    }
    if (!agentNames.add(name)) throw nameNode.error("two agents named '" + name + "'");
    m.allow(AGENT_KEYS);
    YamlNode typeNode = m.require("type");
    String typeName = typeNode.text("an agent type");
    AgentType type = Agents.all().get(typeName);
    if (type == null) {
      throw typeNode.error(
          "unknown agent type '"
              + typeName
              + "'"
              + Names.suggestion(typeName, Agents.all().keySet(), "agent types"));
    }
    Map<String, Object> params = new LinkedHashMap<>();
    YamlNode paramsNode = m.get("params").orElse(null);
    if (paramsNode != null && !paramsNode.isNull()) {
      YamlMap pm = paramsNode.map();
      List<ScenarioException> unknown = new ArrayList<>();
      for (var e : pm.entries()) {
        if (!type.parameters().containsKey(e.getKey())) {
          unknown.add(
              pm.keyError(
                  e.getKey(),
                  "agent type "
                      + typeName
                      + " has no parameter '"
                      + e.getKey()
                      + "'"
                      + Names.suggestion(e.getKey(), type.parameters().keySet(), "parameters")));
        }
        params.put(e.getKey(), e.getValue().plain());
      }
      if (!unknown.isEmpty()) throw ScenarioProblems.of(unknown);
    }
    try {
      type.create(name, params);
    } catch (RuntimeException e) {
      throw locate(paramsNode != null && !paramsNode.isNull() ? paramsNode : item, e);
    }
    return new Scenario.AgentSpec(
        name, type, java.util.Collections.unmodifiableMap(params), item.line());
  }

  // ------------------------------------------------------------------ metrics and charts

  private List<Scenario.MetricSpec> readMetrics(YamlNode node) {
    List<Scenario.MetricSpec> out = new ArrayList<>();
    if (node == null) {
      for (String d : MetricCatalog.defaults()) {
        out.add(new Scenario.MetricSpec(d, MetricCatalog.entry(d), null, 0));
        probeNames.add(d);
      }
      return out;
    }
    if (node.isNull()) return out;
    Set<String> seen = new HashSet<>();
    List<YamlNode> items = attempt(node::items, List.of());
    if (items.isEmpty() && !node.isList()) metricsKnown = false;
    for (YamlNode item : items) {
      Scenario.MetricSpec spec = attempt(() -> readProbe(item, seen), null);
      if (spec != null) out.add(spec);
      else metricsKnown = false;
    }
    return out;
  }

  private Scenario.MetricSpec readProbe(YamlNode item, Set<String> seen) {
    String spec = item.text("a metric probe name").trim();
    Matcher m = METRIC.matcher(spec);
    MetricCatalog.Entry entry = m.matches() ? MetricCatalog.entry(m.group(1)) : null;
    if (entry == null) {
      String base = m.matches() ? m.group(1) : spec;
      throw item.error(
          "unknown metric probe '"
              + base
              + "'"
              + Names.suggestion(base, MetricCatalog.all().keySet(), "probes"));
    }
    String argument = m.group(2) == null ? null : m.group(2).trim();
    if (entry.argument() == MetricCatalog.Argument.NONE && argument != null) {
      throw item.error("probe " + entry.name() + " takes no argument");
    }
    if (entry.argument() != MetricCatalog.Argument.NONE && argument == null) {
      throw item.error(
          "probe "
              + entry.name()
              + " needs an argument: "
              + entry.name()
              + "(<"
              + entry.argumentLabel()
              + ">)");
    }
    if (entry.argument() == MetricCatalog.Argument.PALLET
        && !catalog().pallets().contains(argument)) {
      throw item.error(
          "no pallet '"
              + argument
              + "' in this runtime"
              + Names.suggestion(argument, catalog().pallets(), "pallets"));
    }
    if (!seen.add(spec)) throw item.error("probe " + spec + " is listed twice");
    probeNames.add(entry.name());
    return new Scenario.MetricSpec(spec, entry, argument, item.line());
  }

  private List<ChartSpec> readCharts(YamlNode node) {
    List<ChartSpec> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    Set<String> files = new HashSet<>();
    for (YamlNode item : attempt(node::items, List.<YamlNode>of())) {
      ChartSpec spec = attempt(() -> readChart(item, files), null);
      if (spec != null) out.add(spec);
    }
    return out;
  }

  private ChartSpec readChart(YamlNode item, Set<String> files) {
    YamlMap m = item.map().allow(CHART_KEYS);
    String title = m.require("title").text("a title").trim();
    String kind = m.exactlyOne("list of names to draw", "series", "counters", "scatter");
    ChartSpec spec;
    if (kind.equals("scatter")) {
      YamlMap xy = m.require("scatter").map().allow(SCATTER_KEYS);
      String x = xy.require("x").text("a series pattern with one '*'").trim();
      String y = xy.require("y").text("a series pattern with one '*'").trim();
      for (var p : List.of(Map.entry("x", x), Map.entry("y", y))) {
        YamlNode at = xy.require(p.getKey());
        if (p.getValue().chars().filter(c -> c == '*').count() != 1) {
          throw at.error("a scatter pattern has exactly one '*', got " + p.getValue());
        }
        resolvePattern(at, p.getValue(), MetricInfo.Kind.SERIES);
      }
      String yAxis = m.get("y-axis").map(a -> a.text("a label")).orElse("");
      spec = ChartSpec.scatter(title, x, y, yAxis, item.line(), "");
    } else {
      List<String> names = new ArrayList<>();
      MetricInfo.Kind drawn =
          kind.equals("series") ? MetricInfo.Kind.SERIES : MetricInfo.Kind.COUNTER;
      for (YamlNode n : m.require(kind).items()) {
        String name = n.text("a series name or pattern").trim();
        names.add(name);
        attempt(() -> resolvePattern(n, name, drawn));
      }
      if (names.isEmpty()) {
        throw m.require(kind)
            .error(
                "names at least one "
                    + kind.replace("series", "series name").replace("counters", "counter"));
      }
      String yAxis = m.get("y-axis").map(y -> y.text("a label")).orElse("");
      spec =
          kind.equals("series")
              ? new ChartSpec(title, List.copyOf(names), List.of(), yAxis, item.line())
              : new ChartSpec(title, List.of(), List.copyOf(names), yAxis, item.line());
    }
    if (!files.add(spec.fileName())) {
      throw m.require("title")
          .error(
              "two charts would be written to " + spec.fileName() + "; give them distinct titles");
    }
    return spec;
  }

  /**
   * Checks that some series (or counter) this scenario's probes and agents record matches {@code
   * pattern} ({@code *} matches any text); an error at {@code at} with a suggestion otherwise.
   */
  private void resolvePattern(YamlNode at, String pattern, MetricInfo.Kind kind) {
    if (scenarioMetrics.anyMatch(kind, pattern)) return;
    MetricInfo.Kind other =
        kind == MetricInfo.Kind.SERIES ? MetricInfo.Kind.COUNTER : MetricInfo.Kind.SERIES;
    String noun = kind == MetricInfo.Kind.SERIES ? "series" : "counter";
    if (scenarioMetrics.anyMatch(other, pattern)) {
      throw at.error(
          "'"
              + pattern
              + "' names "
              + (other == MetricInfo.Kind.COUNTER
                  ? "counters, not series (draw them as a bar chart with counters:)"
                  : "series, not counters (draw them as lines with series:)"));
    }
    probeNotListed(at, pattern);
    if (!metricsKnown && couldBeRecorded(pattern)) throw new Unresolvable();
    throw at.error(
        "no "
            + noun
            + " this scenario records matches '"
            + pattern
            + "'"
            + Names.suggestion(pattern, scenarioMetrics.candidates(kind), noun + " names"));
  }

  /**
   * Whether some probe or agent type could record a name {@code pattern} matches: when a probe or
   * agent of the scenario failed to read, such a name is not reported (it may be the failed one's),
   * but a name nothing could record still is.
   */
  private static boolean couldBeRecorded(String pattern) {
    for (MetricInfo m : ScenarioMetrics.declared()) {
      if (Globs.intersect(pattern, m.glob())) return true;
    }
    return false;
  }

  /**
   * An error when {@code pattern} names what a catalog probe records that this scenario's {@code
   * metrics:} list does not name.
   */
  private void probeNotListed(YamlNode at, String pattern) {
    for (MetricCatalog.Entry e : MetricCatalog.all().values()) {
      if (probeNames.contains(e.name())) continue;
      for (MetricInfo info : e.metrics()) {
        if (Globs.intersect(pattern, info.glob())) {
          throw at.error(
              (info.isCounter() ? "counter " : "series ")
                  + pattern
                  + " is recorded by probe '"
                  + e.name()
                  + "', which this scenario's metrics: do not list");
        }
      }
    }
  }

  // ------------------------------------------------------------------ steps

  static final List<String> TRIGGERS = List.of("at-block", "at-session");
  static final Map<String, List<String>> ACTION_KEYS =
      Map.of(
          "call", List.of("call", "origin", "args", "expect-error", "expect-success"),
          "offline", List.of("offline"),
          "online", List.of("online"),
          "command", List.of("command", "agent", "args"),
          "restart", List.of("restart"));

  private List<Step> readSteps(
      YamlNode node, List<Scenario.ExpectationSpec> expectations, List<Integer> lines) {
    List<Step> out = new ArrayList<>();
    if (node == null || node.isNull()) return out;
    Set<String> labels = new HashSet<>();
    List<YamlNode> items = attempt(node::items, List.of());
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = items.get(i);
      int index = i;
      Step step = attempt(() -> readStep(item, index, labels, expectations), null);
      if (step != null) {
        out.add(step);
        lines.add(item.line());
      }
    }
    return out;
  }

  private Step readStep(
      YamlNode item, int i, Set<String> labels, List<Scenario.ExpectationSpec> expectations) {
    {
      YamlMap m = item.map();
      List<String> known = new ArrayList<>(TRIGGERS);
      known.add("label");
      ACTION_KEYS.values().forEach(known::addAll);
      m.allow(known);
      String trigger = m.exactlyOne("trigger", "at-block", "at-session");
      String action = m.exactlyOne("action", "call", "offline", "online", "command", "restart");
      for (String k : m.keys()) {
        if (TRIGGERS.contains(k) || k.equals("label") || ACTION_KEYS.get(action).contains(k))
          continue;
        String owner =
            ACTION_KEYS.entrySet().stream()
                .filter(e -> e.getValue().contains(k))
                .map(Map.Entry::getKey)
                .sorted()
                .reduce((a, b) -> a + " or " + b)
                .orElse("?");
        throw m.keyError(
            k, "'" + k + "' goes with a '" + owner + "' step, not a '" + action + "' step");
      }
      Step.Trigger when;
      if (trigger.equals("at-block")) {
        long b = ArgConverters.integer(m.require("at-block"));
        if (b < 1) throw m.require("at-block").error("blocks are numbered from 1, got " + b);
        when = new Step.AtBlock(b);
      } else {
        long s = ArgConverters.integer(m.require("at-session"));
        if (s < 0) throw m.require("at-session").error("sessions are numbered from 0, got " + s);
        when = new Step.AtSession(s);
      }
      String label = m.get("label").map(l -> l.text("a label")).orElse("steps[" + i + "]");
      if (!labels.add(label)) throw m.require("label").error("two steps labelled '" + label + "'");
      Step.Action what =
          switch (action) {
            case "call" -> readCall(m, label, expectations);
            case "offline" ->
                new Step.SetOnline(ArgConverters.account(m.require("offline")), false);
            case "online" -> new Step.SetOnline(ArgConverters.account(m.require("online")), true);
            case "command" -> readCommand(m);
            default -> new Step.RestartAgent(agentName(m.require("restart")));
          };
      return new Step(when, label, what);
    }
  }

  private Step.Action readCall(
      YamlMap m, String label, List<Scenario.ExpectationSpec> expectations) {
    YamlNode callNode = m.require("call");
    String name = callNode.text("a call (Pallet.call_name)").trim();
    RuntimeCatalog catalog = catalog();
    RuntimeCatalog.CallInfo call = catalog.call(name);
    if (call == null) {
      String pallet = name.contains(".") ? name.substring(0, name.indexOf('.')) : "";
      if (!catalog.pallets().contains(pallet)) {
        throw callNode.error(
            "the runtime of preset "
                + presetName
                + " has no pallet '"
                + pallet
                + "' (calls are written Pallet.call_name)"
                + Names.suggestion(pallet, catalog.pallets(), "pallets"));
      }
      throw callNode.error(
          "unknown call '" + name + "'" + Names.suggestion(name, catalog.callNames(), "calls"));
    }
    YamlNode originNode = m.require("origin");
    Origin origin = origin(originNode);
    Object record;
    if (m.has("args") && !m.require("args").isNull()) {
      record = ArgConverters.record(m.require("args"), call.type(), call.fullName());
    } else {
      boolean needsArgs = false;
      for (RecordComponent c : call.type().getRecordComponents()) {
        needsArgs |= c.getType() != io.vavr.control.Option.class;
      }
      if (needsArgs) {
        throw callNode.error(
            call.fullName() + " needs args: " + ArgConverters.signature(call.type()));
      }
      record = ArgConverters.record(emptyMapAt(callNode), call.type(), call.fullName());
    }
    m.atMostOne("expect-error", "expect-success");
    if (m.has("expect-error")) {
      YamlNode e = m.require("expect-error");
      String given = e.text("an error name").trim();
      String error = catalog.error(given);
      if (error == null) {
        throw e.error(
            "no pallet of this runtime has the error '"
                + given
                + "'"
                + Names.suggestion(given, catalog.errorNames(), "errors"));
      }
      expectations.add(
          new Scenario.ExpectationSpec(
              m.keyLine("expect-error"),
              "step '" + label + "' fails with " + given,
              Expectations.scriptedCall(label, error)));
    } else if (m.has("expect-success")) {
      YamlNode e = m.require("expect-success");
      if (!ArgConverters.bool(e)) throw e.error("write expect-success: true, or leave it out");
      expectations.add(
          new Scenario.ExpectationSpec(
              m.keyLine("expect-success"),
              "step '" + label + "' succeeds",
              Expectations.scriptedCall(label, null)));
    }
    return new Step.Dispatch(origin, (dev.palletsim.frame.Call<?>) record);
  }

  private YamlNode emptyMapAt(YamlNode at) {
    var mapping =
        new org.yaml.snakeyaml.nodes.MappingNode(
            org.yaml.snakeyaml.nodes.Tag.MAP,
            true,
            new ArrayList<org.yaml.snakeyaml.nodes.NodeTuple>(),
            at.node().getStartMark(),
            at.node().getEndMark(),
            org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW);
    return new YamlNode(at.file(), at.path(), mapping);
  }

  private static Origin origin(YamlNode node) {
    String text = node.isScalar() ? node.text("an origin") : "";
    if (text.equals("root")) return Origin.root();
    if (text.equals("none")) return Origin.none();
    try {
      AccountId who = ArgConverters.account(node);
      return Origin.signed(who);
    } catch (ScenarioException e) {
      throw node.error(
          "expected an origin (a keyring name, 0x-hex account, root or none), got " + node.show());
    }
  }

  private Step.Action readCommand(YamlMap m) {
    String agent = agentName(m.require("agent"));
    String command = m.require("command").text("a command name").trim();
    Map<String, Object> args = new LinkedHashMap<>();
    YamlNode argsNode = m.get("args").orElse(null);
    if (argsNode != null && !argsNode.isNull())
      argsNode.map().forEach((k, v) -> args.put(k, v.plain()));
    return new Step.Command(agent, command, java.util.Collections.unmodifiableMap(args));
  }

  private String agentName(YamlNode node) {
    String name = node.text("an agent name").trim();
    if (!agentNames.contains(name)) {
      throw node.error(
          "no agent named '" + name + "'" + Names.suggestion(name, agentNames, "agents"));
    }
    return name;
  }

  // ------------------------------------------------------------------ expectations

  private void readExpectations(YamlNode node, List<Scenario.ExpectationSpec> out) {
    if (node == null || node.isNull()) return;
    for (YamlNode item : attempt(node::items, List.<YamlNode>of())) {
      Scenario.ExpectationSpec e =
          attempt(
              () -> {
                YamlMap m = item.map();
                String kind =
                    m.exactlyOne("kind of expectation", EXPECTATION_KINDS.toArray(String[]::new));
                return switch (kind) {
                  case "event", "no-event" -> readEvent(m, kind);
                  case "storage" -> readStorage(m);
                  case "balance" -> readBalance(m);
                  default -> readMetric(m);
                };
              },
              null);
      if (e != null) out.add(e);
    }
  }

  private Scenario.ExpectationSpec readEvent(YamlMap m, String kind) {
    m.allow(kind, EVENT_KEYS.get(0), EVENT_KEYS.get(1), EVENT_KEYS.get(2), EVENT_KEYS.get(3));
    YamlNode nameNode = m.require(kind);
    String name = nameNode.text("an event (Pallet.Variant)").trim().replace("::", ".");
    RuntimeCatalog.EventInfo event = catalog().event(name);
    if (event == null) {
      throw nameNode.error(
          "unknown event '"
              + name
              + "'"
              + Names.suggestion(name, catalog().events().keySet(), "events"));
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    String fieldText = "";
    if (m.has("fields") && !m.require("fields").isNull()) {
      YamlMap fm = m.require("fields").map();
      Map<String, RecordComponent> byNormal = new LinkedHashMap<>();
      for (RecordComponent c : event.type().getRecordComponents())
        byNormal.put(Names.normalize(c.getName()), c);
      for (var e : fm.entries()) {
        RecordComponent c = byNormal.get(Names.normalize(e.getKey()));
        if (c == null) {
          throw fm.keyError(
              e.getKey(),
              "event "
                  + name
                  + " has no field '"
                  + e.getKey()
                  + "' (fields: "
                  + ArgConverters.signature(event.type())
                  + ")");
        }
        fields.put(c.getName(), ArgConverters.convert(e.getValue(), c.getGenericType()));
      }
      fieldText = " " + m.require("fields").compact();
    }
    long[] window = window(m);
    long from = window[0];
    long to = window[1];
    Expectation e =
        Expectations.event(
            name + fieldText + Expectations.window(from, to),
            event.pallet(),
            event.variant(),
            fields,
            from,
            to,
            kind.equals("event"),
            Show::value);
    return spec(m, e.describe(), e);
  }

  private Scenario.ExpectationSpec readStorage(YamlMap m) {
    m.allow(STORAGE_KEYS);
    YamlNode itemNode = m.require("storage");
    String key = itemNode.text("a storage item (Pallet.Item)").trim();
    RuntimeCatalog.StorageInfo info = catalog().storage(key);
    if (info == null) {
      throw itemNode.error(
          "unknown storage item '"
              + key
              + "'"
              + Names.suggestion(key, catalog().storage().keySet(), "items"));
    }
    Object k1 = null;
    Object k2 = null;
    String keyText = "";
    if (info.key1() == null) {
      if (m.has("key")) throw m.keyError("key", key + " is a single value and takes no key");
    } else {
      YamlNode keyNode = m.require("key");
      if (info.key2() != null) {
        List<YamlNode> pair = keyNode.items();
        if (pair.size() != 2)
          throw keyNode.error(key + " is a double map: give key: [first, second]");
        k1 = ArgConverters.convert(pair.get(0), info.key1());
        k2 = ArgConverters.convert(pair.get(1), info.key2());
      } else {
        k1 = ArgConverters.convert(keyNode, info.key1());
      }
      keyText =
          "["
              + (info.key2() != null
                  ? keyNode.items().get(0).compact() + ", " + keyNode.items().get(1).compact()
                  : keyNode.compact())
              + "]";
    }
    List<String> path = new ArrayList<>();
    Type valueType = info.value();
    if (m.has("field")) {
      YamlNode fieldNode = m.require("field");
      for (String f : fieldNode.text("a field path (a.b)").trim().split("\\.")) {
        Class<?> raw =
            valueType instanceof ParameterizedType p
                ? (Class<?>) p.getRawType()
                : valueType instanceof Class<?> c ? c : null;
        RecordComponent found = null;
        if (raw != null && raw.isRecord()) {
          for (RecordComponent c : raw.getRecordComponents()) {
            if (Names.normalize(c.getName()).equals(Names.normalize(f))) found = c;
          }
        }
        if (found == null) {
          throw fieldNode.error(
              (raw == null ? "the value" : raw.getSimpleName())
                  + " has no field '"
                  + f
                  + "'"
                  + (raw != null && raw.isRecord()
                      ? " (fields: " + ArgConverters.signature(raw) + ")"
                      : ""));
        }
        path.add(found.getName());
        valueType = found.getGenericType();
      }
    }
    YamlNode equalsNode = m.require("equals");
    Object expected = equalsNode.isNull() ? null : ArgConverters.convert(equalsNode, valueType);
    long at = m.get("at-block").map(ScenarioReader::positive).orElse(Long.MAX_VALUE);
    String description =
        key
            + keyText
            + (path.isEmpty() ? "" : "." + String.join(".", path))
            + " = "
            + equalsNode.compact()
            + Expectations.when(at);
    return spec(
        m,
        description,
        Expectations.storageEquals(
            description,
            info.item(),
            k1,
            k2,
            path,
            expected,
            at,
            mentionsTokens(equalsNode)
                ? v -> v instanceof Long l ? ScenarioReader.tokens(l) : Show.value(v)
                : Show::value));
  }

  private static boolean mentionsTokens(YamlNode node) {
    return node.compact().toUpperCase(java.util.Locale.ROOT).contains("TOKEN");
  }

  private Scenario.ExpectationSpec readBalance(YamlMap m) {
    m.allow(BALANCE_KEYS);
    AccountId who = ArgConverters.account(m.require("balance"));
    String which = m.exactlyOne("balance kind", "free", "reserved");
    long amount = ArgConverters.amount(m.require(which));
    long at = m.get("at-block").map(ScenarioReader::positive).orElse(Long.MAX_VALUE);
    String description =
        which
            + " balance of "
            + m.require("balance").compact()
            + " = "
            + m.require(which).compact()
            + Expectations.when(at);
    return spec(
        m,
        description,
        Expectations.balanceEquals(
            description, who, which.equals("reserved"), amount, at, ScenarioReader::tokens));
  }

  static final Map<String, String> COMPARISONS =
      Map.of("at-most", "<=", "at-least", ">=", "below", "<", "above", ">", "equals", "==");

  private Scenario.ExpectationSpec readMetric(YamlMap m) {
    if (m.has("against")) return readTrend(m);
    m.allow(METRIC_KEYS);
    YamlNode nameNode = m.require("metric");
    String series = nameNode.text("a series name").trim();
    String aggregate = m.exactlyOne("aggregate", "last", "max", "mean");
    YamlMap bound = m.require(aggregate).map().allow(COMPARISONS.keySet());
    String comparison =
        bound.exactlyOne("comparison", "at-most", "at-least", "below", "above", "equals");
    double value = ArgConverters.number(bound.require(comparison));
    long[] window = window(m);
    MetricInfo info = resolveSeries(nameNode, series);
    Expectations.Aggregate agg =
        Expectations.Aggregate.valueOf(aggregate.toUpperCase(java.util.Locale.ROOT));
    Expectation e =
        Expectations.metric(
            series, agg, COMPARISONS.get(comparison), value, info.unit(), window[0], window[1]);
    // the bound as the file writes it (0.10 stays 0.10), with the series' unit
    String description =
        aggregate
            + "("
            + series
            + ")"
            + Expectations.window(window[0], window[1])
            + " "
            + COMPARISONS.get(comparison)
            + " "
            + bound.require(comparison).compact()
            + " "
            + info.unit();
    return spec(m, description, e);
  }

  /**
   * {@code {metric: Y, against: X, slope|rank-correlation: {bound}, from-block, to-block}}: how
   * series Y moves with series X over the run's blocks ({@link Trend}).
   */
  private Scenario.ExpectationSpec readTrend(YamlMap m) {
    m.allow(TREND_KEYS);
    YamlNode yNode = m.require("metric");
    YamlNode xNode = m.require("against");
    String y = yNode.text("a series name").trim();
    String x = xNode.text("a series name").trim();
    String key = m.exactlyOne("statistic", "slope", "rank-correlation");
    Trend.Statistic statistic =
        key.equals("slope") ? Trend.Statistic.SLOPE : Trend.Statistic.RANK_CORRELATION;
    YamlMap bound = m.require(key).map().allow(COMPARISONS.keySet());
    String comparison =
        bound.exactlyOne("comparison", "at-most", "at-least", "below", "above", "equals");
    double value = ArgConverters.number(bound.require(comparison));
    if (statistic == Trend.Statistic.RANK_CORRELATION && Math.abs(value) > 1) {
      throw bound
          .require(comparison)
          .error("a rank correlation lies between -1 and 1, got " + Metrics.show(value));
    }
    long[] window = window(m);
    long from = window[0];
    long to = window[1];
    MetricInfo yInfo = resolveSeries(yNode, y);
    MetricInfo xInfo = resolveSeries(xNode, x);
    if (x.equals(y)) throw xNode.error("a series against itself says nothing: name two series");
    String unit =
        statistic == Trend.Statistic.RANK_CORRELATION ? "" : perUnit(yInfo.unit(), xInfo.unit());
    Expectation e =
        Expectations.trend(y, x, statistic, from, to, COMPARISONS.get(comparison), value, unit);
    // the bound as the file writes it (0.10 stays 0.10)
    String description =
        key
            + "("
            + y
            + " against "
            + x
            + ")"
            + Expectations.window(from, to)
            + " "
            + COMPARISONS.get(comparison)
            + " "
            + bound.require(comparison).compact()
            + (unit.isEmpty() ? "" : " " + unit);
    return spec(m, description, e);
  }

  /** {@code from-block} (default 1) and {@code to-block} (default: the end) of {@code m}. */
  private static long[] window(YamlMap m) {
    long from = m.get("from-block").map(ScenarioReader::positive).orElse(1L);
    long to = m.get("to-block").map(ScenarioReader::positive).orElse(Long.MAX_VALUE);
    if (to < from)
      throw m.require("to-block").error("to-block " + to + " is before from-block " + from);
    return new long[] {from, to};
  }

  /** The unit of a slope of a series in {@code y} against one in {@code x}: {@code µs/deals}. */
  static String perUnit(String y, String x) {
    if (x.isEmpty()) return y;
    return (y.isEmpty() ? "1" : y) + "/" + x;
  }

  /**
   * An expectation read from {@code m}, for every variant or the one its {@code variant:} names.
   */
  private Scenario.ExpectationSpec spec(YamlMap m, String description, Expectation e) {
    String variant = "";
    if (m.has("variant")) {
      YamlNode v = m.require("variant");
      variant = v.text("a variant's name").trim();
      expectationVariants.add(v);
    }
    return new Scenario.ExpectationSpec(m.node().line(), description, e, variant);
  }

  /** Every {@code variant:} of an expectation names one of the scenario's variants. */
  private void checkExpectationVariants(List<Scenario.Variant> variants, boolean declared) {
    Set<String> names = new java.util.LinkedHashSet<>();
    for (Scenario.Variant v : variants) names.add(v.name());
    for (YamlNode node : expectationVariants) {
      attempt(
          () -> {
            String name = node.text("a variant's name").trim();
            if (!declared) {
              throw node.error(
                  "variant: " + name + ": this scenario has no variants (see variants:)");
            }
            // variants that failed to read have reported their own problem
            if (names.size() < 2) throw new Unresolvable();
            if (!names.contains(name)) {
              throw node.error(
                  "no variant named '" + name + "'" + Names.suggestion(name, names, "variants"));
            }
          });
    }
  }

  /**
   * The series {@code name} as this scenario's probes and agents declare it; an error at {@code at}
   * with a suggestion when nothing it declares records it.
   */
  private MetricInfo resolveSeries(YamlNode at, String name) {
    var info = scenarioMetrics.find(MetricInfo.Kind.SERIES, name);
    if (info.isPresent()) return info.get();
    probeNotListed(at, name);
    if (scenarioMetrics.find(MetricInfo.Kind.COUNTER, name).isPresent()) {
      throw at.error(
          name
              + " is a counter (a total over the run), not a series: metric expectations check"
              + " series sampled per block");
    }
    if (!metricsKnown && couldBeRecorded(name)) throw new Unresolvable();
    throw at.error(
        "no series "
            + name
            + ": nothing this scenario declares (its metrics: probes and agents) records it"
            + Names.suggestion(name, scenarioMetrics.candidates(MetricInfo.Kind.SERIES), "series"));
  }

  /** An amount found, for failure messages: {@code 11 TOKEN (110000000000 planck)}. */
  private static String tokens(long planck) {
    return Show.tokens(planck) + " (" + planck + " planck)";
  }

  private static long positive(YamlNode node) {
    long v = ArgConverters.integer(node);
    if (v < 1) throw node.error("expected a positive integer, got " + node.show());
    return v;
  }
}
