package dev.palletsim.examples;

import dev.palletsim.runtime.Presets;
import dev.palletsim.runtime.RuntimePreset;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.Agents;
import dev.palletsim.sim.MetricCatalog;
import dev.palletsim.sim.MetricInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code palletsim list}: what scenario files can name, read from the registries the reader uses
 * (presets, agent types, metric probes) and from one preset's runtime (calls with their arguments,
 * events with their fields, storage items with their key and value types, errors).
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Lists what scenario files can name, with documented parameters.",
      "Topics: presets, agents, metrics (the default three; metrics also explains every series, counter and agent status), and for one preset: settings (the overrides it accepts, with its values), calls, events, storage, errors."
    })
final class ListCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "<topic>",
      description = "presets, agents, metrics, settings, calls, events, storage, errors")
  List<String> topics = new ArrayList<>();

  @Option(
      names = "--preset",
      paramLabel = "NAME",
      description =
          "the preset whose settings, calls, events, storage and errors to list (default: the first registered)")
  String preset;

  private final Main main;

  ListCommand(Main main) {
    this.main = main;
  }

  @Override
  public Integer call() {
    List<String> all =
        List.of("presets", "agents", "metrics", "settings", "calls", "events", "storage", "errors");
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
        case "settings" -> settings(out, p);
        case "calls" -> calls(out, catalog, presetName);
        case "events" -> events(out, catalog, presetName);
        case "storage" -> storage(out, catalog, presetName);
        default -> errors(out, catalog, presetName);
      }
    }
    main.out.print(out);
    return Main.PASSED;
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
          .forEach((k, v) -> out.append("        ").append(k).append(": ").append(v).append('\n'));
    }
  }

  private static void settings(StringBuilder out, RuntimePreset p) {
    out.append("settings of preset ")
        .append(p.name())
        .append(" (overrides: {<section>: {<setting>: <value>}}), with the preset's values\n");
    p.settings()
        .forEach(
            (section, values) -> {
              out.append("  ").append(section).append('\n');
              List<String[]> rows = new ArrayList<>();
              values.forEach((k, v) -> rows.add(new String[] {"  " + k, v}));
              columns(out, rows);
            });
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
    out.append("metric probes (metrics:), each with the series and counters it records\n");
    for (MetricCatalog.Entry e : MetricCatalog.all().values()) {
      String arg =
          e.argument() == MetricCatalog.Argument.NONE ? "" : "(<" + e.argumentLabel() + ">)";
      out.append("  ")
          .append(e.name())
          .append(arg)
          .append("  ")
          .append(e.description())
          .append('\n');
      metricRows(out, e.metrics());
    }
    out.append(
        "\nwhat agents record (counters sum over the agents of a type; <agent> is an agent's name)"
            + " and what their status says\n");
    out.append("  every agent\n");
    metricRows(out, AgentContext.METRICS);
    for (AgentType t : Agents.all().values()) {
      out.append("  ").append(t.type()).append('\n');
      metricRows(out, t.metrics());
      if (!t.statusHelp().isEmpty()) {
        out.append("      status: ").append(t.statusHelp()).append('\n');
      }
    }
  }

  /** One line per metric: name, kind and unit, meaning. */
  private static void metricRows(StringBuilder out, List<MetricInfo> metrics) {
    List<String[]> rows = new ArrayList<>();
    for (MetricInfo m : metrics) {
      rows.add(
          new String[] {
            "    " + m.pattern(),
            (m.isCounter() ? "counter, " : "series, ") + m.unit() + "  " + m.description()
          });
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
