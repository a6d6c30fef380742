package dev.palletsim.sim;

import java.util.Arrays;

/**
 * How one quantity moves with another over paired samples: the least-squares slope of y on x, and
 * Spearman's rank correlation (Pearson's correlation of the ranks, ties given their mean rank). The
 * question FIP-0074 (seed 004) asks of the market's cron is of this kind: does the hook's work per
 * block grow with the number of active deals (a positive slope, a rank correlation near 1) or not
 * (a slope near 0)? Pure functions of their arguments; the arrays are not changed.
 */
public final class Trend {
  private Trend() {}

  /** The statistics a trend expectation can bound. */
  public enum Statistic {
    /**
     * The ordinary least-squares slope of y on x, in y's unit per x's unit: Σ(x−x̄)(y−ȳ) /
     * Σ(x−x̄)². Undefined (NaN) unless x takes at least two values.
     */
    SLOPE("slope"),
    /**
     * Spearman's ρ, between −1 and 1: 1 when y never falls as x rises and rises at least once in
     * step with it, 0 when the ranks are unrelated. Undefined (NaN) when x or y is constant.
     */
    RANK_CORRELATION("rank-correlation");

    private final String key;

    Statistic(String key) {
      this.key = key;
    }

    /**
     * The statistic's name in scenario and sweep files ({@code slope}, {@code rank-correlation}).
     */
    public String key() {
      return key;
    }

    /** This statistic of {@code y} against {@code x}. */
    public double of(double[] x, double[] y) {
      return this == SLOPE ? slope(x, y) : rankCorrelation(x, y);
    }
  }

  /**
   * The least-squares slope of {@code y} on {@code x}; NaN when there are fewer than two samples or
   * x is constant.
   */
  public static double slope(double[] x, double[] y) {
    checkPaired(x, y);
    int n = x.length;
    if (n < 2) return Double.NaN;
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      sxy += dx * (y[i] - my);
      sxx += dx * dx;
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /**
   * Spearman's rank correlation of {@code x} and {@code y}; NaN when there are fewer than two
   * samples or either is constant.
   */
  public static double rankCorrelation(double[] x, double[] y) {
    checkPaired(x, y);
    if (x.length < 2) return Double.NaN;
    return correlation(ranks(x), ranks(y));
  }

  /** Pearson's correlation of {@code x} and {@code y}; NaN when either is constant. */
  static double correlation(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) return Double.NaN;
    // rounding may carry a perfect correlation a hair past ±1
    return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  }

  /** The rank of each value, from 1, tied values sharing the mean of their ranks. */
  static double[] ranks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] out = new double[n];
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && Double.compare(v[order[j + 1]], v[order[i]]) == 0) j++;
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) out[order[k]] = rank;
      i = j + 1;
    }
    return out;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) s += d;
    return s / v.length;
  }

  private static void checkPaired(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y must be paired: " + x.length + " against " + y.length + " samples");
    }
  }
}
