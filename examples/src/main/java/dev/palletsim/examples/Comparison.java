package dev.palletsim.examples;

import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The comparison of a scenario's variants (the same agents, steps and seed under different
 * configurations, e.g. both settlement regimes): {@code comparison.csv} with every compared series
 * of every variant side by side, {@code comparison-long.csv} and {@code comparison-counters.csv}
 * (tidy, with a variant column and units), one overlay chart per compared series, a summary table,
 * and an index {@code report.html} linking each variant's own report.
 */
final class Comparison {
  private Comparison() {}

  /** The series to compare: those recorded by every variant that match the scenario's globs. */
  static List<String> series(Scenario scenario, List<RunReport> reports) {
    Set<String> common = null;
    for (RunReport r : reports) {
      Set<String> names = new LinkedHashSet<>(r.metrics().seriesNames().toJavaList());
      if (common == null) common = names;
      else common.retainAll(names);
    }
    List<String> out = new ArrayList<>();
    if (common == null) return out;
    for (String n : common) {
      if (scenario.compare().isEmpty() || ChartSpec.matches(scenario.compare(), n)) out.add(n);
    }
    return out;
  }

  /**
   * The counters to compare: those any variant counted that match the scenario's globs (every
   * counter without {@code compare:}).
   */
  static List<String> counters(Scenario scenario, List<RunReport> reports) {
    Set<String> all = new java.util.TreeSet<>();
    for (RunReport r : reports) all.addAll(r.metrics().counters().keySet());
    List<String> out = new ArrayList<>();
    for (String c : all) {
      if (scenario.compare().isEmpty() || ChartSpec.matches(scenario.compare(), c)) out.add(c);
    }
    return out;
  }

  /** Writes the comparison files into {@code dir}; returns the chart file names. */
  static List<String> write(
      Scenario scenario, List<RunReport> reports, Path dir, int width, int height)
      throws IOException {
    Files.createDirectories(dir);
    List<String> names = series(scenario, reports);
    long last = 0;
    for (RunReport r : reports) last = Math.max(last, r.result().lastBlock());
    Files.writeString(
        dir.resolve("comparison.csv"), csv(scenario, reports, names, last), StandardCharsets.UTF_8);
    try (java.io.Writer w =
        Files.newBufferedWriter(dir.resolve("comparison-long.csv"), StandardCharsets.UTF_8)) {
      LongTables.comparison(scenario, reports, names, last, w);
    }
    try (java.io.Writer w =
        Files.newBufferedWriter(dir.resolve("comparison-counters.csv"), StandardCharsets.UTF_8)) {
      LongTables.comparisonCounters(scenario, reports, counters(scenario, reports), w);
    }
    ScenarioMetrics meta = ScenarioMetrics.of(scenario);
    List<String> charts = new ArrayList<>();
    for (String n : names) {
      String unit = meta.unit(MetricInfo.Kind.SERIES, n);
      XYChart chart =
          new XYChartBuilder()
              .width(width)
              .height(height)
              .title(n + ": " + variantList(scenario))
              .xAxisTitle("block")
              .yAxisTitle(unit.isEmpty() ? n : n + " (" + unit + ")")
              .build();
      chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
      chart.getStyler().setPlotBorderVisible(false);
      chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < reports.size(); i++) {
        double[][] xy = Charts.envelope(reports.get(i).metrics().series(n));
        if (xy[0].length == 0) continue;
        chart
            .addSeries(scenario.variants().get(i).name(), xy[0], xy[1])
            .setMarker(SeriesMarkers.NONE);
        for (double y : xy[1]) {
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        }
      }
      Charts.roundAxes(chart.getStyler(), 0, Math.max(1, last), lo, hi);
      String file = "chart-compare-" + n.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
      Files.write(
          dir.resolve(file), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
      charts.add(file);
    }
    Files.writeString(
        dir.resolve("report.html"), html(scenario, reports, names, charts), StandardCharsets.UTF_8);
    return charts;
  }

