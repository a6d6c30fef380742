package dev.palletsim.runtime;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.session.SessionGenesis;
import dev.palletsim.sim.Params;
import io.vavr.collection.List;
import java.util.Map;
import java.util.Set;

/**
 * A named way to build a runtime ({@code testnet}, {@code mainnet-like}) and its genesis from a
 * scenario file: per-section overrides ({@code runtime:} for {@link
 * dev.palletsim.frame.executive.RuntimeConfig}, one section per pallet for its config) and a
 * genesis section whose keys the preset documents.
 */
public interface RuntimePreset {
  /** The preset's name in scenario files. */
  String name();

  /** One sentence on what the preset models. */
  String description();

  /** The sections this preset accepts overrides for. */
  Set<String> sections();

  /** A runtime with {@code overrides} (section → setting → value) applied. */
  Runtime build(Map<String, Map<String, Object>> overrides);

  /**
   * The settings each override section accepts, with the preset's value of each before overrides
   * (section → setting → value, as {@link ConfigOverrides#values} writes them).
   */
  java.util.SortedMap<String, java.util.SortedMap<String, String>> settings();

  /** The genesis keys this preset understands, each with a one-line description. */
  default Map<String, String> genesisKeys() {
    return Map.of(
        "balances", "keyring name → amount (e.g. alice: 1000 TOKEN)",
        "session-keys", "keyring names registered with session keys at genesis (the authorities)");
  }

  /**
   * The genesis described by {@code section} (keys from {@link #genesisKeys()}) with {@code seed}.
   * The default understands {@code balances} and {@code session-keys}.
   */
  @SuppressWarnings("unchecked")
  default Genesis genesis(Map<String, Object> section, long seed) {
    Params p = new Params("genesis", section, genesisKeys().keySet());
    Genesis.Builder g = Genesis.builder().seed(seed);
    Object balances = section == null ? null : section.get("balances");
    if (balances != null) {
      if (!(balances instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("genesis.balances must map names to amounts");
      }
      for (var e : ((Map<String, Object>) m).entrySet()) {
        Object v = e.getValue();
        long amount =
            v instanceof Long l
                ? l
                : dev.palletsim.sim.Amounts.parse(String.valueOf(v), "a balance");
        g.balance(Keyring.account(e.getKey()), amount);
      }
    }
    g.config(new SessionGenesis(List.ofAll(p.names("session-keys")).map(Keyring::account)));
    return g.build();
  }
}
