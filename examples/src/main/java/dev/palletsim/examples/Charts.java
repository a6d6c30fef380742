package dev.palletsim.examples;

import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
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
 * line chart per metric probe (per unit, when a probe records several), one per metric agents
 * record, and one bar chart per prefix of the counters ({@code authored.*}). Axes carry the units
 * the probes and agents declare and round ticks; legends name series by their labels (provider,
 * collator, agent). Long series are reduced to a min/max envelope of about 2,000 buckets, which
 * keeps every spike visible.
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
    ScenarioMetrics meta = ScenarioMetrics.of(report.scenario());
    List<ChartSpec> out = new ArrayList<>();
    for (Scenario.MetricSpec spec : report.scenario().metrics()) {
      // one chart per probe, or per unit of a probe recording several (never mixing units)
      Map<String, List<String>> byUnit = new LinkedHashMap<>();
      for (String s : m.seriesNames()) {
        if (spec.spec().equals(report.seriesProbes().get(s))) {
          byUnit
              .computeIfAbsent(meta.unit(MetricInfo.Kind.SERIES, s), u -> new ArrayList<>())
              .add(s);
        }
      }
      byUnit.forEach(
          (unit, names) -> {
            boolean one = byUnit.size() == 1;
            out.add(
                new ChartSpec(
                    spec.spec()
                        + ": "
                        + spec.entry().description()
                        + (one ? "" : " (" + unit + ")"),
                    names,
                    List.of(),
                    "",
                    0,
                    one ? spec.spec() : spec.spec() + "-" + unit));
          });
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
    // one chart per metric agents record (sp.<agent>.active_deals), a line per agent
    Map<String, List<String>> agentGroups = new LinkedHashMap<>();
    for (String s : m.seriesNames()) {
      if (!report.seriesProbes().containsKey(s)) {
        agentGroups
            .computeIfAbsent(meta.named(MetricInfo.Kind.SERIES, s).metric(), k -> new ArrayList<>())
            .add(s);
      }
    }
    agentGroups.forEach(
        (metric, names) ->
            out.add(
                new ChartSpec(
                    "recorded by agents: " + metric, names, List.of(), "", 0, "agents-" + metric)));
    Map<String, List<String>> counterGroups = new LinkedHashMap<>();
    for (String c : m.counters().keySet())
      counterGroups.computeIfAbsent(prefix(c), k -> new ArrayList<>()).add(c);
    counterGroups.forEach(
        (p, names) ->
            out.add(
                new ChartSpec("counters: " + p + ".*", List.of(), names, "", 0, "counters-" + p)));
    return out;
  }

  private static String prefix(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** Draws the planned charts of {@code report} into {@code dir}. */
  static List<Written> write(RunReport report, Path dir, int width, int height) throws IOException {
    System.setProperty("java.awt.headless", "true");
    ScenarioMetrics meta = ScenarioMetrics.of(report.scenario());
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
                  scatter(report.metrics(), meta, spec, p.names(), width, height),
                  BitmapEncoder.BitmapFormat.PNG)
              : spec.isBar()
                  ? BitmapEncoder.getBitmapBytes(
                      bar(report.metrics(), meta, spec, p.names(), width, height),
                      BitmapEncoder.BitmapFormat.PNG)
                  : BitmapEncoder.getBitmapBytes(
                      line(report.metrics(), meta, spec, p.names(), width, height),
                      BitmapEncoder.BitmapFormat.PNG);
      Files.write(dir.resolve(spec.fileName()), png);
      out.add(new Written(spec, spec.fileName(), p.names(), null));
    }
    return out;
  }

  static XYChart line(
      Metrics metrics,
      ScenarioMetrics meta,
      ChartSpec spec,
      List<String> names,
      int width,
      int height) {
    List<ScenarioMetrics.Named> named = meta.named(MetricInfo.Kind.SERIES, names);
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(spec.title())
            .xAxisTitle("block")
            .yAxisTitle(spec.yAxis().isEmpty() ? unitTitle(named) : spec.yAxis())
            .build();
    style(chart.getStyler());
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    List<String> legends = legends(named);
    double lastBlock = 1;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < names.size(); i++) {
      double[][] xy = envelope(metrics.series(names.get(i)));
      if (xy[0].length == 0) continue;
      XYSeries s = chart.addSeries(legends.get(i), xy[0], xy[1]);
      s.setMarker(SeriesMarkers.NONE);
      lastBlock = Math.max(lastBlock, xy[0][xy[0].length - 1]);
      for (double y : xy[1]) {
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
    }
    roundAxes(chart.getStyler(), 0, lastBlock, lo, hi);
    return chart;
  }

  /**
   * Last values of paired series as points (x from {@code scatterX}, y from {@code scatterY}), with
   * the line y = x for reference: e.g. each collator's power share against its selection share.
   */
  static XYChart scatter(
      Metrics metrics,
      ScenarioMetrics meta,
      ChartSpec spec,
      List<String> xNames,
      int width,
      int height) {
    String xUnit = xNames.isEmpty() ? "" : meta.unit(MetricInfo.Kind.SERIES, xNames.get(0));
    String yUnit =
        xNames.isEmpty()
            ? ""
            : meta.unit(
                MetricInfo.Kind.SERIES,
                spec.scatterY()
                    .replace("*", ChartSpec.wildcardPart(spec.scatterX(), xNames.get(0))));
    XYChart chart =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(spec.title())
            .xAxisTitle(axisTitle(spec.scatterX(), xUnit))
            .yAxisTitle(
                spec.yAxis().isEmpty()
                    ? axisTitle(spec.scatterY(), yUnit)
                    : spec.yAxis() + (yUnit.isEmpty() ? "" : " (" + yUnit + ")"))
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
    roundAxes(chart.getStyler(), 0, max > 0 ? max : 1, 0, max > 0 ? max : 1);
    return chart;
  }

  static CategoryChart bar(
      Metrics metrics,
      ScenarioMetrics meta,
      ChartSpec spec,
      List<String> names,
      int width,
      int height) {
    List<ScenarioMetrics.Named> named = meta.named(MetricInfo.Kind.COUNTER, names);
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(spec.title())
            .xAxisTitle("")
            .yAxisTitle(spec.yAxis().isEmpty() ? unitTitle(named) : spec.yAxis())
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(names.size() > 6 ? 45 : 0);
    List<Long> values = new ArrayList<>();
    long max = 0;
    for (String n : names) {
      values.add(metrics.counter(n));
      max = Math.max(max, metrics.counter(n));
    }
    chart.addSeries("count", new ArrayList<>(legends(named)), values);
    double[] y = niceRange(0, max);
    chart.getStyler().setYAxisMin(y[0]);
    chart.getStyler().setYAxisMax(y[1]);
    chart.getStyler().setyAxisTickLabelsFormattingFunction(Charts::tick);
    return chart;
  }

  /**
   * The legend of each series: its label values ({@code sp-1} for {@code power.sp-1_bytes}, of
   * {@code power.<provider>_bytes}) when it has labels, else its name without the part every name
   * of the chart shares ({@code total} for {@code power.total_bytes} beside the providers'); the
   * full names when that would make two legends equal.
   */
  static List<String> legends(List<ScenarioMetrics.Named> named) {
    List<String> names = new ArrayList<>();
    for (ScenarioMetrics.Named n : named) names.add(n.name());
    String prefix = commonPrefix(names);
    String suffix = commonSuffix(names, prefix.length());
    List<String> out = new ArrayList<>();
    for (ScenarioMetrics.Named n : named) {
      String legend;
      if (!n.labels().isEmpty()) {
        legend = String.join(" ", n.labels().values());
      } else {
        legend = n.name().substring(prefix.length(), n.name().length() - suffix.length());
        legend = legend.replaceAll("^[._]+|[._]+$", "");
        if (legend.isEmpty()) legend = n.name();
      }
      out.add(legend);
    }
    return new java.util.HashSet<>(out).size() == out.size() ? out : names;
  }

  /** The longest prefix of all {@code names} that ends at a '.' or '_' (empty for one name). */
  private static String commonPrefix(List<String> names) {
    if (names.size() < 2) return "";
    String p = names.get(0);
    for (String n : names) {
      int i = 0;
      while (i < p.length() && i < n.length() && p.charAt(i) == n.charAt(i)) i++;
      p = p.substring(0, i);
    }
    int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('_'));
    return cut < 0 ? "" : p.substring(0, cut + 1);
  }

  /** The longest suffix of all {@code names} (past {@code from}) that starts at a '.' or '_'. */
  private static String commonSuffix(List<String> names, int from) {
    if (names.size() < 2) return "";
    String s = names.get(0).substring(from);
    for (String n : names) {
      String rest = n.substring(from);
      int i = 0;
      while (i < s.length()
          && i < rest.length()
          && s.charAt(s.length() - 1 - i) == rest.charAt(rest.length() - 1 - i)) i++;
      s = s.substring(s.length() - i);
    }
    int cut = -1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '.' || s.charAt(i) == '_') {
        cut = i;
        break;
      }
    }
    return cut < 0 ? "" : s.substring(cut);
  }

  /** The y axis of series with these units: the unit, or the units when they differ. */
  static String unitTitle(List<ScenarioMetrics.Named> named) {
    java.util.Set<String> units = new java.util.LinkedHashSet<>();
    for (ScenarioMetrics.Named n : named) if (!n.unit().isEmpty()) units.add(n.unit());
    if (units.size() <= 1) return units.isEmpty() ? "" : units.iterator().next();
    return "mixed units: " + String.join(", ", units);
  }

  /**
   * An axis of a scatter pattern: {@code power share (fraction)} for {@code auction.power_share.*}.
   */
  static String axisTitle(String pattern, String unit) {
    String name = "";
    for (String part : pattern.split("\\.")) {
      String p = part.replace("*", "").replaceAll("^[_-]+|[_-]+$", "");
      if (!p.isEmpty()) name = p;
    }
    name = name.replace('_', ' ');
    return unit.isEmpty() ? name : name + " (" + unit + ")";
  }

  /**
   * Sets both axes to round ranges ({@link #niceRange}), so that XChart draws round ticks (0, 20,
   * 40 … rather than ticks on every seventh block), and formats tick labels with {@link #tick}.
   */
  static void roundAxes(
      org.knowm.xchart.style.AxesChartStyler s, double xLo, double xHi, double yLo, double yHi) {
    double[] x = niceRange(xLo, xHi);
    s.setXAxisMin(x[0]);
    s.setXAxisMax(x[1]);
    if (Double.isFinite(yLo) && Double.isFinite(yHi)) {
      double[] y = niceRange(yLo, yHi);
      s.setYAxisMin(y[0]);
      s.setYAxisMax(y[1]);
    }
    s.setxAxisTickLabelsFormattingFunction(Charts::tick);
    s.setyAxisTickLabelsFormattingFunction(Charts::tick);
  }

  /**
   * An axis range around [{@code lo}, {@code hi}] whose ends are multiples of a round step (1, 2 or
   * 5 × 10^k), starting at 0 for data that does, and a hair past the top when the top is a data
   * value: XChart puts ticks on the data points themselves when the values it sees are equally
   * spaced, which gives ticks such as 1, 8, 15; a range that breaks the equal spacing makes it pick
   * round ticks.
   */
  static double[] niceRange(double lo, double hi) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) return new double[] {0, 1};
    if (hi == lo) {
      double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      hi = hi + pad;
      lo = lo >= 0 && lo - pad < 0 ? 0 : lo - pad;
    }
    double step = niceStep((hi - lo) / 8);
    double a = Math.floor(lo / step) * step;
    double b = Math.ceil(hi / step) * step;
    if (lo >= 0 && a < 0) a = 0;
    if (b == hi) b = hi + step * 1e-6;
    return new double[] {a, b};
  }

  private static double niceStep(double rough) {
    if (!(rough > 0)) return 1;
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / magnitude;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
  }

  /**
   * A tick label: grouped thousands for large values ({@code 30,000}), a leading zero for fractions
   * ({@code 0.05}, never {@code .05}), at most 8 decimals, scientific beyond 10^15.
   */
  static String tick(Double v) {
    double d = v;
    if (!Double.isFinite(d)) return String.valueOf(d);
    double abs = Math.abs(d);
    if (abs >= 1e15 || (abs > 0 && abs < 1e-6)) {
      return new java.text.DecimalFormat(
              "0.###E0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
          .format(d);
    }
    String out =
        new java.text.DecimalFormat(
                "#,##0.########", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
            .format(d);
    return out.equals("-0") ? "0" : out;
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
