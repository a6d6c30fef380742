package dev.palletsim.collatorselection;

/**
 * The few distribution tails the statistical tests need, from the textbook series and continued
 * fractions: the chi-squared upper tail through the regularized incomplete gamma function, and
 * binomial tails through the regularized incomplete beta function. Accurate to about 1e-12 in the
 * ranges the tests use; checked against closed forms and exact sums in {@code StatsTest}.
 */
final class Stats {
  private static final double EPS = 1e-15;
  private static final double TINY = 1e-300;
  private static final int MAX_ITERATIONS = 100_000;
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

  private Stats() {}

  /** ln Γ(x) for x > 0 (Lanczos approximation, g = 7). */
  static double logGamma(double x) {
    if (x <= 0) throw new IllegalArgumentException("x must be positive: " + x);
    if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    double y = x - 1;
    double a = LANCZOS[0];
    double t = y + 7.5;
    for (int i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (y + i);
    return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /** The regularized lower incomplete gamma function P(a, x). */
  static double gammaP(double a, double x) {
    if (x <= 0) return 0;
    return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
  }

  /** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x). */
  static double gammaQ(double a, double x) {
    if (x <= 0) return 1;
    return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
  }

  private static double gammaSeries(double a, double x) {
    double ap = a;
    double term = 1 / a;
    double sum = term;
    for (int n = 0; n < MAX_ITERATIONS; n++) {
      ap += 1;
      term *= x / ap;
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }

  private static double gammaContinuedFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) d = TINY;
      c = b + an / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) break;
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }

  /** P(χ²_df ≥ x): the p-value of a chi-squared statistic. */
  static double chiSquaredSurvival(double x, int df) {
    return gammaQ(df / 2.0, x / 2.0);
  }

  /** Pearson's statistic Σ (observed − expected)² / expected. */
  static double chiSquared(long[] observed, double[] expected) {
    if (observed.length != expected.length) throw new IllegalArgumentException("lengths differ");
    double sum = 0;
    for (int i = 0; i < observed.length; i++) {
      double d = observed[i] - expected[i];
      sum += d * d / expected[i];
    }
    return sum;
  }

  /** The regularized incomplete beta function I_x(a, b). */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    double front =
        Math.exp(
            logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(x, a, b) / a;
    return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
  }

  private static double betaContinuedFraction(double x, double a, double b) {
    double qab = a + b;
    double qap = a + 1;
    double qam = a - 1;
    double c = 1;
    double d = 1 - qab * x / qap;
    if (Math.abs(d) < TINY) d = TINY;
    d = 1 / d;
    double h = d;
    for (int m = 1; m < MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
      d = 1 + aa * d;
      if (Math.abs(d) < TINY) d = TINY;
      c = 1 + aa / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
      d = 1 + aa * d;
      if (Math.abs(d) < TINY) d = TINY;
      c = 1 + aa / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) break;
    }
    return h;
  }

  /** P(X ≤ k) for X ~ Binomial(n, p). */
  static double binomialCdf(long k, long n, double p) {
    if (k < 0) return 0;
    if (k >= n) return 1;
    if (p <= 0) return 1;
    if (p >= 1) return 0;
    return regularizedBeta(1 - p, n - k, k + 1.0);
  }

  /** P(X ≥ k) for X ~ Binomial(n, p). */
  static double binomialSurvival(long k, long n, double p) {
    if (k <= 0) return 1;
    if (k > n) return 0;
    if (p <= 0) return 0;
    if (p >= 1) return 1;
    return regularizedBeta(p, k, n - k + 1.0);
  }

  /**
   * The two-sided p-value of observing {@code x} successes in {@code n} Bernoulli(p) trials: twice
   * the smaller tail, at most 1.
   */
  static double binomialTwoSided(long x, long n, double p) {
    return Math.min(1, 2 * Math.min(binomialCdf(x, n, p), binomialSurvival(x, n, p)));
  }
}
