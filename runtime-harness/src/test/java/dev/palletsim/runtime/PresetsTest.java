package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.primitives.Units;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario overrides of a preset: unknown settings and bad values are errors naming them. */
class PresetsTest {
  @Test
  void unknownSettingsAndBadValuesAreErrorsNamingThem() {
    assertThatThrownBy(
            () -> Presets.named("frame").build(Map.of("runtime", Map.of("session-length", 3))))
        .hasMessageContaining("unknown setting 'session-length'")
        .hasMessageContaining("session-period");
    assertThatThrownBy(
            () -> Presets.named("frame").build(Map.of("runtime", Map.of("session-period", "x"))))
        .hasMessageContaining("runtime.session-period must be long");
    var rt =
        Presets.named("frame")
            .build(
                Map.of("runtime", Map.of("session-period", 25, "existential-deposit", "2 TOKEN")));
    assertThat(rt.config().sessionPeriod()).isEqualTo(25);
    assertThat(rt.config().existentialDeposit()).isEqualTo(2 * Units.TOKEN);
    assertThat(
            ConfigOverrides.settings(
                dev.palletsim.frame.executive.ImmutableRuntimeConfig.Builder.class))
        .contains("block-time-millis");
  }
}
