package dev.palletsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.primitives.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Metric declarations (names with labels, units, meanings), the one amount parser and the one
 * number format of messages.
 */
class MetricInfoTest {
  @Test
  void aLabelledNameMatchesItsSeriesAndGivesTheLabelValues() {
    MetricInfo power = MetricInfo.series("power.<provider>_bytes", MetricInfo.BYTES, "power");
    assertThat(power.labels()).containsExactly("provider");
    assertThat(power.glob()).isEqualTo("power.*_bytes");
    assertThat(power.match("power.sp-1_bytes")).contains(Map.of("provider", "sp-1"));
    assertThat(power.match("power.sp.1_bytes")).contains(Map.of("provider", "sp.1"));
    assertThat(power.match("power._bytes")).as("a label is never empty").isEmpty();
    assertThat(power.match("weight.sp-1_bytes")).isEmpty();
    assertThat(power.bind("provider", "sp-2").pattern()).isEqualTo("power.sp-2_bytes");
    MetricInfo total = MetricInfo.series("power.total_bytes", MetricInfo.BYTES, "total");
    assertThat(total.match("power.total_bytes")).contains(Map.of());
    assertThat(total.literalLength()).isGreaterThan(power.literalLength());
  }

  @Test
  void everyMetricDeclaresAUnitAndAMeaning() {
    assertThatThrownBy(() -> MetricInfo.series("x", " ", "y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x: no unit");
    assertThatThrownBy(() -> MetricInfo.counter("x", "blocks", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("x: no description");
    // the engine alone: frame's probes and the transfers agent (the storage runtime's and the
    // agents' declarations are checked where they are on the class path, in module agents)
    assertThat(MetricCatalog.all().keySet())
        .containsExactly(
            "block-weight", "extrinsics", "total-issuance", "fees", "authorship", "finalize-work");
    assertThat(Agents.all().keySet()).containsExactly("transfers");
    List<MetricInfo> all = new ArrayList<>(AgentContext.METRICS);
    MetricCatalog.all().values().forEach(e -> all.addAll(e.metrics()));
    for (MetricInfo m : all) {
      assertThat(m.unit()).as(m.pattern()).isNotBlank();
      assertThat(m.description()).as(m.pattern()).hasSizeGreaterThan(10);
    }
    assertThat(Agents.type("transfers").statusHelp()).isNotBlank();
  }

  @Test
  void amountsParseWithUnitsAndOverflowsNameTheMaximum() {
    assertThat(Amounts.parse("5 TOKEN", "")).isEqualTo(5 * Units.TOKEN);
    assertThat(Amounts.parse("0.5 TOKEN", "")).isEqualTo(Units.TOKEN / 2);
    assertThat(Amounts.parse("1_000", "")).isEqualTo(1000);
    assertThat(Amounts.parse("2 kib", "")).isEqualTo(2048);
    // the largest balance: 2^63 - 1 planck, written in tokens to the last planck
    assertThat(Amounts.parse("922337203.6854775807 TOKEN", "")).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> Amounts.parse("922337203.6854775808 TOKEN", ""))
        .hasMessage(
            "922337203.6854775808 TOKEN overflows a balance (max 922337203.6854775807 TOKEN)");
    assertThatThrownBy(() -> Amounts.parse("99999999999999999 TOKEN", ""))
        .hasMessage("99999999999999999 TOKEN overflows a balance (max 922337203.6854775807 TOKEN)");
    // 2^63 - 1 bytes = 8 EiB - 1 byte = 8388608 TiB - 1 byte
    assertThatThrownBy(() -> Amounts.parse("9999999 TIB", ""))
        .hasMessage("9999999 TIB overflows a size (max 8388607.99 TIB)");
    assertThatThrownBy(() -> Amounts.parse("9223372036854775808", "a balance"))
        .hasMessage(
            "9223372036854775808 overflows a balance (max 9223372036854775807 planck ="
                + " 922337203.6854775807 TOKEN)");
    assertThatThrownBy(() -> Amounts.parse("1 PLANKS", ""))
        .hasMessage(
            "unknown unit 'PLANKS' in \"1 PLANKS\" (units: TOKEN, MILLI_TOKEN, PLANCK, BYTES, KIB,"
                + " MIB, GIB, TIB)");
    assertThatThrownBy(() -> Amounts.parse("lots", ""))
        .hasMessage("expected an amount (e.g. 1000, 5 TOKEN, 32 GIB), got \"lots\"");
  }

  @Test
  void agentParametersReportOverflowsNamingTheParameter() {
    Params p =
        new Params("agent sp-1", Map.of("capacity", "9999999 TIB"), java.util.Set.of("capacity"));
    assertThatThrownBy(() -> p.longValue("capacity", 0))
        .hasMessage(
            "agent sp-1: parameter 'capacity': 9999999 TIB overflows a size (max 8388607.99 TIB)");
  }

  @Test
  void messagesPrintWholeNumbersAsIntegersAndFractionsWithALeadingZero() {
    assertThat(Metrics.show(99999999)).isEqualTo("99999999");
    assertThat(Metrics.show(32768.0)).isEqualTo("32768");
    assertThat(Metrics.show(0.05)).isEqualTo("0.05");
    assertThat(Metrics.show(-1)).isEqualTo("-1");
    assertThat(Metrics.show(1.0 / 3)).isEqualTo("0.333333333333333");
    assertThat(Metrics.show(1e20)).isEqualTo("1E+20");
    assertThat(Metrics.show(Double.NaN)).isEqualTo("NaN");
    Expectation e =
        Expectations.metric(
            "power.total_bytes", Expectations.Aggregate.MAX, ">", 99999999, "bytes");
    assertThat(e.describe()).isEqualTo("max(power.total_bytes) > 99999999 bytes");
    Metrics m = new Metrics();
    m.record("power.total_bytes", 1, 32768);
    Verdict v = e.atEnd(null, null, m, 1);
    assertThat(v)
        .isEqualTo(
            new Verdict.Failed(
                1, "expected max(power.total_bytes) > 99999999 bytes, found 32768 bytes"));
  }
}
