package dev.palletsim.sweeps;

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

  private static boolean selected(Sweep sweep, Point p, AggregateExpectation e) {
    for (var w : e.where().entrySet()) {
      int a = sweep.axes().indexOf(sweep.axis(w.getKey()));
      if (!p.values().get(a).text().equals(w.getValue())) return false;
    }
    return true;
  }
}
