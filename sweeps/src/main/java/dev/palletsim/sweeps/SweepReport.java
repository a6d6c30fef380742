package dev.palletsim.sweeps;

import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page per sweep: its question, the verdict, the grid
 * (axes, seeds, runs by status, timing), every aggregate expectation with its verdict, the charts,
 * the summary per point and metric (mean, standard deviation, 95% interval), the failed runs with
 * their seeds and errors, how to query the results, and the sweep file itself.
 */
final class SweepReport {
  private static final int MAX_FAILED_ROWS = 200;

  private SweepReport() {}

  /**
   * Timing of the sweep (never in the result tables).
   *
   * @param engine the engine's name
   * @param parallelism its parallelism
   * @param runsMade runs made by this invocation (not reused by {@code --resume})
   * @param seconds wall-clock seconds of the runs
   * @param cpuSeconds CPU seconds this process spent meanwhile, on every thread (NaN if unknown)
   * @param cost what the made runs cost on their own threads, and this JVM's collector and JIT
   *     compiler meanwhile
   */
  record Timing(
      String engine,
      int parallelism,
      int runsMade,
      double seconds,
      double cpuSeconds,
      SweepCost cost) {
    double rate() {
      return seconds <= 0 ? 0 : runsMade / seconds;
    }

    /**
     * {@code 100 made in 50.6 s (1.98 runs/s, 96.1 s of CPU); per run 0.198 s of CPU on its thread,
     * 208.2 MB allocated; GC pauses 1.3 s, JIT compiling 22.4 s}.
     */
    String describe() {
      if (runsMade == 0) return "none made (every run was in the journal)";
      return String.format(
              Locale.ROOT,
              "%d made in %.1f s (%.2f runs/s%s)",
              runsMade,
              seconds,
              rate(),
              Double.isNaN(cpuSeconds)
                  ? ""
                  : String.format(Locale.ROOT, ", %.1f s of CPU", cpuSeconds))
          + cost.describe();
    }
  }

