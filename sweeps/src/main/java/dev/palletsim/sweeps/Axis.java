package dev.palletsim.sweeps;

import java.util.List;

/**
 * One parameter axis of a sweep: a name (a column of the results), what it sets in the base
 * scenario, and the values it takes.
 *
 * @param name the axis name: letters, digits and '_', a column of every results table
 * @param target what the axis sets
 * @param values the values, in the file's order
 * @param line the line of the axis in the sweep file
 */
public record Axis(String name, Target target, List<AxisValue> values, int line) {

  /** Whether every value is a number (the axis can be a chart's numeric x-axis). */
  public boolean numeric() {
    return values.stream().allMatch(v -> v.plain() instanceof Number);
  }

  /** Whether every value is an integer (its column is BIGINT in the database). */
  public boolean integral() {
    return values.stream().allMatch(v -> v.plain() instanceof Long);
  }
}
