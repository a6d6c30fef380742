package dev.palletsim.sweeps;

/**
 * The summary statistics of a metric across a point's seeds: count, mean, sample standard
 * deviation, the 95% confidence interval of the mean by Student's t (mean ± t(0.975, n−1)·sd/√n),
 * minimum and maximum. The values are summed in the order given, which callers keep canonical (by
 * seed), and the t quantile is computed with {@link StrictMath}, so the same results give the same
 * bits on any engine, JVM or processor.
 *
 * @param n the number of values
 * @param mean the mean (NaN when n = 0)
 * @param sd the sample standard deviation (NaN when n &lt; 2)
 * @param ciLow the lower end of the 95% interval (NaN when n &lt; 2)
 * @param ciHigh the upper end of the 95% interval (NaN when n &lt; 2)
 * @param min the smallest value (NaN when n = 0)
 * @param max the largest value (NaN when n = 0)
 */
public record Stats(
    int n, double mean, double sd, double ciLow, double ciHigh, double min, double max) {

  /** The statistics of {@code values}, summed in the order given. */
  public static Stats of(double[] values) {
    int n = values.length;
    if (n == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double sum = 0;
    double min = values[0];
    double max = values[0];
    for (double v : values) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double mean = sum / n;
    if (n < 2) return new Stats(n, mean, Double.NaN, Double.NaN, Double.NaN, min, max);
    double squares = 0;
    for (double v : values) squares += (v - mean) * (v - mean);
    double sd = Math.sqrt(squares / (n - 1));
    double half = studentT975(n - 1) * sd / Math.sqrt(n);
    return new Stats(n, mean, sd, mean - half, mean + half, min, max);
  }

  /** The value of statistic {@code name} ({@code mean}, {@code sd}, {@code ci95-low} …). */
  public double get(String name) {
    return switch (name) {
      case "mean" -> mean;
      case "sd" -> sd;
      case "min" -> min;
      case "max" -> max;
      case "ci95-low" -> ciLow;
      case "ci95-high" -> ciHigh;
      default -> throw new IllegalArgumentException("no statistic " + name);
    };
  }

  /** The 0.975 quantile of Student's t distribution with {@code df} degrees of freedom. */
  public static double studentT975(int df) {
    return studentTQuantile(0.975, df);
  }

  /**
   * The {@code p} quantile (0.5 &lt; p &lt; 1) of Student's t with {@code df} degrees of freedom.
   */
  static double studentTQuantile(double p, int df) {
    if (df < 1) throw new IllegalArgumentException("degrees of freedom must be positive");
    double lo = 0;
    double hi = 1;
    while (studentTCdf(hi, df) < p) hi *= 2;
    for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
      double mid = (lo + hi) / 2;
      if (studentTCdf(mid, df) < p) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }

  /** P(T ≤ t) for t ≥ 0: 1 − I_x(df/2, 1/2)/2 with x = df/(df + t²). */
  static double studentTCdf(double t, int df) {
    double x = df / (df + t * t);
    return 1 - 0.5 * regularizedBeta(x, df / 2.0, 0.5);
  }

  /** The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz). */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double front =
        StrictMath.exp(
            lnGamma(a + b)
                - lnGamma(a)
                - lnGamma(b)
                + a * StrictMath.log(x)
                + b * StrictMath.log(1 - x));
    if (x < (a + 1) / (a + b + 2)) return front * betaFraction(x, a, b) / a;
    return 1 - front * betaFraction(1 - x, b, a) / b;
  }

  private static double betaFraction(double x, double a, double b) {
    final double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 500; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + aa / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) break;
    }
    return h;
  }

  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7). */
  static double lnGamma(double x) {
    if (x < 0.5)
      return StrictMath.log(Math.PI / Math.abs(StrictMath.sin(Math.PI * x))) - lnGamma(1 - x);
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
    double t = z + 7.5;
    return 0.5 * StrictMath.log(2 * Math.PI)
        + (z + 0.5) * StrictMath.log(t)
        - t
        + StrictMath.log(sum);
  }
}
