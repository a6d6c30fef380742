package dev.palletsim.examples;

import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Verdict;
import java.util.List;

/**
 * {@code report.html}: one self-contained page per run that ties the outputs together: the
 * scenario's description, the summary, every expectation with its verdict and line, the agents, the
 * metric summaries and counters, the charts as images, links to the CSV and JSON files, and the
 * scenario file itself.
 */
final class HtmlReport {
  private HtmlReport() {}

  static String render(RunReport report, List<Charts.Written> charts, List<String> files) {
    SimulationResult r = report.result();
    Scenario s = report.scenario();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<title>")
        .append(esc(s.name()))
        .append(" (seed ")
        .append(report.seed())
        .append(") · palletsim</title>\n");
    h.append(
        "<style>\n"
            + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}\n"
            + "h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}\n"
            + "table{border-collapse:collapse;margin:.5em 0}td,th{padding:.25em .8em;text-align:left;border-bottom:1px solid #eee;vertical-align:top}\n"
            + "td.num{text-align:right;font-variant-numeric:tabular-nums}code,pre{font-family:ui-monospace,monospace;font-size:.92em}\n"
            + ".met{color:#1a7f37}.failed{color:#cf222e}.pending{color:#888}.banner{padding:.6em 1em;border-radius:4px;margin:1em 0}\n"
            + ".banner.met{background:#dafbe1}.banner.failed{background:#ffebe9}figure{margin:1.5em 0}img{max-width:100%;border:1px solid #eee}\n"
            + "pre{background:#f6f8fa;padding:1em;overflow:auto}\n"
            + "</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(s.name())).append("</h1>\n");
    if (!s.description().isEmpty()) h.append("<p>").append(esc(s.description())).append("</p>\n");
    boolean passed = report.passed();
    h.append("<div class=\"banner ")
        .append(passed ? "met" : "failed")
        .append("\"><strong>")
        .append(passed ? "PASSED" : "FAILED")
        .append("</strong>");
    report.failureMessage().ifPresent(f -> h.append(": ").append(esc(f)));
    h.append("</div>\n");

    h.append("<h2>Summary</h2>\n<table>\n");
    row(h, "scenario file", "<code>" + esc(s.file()) + "</code>");
    row(h, "preset", "<code>" + esc(s.presetName()) + "</code>");
    row(h, "seed", String.valueOf(report.seed()));
    row(
        h,
        "blocks",
        r.blocksRun() + " of " + report.blocksRequested() + " (last block #" + r.lastBlock() + ")");
    row(h, "sessions", "ended in session " + report.sessions());
    row(h, "wall time", String.format(java.util.Locale.ROOT, "%.2f s", r.wallMillis() / 1000.0));
    row(h, "blocks/s", esc(Numbers.human(MetricsFiles.blocksPerSecond(r))));
    row(h, "final state hash", "<code>" + esc(r.finalStateHash()) + "</code>");
    h.append("</table>\n");

    h.append("<h2>Expectations</h2>\n");
    if (r.expectations().isEmpty()) {
      h.append("<p>The scenario states no expectations.</p>\n");
    } else {
      h.append("<table>\n<tr><th></th><th>expectation</th><th>line</th><th>outcome</th></tr>\n");
      for (int i = 0; i < r.expectations().size(); i++) {
        Verdict v = r.expectations().get(i).verdict();
        var spec = s.expectations().get(i);
        String cls = MetricsFiles.status(v);
        String mark =
            v instanceof Verdict.Met
                ? SummaryTable.MET
                : v instanceof Verdict.Failed ? SummaryTable.FAILED : SummaryTable.PENDING;
        String outcome =
            v instanceof Verdict.Met m
                ? "met at block " + m.block()
                : v instanceof Verdict.Failed f
                    ? "failed at block " + f.block() + ": " + esc(f.message())
                    : "not decided (the run stopped first)";
        h.append("<tr class=\"")
            .append(cls)
            .append("\"><td>")
            .append(mark)
            .append("</td><td><code>")
            .append(esc(spec.description()))
            .append("</code></td><td class=\"num\">")
            .append(spec.line())
            .append("</td><td>")
            .append(outcome)
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    if (!r.agents().isEmpty()) {
      h.append(
          "<h2>Agents</h2>\n<table>\n<tr><th>agent</th><th>type</th><th>final status</th></tr>\n");
      for (Scenario.AgentSpec a : s.agents()) {
        h.append("<tr><td><code>")
            .append(esc(a.name()))
            .append("</code></td><td>")
            .append(esc(a.type().type()))
            .append("</td><td>")
            .append(esc(r.agents().getOrDefault(a.name(), "")))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    Metrics m = r.metrics();
    ScenarioMetrics meta = ScenarioMetrics.of(s);
    if (!m.seriesNames().isEmpty()) {
      h.append(
          "<h2>Metrics</h2>\n<table>\n<tr><th>series</th><th>probe</th><th>last</th><th>mean</th><th>max</th><th>unit</th></tr>\n");
      for (String name : m.seriesNames()) {
        Metrics.Series series = m.series(name);
        ScenarioMetrics.Named named = meta.named(MetricInfo.Kind.SERIES, name);
        h.append("<tr><td><code title=\"")
            .append(esc(named.description()))
            .append("\">")
            .append(esc(name))
            .append("</code></td><td>")
            .append(esc(report.seriesProbes().getOrDefault(name, "agent")))
            .append("</td>");
        for (double v : new double[] {series.last(), series.mean(), series.max()}) {
          h.append("<td class=\"num\">").append(esc(Numbers.human(v))).append("</td>");
        }
        h.append("<td>").append(esc(named.unit())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    if (!m.counters().isEmpty()) {
      h.append(
          "<h2>Counters</h2>\n<table>\n<tr><th>counter</th><th>total</th><th>unit</th></tr>\n");
      m.counters()
          .forEach(
              (k, v) -> {
                ScenarioMetrics.Named named = meta.named(MetricInfo.Kind.COUNTER, k);
                h.append("<tr><td><code title=\"")
                    .append(esc(named.description()))
                    .append("\">")
                    .append(esc(k))
                    .append("</code></td><td class=\"num\">")
                    .append(esc(Numbers.human(v)))
                    .append("</td><td>")
                    .append(esc(named.unit()))
                    .append("</td></tr>\n");
              });
      h.append("</table>\n");
    }
    if (!m.seriesNames().isEmpty() || !m.counters().isEmpty()) {
      h.append(
          "<p>Hover a name for what it measures; <code>palletsim list metrics</code> explains"
              + " every series, counter and agent status.</p>\n");
    }

    h.append("<h2>Charts</h2>\n");
    boolean any = false;
    for (Charts.Written c : charts) {
      if (c.file() == null) {
        h.append("<p class=\"pending\">").append(esc(c.warning())).append("</p>\n");
        continue;
      }
      any = true;
      h.append("<figure><img src=\"")
          .append(esc(c.file()))
          .append("\" alt=\"")
          .append(esc(c.spec().title()))
          .append("\"><figcaption>")
          .append(esc(c.spec().title()))
          .append(": ")
          .append(esc(String.join(", ", c.names())))
          .append("</figcaption></figure>\n");
    }
    if (!any) h.append("<p>No charts: the run recorded no series or counters.</p>\n");

    h.append("<h2>Files</h2>\n<ul>\n");
    for (String f : files) {
      h.append("<li><a href=\"").append(esc(f)).append("\">").append(esc(f)).append("</a></li>\n");
    }
    h.append("</ul>\n");
    h.append("<h2>Scenario file</h2>\n<pre>").append(esc(s.source())).append("</pre>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String key, String valueHtml) {
    h.append("<tr><th>")
        .append(esc(key))
        .append("</th><td>")
        .append(valueHtml)
        .append("</td></tr>\n");
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
