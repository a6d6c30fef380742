package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.runtime.Presets;
import dev.palletsim.sim.MetricCatalog;
import dev.palletsim.sim.MetricInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogsTest {
  @Test
  void theRuntimeCatalogFindsCallsEventsErrorsAndStorageByThePalletAnatomy() {
    RuntimeCatalog c = new RuntimeCatalog(Presets.named("frame").build(Map.of()));
    assertThat(c.pallets()).contains("System", "Balances", "Session", "Aura");
    assertThat(c.call("Balances.transfer_keep_alive").type())
        .isEqualTo(BalancesCall.TransferKeepAlive.class);
    assertThat(c.call("Balances.TransferKeepAlive"))
        .isEqualTo(c.call("Balances.transfer_keep_alive"));
    assertThat(c.callNames()).contains("System.remark", "Session.set_keys", "Balances.burn");
    assertThat(c.event("Balances.Transfer").type()).isEqualTo(BalancesEvent.Transfer.class);
    assertThat(c.event("Session.NewSession").pallet()).isEqualTo("Session");
    assertThat(c.storage("Balances.Account").key1()).isEqualTo(AccountId.class);
    assertThat(c.storage("Timestamp.Now")).isNotNull();
    assertThat(c.error("InsufficientBalance")).isEqualTo("InsufficientBalance");
    assertThat(c.error("Balances.InsufficientBalance")).isEqualTo("Balances::InsufficientBalance");
    assertThat(c.error("Session::InsufficientBalance")).isNull();
    assertThat(c.error("Arithmetic::Overflow")).isEqualTo("Arithmetic::Overflow");
    assertThat(c.error("Nonsense")).isNull();
  }

  @Test
  void aRegisteredProbeIsUsableFromAScenarioAndChartedByDefault() {
    MetricCatalog.register(
        "test-constant",
        "a constant, for this test",
        List.of(MetricInfo.series("test.constant", "widgets", "a constant seven")),
        () -> (rt, block, world, metrics) -> metrics.record("test.constant", block.number(), 7));
    Scenario s =
        ScenarioReader.read(
            "p.yaml",
            "name: p\npreset: frame\nblocks: 4\ngenesis: {session-keys: [alice]}\n"
                + "metrics: [test-constant]\nexpect:\n  - {metric: test.constant, last: {equals: 7}}\n");
    RunReport r = RunReport.run(s, 1, 4, (d, t) -> {});
    assertThat(r.passed()).isTrue();
    assertThat(r.seriesProbes()).containsEntry("test.constant", "test-constant");
    assertThat(MetricsFiles.csv(r.metrics(), 4))
        .isEqualTo("block,test.constant\n1,7\n2,7\n3,7\n4,7\n");
    assertThat(Charts.plan(r))
        .extracting(p -> p.spec().fileName(), Charts.Planned::names)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "chart-test-constant.png", List.of("test.constant")));
  }

  @Test
  void numbersAreFormattedTheSameWayEverywhere() {
    assertThat(Numbers.format(1200.0)).isEqualTo("1200");
    assertThat(Numbers.format(-3)).isEqualTo("-3");
    assertThat(Numbers.format(0.1)).isEqualTo("0.1");
    assertThat(Numbers.format(2999.9999999999)).isEqualTo("2999.9999999999");
    assertThat(Numbers.format(1.0 / 3)).isEqualTo("0.333333333333333");
    assertThat(Numbers.format(1e-9)).isEqualTo("1E-9");
    assertThat(Numbers.format(Double.NaN)).isEmpty();
    assertThat(Numbers.human(1213.25)).isEqualTo("1,213.25");
    assertThat(Numbers.human(2150)).isEqualTo("2,150");
  }

  @Test
  void jsonKeepsOrderEscapesTextAndPutsPlainArraysOnOneLine() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("b", "say \"hi\"\n");
    m.put("a", List.of(1L, 2.5, true));
    m.put("n", null);
    m.put("nested", List.of(Map.of("k", 1L)));
    assertThat(Json.write(m))
        .isEqualTo(
            "{\n  \"b\": \"say \\\"hi\\\"\\n\",\n  \"a\": [1, 2.5, true],\n  \"n\": null,\n"
                + "  \"nested\": [\n    {\n      \"k\": 1\n    }\n  ]\n}\n");
  }

  @Test
  void longSeriesAreChartedAsAMinMaxEnvelopeThatKeepsEverySpike() {
    var metrics = new dev.palletsim.sim.Metrics();
    for (long b = 1; b <= 100_000; b++) metrics.record("s", b, b == 77_777 ? 1_000 : b % 3);
    double[][] xy = Charts.envelope(metrics.series("s"));
    assertThat(xy[0].length).isLessThanOrEqualTo(Charts.MAX_POINTS);
    assertThat(java.util.Arrays.stream(xy[1]).max().getAsDouble()).isEqualTo(1_000);
    assertThat(xy[0]).isSorted();
  }
}
