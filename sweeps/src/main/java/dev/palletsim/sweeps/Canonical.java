package dev.palletsim.sweeps;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one number format of the results tables: the shortest decimal that reads back as exactly the
 * same double, found by arithmetic on the double's exact binary value (never through {@code
 * Double.toString}, whose digits changed between JDKs), so that the same results give the same
 * bytes on any JVM, engine or machine. Integers below 2^53 print as integers ({@code 2048}); other
 * values in plain notation between 10^-6 and 10^15 ({@code 0.1}, {@code 437.4}) and in scientific
 * notation outside ({@code 1.5E-9}); NaN is an empty cell, infinities are {@code inf} and {@code
 * -inf}.
 */
public final class Canonical {
  private Canonical() {}

  /** {@code v} in the tables' format. */
  public static String format(double v) {
    if (Double.isNaN(v)) return "";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == 0) return "0"; // also -0.0: one spelling of zero
    if (v == Math.rint(v) && Math.abs(v) < 0x1p53) return Long.toString((long) v);
    BigDecimal exact = new BigDecimal(v);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (d.doubleValue() == v) {
        shortest = d;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    double abs = Math.abs(v);
    return abs >= 1e-6 && abs < 1e15 ? shortest.toPlainString() : shortest.toString();
  }

  /** Reads a table cell written by {@link #format}: empty is NaN. */
  public static double parse(String text) {
    if (text.isEmpty()) return Double.NaN;
    if (text.equals("inf")) return Double.POSITIVE_INFINITY;
    if (text.equals("-inf")) return Double.NEGATIVE_INFINITY;
    return Double.parseDouble(text);
  }
}
