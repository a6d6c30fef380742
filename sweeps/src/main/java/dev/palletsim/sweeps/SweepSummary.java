package dev.palletsim.sweeps;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The summary a sweep prints: what ran, the statistics per point and metric (mean, standard
 * deviation, 95% interval; the first rows, the rest being in {@code summary.csv}), every aggregate
 * expectation with its verdict, and the failed runs with their seeds and errors.
 */
final class SweepSummary {
  static final String MET = "✓";
  static final String FAILED = "✗";
  private static final int MAX_ROWS = 60;
  private static final int MAX_FAILED = 10;

  private SweepSummary() {}

  static String render(
      Sweep sweep, ResultTables tables, List<AggregateCheck> checks, SweepReport.Timing timing) {
    StringBuilder out = new StringBuilder();
    int runs = tables.records().size();
    out.append(
        String.format(
            Locale.ROOT,
            "sweep %s: %d %s × %d %s = %d runs (%s engine, parallelism %d)%n",
            sweep.name(),
            sweep.pointCount(),
            sweep.pointCount() == 1 ? "point" : "points",
            sweep.seeds().size(),
            sweep.seeds().size() == 1 ? "seed" : "seeds",
            sweep.pointCount() * sweep.seeds().size(),
            timing.engine(),
            timing.parallelism()));
    out.append(
        String.format(
            Locale.ROOT,
            "  %d runs: %d passed, %d failed, %d errors; %s%n",
            runs,
            tables.count(RunRecord.Status.OK),
            tables.count(RunRecord.Status.FAILED),
            tables.count(RunRecord.Status.ERROR),
            timing.describe()));

    List<String[]> rows = new ArrayList<>();
    List<String> header = new ArrayList<>();
    header.add("point");
    sweep.axes().forEach(a -> header.add(a.name()));
    header.addAll(List.of("metric", "runs", "mean", "sd", "95% interval"));
    rows.add(header.toArray(String[]::new));
    var points = sweep.points();
    for (ResultTables.SummaryRow r : tables.summary()) {
      if (rows.size() > MAX_ROWS) break;
      List<String> cells = new ArrayList<>();
      cells.add(Integer.toString(r.point()));
      points.get(r.point()).values().forEach(v -> cells.add(v.text()));
      Stats s = r.stats();
      cells.addAll(
          List.of(
              r.metric(), Integer.toString(s.n()), human(s.mean()), human(s.sd()), interval(s)));
      rows.add(cells.toArray(String[]::new));
    }
    out.append('\n');
    if (rows.size() == 1) {
      out.append("no per-run metric was recorded by a passed run\n");
    } else {
      int numericFrom = header.size() - 4;
      out.append(table(rows, numericFrom));
      if (tables.summary().size() > MAX_ROWS) {
        out.append("… ")
            .append(tables.summary().size() - MAX_ROWS)
            .append(" more rows in summary.csv\n");
      }
    }

    if (!checks.isEmpty()) {
      out.append("\nexpectations\n");
      for (AggregateCheck c : checks) {
        out.append("  ")
            .append(c.held() ? MET : FAILED)
            .append(' ')
            .append(sweep.job().file())
            .append(':')
            .append(c.expectation().line())
            .append(": ")
            .append(c.expectation().description())
            .append(": ")
            .append(c.detail())
            .append('\n');
      }
    }
    List<RunRecord> failed =
        tables.records().stream().filter(r -> r.status() != RunRecord.Status.OK).toList();
    if (!failed.isEmpty()) {
      out.append("\nfailed runs (")
          .append(failed.size())
          .append(
              failed.size() > MAX_FAILED ? "; the first " + MAX_FAILED + ", all in runs.csv" : "")
          .append(")\n");
      for (RunRecord r : failed.subList(0, Math.min(MAX_FAILED, failed.size()))) {
        out.append("  ")
            .append(points.get(r.point()).describe(sweep.axes()))
            .append("; seed ")
            .append(r.seed())
            .append(": ")
            .append(r.status().word())
            .append(": ")
            .append(r.message())
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String table(List<String[]> rows, int numericFrom) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] r : rows)
      for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], r[c].length());
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int c = 0; c < columns; c++) {
        line.append(' ');
        boolean right = c >= numericFrom && c < columns - 1 || c == 0;
        String cell = r[c];
        String pad = " ".repeat(width[c] - cell.length());
        line.append(right ? pad + cell : cell + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** The 95% interval as {@code [low, high]}, or {@code -} with fewer than two runs. */
  static String interval(Stats s) {
    if (Double.isNaN(s.ciLow())) return "-";
    return "[" + human(s.ciLow()) + ", " + human(s.ciHigh()) + "]";
  }

  /** A short human form: at most 5 significant digits, thousands grouped; {@code -} for NaN. */
  static String human(double v) {
    if (Double.isNaN(v)) return "-";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    double abs = Math.abs(v);
    if (v != 0 && (abs >= 1e9 || abs < 1e-3)) return String.format(Locale.ROOT, "%.4g", v);
    BigDecimal d = new BigDecimal(v).round(new MathContext(5, RoundingMode.HALF_EVEN));
    d = d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY) : d.stripTrailingZeros();
    if (d.scale() < 0) d = d.setScale(0, RoundingMode.UNNECESSARY);
    return String.format(Locale.ROOT, "%,." + d.scale() + "f", d);
  }
}
