package dev.palletsim.examples;

import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable outputs of a run: {@code metrics.csv} (one row per block, one column per
 * series), {@code metrics.json} (series with their units, counters, expectations and result) and
 * {@code run.json} (wall time and the environment); the long-form tables are {@link LongTables}'.
 * The first two hold nothing that depends on the machine or the clock, so the same scenario and
 * seed give byte-identical files; wall time lives only in {@code run.json}.
 */
final class MetricsFiles {
  static final String UNDECIDED = "an expectation was not decided by the end of the run";

  private MetricsFiles() {}

  /**
   * The CSV: {@code block} then each series in first-recorded order; empty cells where unsampled.
   */
  static String csv(Metrics metrics, long lastBlock) {
    StringWriter out = new StringWriter();
    try {
      csv(metrics, lastBlock, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@link #csv(Metrics, long)} written to {@code out} row by row. */
  static void csv(Metrics metrics, long lastBlock, Writer out) throws IOException {
    List<String> names = metrics.seriesNames().toJavaList();
    StringBuilder row = new StringBuilder("block");
    for (String n : names) row.append(',').append(LongTables.field(n));
    out.write(row.append('\n').toString());
    int rows = (int) Math.max(0, lastBlock);
    List<double[]> columns = new ArrayList<>();
    for (String n : names) columns.add(column(metrics.series(n), rows));
    for (int b = 1; b <= rows; b++) {
      row.setLength(0);
      row.append(b);
      for (double[] c : columns) row.append(',').append(Numbers.format(c[b]));
      out.write(row.append('\n').toString());
    }
  }

  /** A series as values indexed by block (NaN where it has no sample; the last sample wins). */
  static double[] column(Metrics.Series s, int lastBlock) {
    double[] out = new double[lastBlock + 1];
    Arrays.fill(out, Double.NaN);
    for (int i = 0; i < s.size(); i++) {
      long b = s.block(i);
      if (b >= 1 && b <= lastBlock) out[(int) b] = s.value(i);
    }
    return out;
  }

  /** The JSON of a run: the scenario, the result, expectations, summaries, counters and series. */
  static String json(RunReport report) {
    Map<String, Object> root = summary(report);
    Metrics m = report.metrics();
    Map<String, Object> series = new LinkedHashMap<>();
    for (String name : m.seriesNames()) {
      Metrics.Series s = m.series(name);
      List<Object> bs = new ArrayList<>(s.size());
      List<Object> vs = new ArrayList<>(s.size());
      boolean contiguous = true;
      for (int i = 0; i < s.size(); i++) {
        bs.add(s.block(i));
        vs.add(s.value(i));
        contiguous &= i == 0 || s.block(i) == s.block(i - 1) + 1;
      }
      Map<String, Object> data = new LinkedHashMap<>();
      // a series sampled every block gives its first block only; others give every sample's block
      if (contiguous && s.size() > 0) data.put("from", s.block(0));
      else data.put("blocks", bs);
      data.put("values", vs);
      series.put(name, data);
    }
    root.put("series", series);
    return Json.write(root);
  }

  /**
   * Everything {@code metrics.json} says but the series' samples: the scenario, seed, run length,
   * result, expectations, agents' status, each series' summary (with its unit, declared metric and
   * labels), counters and their units. Nothing in it depends on the machine or the clock.
   */
  static Map<String, Object> summary(RunReport report) {
    SimulationResult r = report.result();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenario", report.scenario().name());
    root.put("preset", report.scenario().presetName());
    root.put("seed", report.seed());
    Map<String, Object> blocks = new LinkedHashMap<>();
    blocks.put("requested", report.blocksRequested());
    blocks.put("run", r.blocksRun());
    blocks.put("last", r.lastBlock());
    root.put("blocks", blocks);
    root.put("sessions", report.sessions());
    root.put("passed", report.passed());
    // without the file's path, which depends on where the run was started
    root.put("failure", report.passed() ? null : r.failure().getOrElse(UNDECIDED));
    root.put(
        "failedLine",
        report.firstFailed().map(i -> report.scenario().expectations().get(i).line()).orElse(null));
    root.put("finalStateHash", r.finalStateHash());
    List<Object> expectations = new ArrayList<>();
    for (int i = 0; i < r.expectations().size(); i++) {
      var spec = report.scenario().expectations().get(i);
      Verdict v = r.expectations().get(i).verdict();
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("line", spec.line());
      e.put("expectation", spec.description());
      e.put("status", status(v));
      e.put(
          "block",
          v instanceof Verdict.Met m
              ? (Object) m.block()
              : v instanceof Verdict.Failed f ? (Object) f.block() : null);
      e.put("message", v instanceof Verdict.Failed f ? f.message() : null);
      expectations.add(e);
    }
    root.put("expectations", expectations);
    root.put("agents", new LinkedHashMap<>(r.agents()));
    Metrics m = r.metrics();
    ScenarioMetrics meta = ScenarioMetrics.of(report.scenario());
    Map<String, Object> summary = new LinkedHashMap<>();
    for (String name : m.seriesNames()) {
      Metrics.Series s = m.series(name);
      Map<String, Object> sum = new LinkedHashMap<>();
      ScenarioMetrics.Named named = meta.named(MetricInfo.Kind.SERIES, name);
      sum.put("probe", report.seriesProbes().getOrDefault(name, "agent"));
      sum.put("unit", named.unit());
      sum.put("metric", named.metric());
      if (!named.labels().isEmpty()) sum.put("labels", new LinkedHashMap<>(named.labels()));
      sum.put("samples", s.size());
      sum.put("last", s.last());
      sum.put("mean", s.mean());
      sum.put("max", s.max());
      sum.put("min", min(s));
      summary.put(name, sum);
    }
    root.put("summary", summary);
    root.put("counters", new LinkedHashMap<>(m.counters()));
    Map<String, Object> counterUnits = new LinkedHashMap<>();
    for (String c : m.counters().keySet()) {
      counterUnits.put(c, meta.named(MetricInfo.Kind.COUNTER, c).unit());
    }
    root.put("counterUnits", counterUnits);
    return root;
  }

  /** The run's environment-dependent facts: wall time, speed, when and where it ran. */
  static String runJson(RunReport report, String startedAt, List<String> arguments) {
    SimulationResult r = report.result();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("scenarioFile", report.scenario().file());
    root.put("arguments", arguments);
    root.put("startedAt", startedAt);
    root.put("wallMillis", r.wallMillis());
    root.put("blocksPerSecond", blocksPerSecond(r));
    root.put("java", System.getProperty("java.version"));
    root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    root.put("processors", Runtime.getRuntime().availableProcessors());
    return Json.write(root);
  }

  static double blocksPerSecond(SimulationResult r) {
    return r.wallMillis() <= 0
        ? Double.NaN
        : Math.round(r.blocksRun() * 10_000.0 / r.wallMillis()) / 10.0;
  }

  static double min(Metrics.Series s) {
    double m = Double.NaN;
    for (int i = 0; i < s.size(); i++) m = Double.isNaN(m) ? s.value(i) : Math.min(m, s.value(i));
    return m;
  }

  static String status(Verdict v) {
    if (v instanceof Verdict.Met) return "met";
    if (v instanceof Verdict.Failed) return "failed";
    return "pending";
  }
}
