package dev.palletsim.runtime;

import dev.palletsim.frame.executive.Runtime;
import java.util.Map;

/**
 * A named way to build a runtime ({@code testnet}, {@code mainnet-like}), with per-section
 * overrides from a scenario file: {@code runtime:} for {@link
 * dev.palletsim.frame.executive.RuntimeConfig}, and one section per pallet for its config.
 */
public interface RuntimePreset {
  /** The preset's name in scenario files. */
  String name();

  /** One sentence on what the preset models. */
  String description();

  /** The sections this preset accepts overrides for. */
  java.util.Set<String> sections();

  /** A runtime with {@code overrides} (section → setting → value) applied. */
  Runtime build(Map<String, Map<String, Object>> overrides);
}
