package dev.palletsim.examples;

import dev.palletsim.runtime.sim.Metrics;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts of a run, drawn with XChart: the charts the scenario declares, or by default one
 * line chart per metric probe (the series it recorded), one per prefix of the series agents
 * recorded, and one bar chart per prefix of the counters ({@code authored.*}). Long series are
 * reduced to a min/max envelope of about 2,000 buckets, which keeps every spike visible.
 */
final class Charts {
  static final int MAX_POINTS = 4_000;

  private Charts() {}

  /**
   * A chart to draw with the names it matched.
   *
   * @param spec what was asked for
   * @param names the series or counters it draws
   */
  record Planned(ChartSpec spec, List<String> names) {}

  /**
   * A chart written to disk, or skipped with a warning.
   *
   * @param spec what was asked for
   * @param file the PNG's file name, or null when skipped
   * @param names what it draws
   * @param warning why it was skipped, or null
   */
  record Written(ChartSpec spec, String file, List<String> names, String warning) {}

  /** The charts of {@code report}: declared ones, else the defaults. */
  static List<Planned> plan(RunReport report) {
    Metrics m = report.metrics();
    List<String> series = m.seriesNames().toJavaList();
    List<String> counters = new ArrayList<>(m.counters().keySet());
    List<ChartSpec> specs =
        report.scenario().charts().isEmpty() ? defaults(report) : report.scenario().charts();
    List<Planned> out = new ArrayList<>();
    for (ChartSpec spec : specs) {
      List<String> names = new ArrayList<>();
      if (spec.isScatter()) {
        for (String x : series) {
          String key = ChartSpec.wildcardPart(spec.scatterX(), x);
          if (key != null && series.contains(spec.scatterY().replace("*", key))) names.add(x);
        }
      } else if (spec.isBar()) {
        for (String c : counters) if (ChartSpec.matches(spec.counters(), c)) names.add(c);
      } else {
        for (String s : series) if (ChartSpec.matches(spec.series(), s)) names.add(s);
      }
      out.add(new Planned(spec, names));
    }
    return out;
  }

  private static List<ChartSpec> defaults(RunReport report) {
    Metrics m = report.metrics();
    List<ChartSpec> out = new ArrayList<>();
    for (Scenario.MetricSpec spec : report.scenario().metrics()) {
      List<String> names = new ArrayList<>();
      for (String s : m.seriesNames())
        if (spec.spec().equals(report.seriesProbes().get(s))) names.add(s);
      if (!names.isEmpty()) {
        out.add(
            new ChartSpec(
                spec.spec() + ": " + spec.entry().description(),
                names,
                List.of(),
                "",
                0,
                spec.spec()));
      }
    }
    if (m.seriesNames().exists(n -> n.startsWith("auction.selection_share."))) {
      out.add(
          ChartSpec.scatter(
              "collator selection share against power share",
              "auction.power_share.*",
              "auction.selection_share.*",
              "share of seats won",
              0,
              "selection-vs-power"));
    }
    Map<String, List<String>> agentGroups = new LinkedHashMap<>();
    for (String s : m.seriesNames()) {
      if (!report.seriesProbes().containsKey(s))
        agentGroups.computeIfAbsent(prefix(s), k -> new ArrayList<>()).add(s);
    }
    agentGroups.forEach(
        (p, names) ->
            out.add(
                new ChartSpec(
                    "series recorded by agents: " + p, names, List.of(), "", 0, "agents-" + p)));
    Map<String, List<String>> counterGroups = new LinkedHashMap<>();
    for (String c : m.counters().keySet())
      counterGroups.computeIfAbsent(prefix(c), k -> new ArrayList<>()).add(c);
    counterGroups.forEach(
        (p, names) ->
            out.add(
                new ChartSpec(
                    "counters: " + p + ".*", List.of(), names, "count", 0, "counters-" + p)));
    return out;
  }

  private static String prefix(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** Draws the planned charts of {@code report} into {@code dir}. */
  static List<Written> write(RunReport report, Path dir, int width, int height) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Written> out = new ArrayList<>();
    for (Planned p : plan(report)) {
      ChartSpec spec = p.spec();
      if (p.names().isEmpty()) {
        String where = spec.line() > 0 ? report.scenario().file() + ":" + spec.line() + ": " : "";
        out.add(
            new Written(
                spec,
                null,
                p.names(),
                where + "chart '" + spec.title() + "' matches nothing this run recorded"));
        continue;
      }
      byte[] png =
          spec.isScatter()
              ? BitmapEncoder.getBitmapBytes(
                  scatter(report.metrics(), spec, p.names(), width, height),
                  BitmapEncoder.BitmapFormat.PNG)
              : spec.isBar()
                  ? BitmapEncoder.getBitmapBytes(
                      bar(report.metrics(), spec, p.names(), width, height),
                      BitmapEncoder.BitmapFormat.PNG)
                  : BitmapEncoder.getBitmapBytes(
                      line(report.metrics(), spec, p.names(), width, height),
                      BitmapEncoder.BitmapFormat.PNG);
      Files.write(dir.resolve(spec.fileName()), png);
      out.add(new Written(spec, spec.fileName(), p.names(), null));
    }
    return out;
  }

