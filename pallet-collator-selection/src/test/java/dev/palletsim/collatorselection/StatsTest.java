package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void logGammaMatchesFactorials() {
    assertThat(Stats.logGamma(1)).isCloseTo(0, within(1e-13));
    assertThat(Stats.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    assertThat(Stats.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
    assertThat(Stats.logGamma(101)).isCloseTo(363.73937555556347, within(1e-9));
  }

  @Test
  void chiSquaredTailMatchesClosedFormsAndTables() {
    // two degrees of freedom: P(χ² ≥ x) = exp(−x/2)
    for (double x : new double[] {0.1, 1, 5, 20, 60}) {
      assertThat(Stats.chiSquaredSurvival(x, 2)).isCloseTo(Math.exp(-x / 2), within(1e-12));
    }
    // the usual table entries
    assertThat(Stats.chiSquaredSurvival(3.841458820694124, 1)).isCloseTo(0.05, within(1e-10));
    assertThat(Stats.chiSquaredSurvival(20.515005652432873, 5)).isCloseTo(0.001, within(1e-10));
    assertThat(Stats.chiSquaredSurvival(11.070497693516351, 5)).isCloseTo(0.05, within(1e-10));
    assertThat(Stats.chiSquaredSurvival(0, 5)).isEqualTo(1.0);
  }

  @Test
  void binomialTailsMatchExactSums() {
    int n = 40;
    for (double p : new double[] {0.05, 0.3, 0.5, 0.93}) {
      double cumulative = 0;
      for (int k = 0; k <= n; k++) {
        cumulative += Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
        assertThat(Stats.binomialCdf(k, n, p))
            .as("P(X ≤ %d), p=%s", k, p)
            .isCloseTo(Math.min(1, cumulative), within(1e-11));
        assertThat(Stats.binomialSurvival(k + 1, n, p))
            .as("P(X ≥ %d), p=%s", k + 1, p)
            .isCloseTo(Math.max(0, 1 - cumulative), within(1e-11));
      }
    }
  }

  @Test
  void binomialTwoSidedPValueIsOneAtTheMeanAndTinyFarFromIt() {
    assertThat(Stats.binomialTwoSided(5_000, 10_000, 0.5)).isCloseTo(1.0, within(1e-9));
    assertThat(Stats.binomialTwoSided(5_300, 10_000, 0.5)).isLessThan(1e-8);
    assertThat(Stats.binomialTwoSided(4_700, 10_000, 0.5)).isLessThan(1e-8);
    // about 1.96 standard deviations out: p ≈ 0.05
    assertThat(Stats.binomialTwoSided(5_098, 10_000, 0.5)).isBetween(0.04, 0.06);
  }

  @Test
  void certainOutcomesHaveDegenerateTails() {
    assertThat(Stats.binomialTwoSided(100, 100, 1.0)).isEqualTo(1.0);
    assertThat(Stats.binomialTwoSided(99, 100, 1.0)).isEqualTo(0.0);
    assertThat(Stats.binomialTwoSided(0, 100, 0.0)).isEqualTo(1.0);
    assertThat(Stats.binomialTwoSided(1, 100, 0.0)).isEqualTo(0.0);
  }

  private static double logChoose(int n, int k) {
    return Stats.logGamma(n + 1.0) - Stats.logGamma(k + 1.0) - Stats.logGamma(n - k + 1.0);
  }
}
