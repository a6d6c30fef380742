package dev.palletsim.sweeps;

import java.util.List;

/**
 * One point of a sweep's grid: a value of every axis.
 *
 * @param index the point's index in the grid (row-major: the last axis varies fastest)
 * @param values one value per axis, in axis order
 */
public record Point(int index, List<AxisValue> values) {

  /** The point as {@code capacity=128, regime=fip-0074}, in axis order. */
  public String describe(List<Axis> axes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < axes.size(); i++) {
      if (i > 0) out.append(", ");
      out.append(axes.get(i).name()).append('=').append(values.get(i).text());
    }
    return out.length() == 0 ? "the base scenario" : out.toString();
  }
}
