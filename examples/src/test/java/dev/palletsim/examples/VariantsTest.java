package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantsTest {
  @TempDir Path tmp;

  static final String TWO =
      """
      name: two
      preset: frame
      seed: 3
      blocks: 40
      overrides:
        runtime: {block-time-millis: 6000}
      genesis:
        balances: {alice: 100 TOKEN, bob: 100 TOKEN}
        session-keys: [alice, bob]
      agents:
        - {name: alice, type: transfers, params: {peers: [bob]}}
      variants:
        - {name: short, description: 5-block sessions, overrides: {runtime: {session-period: 5}}}
        - {name: long, overrides: {runtime: {session-period: 20}}}
      compare: [block.weight_us]
      metrics: [block-weight]
      """;

  @Test
  void eachVariantRunsIntoItsOwnDirectoryAndTheComparisonOverlaysTheirSeries() throws IOException {
    Path file = tmp.resolve("two.yaml");
    Files.writeString(file, TWO);
    Path out = tmp.resolve("out");
    var o = MainTest.runScenario(file, out);
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(o.out())
        .contains("== variant short: 5-block sessions")
        .contains("== variant long")
        .contains("comparison of variants (short vs long)");
    assertThat(out.resolve("short/report.html")).exists();
    assertThat(out.resolve("long/metrics.csv")).exists();
    String csv = Files.readString(out.resolve("comparison.csv"));
    assertThat(csv.lines().findFirst().orElse(""))
        .isEqualTo("block,block.weight_us@short,block.weight_us@long");
    assertThat(csv.lines().count()).isEqualTo(41);
    assertThat(out.resolve("chart-compare-block.weight_us.png")).exists();
    assertThat(Files.readString(out.resolve("report.html")))
        .contains("short/report.html")
        .contains("chart-compare-block.weight_us.png");
    // the variants differ (more rotations in the short one), and the same seed repeats exactly
    assertThat(Files.readString(out.resolve("short/metrics.csv")))
        .isNotEqualTo(Files.readString(out.resolve("long/metrics.csv")));
    Path again = tmp.resolve("again");
    MainTest.palletsim(
        "run",
        file.toString(),
        "--out",
        again.toString(),
        "--no-progress",
        "--chart-size",
        "240x160");
    assertThat(Files.readString(again.resolve("comparison.csv"))).isEqualTo(csv);
  }

  @Test
  void malformedVariantsAreErrorsNamingTheLine() {
    assertThatThrownBy(
            () ->
                ScenarioReader.read(
                    "v.yaml",
                    TWO.replace(
                        "- {name: long, overrides: {runtime: {session-period: 20}}}",
                        "- {name: short}")))
        .hasMessageStartingWith("v.yaml:14: ")
        .hasMessageContaining("a second variant named 'short'");
    assertThatThrownBy(
            () ->
                ScenarioReader.read(
                    "v.yaml", TWO.replace("session-period: 20", "session-length: 20")))
        .hasMessageStartingWith("v.yaml:14: ")
        .hasMessageContaining("session-length");
    assertThatThrownBy(
            () ->
                ScenarioReader.read(
                    "v.yaml",
                    TWO.replace(
                        "  - {name: long, overrides: {runtime: {session-period: 20}}}\n", "")))
        .hasMessageContaining("variants compare at least two configurations");
    String noVariants = TWO.substring(0, TWO.indexOf("variants:")) + "compare: [x]\n";
    assertThatThrownBy(() -> ScenarioReader.read("v.yaml", noVariants))
        .hasMessageContaining("'compare' needs 'variants'");
  }
}
