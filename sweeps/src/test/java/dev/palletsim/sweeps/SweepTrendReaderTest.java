package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.examples.ScenarioException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trends ({@code against:}) and windows ({@code from N}) in sweep files, read strictly. */
class SweepTrendReaderTest {
  @TempDir Path dir;

  private Sweep read(String rest) throws IOException {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(
        file,
        "name: s\nscenario: "
            + SweepReaderTest.QUICKSTART
            + "\nseeds: 2\n"
            + "axes:\n  capacity: {set: agents.sp-*.capacity, values: [4096, 8192]}\n"
            + "  mode: {set: overrides.market.publish-mode, values: [all-or-nothing, filter-invalid]}\n"
            + "collect: [mean(block.weight_us) from 20, last(block.weight_us), counter(calls.ok)]\n"
            + rest,
        StandardCharsets.UTF_8);
    return SweepReader.read(file);
  }

  private void assertError(String rest, int line, String message) {
    assertThatThrownBy(() -> read(rest))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("sweep.yaml:" + line + ":")
        .hasMessageContaining(message);
  }

  @Test
  void aTrendIsReadAgainstAnAxisOrAMetric() throws IOException {
    Sweep s =
        read(
            "expect:\n"
                + "  - {metric: mean(block.weight_us) from 20, against: capacity, slope: {above: 0}}\n"
                + "  - {metric: last(block.weight_us), against: mean(block.weight_us) from 20,"
                + " where: {mode: filter-invalid}, rank-correlation: {at-least: 0.5}}\n");
    assertThat(s.expectations())
        .extracting(AggregateExpectation::description)
        .containsExactly(
            "slope of mean(block.weight_us) from 20 against capacity > 0",
            "rank-correlation of last(block.weight_us) against mean(block.weight_us) from 20 >= 0.5"
                + " where mode=filter-invalid");
    assertThat(s.expectations())
        .extracting(AggregateExpectation::against)
        .containsExactly("capacity", "mean(block.weight_us) from 20");
    assertThat(s.collect().get(0).from()).isEqualTo(20);
  }

  @Test
  void malformedTrendsAndWindowsAreErrorsOnTheirLines() {
    String head = "expect:\n  - {metric: mean(block.weight_us) from 20, ";
    assertError(head + "against: mode, slope: {above: 0}}\n", 9, "axis mode is not numeric");
    assertError(
        head + "against: nothing, slope: {above: 0}}\n", 9, "no axis or collected per-run metric");
    assertError(
        head + "against: capacity, mean: {above: 0}}\n", 9, "takes slope or rank-correlation");
    assertError(head + "slope: {above: 0}}\n", 9, "slope needs against:");
    assertError(
        head + "against: capacity, rank-correlation: {above: 2}}\n",
        9,
        "a rank correlation lies between -1 and 1, got 2");
    assertError(
        head + "against: mean(block.weight_us) from 20, slope: {above: 0}}\n",
        9,
        "a metric against itself");
    assertError(
        "expect:\n  - {metric: mean(block.weight_us), mean: {above: 0}}\n",
        9,
        "does not collect mean(block.weight_us) (per-run metrics collected: mean(block.weight_us)"
            + " from 20");
  }

  @Test
  void aWindowTakesABlockNumberAndNoCounter() throws IOException {
    Path file = dir.resolve("w.yaml");
    String base = "name: s\nscenario: " + SweepReaderTest.QUICKSTART + "\nseeds: 1\ncollect: ";
    Files.writeString(file, base + "[counter(calls.ok) from 5]\n");
    assertThatThrownBy(() -> SweepReader.read(file))
        .hasMessageContaining("w.yaml:4:")
        .hasMessageContaining("'from' applies to series");
    Files.writeString(file, base + "[mean(block.weight_us) from 0]\n");
    assertThatThrownBy(() -> SweepReader.read(file))
        .hasMessageContaining("'from' takes a block number from 1, got 0");
  }
}
