package dev.palletsim.runtime;

import dev.palletsim.collatorpower.CollatorPowerConfig;
import dev.palletsim.collatorpower.SlashPolicy;
import dev.palletsim.collatorselection.AuctionStrategy;
import dev.palletsim.collatorselection.CollatorSelectionConfig;
import dev.palletsim.collatorselection.CollatorSelectionGenesis;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionGenesis;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.runtime.sim.Params;
import dev.palletsim.storageprovider.StorageProviderConfig;
import io.vavr.collection.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The storage runtime's presets for scenario files: {@code testnet} and {@code mainnet-like}
 * ({@link StorageRuntime.Configs}), with one override section per part ({@code runtime}, {@code
 * market}, {@code storage-provider}, {@code collator-power}, {@code collator-selection}) and the
 * genesis keys {@code balances}, {@code session-keys}, {@code invulnerables}, {@code
 * candidacy-bond} and {@code desired-candidates}.
 */
public final class StoragePresets {
  private StoragePresets() {}

  static {
    ConfigOverrides.register(AuctionStrategy.class, StoragePresets::auction);
    ConfigOverrides.register(SlashPolicy.class, StoragePresets::slashPolicy);
  }

  /** The testnet preset. */
  public static RuntimePreset testnet() {
    return preset(
        "testnet",
        "the storage runtime with fast testnet constants (60-block proving periods, 20-block sessions)",
        StorageRuntime.Configs::testnet);
  }

  /** The mainnet-like preset. */
  public static RuntimePreset mainnetLike() {
    return preset(
        "mainnet-like",
        "the storage runtime with Filecoin-mainnet-like constants at 6 s blocks (one-day proving periods, 6-hour sessions)",
        StorageRuntime.Configs::mainnetLike);
  }

  private static RuntimePreset preset(
      String name, String description, Supplier<StorageRuntime.Configs> base) {
    return new RuntimePreset() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Set<String> sections() {
        return Set.of(
            "runtime", "market", "storage-provider", "collator-power", "collator-selection");
      }

      @Override
      public java.util.SortedMap<String, java.util.SortedMap<String, String>> settings() {
        StorageRuntime.Configs c = base.get();
        java.util.SortedMap<String, java.util.SortedMap<String, String>> out =
            new java.util.TreeMap<>();
        out.put("runtime", ConfigOverrides.values(c.runtime(), RuntimeConfig.builder().getClass()));
        out.put("market", ConfigOverrides.values(c.market(), MarketConfig.builder().getClass()));
        out.put(
            "storage-provider",
            ConfigOverrides.values(
                c.storageProvider(), StorageProviderConfig.builder().getClass()));
        out.put(
            "collator-power",
            ConfigOverrides.values(c.collatorPower(), CollatorPowerConfig.builder().getClass()));
        out.put(
            "collator-selection",
            ConfigOverrides.values(
                c.collatorSelection(), CollatorSelectionConfig.builder().getClass()));
        return out;
      }

      @Override
      public Runtime build(Map<String, Map<String, Object>> overrides) {
        Presets.checkSections(this, overrides);
        StorageRuntime.Configs c = base.get();
        return StorageRuntime.build(
            new StorageRuntime.Configs(
                section(
                    "runtime",
                    () ->
                        ConfigOverrides.apply(
                                RuntimeConfig.builder().from(c.runtime()),
                                overrides.get("runtime"),
                                "runtime")
                            .build()),
                section(
                    "market",
                    () ->
                        ConfigOverrides.apply(
                                MarketConfig.builder().from(c.market()),
                                overrides.get("market"),
                                "market")
                            .build()),
                section(
                    "storage-provider",
                    () ->
                        ConfigOverrides.apply(
                                StorageProviderConfig.builder().from(c.storageProvider()),
                                overrides.get("storage-provider"),
                                "storage-provider")
                            .build()),
                section(
                    "collator-power",
                    () ->
                        ConfigOverrides.apply(
                                CollatorPowerConfig.builder().from(c.collatorPower()),
                                overrides.get("collator-power"),
                                "collator-power")
                            .build()),
                section(
                    "collator-selection",
                    () ->
                        ConfigOverrides.apply(
                                CollatorSelectionConfig.builder().from(c.collatorSelection()),
                                overrides.get("collator-selection"),
                                "collator-selection")
                            .build())));
      }

      @Override
      public Map<String, String> genesisKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("balances", "keyring name → amount (e.g. alice: 1000 TOKEN)");
        keys.put(
            "session-keys",
            "keyring names registered with session keys at genesis (invulnerables always are)");
        keys.put(
            "invulnerables",
            "keyring names of the invulnerable collators (they author from block 1)");
        keys.put("candidacy-bond", "the bond a collator candidate reserves (amount)");
        keys.put("desired-candidates", "how many seats the auction fills each session");
        return keys;
      }

      @Override
      public Genesis genesis(Map<String, Object> section, long seed) {
        Map<String, Object> s = section == null ? Map.of() : section;
        Params p = new Params("genesis", s, genesisKeys().keySet());
        List<AccountId> invulnerables = List.ofAll(p.names("invulnerables")).map(Keyring::account);
        List<AccountId> keyed =
            List.ofAll(p.names("session-keys"))
                .map(Keyring::account)
                .appendAll(invulnerables)
                .distinct();
        Map<String, Object> balancesOnly = new LinkedHashMap<>();
        if (s.containsKey("balances")) balancesOnly.put("balances", s.get("balances"));
        Genesis base = RuntimePreset.super.genesis(balancesOnly, seed);
        Genesis.Builder g = Genesis.builder().seed(seed);
        for (var b : base.balances()) g.balance(b._1, b._2);
        return g.config(new SessionGenesis(keyed))
            .config(
                new CollatorSelectionGenesis(
                    invulnerables,
                    p.longValue("candidacy-bond", 0),
                    Math.toIntExact(p.longValue("desired-candidates", 0))))
            .build();
      }
    };
  }

  /** Builds one section's config; a validation failure names the section. */
  private static <T> T section(String name, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(m != null && m.startsWith(name) ? m : name + ": " + m, e);
    }
  }

  private static AuctionStrategy auction(Object v) {
    return switch (String.valueOf(v)) {
      case "proportional" -> AuctionStrategy.proportional();
      case "successive-sampling" -> AuctionStrategy.successiveSampling();
      case "top-power" -> AuctionStrategy.topPower();
      default ->
          throw new IllegalArgumentException(
              "auction must be proportional, successive-sampling or top-power, got " + v);
    };
  }

  private static SlashPolicy slashPolicy(Object v) {
    if ("return".equals(v)) return SlashPolicy.returnAtOnce();
    if (v instanceof Map<?, ?> m && m.size() == 1 && m.get("lock-for") instanceof Number n) {
      return SlashPolicy.lockFor(n.longValue());
    }
    throw new IllegalArgumentException(
        "slash-policy must be 'return' or {lock-for: blocks}, got " + v);
  }
}
