package dev.palletsim.sweeps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of a sweep, built from its run records in canonical order whatever order the runs
 * finished in: {@code results} (long form: point, the axes, seed, metric, block, value; one row per
 * observation), {@code runs} (point, the axes, seed, status, blocks, message) and {@code summary}
 * (point, the axes, metric, runs, mean, sd, ci95_low, ci95_high, min, max over the seeds whose run
 * passed; a counter missing from a passed run counts as 0). Rows are sorted by point, seed, metric
 * and block; numbers are {@link Canonical}; so the same sweep gives byte-identical CSV on every
 * engine and parallelism.
 */
public final class ResultTables {
  /** One summary row: a point, a per-run metric and its statistics across seeds. */
  public record SummaryRow(int point, String metric, Stats stats) {}

  private final Sweep sweep;
  private final List<Point> points;
  private final List<RunRecord> records;
  private final List<SummaryRow> summary;

  /** The tables of {@code records} (one per run, any order; later duplicates of a run ignored). */
  public ResultTables(Sweep sweep, List<RunRecord> records) {
    this.sweep = sweep;
    this.points = sweep.points();
    Map<RunSpec, RunRecord> unique = new TreeMap<>();
    for (RunRecord r : records) unique.putIfAbsent(r.spec(), r);
    this.records = List.copyOf(unique.values());
    this.summary = summarise();
  }

  /** The records, in canonical order (point, then seed). */
  public List<RunRecord> records() {
    return records;
  }

  /** The summary rows, by point then metric. */
  public List<SummaryRow> summary() {
    return summary;
  }

  /** The statistics of {@code metric} at {@code point}, or null if no passed run recorded it. */
  public Stats stats(int point, String metric) {
    for (SummaryRow r : summary) {
      if (r.point() == point && r.metric().equals(metric)) return r.stats();
    }
    return null;
  }

  /** The number of runs with {@code status}. */
  public long count(RunRecord.Status status) {
    return records.stream().filter(r -> r.status() == status).count();
  }

  private List<SummaryRow> summarise() {
    // counters a passed run of the point counted: zero in the point's other passed runs
    Map<Integer, Set<String>> counters = new TreeMap<>();
    for (RunRecord r : records) {
      if (r.status() != RunRecord.Status.OK) continue;
      for (RunRecord.Observation o : r.observations()) {
        if (o.block() < 0 && o.metric().startsWith("counter(")) {
          counters.computeIfAbsent(r.point(), p -> new TreeSet<>()).add(o.metric());
        }
      }
    }
    Map<Integer, Map<String, List<Double>>> byPoint = new TreeMap<>();
    for (RunRecord r : records) {
      if (r.status() != RunRecord.Status.OK) continue;
      Map<String, List<Double>> metrics = byPoint.computeIfAbsent(r.point(), p -> new TreeMap<>());
      Set<String> seen = new HashSet<>();
      for (RunRecord.Observation o : observations(r)) {
        if (o.block() >= 0) continue;
        metrics.computeIfAbsent(o.metric(), m -> new ArrayList<>()).add(o.value());
        seen.add(o.metric());
      }
      for (String c : counters.getOrDefault(r.point(), Set.of())) {
        if (!seen.contains(c)) metrics.computeIfAbsent(c, m -> new ArrayList<>()).add(0.0);
      }
    }
    List<SummaryRow> out = new ArrayList<>();
    byPoint.forEach(
        (point, metrics) ->
            metrics.forEach(
                (metric, values) ->
                    out.add(
                        new SummaryRow(
                            point,
                            metric,
                            Stats.of(
                                values.stream().mapToDouble(Double::doubleValue).toArray())))));
    return List.copyOf(out);
  }

  /** A record's observations sorted by metric then block, without repeats of (metric, block). */
  static List<RunRecord.Observation> observations(RunRecord r) {
    Map<String, RunRecord.Observation> unique = new LinkedHashMap<>();
    for (RunRecord.Observation o : r.observations())
      unique.putIfAbsent(o.metric() + "\n" + o.block(), o);
    List<RunRecord.Observation> out = new ArrayList<>(unique.values());
    out.sort(
        Comparator.comparing(RunRecord.Observation::metric)
            .thenComparingLong(RunRecord.Observation::block));
    return out;
  }

  // ------------------------------------------------------------------ CSV

  /** The column names of the axes. */
  private List<String> axisColumns() {
    return sweep.axes().stream().map(Axis::name).toList();
  }

  private void pointCells(StringBuilder row, int point) {
    row.append(point);
    for (AxisValue v : points.get(point).values()) row.append(',').append(field(v.text()));
  }

  /** {@code results.csv}. */
  public String resultsCsv() {
    StringBuilder out = header("point", axisColumns(), "seed", "metric", "block", "value");
    for (RunRecord r : records) {
      for (RunRecord.Observation o : observations(r)) {
        pointCells(out, r.point());
        out.append(',')
            .append(r.seed())
            .append(',')
            .append(field(o.metric()))
            .append(',')
            .append(o.block() < 0 ? "" : Long.toString(o.block()))
            .append(',')
            .append(Canonical.format(o.value()))
            .append('\n');
      }
    }
    return out.toString();
  }

  /** {@code runs.csv}. */
  public String runsCsv() {
    StringBuilder out = header("point", axisColumns(), "seed", "status", "blocks", "message");
    for (RunRecord r : records) {
      pointCells(out, r.point());
      out.append(',')
          .append(r.seed())
          .append(',')
          .append(r.status().word())
          .append(',')
          .append(r.blocksRun())
          .append(',')
          .append(field(r.message()))
          .append('\n');
    }
    return out.toString();
  }

  /** {@code summary.csv}. */
  public String summaryCsv() {
    StringBuilder out =
        header(
            "point",
            axisColumns(),
            "metric",
            "runs",
            "mean",
            "sd",
            "ci95_low",
            "ci95_high",
            "min",
            "max");
    for (SummaryRow s : summary) {
      pointCells(out, s.point());
      Stats st = s.stats();
      out.append(',').append(field(s.metric())).append(',').append(st.n());
      for (double v :
          new double[] {st.mean(), st.sd(), st.ciLow(), st.ciHigh(), st.min(), st.max()}) {
        out.append(',').append(Canonical.format(v));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static StringBuilder header(String first, List<String> axes, String... rest) {
    List<String> columns = new ArrayList<>();
    columns.add(first);
    columns.addAll(axes);
    columns.addAll(List.of(rest));
    return new StringBuilder(String.join(",", columns)).append('\n');
  }

  /** A CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces. */
  static String field(String s) {
    boolean quote =
        s.contains(",")
            || s.contains("\"")
            || s.contains("\n")
            || s.contains("\r")
            || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
