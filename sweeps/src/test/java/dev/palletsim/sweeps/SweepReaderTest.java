package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.examples.Scenario;
import dev.palletsim.examples.ScenarioException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepReaderTest {
  static final Path QUICKSTART = Path.of("../examples/scenarios/quickstart.yaml").toAbsolutePath();
  static final Path FIP_0074 = Path.of("../examples/scenarios/fip-0074.yaml").toAbsolutePath();

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private Sweep read(String yaml) throws IOException {
    return SweepReader.read(write(yaml));
  }

  private String quickstart(String rest) {
    return "name: s\nscenario: "
        + QUICKSTART
        + "\nseeds: 2\ncollect: [mean(block.weight_us)]\n"
        + rest;
  }

  private static Map<String, Object> params(Scenario s, String agent) {
    return s.agents().stream()
        .filter(a -> a.name().equals(agent))
        .findFirst()
        .orElseThrow()
        .params();
  }

  @Test
  void theExampleSweepsRead() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../examples/sweeps"))) {
      List<Path> sweeps = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(sweeps).isNotEmpty();
      for (Path f : sweeps) {
        Sweep s = SweepReader.read(f);
        assertThat(s.runs()).as(f.toString()).isNotEmpty();
      }
    }
  }

  @Test
  void aSweepFileOverTheInputLimitIsRefusedBeforeParsing() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, "scenario: quickstart\n#" + "x".repeat(2 << 20) + "\n");
    assertThatThrownBy(() -> SweepReader.read(big))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("big.yaml")
        .hasMessageContaining("more than a sweep file may hold");
  }

  @Test
  void settingOneAgentsParameterLeavesTheAgentsSharingItsAnchorAlone() throws IOException {
    Sweep s =
        read(quickstart("axes:\n  post: {set: agents.client-1.post-every, values: [3, 5]}\n"));
    Scenario second = s.scenario(s.points().get(1));
    assertThat(params(second, "client-1")).containsEntry("post-every", 5L);
    assertThat(params(second, "client-2")).containsEntry("post-every", 8L);
    assertThat(params(s.base(), "client-1")).containsEntry("post-every", 8L);
  }

  @Test
  void aGlobSetsTheParameterOnEveryMatchingAgent() throws IOException {
    Sweep s = read(quickstart("axes:\n  capacity: {set: agents.sp-*.capacity, values: [4 KIB]}\n"));
    Scenario p = s.scenario(s.points().get(0));
    assertThat(params(p, "sp-1")).containsEntry("capacity", "4 KIB");
    assertThat(params(p, "sp-2")).containsEntry("capacity", "4 KIB");
    assertThat(params(p, "client-1")).doesNotContainKey("capacity");
  }

  @Test
  void overridesGenesisValuesAndTheRunLengthAreSetWhereTheScenarioKeepsThem() throws IOException {
    Sweep s =
        read(
            quickstart(
                "blocks: 30\naxes:\n"
                    + "  period: {set: overrides.runtime.session-period, values: [7]}\n"
                    + "  money: {set: genesis.balances.client-1, values: [5 TOKEN]}\n"));
    assertThat(s.base().runLength()).isEqualTo(30);
    assertThat(s.base().runtime().config().sessionPeriod()).isNotEqualTo(7);
    Scenario p = s.scenario(s.points().get(0));
    assertThat(p.runtime().config().sessionPeriod()).isEqualTo(7);
    @SuppressWarnings("unchecked")
    Map<String, Object> balances = (Map<String, Object>) p.genesis().get("balances");
    assertThat(balances).containsEntry("client-1", "5 TOKEN");
    assertThat(p.runLength()).isEqualTo(30);
  }

  @Test
  void thePointsAreTheGridWithTheLastAxisFastestAndEveryPointRunsEverySeed() throws IOException {
    Sweep s =
        read(
            quickstart(
                "axes:\n"
                    + "  a: {set: agents.sp-*.capacity, values: [4 KIB, 8 KIB]}\n"
                    + "  b: {set: agents.client-*.post-every, values: {from: 2, to: 6, step: 2}}\n"));
    assertThat(s.points())
        .extracting(p -> p.describe(s.axes()))
        .containsExactly(
            "a=4 KIB, b=2",
            "a=4 KIB, b=4",
            "a=4 KIB, b=6",
            "a=8 KIB, b=2",
            "a=8 KIB, b=4",
            "a=8 KIB, b=6");
    assertThat(s.runs())
        .hasSize(12)
        .startsWith(new RunSpec(0, 1), new RunSpec(0, 2), new RunSpec(1, 1));
  }

  @Test
  void rangesAreLinearWithAStepOrLinearOrLogarithmicWithACount() throws IOException {
    Sweep s =
        read(
            quickstart(
                "axes:\n"
                    + "  a: {set: agents.client-*.post-every, values: {from: 10, to: 1000, count: 3, scale: log}}\n"
                    + "  b: {set: agents.client-*.expiry, values: {from: 10, to: 20, count: 3}}\n"));
    assertThat(s.axes().get(0).values())
        .extracting(AxisValue::text)
        .containsExactly("10", "100", "1000");
    assertThat(s.axes().get(1).values())
        .extracting(AxisValue::text)
        .containsExactly("10", "15", "20");
    assertThat(s.axes().get(0).integral()).isTrue();
    Sweep decimals =
        read(
            "name: s\nseeds: 1\ncollect: [mean(block.weight_us)]\n"
                + "axes:\n  p: {set: agents.alice.probability, values: {from: 0.25, to: 0.75, step: 0.25}}\n"
                + "scenario:\n  name: inline\n  preset: frame\n  blocks: 5\n"
                + "  genesis: {balances: {alice: 1 TOKEN, bob: 1 TOKEN}, session-keys: [alice]}\n"
                + "  agents: [{name: alice, type: transfers, params: {peers: [bob]}}]\n");
    assertThat(decimals.axes().get(0).values())
        .extracting(AxisValue::text)
        .containsExactly("0.25", "0.5", "0.75");
    assertThat(decimals.axes().get(0).integral()).isFalse();
    assertThat(decimals.axes().get(0).numeric()).isTrue();
  }

  @Test
  void seedsAreACountAListOrARange() throws IOException {
    assertThat(read(quickstart("").replace("seeds: 2", "seeds: 3")).seeds())
        .containsExactly(1L, 2L, 3L);
    assertThat(read(quickstart("").replace("seeds: 2", "seeds: [7, 42]")).seeds())
        .containsExactly(7L, 42L);
    assertThat(read(quickstart("").replace("seeds: 2", "seeds: {from: 100, count: 2}")).seeds())
        .containsExactly(100L, 101L);
  }

  @Test
  void aScenarioWithVariantsSweepsThemAllUnlessAnAxisChooses() throws IOException {
    Sweep s =
        read(
            "name: s\nscenario: "
                + FIP_0074
                + "\nseeds: 1\nblocks: 10\ncollect: [mean(block.weight_us)]\n");
    assertThat(s.axes()).extracting(Axis::name).containsExactly("variant");
    assertThat(s.axes().get(0).values())
        .extracting(AxisValue::text)
        .containsExactly("legacy-cron", "fip-0074");
    assertThat(s.warnings()).anyMatch(w -> w.contains("variants"));
    Scenario legacy = s.scenario(s.points().get(0));
    assertThat(legacy.variant()).isEqualTo("legacy-cron");
    Sweep one =
        read(
            "name: s\nscenario: "
                + FIP_0074
                + "\nseeds: 1\nblocks: 10\ncollect: [mean(block.weight_us)]\n"
                + "axes:\n  regime: {set: variant, values: [fip-0074]}\n");
    assertThat(one.scenario(one.points().get(0)).variant()).isEqualTo("fip-0074");
  }

  @Test
  void anInlineScenarioIsReadFromTheSweepFileAndItsErrorsNameItsLines() throws IOException {
    String yaml =
        "name: s\nseeds: 1\ncollect: [mean(block.weight_us)]\nscenario:\n  name: inline\n"
            + "  preset: frame\n  blocks: 5\n  genesis: {balances: {alice: 1 TOKEN}, session-keys: [alice]}\n";
    assertThat(read(yaml).base().name()).isEqualTo("inline");
    assertThatThrownBy(() -> read(yaml.replace("preset: frame", "preset: frmae")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("sweep.yaml:6:")
        .hasMessageContaining("unknown preset 'frmae'");
  }

  private void assertError(String yaml, int line, String message) {
    assertThatThrownBy(() -> read(yaml))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("sweep.yaml:" + line + ":")
        .hasMessageContaining(message);
  }

  @Test
  void everyMistakeIsAnErrorOnItsLine() {
    assertError(quickstart("axs: {}\n"), 5, "unknown key 'axs'");
    assertError(
        quickstart("axes:\n  a: {set: agent.x.y, values: [1]}\n"), 6, "an axis sets overrides.");
    assertError(
        quickstart("axes:\n  a: {set: agents.nobody.capacity, values: [1]}\n"),
        6,
        "no agent of scenario quickstart matches 'nobody'");
    assertError(
        quickstart("axes:\n  a: {set: agents.sp-1.capacty, values: [1]}\n"),
        6,
        "did you mean 'capacity'");
    assertError(
        quickstart("axes:\n  a: {set: overrides.markt.x, values: [1]}\n"),
        6,
        "has no section 'markt'");
    assertError(
        quickstart("axes:\n  a: {set: overrides.market.deal-updates-intreval, values: [1]}\n"),
        6,
        "did you mean 'deal-updates-interval'");
    assertError(
        quickstart(
            "axes:\n  a:\n    set: agents.sp-*.capacity\n    values:\n      - 4 KIB\n      - lots\n"),
        10,
        "setting agents.sp-*.capacity to lots");
    assertError(
        quickstart("axes:\n  seed: {set: agents.sp-*.capacity, values: [1]}\n"),
        6,
        "is a column of the results");
    assertError(quickstart("axes:\n  a: {set: variant, values: [x]}\n"), 6, "has no variants");
    assertError(
        quickstart("axes:\n  a: {set: agents.sp-*.capacity, values: [1, 1]}\n"), 6, "listed twice");
    assertError(
        quickstart("").replace("collect: [mean(block.weight_us)]", "collect: [average(x)]"),
        4,
        "a metric is last(S)");
    assertError(
        quickstart("expect:\n  - {metric: max(block.weight_us), mean: {at-most: 1}}\n"),
        6,
        "does not collect max(block.weight_us)");
    assertError(
        quickstart(
            "axes:\n  a: {set: agents.sp-*.capacity, values: [4 KIB]}\nexpect:\n  - {metric: mean(block.weight_us), where: {a: 8 KIB}, mean: {at-most: 1}}\n"),
        8,
        "axis a has no value 8 KIB");
    assertError(
        quickstart("expect:\n  - {metric: mean(block.weight_us), median: {at-most: 1}}\n"),
        6,
        "unknown key 'median'");
    assertError(
        quickstart("charts:\n  - {title: t, metric: mean(block.weight_us), x: nope}\n"),
        6,
        "no axis 'nope'");
    assertError(quickstart("").replace("seeds: 2", "seeds: [1, 1]"), 3, "seed 1 is listed twice");
    assertError(
        "name: s\nscenario: nowhere.yaml\nseeds: 1\ncollect: [mean(x)]\n",
        2,
        "no scenario file 'nowhere.yaml'");
  }
}
