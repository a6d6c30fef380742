package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.executive.RuntimeSettings;
import io.vavr.collection.TreeMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A runtime's settings, as saved chains record them: every override setting a preset documents,
 * under the name a scenario overrides it by, with the value the runtime runs with.
 */
class RuntimeSettingsTest {
  @Test
  void everyOverrideSettingOfAPresetIsASettingOfItsRuntimeUnderTheSameName() {
    for (String name : java.util.List.of("frame", "testnet", "mainnet-like", "filecoin")) {
      var preset = Presets.named(name);
      TreeMap<String, String> settings = preset.build(Map.of()).settings();
      preset
          .settings()
          .forEach(
              (section, values) -> {
                if (section.equals("transaction-payment")
                    && values.get("enabled").equals("false")) {
                  // fees off: the pallet is left out, and the pallet list says so
                  assertThat(settings.get("runtime.pallets").get())
                      .doesNotContain("TransactionPayment");
                  return;
                }
                values
                    .keySet()
                    .forEach(
                        s ->
                            assertThat(settings.containsKey(section + "." + s))
                                .as(name + ": " + section + "." + s)
                                .isTrue());
              });
      assertThat(preset.build(Map.of()).preset()).isEqualTo(name);
    }
  }

  @Test
  void aRuntimeIsDescribedTheSameEveryTimeAndAnOverrideChangesItsSettingAndHash() {
    var testnet = Presets.named("testnet");
    var a = testnet.build(Map.of()).settings();
    var b = testnet.build(Map.of()).settings();
    assertThat(a).isEqualTo(b);
    assertThat(RuntimeSettings.hash(a)).isEqualTo(RuntimeSettings.hash(b));
    assertThat(a.get("runtime.session-period").get()).isEqualTo("20");
    assertThat(a.get("market.fip0074-activation-block").get()).isEqualTo("0");
    assertThat(a.get("runtime.pallets").get())
        .isEqualTo(
            "System, Balances, Session, Aura, TransactionPayment, CollatorPower,"
                + " CollatorSelection, StorageProvider, Market");
    assertThat(a.get("coupling.proof-verifier").get())
        .isEqualTo("dev.palletsim.frame.crypto.SimulatedProofs");

    var legacy =
        testnet
            .build(Map.of("market", Map.of("fip0074-activation-block", Long.MAX_VALUE)))
            .settings();
    assertThat(legacy.get("market.fip0074-activation-block").get())
        .isEqualTo(String.valueOf(Long.MAX_VALUE));
    assertThat(RuntimeSettings.hash(legacy)).isNotEqualTo(RuntimeSettings.hash(a));
    assertThat(a.keySet().filter(k -> !a.get(k).equals(legacy.get(k))).toList())
        .containsExactly("market.fip0074-activation-block");

    var relaxed =
        testnet.build(Map.of("runtime", Map.of("invariant-check-interval", 0))).settings();
    assertThat(relaxed.get("runtime.invariant-check-interval").get()).isEqualTo("0");
    assertThat(RuntimeSettings.hash(relaxed)).isEqualTo(RuntimeSettings.hash(a));

    var mainnet = Presets.named("mainnet-like").build(Map.of()).settings();
    assertThat(mainnet.get("runtime.session-period").get()).isEqualTo("3600");
    assertThat(RuntimeSettings.hash(mainnet)).isNotEqualTo(RuntimeSettings.hash(a));
  }
}
