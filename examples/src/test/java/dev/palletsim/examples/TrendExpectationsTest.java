package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.World;
import dev.palletsim.sim.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Trend expectations ({@code metric:} with {@code against:}) and expectations restricted to one
 * variant ({@code variant:}): read strictly, applied to their variant only, and able to fail; the
 * fip-0074 scenario's own expectations hold on each regime's run and fail on the other's.
 */
class TrendExpectationsTest {
  static final String TWO =
      VariantsTest.TWO.replace("metrics: [block-weight]", "metrics: [block-weight, extrinsics]");

  static Scenario withExpect(String lines) {
    return ScenarioReader.read("v.yaml", TWO + "expect:\n" + lines);
  }

  @Test
  void aTrendIsReadWithItsUnitAndItsVariant() {
    Scenario s =
        withExpect(
            "  - {metric: block.weight_us, against: block.extrinsics, slope: {at-least: 0.5},"
                + " variant: short, from-block: 2, to-block: 30}\n"
                + "  - {metric: block.weight_us, against: block.extrinsics,"
                + " rank-correlation: {above: 0.10}}\n");
    assertThat(s.expectations())
        .extracting(Scenario.ExpectationSpec::description)
        .containsExactly(
            "slope(block.weight_us against block.extrinsics) in blocks 2..30 >= 0.5"
                + " µs/extrinsics",
            "rank-correlation(block.weight_us against block.extrinsics) > 0.10");
    assertThat(s.expectations())
        .extracting(Scenario.ExpectationSpec::variant)
        .containsExactly("short", "");
    Scenario shortRun = s.forVariant(s.variants().get(0));
    Scenario longRun = s.forVariant(s.variants().get(1));
    assertThat(shortRun.expectations()).hasSize(2);
    assertThat(longRun.expectations()).hasSize(1);
    assertThat(longRun.expectations().get(0).variant()).isEmpty();
  }

  @Test
  void anExpectationOfOneVariantOnlyFailsThatVariant() {
    // every transfer adds weight: the slope of weight against extrinsics is positive in both
    // variants; the expectation that says otherwise is given to 'long' only
    Scenario s =
        withExpect(
            "  - {metric: block.weight_us, against: block.extrinsics, slope: {above: 0},"
                + " variant: short}\n"
                + "  - {metric: block.weight_us, against: block.extrinsics, slope: {below: 0},"
                + " variant: long}\n");
    RunReport shortRun = run(s.forVariant(s.variants().get(0)));
    RunReport longRun = run(s.forVariant(s.variants().get(1)));
    assertThat(shortRun.failureMessage()).isEmpty();
    assertThat(shortRun.result().expectations()).hasSize(1);
    assertThat(longRun.failureMessage().orElseThrow())
        .startsWith(
            "v.yaml:19: expectation failed: expected slope(block.weight_us against"
                + " block.extrinsics) < 0 µs/extrinsics, found ")
        .endsWith(" µs/extrinsics over 40 blocks");
  }

  private static RunReport run(Scenario s) {
    return RunReport.run(s, s.seed(), s.runLength(), (d, t) -> {});
  }

  @Test
  void malformedTrendsAreErrorsNamingTheLine() {
    String trend = "  - {metric: block.weight_us, against: block.extrinsics, ";
    assertThatThrownBy(() -> withExpect(trend + "slope: {at-least: 1}, variant: shrot}\n"))
        .hasMessageStartingWith("v.yaml:18: ")
        .hasMessageContaining(
            "expect[0].variant: no variant named 'shrot' (known variants: long, short)");
    assertThatThrownBy(
            () ->
                withExpect(
                    trend.replace("block.extrinsics", "block.extrinsix")
                        + "slope: {at-least: 1}}\n"))
        .hasMessageStartingWith("v.yaml:18: ")
        .hasMessageContaining("no series block.extrinsix");
    assertThatThrownBy(() -> withExpect(trend + "slope: {at-least: 1}, max: {at-most: 1}}\n"))
        .hasMessageStartingWith("v.yaml:18: ")
        .hasMessageContaining("max");
    assertThatThrownBy(
            () -> withExpect(trend + "slope: {at-least: 1}, rank-correlation: {at-least: 1}}\n"))
        .hasMessageStartingWith("v.yaml:18: ");
    assertThatThrownBy(() -> withExpect(trend + "rank-correlation: {at-least: 1.5}}\n"))
        .hasMessageStartingWith("v.yaml:18: ")
        .hasMessageContaining("a rank correlation lies between -1 and 1, got 1.5");
    assertThatThrownBy(
            () -> withExpect(trend + "slope: {at-least: 1}, from-block: 9, to-block: 3}\n"))
        .hasMessageStartingWith("v.yaml:18: ")
        .hasMessageContaining("to-block 3 is before from-block 9");
    assertThatThrownBy(
            () ->
                withExpect(
                    "  - {metric: block.weight_us, against: block.weight_us, slope: {above: 0}}\n"))
        .hasMessageContaining("a series against itself says nothing");
    // a variant: where there are no variants, on any kind of expectation
    String plain = TWO.substring(0, TWO.indexOf("variants:")) + "metrics: [block-weight]\n";
    assertThatThrownBy(
            () ->
                ScenarioReader.read(
                    "p.yaml", plain + "expect:\n  - {no-event: System.BugReported, variant: a}\n"))
        .hasMessageStartingWith("p.yaml:14: ")
        .hasMessageContaining("variant: a: this scenario has no variants");
  }

  @Test
  void theFip0074ExpectationsHoldOnTheirRegimeAndFailOnTheOther() {
    Scenario s = ScenarioReader.read(Path.of("scenarios/fip-0074.yaml"));
    Scenario legacy = s.forVariant(s.variants().get(0));
    Scenario fip = s.forVariant(s.variants().get(1));
    assertThat(legacy.variant()).isEqualTo("legacy-cron");
    List<Scenario.ExpectationSpec> legacyTrends = trends(legacy);
    List<Scenario.ExpectationSpec> fipTrends = trends(fip);
    assertThat(legacyTrends).hasSize(3);
    assertThat(fipTrends).hasSize(2);
    // by block 400 every deal of the run is active (2,048) and the legacy cron has met each
    RunReport legacyRun = RunReport.run(legacy, legacy.seed(), 400, (d, t) -> {});
    RunReport fipRun = RunReport.run(fip, fip.seed(), 400, (d, t) -> {});
    for (var e : legacyTrends) {
      assertThat(verdict(e, legacyRun)).as(e.description()).isInstanceOf(Verdict.Met.class);
      assertThat(verdict(e, fipRun)).as(e.description()).isInstanceOf(Verdict.Failed.class);
    }
    for (var e : fipTrends) {
      assertThat(verdict(e, fipRun)).as(e.description()).isInstanceOf(Verdict.Met.class);
      assertThat(verdict(e, legacyRun)).as(e.description()).isInstanceOf(Verdict.Failed.class);
    }
  }

  private static List<Scenario.ExpectationSpec> trends(Scenario s) {
    return s.expectations().stream().filter(e -> e.description().contains(" against ")).toList();
  }

  private static Verdict verdict(Scenario.ExpectationSpec e, RunReport r) {
    return e.expectation().atEnd(null, World.empty(), r.metrics(), r.result().blocksRun());
  }
}
