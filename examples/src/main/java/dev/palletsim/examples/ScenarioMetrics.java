package dev.palletsim.examples;

import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.MetricInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every series and counter a scenario can record, with units and meanings: the metrics of the
 * probes its {@code metrics:} list names (a probe's argument filled in) and of the agent types it
 * declares ({@code <agent>} filled in with each agent's name). The reader resolves expectations,
 * charts and comparisons against it, so a name nothing records is an error with a suggestion before
 * the run; the reports read units and labels from it.
 */
final class ScenarioMetrics {
  /**
   * A metric and what records it.
   *
   * @param info the metric
   * @param source what records it: {@code probe market-funds}, {@code agent type client}
   * @param only the values some labels are limited to: {@code <agent>} to the scenario's agents of
   *     the type, a probe's argument label to its argument ({@code pallet=Market})
   */
  record Known(MetricInfo info, String source, Map<String, Set<String>> only) {
    /** The metric with each label limited to one value filled in ({@code weight.Market.…}). */
    MetricInfo bound() {
      MetricInfo m = info;
      for (var e : only.entrySet()) {
        if (e.getValue().size() == 1) m = m.bind(e.getKey(), e.getValue().iterator().next());
      }
      return m;
    }

    /** The label values of {@code name} if it is one of this metric's names. */
    Optional<Map<String, String>> match(String name) {
      return info.match(name)
          .filter(
              labels ->
                  only.entrySet().stream()
                      .allMatch(e -> e.getValue().contains(labels.get(e.getKey()))));
    }
  }

  private final List<Known> known;
  private final Set<String> names;

  private ScenarioMetrics(List<Known> known, Set<String> names) {
    this.known = List.copyOf(known);
    this.names = Set.copyOf(names);
  }

  /** The metrics of {@code scenario}. */
  static ScenarioMetrics of(Scenario scenario) {
    return of(scenario.metrics(), scenario.agents(), accountNames(scenario.genesis()));
  }

  /**
   * The metrics of probes {@code probes} and agents {@code agents}; {@code accounts} are names that
   * labels such as {@code <provider>} may take (for suggestions only).
   */
  static ScenarioMetrics of(
      List<Scenario.MetricSpec> probes, List<Scenario.AgentSpec> agents, Set<String> accounts) {
    List<Known> out = new ArrayList<>();
    for (Scenario.MetricSpec p : probes) {
      String label = p.entry().argumentLabel();
      Map<String, Set<String>> only =
          p.argument() == null || label.isEmpty() ? Map.of() : Map.of(label, Set.of(p.argument()));
      for (MetricInfo m : p.entry().metrics()) {
        out.add(new Known(m, "probe " + p.spec(), only));
      }
    }
    Map<String, List<String>> byType = new LinkedHashMap<>();
    for (Scenario.AgentSpec a : agents) {
      byType.computeIfAbsent(a.type().type(), t -> new ArrayList<>()).add(a.name());
    }
    for (Scenario.AgentSpec a : agents) {
      List<String> sameType = byType.remove(a.type().type());
      if (sameType == null) continue;
      for (MetricInfo m : a.type().metrics()) {
        Map<String, Set<String>> only =
            m.labels().contains("agent") ? Map.of("agent", Set.copyOf(sameType)) : Map.of();
        out.add(new Known(m, "agent type " + a.type().type(), only));
      }
    }
    if (!agents.isEmpty()) {
      for (MetricInfo m : AgentContext.METRICS) out.add(new Known(m, "every agent", Map.of()));
    }
    Set<String> names = new TreeSet<>(accounts);
    for (Scenario.AgentSpec a : agents) names.add(a.name());
    return new ScenarioMetrics(out, names);
  }

  /** Every metric any probe or agent type declares, with the {@code calls.*} of every agent. */
  static List<MetricInfo> declared() {
    List<MetricInfo> out = new ArrayList<>(AgentContext.METRICS);
    dev.palletsim.sim.MetricCatalog.all().values().forEach(e -> out.addAll(e.metrics()));
    dev.palletsim.sim.Agents.all().values().forEach(t -> out.addAll(t.metrics()));
    return out;
  }

  /** The keyring names a genesis section mentions (balances, session keys, invulnerables). */
  static Set<String> accountNames(Map<String, Object> genesis) {
    Set<String> out = new TreeSet<>();
    if (genesis == null) return out;
    for (Object v : genesis.values()) {
      if (v instanceof Map<?, ?> m) m.keySet().forEach(k -> out.add(String.valueOf(k)));
      if (v instanceof Collection<?> c) c.forEach(x -> out.add(String.valueOf(x)));
    }
    return out;
  }

  /** Every metric, in declaration order. */
  List<Known> all() {
    return known;
  }

  /** The most specific metric of {@code kind} that {@code name} is one of. */
  Optional<MetricInfo> find(MetricInfo.Kind kind, String name) {
    return source(kind, name).map(Known::info);
  }

  /** What records {@code name} of {@code kind}, if anything this scenario declares does. */
  Optional<Known> source(MetricInfo.Kind kind, String name) {
    Known best = null;
    for (Known k : known) {
      if (k.info().kind() != kind || k.match(name).isEmpty()) continue;
      if (best == null || k.info().literalLength() > best.info().literalLength()) best = k;
    }
    return Optional.ofNullable(best);
  }

  /**
   * A recorded series or counter with what the scenario declares about it.
   *
   * @param name its name ({@code power.sp-1_bytes})
   * @param metric its declared name with labels ({@code power.<provider>_bytes}), or the name
   *     itself when nothing declares it
   * @param labels each label's value ({@code provider=sp-1})
   * @param unit its unit, or {@code ""} when nothing declares it
   * @param description what it means, or {@code ""}
   */
  record Named(
      String name, String metric, Map<String, String> labels, String unit, String description) {}

  /** {@code name} of {@code kind} with its declared metric, labels and unit. */
  Named named(MetricInfo.Kind kind, String name) {
    Optional<Known> k = source(kind, name);
    if (k.isEmpty()) return new Named(name, name, Map.of(), "", "");
    MetricInfo i = k.get().info();
    return new Named(
        name, i.pattern(), k.get().match(name).orElse(Map.of()), i.unit(), i.description());
  }

  /** {@link #named(MetricInfo.Kind, String)} of each of {@code names}. */
  List<Named> named(MetricInfo.Kind kind, List<String> names) {
    List<Named> out = new ArrayList<>();
    for (String n : names) out.add(named(kind, n));
    return out;
  }

  /** The unit of series or counter {@code name}, or {@code ""} when nothing declares it. */
  String unit(MetricInfo.Kind kind, String name) {
    return find(kind, name).map(MetricInfo::unit).orElse("");
  }

  /** Whether some metric of {@code kind} could have a name {@code glob} matches. */
  boolean anyMatch(MetricInfo.Kind kind, String glob) {
    for (Known k : known) {
      if (k.info().kind() == kind && Globs.intersect(glob, k.bound().glob())) return true;
    }
    return false;
  }

  /**
   * Names to suggest for a misspelt name of {@code kind}: each metric's name with its labels filled
   * in by the scenario's agent and account names, left as {@code <label>}, as a glob ({@code
   * authored.*}), and the globs of its dotted prefixes ({@code block.*}).
   */
  Set<String> candidates(MetricInfo.Kind kind) {
    Set<String> out = new LinkedHashSet<>();
    for (Known k : known) {
      MetricInfo m = k.info();
      if (m.kind() != kind) continue;
      MetricInfo bound = k.bound();
      out.add(bound.pattern());
      if (!bound.labels().isEmpty()) out.add(bound.glob());
      // the globs a chart would use: block.*, weight.Market.*
      String name = bound.pattern();
      for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
        out.add(name.substring(0, dot) + ".*");
      }
      List<String> labels = bound.labels();
      if (labels.size() == 1) {
        Set<String> values = k.only().getOrDefault(labels.get(0), names);
        for (String n : values) out.add(bound.bind(labels.get(0), n).pattern());
      }
    }
    return out;
  }
}
