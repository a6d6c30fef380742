package dev.palletsim.sweeps;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a sweep's report, drawn with XChart: for each chart, the mean of a metric across
 * seeds against one axis, one line per metric the chart names and per combination of the other
 * axes' values, each with its 95% interval as a translucent band. An axis of text values (variants,
 * sizes written with units, lists) is drawn as categories, the interval as error bars.
 */
final class SweepCharts {
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xd62728),
    new Color(0x2ca02c),
    new Color(0xff7f0e),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x17becf)
  };
  private static final int MAX_LINES = 24;

  private SweepCharts() {}

  /**
   * A chart drawn, or skipped with a reason.
   *
   * @param chart what was asked for
   * @param file the PNG's name, or null when skipped
   * @param warning why it was skipped, or null
   */
  record Written(SweepChart chart, String file, String warning) {}

  /** One line of a chart: its label and its points (x, mean, interval ends), by x. */
  record Line(String label, double[] x, double[] mean, double[] low, double[] high) {}

  /** Draws every chart of {@code sweep} into {@code dir}. */
  static List<Written> write(Sweep sweep, ResultTables tables, Path dir, int width, int height)
      throws IOException {
    List<Written> out = new ArrayList<>();
    try (var old = Files.newDirectoryStream(dir, "chart-*.png")) {
      for (Path p : old) Files.delete(p);
    }
    for (SweepChart chart : sweep.charts()) {
      List<Line> lines = lines(sweep, tables, chart);
      if (lines.isEmpty()) {
        out.add(
            new Written(
                chart, null, "chart '" + chart.title() + "': no run recorded " + chart.metric()));
        continue;
      }
      var drawn = draw(sweep, chart, lines, width, height);
      BitmapEncoder.saveBitmap(
          drawn, dir.resolve(chart.fileName()).toString(), BitmapEncoder.BitmapFormat.PNG);
      out.add(new Written(chart, chart.fileName(), null));
    }
    return out;
  }

  /** The lines of {@code chart}: per matching metric and combination of the other axes. */
  static List<Line> lines(Sweep sweep, ResultTables tables, SweepChart chart) {
    int xIndex = sweep.axes().indexOf(sweep.axis(chart.x()));
    Axis x = sweep.axes().get(xIndex);
    Pattern metric = Collect.glob(chart.metric());
    TreeSet<String> metrics = new TreeSet<>();
    for (ResultTables.SummaryRow r : tables.summary()) {
      if (metric.matcher(r.metric()).matches()) metrics.add(r.metric());
    }
    Map<String, List<Point>> groups = new LinkedHashMap<>();
    for (Point p : sweep.points()) {
      StringBuilder key = new StringBuilder();
      for (int a = 0; a < sweep.axes().size(); a++) {
        if (a == xIndex || sweep.axes().get(a).values().size() < 2) continue;
        if (key.length() > 0) key.append(", ");
        key.append(sweep.axes().get(a).name()).append('=').append(p.values().get(a).text());
      }
      groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(p);
    }
    List<Line> out = new ArrayList<>();
    for (String m : metrics) {
      for (var g : groups.entrySet()) {
        List<double[]> rows = new ArrayList<>();
        for (Point p : g.getValue()) {
          Stats s = tables.stats(p.index(), m);
          if (s == null) continue;
          rows.add(
              new double[] {position(x, p.values().get(xIndex)), s.mean(), s.ciLow(), s.ciHigh()});
        }
        if (rows.isEmpty()) continue;
        rows.sort((a, b) -> Double.compare(a[0], b[0]));
        String label =
            metrics.size() > 1
                ? (g.getKey().isEmpty() ? m : m + ", " + g.getKey())
                : (g.getKey().isEmpty() ? m : g.getKey());
        out.add(
            new Line(
                label,
                rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> r[1]).toArray(),
                rows.stream().mapToDouble(r -> r[2]).toArray(),
                rows.stream().mapToDouble(r -> r[3]).toArray()));
        if (out.size() == MAX_LINES) return out;
      }
    }
    return out;
  }

  /** Where a value sits on the x-axis: the number itself, or its index for text values. */
  private static double position(Axis axis, AxisValue v) {
    if (axis.numeric()) return ((Number) v.plain()).doubleValue();
    return axis.values().indexOf(v);
  }

  private static org.knowm.xchart.internal.chartpart.Chart<?, ?> draw(
      Sweep sweep, SweepChart chart, List<Line> lines, int width, int height) {
    Axis x = sweep.axis(chart.x());
    String xTitle = x.name() + " (" + x.target().text() + ")";
    String yTitle = chart.yAxis().isEmpty() ? "mean of " + chart.metric() : chart.yAxis();
    boolean legend = lines.size() > 1 || !lines.get(0).label().equals(chart.metric());
    if (!x.numeric()) return drawCategories(chart, x, lines, width, height, xTitle, yTitle, legend);
    XYChart xy =
        new XYChartBuilder()
            .width(width)
            .height(height)
            .title(chart.title())
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(xy.getStyler(), legend);
    xy.getStyler().setXAxisLogarithmic(chart.logX());
    // over two decades or more, labels at every 1..9 multiple overlap: decades only
    xy.getStyler().setXAxisLogarithmicDecadeOnly(chart.logX() && decades(x) >= 2);
    if (x.integral()) xy.getStyler().setXAxisDecimalPattern("#,##0");
    // 760,425 rather than 7E5
    xy.getStyler().setYAxisDecimalPattern("#,##0.###");
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      Color c = PALETTE[i % PALETTE.length];
      if (hasBand(l)) {
        double[] bx = new double[l.x().length * 2];
        double[] by = new double[bx.length];
        for (int k = 0; k < l.x().length; k++) {
          bx[k] = l.x()[k];
          by[k] = l.high()[k];
          bx[bx.length - 1 - k] = l.x()[k];
          by[bx.length - 1 - k] = l.low()[k];
        }
        XYSeries band = xy.addSeries(l.label() + " (95%)", bx, by);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 50));
        band.setLineColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 0));
        band.setMarker(SeriesMarkers.NONE);
        band.setShowInLegend(false);
      }
      XYSeries mean = xy.addSeries(l.label(), l.x(), l.mean());
      mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      mean.setLineColor(c);
      mean.setMarkerColor(c);
      mean.setMarker(SeriesMarkers.CIRCLE);
      mean.setLineStyle(new BasicStroke(2f));
    }
    return xy;
  }

  /**
   * An axis of text values (variants, sizes written with units): a category chart, one line per
   * group with the 95% interval as error bars.
   */
  private static CategoryChart drawCategories(
      SweepChart chart,
      Axis x,
      List<Line> lines,
      int width,
      int height,
      String xTitle,
      String yTitle,
      boolean legend) {
    CategoryChart cat =
        new CategoryChartBuilder()
            .width(width)
            .height(height)
            .title(chart.title())
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    style(cat.getStyler(), legend);
    cat.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    cat.getStyler().setErrorBarsColorSeriesColor(true);
    cat.getStyler().setOverlapped(true);
    List<String> labels = x.values().stream().map(AxisValue::text).toList();
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      List<String> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      for (int k = 0; k < l.x().length; k++) {
        xs.add(labels.get((int) l.x()[k]));
        ys.add(l.mean()[k]);
        errors.add(Double.isNaN(l.high()[k]) ? 0.0 : l.high()[k] - l.mean()[k]);
      }
      CategorySeries s = cat.addSeries(l.label(), xs, ys, errors);
      Color c = PALETTE[i % PALETTE.length];
      s.setLineColor(c);
      s.setMarkerColor(c);
      s.setMarker(SeriesMarkers.CIRCLE);
    }
    return cat;
  }

  /** How many decades the numeric axis {@code x} spans (0 if not all positive). */
  private static double decades(Axis x) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (AxisValue v : x.values()) {
      double d = ((Number) v.plain()).doubleValue();
      if (d <= 0) return 0;
      lo = Math.min(lo, d);
      hi = Math.max(hi, d);
    }
    return Math.log10(hi / lo);
  }

  private static void style(AxesChartStyler st, boolean legend) {
    st.setChartBackgroundColor(Color.WHITE);
    st.setLegendPosition(Styler.LegendPosition.InsideNW);
    st.setLegendLayout(Styler.LegendLayout.Vertical);
    st.setLegendVisible(legend);
    st.setPlotGridLinesColor(new Color(0xe6e6e6));
  }

  private static boolean hasBand(Line l) {
    if (l.x().length < 2) return false;
    for (int k = 0; k < l.x().length; k++) {
      if (Double.isNaN(l.low()[k]) || Double.isNaN(l.high()[k])) return false;
    }
    return true;
  }
}
