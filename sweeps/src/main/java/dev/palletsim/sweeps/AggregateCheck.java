package dev.palletsim.sweeps;

import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.Trend;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of an {@link AggregateExpectation} on a sweep's results: held or not, with the points
 * that broke it (a point whose passed runs never recorded the metric breaks it too).
 *
 * @param expectation what was expected
 * @param held whether it held at every selected point
 * @param detail the offending points and values, or what was checked
 */
public record AggregateCheck(AggregateExpectation expectation, boolean held, String detail) {
  private static final int SHOWN = 5;

  /** Checks every expectation of {@code sweep}. */
  public static List<AggregateCheck> all(Sweep sweep, ResultTables tables) {
    List<AggregateCheck> out = new ArrayList<>();
    for (AggregateExpectation e : sweep.expectations()) out.add(check(sweep, tables, e));
    return out;
  }

  static AggregateCheck check(Sweep sweep, ResultTables tables, AggregateExpectation e) {
    if (e.metric() == null) {
      long failed = tables.count(RunRecord.Status.FAILED) + tables.count(RunRecord.Status.ERROR);
      return new AggregateCheck(e, e.holds(failed), failed + " runs failed");
    }
    if (e.against() != null) return trend(sweep, tables, e);
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Point p : sweep.points()) {
      if (!selected(sweep, p, e)) continue;
      checked++;
      Stats s = tables.stats(p.index(), e.metric());
      double v = s == null ? Double.NaN : s.get(e.statistic());
      if (!e.holds(v)) {
        broken.add(
            p.describe(sweep.axes())
                + ": "
                + (s == null
                    ? "no passed run recorded it"
                    : Double.isNaN(v) ? "undefined (too few runs)" : Canonical.format(v)));
      }
    }
    if (broken.isEmpty()) {
      return new AggregateCheck(
          e, true, "held at " + checked + (checked == 1 ? " point" : " points"));
    }
    String shown = String.join("; ", broken.subList(0, Math.min(SHOWN, broken.size())));
    if (broken.size() > SHOWN) shown += "; and " + (broken.size() - SHOWN) + " more";
    return new AggregateCheck(
        e, false, "broken at " + broken.size() + " of " + checked + " points: " + shown);
  }

  /**
   * A trend: the statistic of the metric against the axis or metric {@code against}, over every
   * passed run of the selected points that recorded both.
   */
  private static AggregateCheck trend(Sweep sweep, ResultTables tables, AggregateExpectation e) {
    Axis axis = null;
    for (Axis a : sweep.axes()) if (a.name().equals(e.against())) axis = a;
    int axisIndex = axis == null ? -1 : sweep.axes().indexOf(axis);
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    java.util.Set<Integer> points = new java.util.TreeSet<>();
    for (RunRecord r : tables.records()) {
      if (r.status() != RunRecord.Status.OK) continue;
      Point p = sweep.points().get(r.point());
      if (!selected(sweep, p, e)) continue;
      double y = perRun(r, e.metric());
      double x =
          axisIndex >= 0
              ? ((Number) p.values().get(axisIndex).plain()).doubleValue()
              : perRun(r, e.against());
      if (Double.isNaN(x) || Double.isNaN(y)) continue;
      xs.add(x);
      ys.add(y);
      points.add(p.index());
    }
    double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    Trend.Statistic statistic =
        e.statistic().equals("slope") ? Trend.Statistic.SLOPE : Trend.Statistic.RANK_CORRELATION;
    String over =
        " over "
            + x.length
            + (x.length == 1 ? " run" : " runs")
            + " at "
            + points.size()
            + (points.size() == 1 ? " point" : " points");
    if (x.length < 2) {
      return new AggregateCheck(e, false, "undefined: fewer than two runs recorded both" + over);
    }
    double v = statistic.of(x, y);
    if (Double.isNaN(v)) {
      return new AggregateCheck(
          e, false, "undefined: " + e.against() + " or " + e.metric() + " never varied" + over);
    }
    // 15 significant digits: 0.76, not the shortest round-trip 0.7600000000000001
    return new AggregateCheck(e, e.holds(v), e.statistic() + " " + Metrics.show(v) + over);
  }

  /** The run's value of per-run metric {@code metric}, or NaN. */
  private static double perRun(RunRecord r, String metric) {
    for (RunRecord.Observation o : r.observations()) {
      if (o.block() < 0 && o.metric().equals(metric)) return o.value();
    }
    return Double.NaN;
  }

  private static boolean selected(Sweep sweep, Point p, AggregateExpectation e) {
    for (var w : e.where().entrySet()) {
      int a = sweep.axes().indexOf(sweep.axis(w.getKey()));
      if (!p.values().get(a).text().equals(w.getValue())) return false;
    }
    return true;
  }
}
