package dev.palletsim.sweeps;

import java.util.Map;

/**
 * An expectation over a sweep's aggregate, checked once every run is done: a statistic of a metric
 * across seeds at each point (optionally only the points {@code where} some axes have given values)
 * compared with a bound; a trend of the metric against a numeric axis or another per-run metric
 * over every passed run of the selected points ({@code slope} or {@code rank-correlation}, {@link
 * dev.palletsim.sim.Trend}); or a bound on the number of failed runs.
 *
 * @param line the line in the sweep file
 * @param metric the metric, as the results name it ({@code mean(weight.Market.on_finalize_us)});
 *     null for a bound on failed runs
 * @param where axis name → value text that selects points; empty for every point
 * @param statistic the statistic across seeds: {@code mean}, {@code sd}, {@code min}, {@code max},
 *     {@code ci95-low}, {@code ci95-high}; {@code slope} or {@code rank-correlation} with {@code
 *     against}; or {@code failed-runs}
 * @param comparison {@code <=}, {@code >=}, {@code <}, {@code >} or {@code ==}
 * @param bound the bound
 * @param description how reports describe it
 * @param against for a trend, the x: an axis name or a per-run metric; null otherwise
 */
public record AggregateExpectation(
    int line,
    String metric,
    Map<String, String> where,
    String statistic,
    String comparison,
    double bound,
    String description,
    String against) {

  /** An expectation of a statistic across seeds at each point, or of failed runs. */
  public AggregateExpectation(
      int line,
      String metric,
      Map<String, String> where,
      String statistic,
      String comparison,
      double bound,
      String description) {
    this(line, metric, where, statistic, comparison, bound, description, null);
  }

  /** Whether {@code value} satisfies the bound. */
  public boolean holds(double value) {
    if (Double.isNaN(value)) return false;
    return switch (comparison) {
      case "<=" -> value <= bound;
      case ">=" -> value >= bound;
      case "<" -> value < bound;
      case ">" -> value > bound;
      default -> value == bound;
    };
  }
}
