package dev.palletsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.palletsim.frame.World;
import org.junit.jupiter.api.Test;

class TrendTest {
  @Test
  void theSlopeOfALineIsItsGradient() {
    double[] x = {0, 1, 2, 3, 4};
    double[] y = {7, 10, 13, 16, 19}; // y = 3x + 7
    assertThat(Trend.slope(x, y)).isCloseTo(3.0, within(1e-12));
    assertThat(Trend.slope(x, new double[] {5, 5, 5, 5, 5})).isZero();
  }

  @Test
  void theSlopeOfNoisyPointsIsTheLeastSquaresFit() {
    // x̄ = 2, ȳ = 2; Σ(x−x̄)(y−ȳ) = (−2)(−1) + (−1)(1) + 0 + (1)(1) + (2)(1) = 4; Σ(x−x̄)² = 10
    double[] x = {0, 1, 2, 3, 4};
    double[] y = {1, 3, 0, 3, 3};
    assertThat(Trend.slope(x, y)).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void theSlopeIsUndefinedWhenXNeverVaries() {
    assertThat(Trend.slope(new double[] {2, 2, 2}, new double[] {1, 2, 3})).isNaN();
    assertThat(Trend.slope(new double[] {1}, new double[] {1})).isNaN();
  }

  @Test
  void tiedValuesShareTheMeanOfTheirRanks() {
    assertThat(Trend.ranks(new double[] {10, 30, 20, 30, 5}))
        .containsExactly(2.0, 4.5, 3.0, 4.5, 1.0);
  }

  @Test
  void theRankCorrelationOfAnyRisingCurveIsOne() {
    double[] x = {1, 2, 3, 4, 5, 6};
    double[] y = {1, 8, 27, 64, 125, 216}; // x³: far from a line, the same ranks
    assertThat(Trend.rankCorrelation(x, y)).isEqualTo(1.0);
    double[] falling = {9, 7, 5, 4, 2, 0};
    assertThat(Trend.rankCorrelation(x, falling)).isEqualTo(-1.0);
  }

  @Test
  void theRankCorrelationMatchesTheTextbookFormulaWithoutTies() {
    // ρ = 1 − 6Σd²/(n(n²−1)); ranks of y: 2, 1, 4, 3, 5; d = −1, 1, −1, 1, 0; Σd² = 4
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {20, 10, 40, 30, 50};
    assertThat(Trend.rankCorrelation(x, y)).isCloseTo(1 - 6.0 * 4 / (5 * 24), within(1e-12));
  }

  @Test
  void theRankCorrelationIsUndefinedForAConstantSeries() {
    assertThat(Trend.rankCorrelation(new double[] {1, 2, 3}, new double[] {4, 4, 4})).isNaN();
  }

  @Test
  void unpairedSamplesAreRefused() {
    assertThatThrownBy(() -> Trend.slope(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 against 1");
  }

  // ------------------------------------------------------------------ the expectation

  private static Metrics growingWork(int blocks, double workPerDeal) {
    Metrics m = new Metrics();
    for (int b = 1; b <= blocks; b++) {
      double deals = 100.0 * b;
      m.record("deals", b, deals);
      m.record("work", b, workPerDeal * deals + (b % 3)); // a little noise
      m.record("flat", b, b % 2);
    }
    return m;
  }

  private static Verdict atEnd(Expectation e, Metrics m) {
    return e.atEnd(null, World.empty(), m, 50);
  }

  @Test
  void aSlopeExpectationHoldsAndTheSameWithATighterBoundMustFail() {
    Metrics m = growingWork(50, 0.25);
    var holds =
        Expectations.trend(
            "work", "deals", Trend.Statistic.SLOPE, 1, Long.MAX_VALUE, ">=", 0.2, "µs/deals");
    assertThat(atEnd(holds, m)).isInstanceOf(Verdict.Met.class);
    var fails =
        Expectations.trend(
            "work", "deals", Trend.Statistic.SLOPE, 1, Long.MAX_VALUE, ">=", 0.3, "µs/deals");
    Verdict v = atEnd(fails, m);
    assertThat(v).isInstanceOf(Verdict.Failed.class);
    assertThat(((Verdict.Failed) v).message())
        .startsWith("expected slope(work against deals) >= 0.3 µs/deals, found 0.25")
        .endsWith(" µs/deals over 50 blocks");
    assertThat(fails.describe()).isEqualTo("slope(work against deals) >= 0.3 µs/deals");
  }

  @Test
  void aFlatSeriesHasNoSlopeAndNoRankCorrelationToSpeakOf() {
    Metrics m = growingWork(50, 0.25);
    var flat =
        Expectations.trend("flat", "deals", Trend.Statistic.SLOPE, 1, 50, "<=", 1e-3, "µs/deals");
    assertThat(atEnd(flat, m)).isInstanceOf(Verdict.Met.class);
    var grows =
        Expectations.trend("flat", "deals", Trend.Statistic.RANK_CORRELATION, 1, 50, ">=", 0.9, "");
    assertThat(atEnd(grows, m)).isInstanceOf(Verdict.Failed.class);
    var rising =
        Expectations.trend("work", "deals", Trend.Statistic.RANK_CORRELATION, 1, 50, ">=", 0.9, "");
    assertThat(atEnd(rising, m)).isInstanceOf(Verdict.Met.class);
  }

  @Test
  void onlyTheWindowsBlocksCount() {
    Metrics m = new Metrics();
    for (int b = 1; b <= 20; b++) {
      m.record("x", b, b);
      m.record("y", b, b <= 10 ? 0 : 5 * b); // flat, then steep
    }
    var early = Expectations.trend("y", "x", Trend.Statistic.SLOPE, 1, 10, "<=", 0, "");
    var late = Expectations.trend("y", "x", Trend.Statistic.SLOPE, 11, 20, "==", 5, "");
    assertThat(atEnd(early, m)).isInstanceOf(Verdict.Met.class);
    assertThat(atEnd(late, m)).isInstanceOf(Verdict.Met.class);
    assertThat(early.describe()).isEqualTo("slope(y against x) in blocks 1..10 <= 0");
  }

  @Test
  void samplesPairByBlock() {
    Metrics m = new Metrics();
    // x is sampled every block, y every other block: 5 pairs
    for (int b = 1; b <= 10; b++) m.record("x", b, b);
    for (int b = 2; b <= 10; b += 2) m.record("y", b, 2.0 * b);
    double[][] xy =
        Expectations.paired(m.series("x"), m.series("y"), Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(xy[0]).containsExactly(2, 4, 6, 8, 10);
    assertThat(xy[1]).containsExactly(4, 8, 12, 16, 20);
  }

  @Test
  void tooFewPairsOrAConstantXFailWithTheReason() {
    Metrics m = new Metrics();
    m.record("x", 1, 3);
    m.record("y", 1, 1);
    var e = Expectations.trend("y", "x", Trend.Statistic.SLOPE, 1, Long.MAX_VALUE, ">=", 0, "");
    assertThat(((Verdict.Failed) atEnd(e, m)).message())
        .endsWith("but only one block has samples of both y and x");
    assertThat(((Verdict.Failed) atEnd(e, new Metrics())).message())
        .endsWith("but no block has samples of both y and x");
    m.record("x", 2, 3);
    m.record("y", 2, 7);
    assertThat(((Verdict.Failed) atEnd(e, m)).message())
        .endsWith("but it is undefined: x was 3 at each of the 2 blocks");
  }

  @Test
  void aMetricOverABlockWindowSeesOnlyItsBlocks() {
    Metrics m = new Metrics();
    for (int b = 1; b <= 10; b++) m.record("y", b, b <= 5 ? 100 : 10); // set-up, then steady
    var steady =
        Expectations.metric("y", Expectations.Aggregate.MEAN, "==", 10, "items", 6, Long.MAX_VALUE);
    assertThat(atEnd(steady, m)).isInstanceOf(Verdict.Met.class);
    assertThat(steady.describe()).isEqualTo("mean(y) from block 6 == 10 items");
    var whole = Expectations.metric("y", Expectations.Aggregate.MEAN, "==", 10, "items");
    assertThat(((Verdict.Failed) atEnd(whole, m)).message())
        .isEqualTo("expected mean(y) == 10 items, found 55 items");
    var early = Expectations.metric("y", Expectations.Aggregate.LAST, "==", 100, "", 1, 5);
    assertThat(atEnd(early, m)).isInstanceOf(Verdict.Met.class);
    var none = Expectations.metric("y", Expectations.Aggregate.MAX, "<=", 1, "", 20, 30);
    assertThat(((Verdict.Failed) atEnd(none, m)).message())
        .endsWith("but the run recorded no sample of y in blocks 20..30");
  }
}
