package dev.palletsim.runtime;

import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.sim.Registry;
import java.util.Map;
import java.util.Set;

/** The runtime presets a scenario can name. */
public final class Presets {
  private static final Registry<RuntimePreset> PRESETS = new Registry<>();

  /** The frame preset's runtime config before overrides: 10-block sessions. */
  private static final RuntimeConfig FRAME = RuntimeConfig.builder().sessionPeriod(10).build();

  static {
    register(
        new RuntimePreset() {
          @Override
          public String name() {
            return "frame";
          }

          @Override
          public String description() {
            return "System, Balances, Session and Aura only: 6 s blocks, 10-block sessions";
          }

          @Override
          public Set<String> sections() {
            return Set.of("runtime");
          }

          @Override
          public java.util.SortedMap<String, java.util.SortedMap<String, String>> settings() {
            java.util.SortedMap<String, java.util.SortedMap<String, String>> out =
                new java.util.TreeMap<>();
            out.put("runtime", ConfigOverrides.values(FRAME, RuntimeConfig.builder().getClass()));
            return out;
          }

          @Override
          public Runtime build(Map<String, Map<String, Object>> overrides) {
            checkSections(this, overrides);
            var config =
                ConfigOverrides.apply(
                        RuntimeConfig.builder().from(FRAME), overrides.get("runtime"), "runtime")
                    .build();
            return Runtime.builder().preset("frame").config(config).build();
          }
        });
    register(StoragePresets.testnet());
    register(StoragePresets.mainnetLike());
    register(StoragePresets.filecoin());
    register(StoragePresets.filecoinEconomy());
    register(StoragePresets.testnetEconomy());
  }

  private Presets() {}

  /** Adds a preset (replacing one of the same name). */
  public static void register(RuntimePreset preset) {
    PRESETS.put(preset.name(), preset);
  }

  /** The preset called {@code name}; an error listing the presets if there is none. */
  public static RuntimePreset named(String name) {
    RuntimePreset p = PRESETS.get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown preset '"
              + name
              + "' (known: "
              + String.join(", ", PRESETS.all().keySet())
              + ")");
    }
    return p;
  }

  /** Every preset, by name. */
  public static Map<String, RuntimePreset> all() {
    return PRESETS.all();
  }

  /** Fails on override sections the preset does not know. */
  public static void checkSections(
      RuntimePreset preset, Map<String, Map<String, Object>> overrides) {
    for (String section : overrides.keySet()) {
      if (!preset.sections().contains(section)) {
        throw new IllegalArgumentException(
            "preset "
                + preset.name()
                + " has no section '"
                + section
                + "' (known: "
                + String.join(", ", new java.util.TreeSet<>(preset.sections()))
                + ")");
      }
    }
  }
}
