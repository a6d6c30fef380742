package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {
  /** Student's t, two-sided 95%, from the standard tables. */
  @Test
  void theTQuantilesMatchThePublishedTable() {
    assertThat(Stats.studentT975(1)).isCloseTo(12.7062, within(1e-4));
    assertThat(Stats.studentT975(2)).isCloseTo(4.3027, within(1e-4));
    assertThat(Stats.studentT975(5)).isCloseTo(2.5706, within(1e-4));
    assertThat(Stats.studentT975(9)).isCloseTo(2.2622, within(1e-4));
    assertThat(Stats.studentT975(29)).isCloseTo(2.0452, within(1e-4));
    assertThat(Stats.studentT975(100)).isCloseTo(1.9840, within(1e-4));
    assertThat(Stats.studentT975(100_000)).isCloseTo(1.9600, within(1e-4));
  }

  @Test
  void meanSampleDeviationAndIntervalOfAKnownSample() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squared deviations 32, sample variance 32/7
    Stats s = Stats.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
    assertThat(s.n()).isEqualTo(8);
    assertThat(s.mean()).isEqualTo(5.0);
    assertThat(s.sd()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    double half = 2.3646 * Math.sqrt(32.0 / 7) / Math.sqrt(8); // t(0.975, 7) = 2.3646
    assertThat(s.ciLow()).isCloseTo(5 - half, within(1e-3));
    assertThat(s.ciHigh()).isCloseTo(5 + half, within(1e-3));
    assertThat(s.min()).isEqualTo(2.0);
    assertThat(s.max()).isEqualTo(9.0);
    assertThat(s.get("ci95-high")).isEqualTo(s.ciHigh());
  }

  @Test
  void oneValueHasAMeanButNoSpreadAndNoneHasNothing() {
    Stats one = Stats.of(new double[] {3});
    assertThat(one.mean()).isEqualTo(3.0);
    assertThat(one.sd()).isNaN();
    assertThat(one.ciLow()).isNaN();
    assertThat(Stats.of(new double[0]).mean()).isNaN();
  }

  @Test
  void theIncompleteBetaAndGammaHelpersAgreeWithClosedForms() {
    assertThat(Stats.lnGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    assertThat(Stats.lnGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
    // I_x(1, 1) = x and I_x(a, 1) = x^a
    assertThat(Stats.regularizedBeta(0.3, 1, 1)).isCloseTo(0.3, within(1e-12));
    assertThat(Stats.regularizedBeta(0.6, 3, 1)).isCloseTo(0.216, within(1e-12));
    // t with 1 degree of freedom is Cauchy: P(T <= t) = 1/2 + atan(t)/pi
    assertThat(Stats.studentTCdf(2, 1)).isCloseTo(0.5 + Math.atan(2) / Math.PI, within(1e-12));
  }
}
