package dev.palletsim.examples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one number format of every report file: integers as integers, other values rounded to 15
 * significant digits from their exact binary value (never through {@code Double.toString}, whose
 * output changed between JDKs), so the same run gives the same bytes anywhere.
 */
final class Numbers {
  private Numbers() {}

  /**
   * {@code v} for CSV and JSON; NaN is empty (no sample), infinities are {@code inf}/{@code -inf}.
   */
  static String format(double v) {
    return Double.isNaN(v) ? "" : dev.palletsim.sim.Metrics.show(v);
  }

  /**
   * A short human form for tables: grouped thousands, whole numbers from a million up, at most 6
   * significant digits below.
   */
  static String human(double v) {
    if (Double.isNaN(v)) return "-";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == Math.rint(v) && Math.abs(v) < 1e15)
      return String.format(java.util.Locale.ROOT, "%,d", (long) v);
    double abs = Math.abs(v);
    if (abs >= 1e6 && abs < 1e15) return String.format(java.util.Locale.ROOT, "%,d", Math.round(v));
    if (abs >= 1e15 || abs < 1e-3) return String.format(java.util.Locale.ROOT, "%.4g", v);
    BigDecimal d =
        new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    return String.format(java.util.Locale.ROOT, "%,." + Math.max(0, d.scale()) + "f", d);
  }
}