  private static String variantList(Scenario scenario) {
    return String.join(" vs ", scenario.variants().stream().map(Scenario.Variant::name).toList());
  }

  static String csv(Scenario scenario, List<RunReport> reports, List<String> names, long last) {
    StringBuilder out = new StringBuilder("block");
    List<double[]> columns = new ArrayList<>();
    for (String n : names) {
      for (int i = 0; i < reports.size(); i++) {
        out.append(',').append(n).append('@').append(scenario.variants().get(i).name());
        columns.add(MetricsFiles.column(reports.get(i).metrics().series(n), (int) last));
      }
    }
    out.append('\n');
    for (int b = 1; b <= last; b++) {
      out.append(b);
      for (double[] c : columns) out.append(',').append(Numbers.format(c[b]));
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * The comparison's summary: per compared series, each variant's last, mean and max, and per
   * compared counter each variant's total, with units.
   */
  static String table(Scenario scenario, List<RunReport> reports) {
    List<String> names = series(scenario, reports);
    List<String> counters = counters(scenario, reports);
    ScenarioMetrics meta = ScenarioMetrics.of(scenario);
    int width = "series".length();
    for (String n : names) width = Math.max(width, n.length());
    for (String n : counters) width = Math.max(width, n.length());
    int vw = "variant".length();
    for (Scenario.Variant v : scenario.variants()) vw = Math.max(vw, v.name().length());
    StringBuilder out =
        new StringBuilder("\ncomparison of variants (" + variantList(scenario) + ")\n");
    String row = "  %-" + width + "s  %-" + vw + "s  %14s  %14s  %14s  %s%n";
    if (!names.isEmpty()) {
      out.append(String.format(row, "series", "variant", "last", "mean", "max", "unit"));
    }
    for (String n : names) {
      String unit = meta.unit(MetricInfo.Kind.SERIES, n);
      for (int i = 0; i < reports.size(); i++) {
        Metrics.Series s = reports.get(i).metrics().series(n);
        out.append(
            String.format(
                    row,
                    i == 0 ? n : "",
                    scenario.variants().get(i).name(),
                    Numbers.format(round(s.last())),
                    Numbers.format(round(s.mean())),
                    Numbers.format(round(s.max())),
                    i == 0 ? unit : "")
                .replaceAll(" +(\\R)", "$1"));
      }
    }
    if (!counters.isEmpty()) {
      String crow = "  %-" + width + "s  %-" + vw + "s  %14s  %s%n";
      out.append(String.format(crow, "counter", "variant", "total", "unit"));
      for (String c : counters) {
        String unit = meta.unit(MetricInfo.Kind.COUNTER, c);
        for (int i = 0; i < reports.size(); i++) {
          out.append(
              String.format(
                      crow,
                      i == 0 ? c : "",
                      scenario.variants().get(i).name(),
                      Numbers.format(reports.get(i).metrics().counter(c)),
                      i == 0 ? unit : "")
                  .replaceAll(" +(\\R)", "$1"));
        }
      }
    }
    return out.toString();
  }

  private static double round(double v) {
    if (!Double.isFinite(v) || v == 0) return v;
    double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
    return scale > 1 ? Math.round(v * scale) / scale : Math.round(v);
  }

  private static String html(
      Scenario scenario, List<RunReport> reports, List<String> names, List<String> charts) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(HtmlReport.esc(scenario.name()))
        .append(" · variants · palletsim</title>\n")
        .append(
            "<style>body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}")
        .append(
            "table{border-collapse:collapse}td,th{padding:.25em .8em;text-align:left;border-bottom:1px solid #eee}")
        .append(
            "td.num{text-align:right;font-variant-numeric:tabular-nums}img{max-width:100%;border:1px solid #eee}")
        .append(".met{color:#1a7f37}.failed{color:#cf222e}</style>\n</head>\n<body>\n");
    h.append("<h1>")
        .append(HtmlReport.esc(scenario.name()))
        .append(": ")
        .append(HtmlReport.esc(variantList(scenario)))
        .append("</h1>\n");
    if (!scenario.description().isEmpty())
      h.append("<p>").append(HtmlReport.esc(scenario.description())).append("</p>\n");
    h.append(
        "<h2>Variants</h2>\n<table>\n<tr><th>variant</th><th>what it changes</th><th>result</th><th>state hash</th><th>report</th></tr>\n");
    for (int i = 0; i < reports.size(); i++) {
      Scenario.Variant v = scenario.variants().get(i);
      RunReport r = reports.get(i);
      h.append("<tr><td>")
          .append(HtmlReport.esc(v.name()))
          .append("</td><td>")
          .append(HtmlReport.esc(v.description()))
          .append("</td><td class=\"")
          .append(r.passed() ? "met\">passed" : "failed\">failed")
          .append("</td><td><code>")
          .append(r.result().finalStateHash())
          .append("</code></td><td><a href=\"")
          .append(HtmlReport.esc(v.name()))
          .append("/report.html\">")
          .append(HtmlReport.esc(v.name()))
          .append("/report.html</a></td></tr>\n");
    }
    ScenarioMetrics meta = ScenarioMetrics.of(scenario);
    h.append(
        "</table>\n<h2>Compared series</h2>\n<table>\n<tr><th>series</th><th>variant</th><th>last</th><th>mean</th><th>max</th><th>unit</th></tr>\n");
    for (String n : names) {
      String unit = meta.unit(MetricInfo.Kind.SERIES, n);
      for (int i = 0; i < reports.size(); i++) {
        Metrics.Series s = reports.get(i).metrics().series(n);
        h.append("<tr><td>")
            .append(i == 0 ? HtmlReport.esc(n) : "")
            .append("</td><td>")
            .append(HtmlReport.esc(scenario.variants().get(i).name()))
            .append("</td><td class=\"num\">")
            .append(Numbers.format(s.last()))
            .append("</td><td class=\"num\">")
            .append(Numbers.format(round(s.mean())))
            .append("</td><td class=\"num\">")
            .append(Numbers.format(s.max()))
            .append("</td><td>")
            .append(HtmlReport.esc(unit))
            .append("</td></tr>\n");
      }
    }
    List<String> counters = counters(scenario, reports);
    if (!counters.isEmpty()) {
      h.append(
          "</table>\n<h2>Compared counters</h2>\n<table>\n<tr><th>counter</th><th>variant</th><th>total</th><th>unit</th></tr>\n");
      for (String c : counters) {
        String unit = meta.unit(MetricInfo.Kind.COUNTER, c);
        for (int i = 0; i < reports.size(); i++) {
          h.append("<tr><td>")
              .append(i == 0 ? HtmlReport.esc(c) : "")
              .append("</td><td>")
              .append(HtmlReport.esc(scenario.variants().get(i).name()))
              .append("</td><td class=\"num\">")
              .append(reports.get(i).metrics().counter(c))
              .append("</td><td>")
              .append(HtmlReport.esc(unit))
              .append("</td></tr>\n");
        }
      }
    }
    h.append("</table>\n<h2>Charts</h2>\n");
    for (String c : charts)
      h.append("<figure><img src=\"")
          .append(HtmlReport.esc(c))
          .append("\" alt=\"")
          .append(HtmlReport.esc(c))
          .append("\"></figure>\n");
    h.append(
        "<p><a href=\"comparison.csv\">comparison.csv</a> (wide), <a"
            + " href=\"comparison-long.csv\">comparison-long.csv</a> (tidy, with units), <a"
            + " href=\"comparison-counters.csv\">comparison-counters.csv</a></p>\n</body>\n</html>\n");
    return h.toString();
  }
}