  static String render(
      Sweep sweep,
      ResultTables tables,
      List<AggregateCheck> checks,
      List<SweepCharts.Written> charts,
      Timing timing) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc(sweep.name()))
        .append(" · palletsim sweep</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\n"
                + "h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}\n"
                + "table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .8em;text-align:left;border-bottom:1px solid #eee;vertical-align:top}\n"
                + "td.num{text-align:right;font-variant-numeric:tabular-nums}code,pre{font-family:ui-monospace,monospace;font-size:.92em}\n"
                + ".met{color:#1a7f37}.failed{color:#cf222e}.banner{padding:.6em 1em;border-radius:4px;margin:1em 0}\n"
                + ".banner.met{background:#dafbe1}.banner.failed{background:#ffebe9}figure{margin:1.5em 0}img{max-width:100%;border:1px solid #eee}\n"
                + "pre{background:#f6f8fa;padding:1em;overflow:auto}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(esc(sweep.name()))
        .append("</h1>\n");
    if (!sweep.description().isEmpty()) {
      h.append("<p>").append(esc(sweep.description())).append("</p>\n");
    }
    long errors = tables.count(RunRecord.Status.ERROR);
    boolean passed = errors == 0 && checks.stream().allMatch(AggregateCheck::held);
    h.append("<div class=\"banner ")
        .append(passed ? "met" : "failed")
        .append("\"><strong>")
        .append(passed ? "PASSED" : "FAILED")
        .append("</strong>");
    if (errors > 0) h.append(": ").append(errors).append(" runs threw an error");
    h.append("</div>\n");

    h.append("<h2>Sweep</h2>\n<table>\n");
    row(h, "sweep file", "<code>" + esc(sweep.job().file()) + "</code>");
    row(
        h,
        "base scenario",
        "<code>"
            + esc(sweep.scenarioFile())
            + "</code> ("
            + esc(sweep.base().name())
            + ", preset <code>"
            + esc(sweep.base().presetName())
            + "</code>)");
    row(h, "points", String.valueOf(sweep.pointCount()));
    row(h, "seeds", sweep.seeds().size() + " (" + seeds(sweep.seeds()) + ")");
    row(
        h,
        "runs",
        tables.records().size()
            + ": "
            + tables.count(RunRecord.Status.OK)
            + " passed, "
            + tables.count(RunRecord.Status.FAILED)
            + " failed, "
            + errors
            + " errors");
    row(h, "engine", esc(timing.engine()) + ", parallelism " + timing.parallelism());
    row(h, "runs made", esc(timing.describe()));
    h.append("</table>\n");

    h.append("<h2>Axes</h2>\n<table>\n<tr><th>axis</th><th>sets</th><th>values</th></tr>\n");
    for (Axis a : sweep.axes()) {
      h.append("<tr><td><code>")
          .append(esc(a.name()))
          .append("</code></td><td><code>")
          .append(esc(a.target().text()))
          .append("</code></td><td>")
          .append(esc(String.join(", ", a.values().stream().map(AxisValue::text).toList())))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>Expectations</h2>\n");
    if (checks.isEmpty()) {
      h.append("<p>The sweep states no expectations over its aggregate.</p>\n");
    } else {
      h.append("<table>\n<tr><th></th><th>expectation</th><th>line</th><th>outcome</th></tr>\n");
      for (AggregateCheck c : checks) {
        h.append("<tr><td class=\"")
            .append(c.held() ? "met" : "failed")
            .append("\">")
            .append(c.held() ? "✓" : "✗")
            .append("</td><td>")
            .append(esc(c.expectation().description()))
            .append("</td><td>")
            .append(c.expectation().line())
            .append("</td><td>")
            .append(esc(c.detail()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    if (!charts.isEmpty()) {
      h.append("<h2>Charts</h2>\n");
      for (SweepCharts.Written c : charts) {
        if (c.file() == null) {
          h.append("<p>").append(esc(c.warning())).append("</p>\n");
          continue;
        }
        h.append("<figure><img src=\"")
            .append(esc(c.file()))
            .append("\" alt=\"")
            .append(esc(c.chart().title()))
            .append("\"><figcaption>")
            .append(esc(c.chart().title()))
            .append(": the mean across seeds, the band its 95% interval</figcaption></figure>\n");
      }
    }

    h.append(
        "<h2>Summary</h2>\n<p>Over the seeds whose run passed, per point: mean, sample standard deviation and the 95% confidence interval of the mean (Student's t).</p>\n<table>\n<tr>");
    for (Axis a : sweep.axes()) h.append("<th>").append(esc(a.name())).append("</th>");
    h.append("<th>metric</th><th>runs</th><th>mean</th><th>sd</th><th>95% interval</th></tr>\n");
    var points = sweep.points();
    for (ResultTables.SummaryRow r : tables.summary()) {
      h.append("<tr>");
      for (AxisValue v : points.get(r.point()).values()) {
        h.append("<td>").append(esc(v.text())).append("</td>");
      }
      Stats s = r.stats();
      h.append("<td><code>")
          .append(esc(r.metric()))
          .append("</code></td><td class=\"num\">")
          .append(s.n())
          .append("</td><td class=\"num\">")
          .append(esc(SweepSummary.human(s.mean())))
          .append("</td><td class=\"num\">")
          .append(esc(SweepSummary.human(s.sd())))
          .append("</td><td class=\"num\">")
          .append(esc(SweepSummary.interval(s)))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");

    List<RunRecord> failed =
        tables.records().stream().filter(r -> r.status() != RunRecord.Status.OK).toList();
    if (!failed.isEmpty()) {
      h.append(
          "<h2>Failed runs</h2>\n<table>\n<tr><th>point</th><th>seed</th><th>status</th><th>why</th></tr>\n");
      for (RunRecord r : failed.subList(0, Math.min(MAX_FAILED_ROWS, failed.size()))) {
        h.append("<tr><td>")
            .append(esc(points.get(r.point()).describe(sweep.axes())))
            .append("</td><td>")
            .append(r.seed())
            .append("</td><td class=\"failed\">")
            .append(r.status().word())
            .append("</td><td>")
            .append(esc(r.message()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
      if (failed.size() > MAX_FAILED_ROWS) {
        h.append("<p>… and ")
            .append(failed.size() - MAX_FAILED_ROWS)
            .append(" more in runs.csv.</p>\n");
      }
    }

    h.append("<h2>Files</h2>\n<p>");
    for (String f : ResultsStore.FILES) {
      h.append("<a href=\"").append(f).append("\"><code>").append(f).append("</code></a> ");
    }
    h.append("</p>\n<pre>")
        .append(
            esc(
                "duckdb results.duckdb \"SELECT metric, avg(value), stddev(value) FROM results"
                    + " WHERE block IS NULL GROUP BY ALL\"\n"
                    + "python -c \"import pandas as pd; print(pd.read_parquet('results.parquet')"
                    + ".groupby(['point', 'metric']).value.describe())\""))
        .append("</pre>\n");
    h.append("<h2>Sweep file</h2>\n<pre>").append(esc(sweep.job().text())).append("</pre>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  /** The seeds as {@code 1 to 20} when consecutive, else listed. */
  static String seeds(List<Long> seeds) {
    boolean consecutive = seeds.size() > 2;
    for (int i = 1; i < seeds.size(); i++) consecutive &= seeds.get(i) == seeds.get(i - 1) + 1;
    if (consecutive) return seeds.get(0) + " to " + seeds.get(seeds.size() - 1);
    return String.join(", ", seeds.stream().map(String::valueOf).toList());
  }

  private static void row(StringBuilder h, String key, String value) {
    h.append("<tr><th>").append(esc(key)).append("</th><td>").append(value).append("</td></tr>\n");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