  private static XYChart line(
      Metrics metrics, ChartSpec spec, List<String> names, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(spec.title())
            .xAxisTitle("block")
            .yAxisTitle(spec.yAxis())
            .build();
    style(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    chart.getStyler().setXAxisDecimalPattern("#");
    for (String name : names) {
      double[][] xy = envelope(metrics.series(name));
      if (xy[0].length == 0) continue;
      XYSeries s = chart.addSeries(name, xy[0], xy[1]);
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /**
   * Last values of paired series as points (x from {@code scatterX}, y from {@code scatterY}), with
   * the line y = x for reference: e.g. each collator's power share against its selection share.
   */
  private static XYChart scatter(
      Metrics metrics, ChartSpec spec, List<String> xNames, int width, int height) {
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(spec.title())
            .xAxisTitle(spec.scatterX())
            .yAxisTitle(spec.yAxis())
            .build();
    style(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(8);
    double max = 0;
    boolean legend = xNames.size() <= 12;
    List<Double> allX = new ArrayList<>();
    List<Double> allY = new ArrayList<>();
    for (String x : xNames) {
      String key = ChartSpec.wildcardPart(spec.scatterX(), x);
      double xv = metrics.series(x).last();
      double yv = metrics.series(spec.scatterY().replace("*", key)).last();
      if (!Double.isFinite(xv) || !Double.isFinite(yv)) continue;
      max = Math.max(max, Math.max(xv, yv));
      if (legend) {
        chart.addSeries(key, new double[] {xv}, new double[] {yv});
      } else {
        allX.add(xv);
        allY.add(yv);
      }
    }
    if (!legend && !allX.isEmpty()) chart.addSeries("points", allX, allY);
    if (max > 0) {
      XYSeries parity = chart.addSeries("y = x", new double[] {0, max}, new double[] {0, max});
      parity.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      parity.setMarker(SeriesMarkers.NONE);
      parity.setLineColor(Color.GRAY);
    }
    return chart;
  }

  private static CategoryChart bar(
      Metrics metrics, ChartSpec spec, List<String> names, int width, int height) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(spec.title())
            .xAxisTitle("")
            .yAxisTitle(spec.yAxis())
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(names.size() > 6 ? 45 : 0);
    List<Long> values = new ArrayList<>();
    for (String n : names) values.add(metrics.counter(n));
    chart.addSeries("count", new ArrayList<>(names), values);
    return chart;
  }

  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendBorderColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setAntiAlias(true);
  }

  /**
   * The finite samples of {@code s} as x and y arrays; beyond {@link #MAX_POINTS} samples, the
   * minimum and maximum of each of {@code MAX_POINTS / 2} equal buckets, in block order.
   */
  static double[][] envelope(Metrics.Series s) {
    List<double[]> points = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      if (Double.isFinite(s.value(i))) points.add(new double[] {s.block(i), s.value(i)});
    }
    if (points.size() > MAX_POINTS) {
      int buckets = MAX_POINTS / 2;
      List<double[]> reduced = new ArrayList<>();
      for (int b = 0; b < buckets; b++) {
        int from = (int) ((long) points.size() * b / buckets);
        int to = (int) ((long) points.size() * (b + 1) / buckets);
        if (from >= to) continue;
        double[] lo = points.get(from);
        double[] hi = points.get(from);
        for (int i = from; i < to; i++) {
          double[] p = points.get(i);
          if (p[1] < lo[1]) lo = p;
          if (p[1] > hi[1]) hi = p;
        }
        if (lo == hi) {
          reduced.add(lo);
        } else if (lo[0] <= hi[0]) {
          reduced.add(lo);
          reduced.add(hi);
        } else {
          reduced.add(hi);
          reduced.add(lo);
        }
      }
      points = reduced;
    }
    double[][] xy = new double[2][points.size()];
    for (int i = 0; i < points.size(); i++) {
      xy[0][i] = points.get(i)[0];
      xy[1][i] = points.get(i)[1];
    }
    return xy;
  }
}
