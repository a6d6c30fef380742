package dev.palletsim.examples;

import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code --json} prints on stdout, one JSON document per command, for scripts: a run's summary
 * ({@code metrics.json} without the samples, plus the exit status, wall time and where the outputs
 * are), a comparison of variants, the problems of a scenario that could not run, or what {@code
 * check} found in each file.
 */
final class RunJson {
  private RunJson() {}

  /** The summary of one run whose outputs are in {@code dir}. */
  static String run(RunReport report, RunOutputs.Written written, Path dir, List<String> warnings) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("exitStatus", report.passed() ? Main.PASSED : Main.FAILED);
    root.put("scenarioFile", report.scenario().file());
    root.putAll(runFacts(report, written, dir));
    root.put("warnings", warnings);
    return Json.write(root);
  }

  /** The summary of every variant and their comparison, written to {@code dir}. */
  static String variants(
      Scenario scenario,
      List<RunReport> reports,
      List<RunOutputs.Written> written,
      Path dir,
      List<String> charts,
      List<String> warnings) {
    boolean passed = reports.stream().allMatch(RunReport::passed);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("exitStatus", passed ? Main.PASSED : Main.FAILED);
    root.put("scenarioFile", scenario.file());
    root.put("scenario", scenario.name());
    root.put("preset", scenario.presetName());
    root.put("passed", passed);
    List<Object> variants = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      Scenario.Variant v = scenario.variants().get(i);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("variant", v.name());
      one.put("description", v.description());
      one.putAll(runFacts(reports.get(i), written.get(i), dir.resolve(v.name())));
      variants.add(one);
    }
    root.put("variants", variants);
    ScenarioMetrics meta = ScenarioMetrics.of(scenario);
    Map<String, Object> comparison = new LinkedHashMap<>();
    comparison.put("dir", dir.toString());
    List<String> files = new ArrayList<>(List.of("comparison.csv", "comparison-long.csv"));
    files.addAll(List.of("comparison-counters.csv", "report.html"));
    comparison.put("files", files);
    comparison.put("charts", charts);
    Map<String, Object> series = new LinkedHashMap<>();
    for (String n : Comparison.series(scenario, reports)) {
      Map<String, Object> byVariant = new LinkedHashMap<>();
      for (int i = 0; i < reports.size(); i++) {
        Metrics.Series s = reports.get(i).metrics().series(n);
        Map<String, Object> agg = new LinkedHashMap<>();
        agg.put("last", s.last());
        agg.put("mean", s.mean());
        agg.put("max", s.max());
        byVariant.put(scenario.variants().get(i).name(), agg);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("unit", meta.unit(MetricInfo.Kind.SERIES, n));
      entry.put("variants", byVariant);
      series.put(n, entry);
    }
    comparison.put("series", series);
    Map<String, Object> counters = new LinkedHashMap<>();
    for (String c : Comparison.counters(scenario, reports)) {
      Map<String, Object> byVariant = new LinkedHashMap<>();
      for (int i = 0; i < reports.size(); i++) {
        byVariant.put(scenario.variants().get(i).name(), reports.get(i).metrics().counter(c));
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("unit", meta.unit(MetricInfo.Kind.COUNTER, c));
      entry.put("variants", byVariant);
      counters.put(c, entry);
    }
    comparison.put("counters", counters);
    root.put("comparison", comparison);
    root.put("warnings", warnings);
    return Json.write(root);
  }

  /** {@link MetricsFiles#summary} with the wall time and the outputs. */
  private static Map<String, Object> runFacts(
      RunReport report, RunOutputs.Written written, Path dir) {
    Map<String, Object> root = MetricsFiles.summary(report);
    root.put("wallMillis", report.result().wallMillis());
    root.put("blocksPerSecond", MetricsFiles.blocksPerSecond(report.result()));
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put("dir", dir.toString());
    List<String> files = new ArrayList<>(written.files());
    files.add("report.html");
    outputs.put("files", files);
    List<String> charts = new ArrayList<>();
    for (Charts.Written c : written.charts()) if (c.file() != null) charts.add(c.file());
    outputs.put("charts", charts);
    root.put("outputs", outputs);
    return root;
  }

  /** A run that could not start or finish: its exit status and why. */
  static String problem(int status, String message) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("exitStatus", status);
    root.put("passed", false);
    root.put("failure", message);
    return Json.write(root);
  }

  /** A scenario that could not be read: every problem with its place. */
  static String problems(List<ScenarioException> problems) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("exitStatus", Main.USAGE);
    root.put("passed", false);
    root.put("problems", problemList(problems));
    return Json.write(root);
  }

  /** What {@code check --json} says of a file that reads. */
  static Map<String, Object> checked(Path file, Scenario s, WorkEstimate estimate) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("file", file.toString());
    root.put("ok", true);
    root.put("scenario", s.name());
    root.put("preset", s.presetName());
    root.put("blocks", s.runLength());
    root.put("variants", s.variants().size());
    root.put("expectations", s.expectations().size());
    root.put("workUnits", estimate.work());
    root.put("memoryBytes", estimate.memoryBytes());
    return root;
  }

  /** What {@code check --json} says of a file with problems. */
  static Map<String, Object> failedCheck(Path file, List<ScenarioException> problems) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("file", file.toString());
    root.put("ok", false);
    root.put("problems", problemList(problems));
    return root;
  }

  private static List<Object> problemList(List<ScenarioException> problems) {
    List<Object> out = new ArrayList<>();
    for (ScenarioException p : problems) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("file", p.file());
      one.put("line", p.line() > 0 ? p.line() : null);
      one.put("path", p.path() == null || p.path().isEmpty() ? null : p.path());
      one.put("message", p.detail());
      out.add(one);
    }
    return out;
  }
}
