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
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.transactionpayment.TransactionPaymentConfig;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.reward.RewardConfig;
import dev.palletsim.sim.Params;
import dev.palletsim.storageprovider.StorageProviderConfig;
import dev.palletsim.verifiedregistry.VerifiedRegistryConfig;
import dev.palletsim.verifiedregistry.VerifiedRegistryGenesis;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The storage runtime's presets for scenario files: {@code testnet}, {@code mainnet-like} and
 * {@code filecoin} ({@link StorageRuntime.Configs}), with one override section per part ({@code
 * runtime}, {@code market}, {@code storage-provider}, {@code collator-power}, {@code
 * collator-selection}, {@code transaction-payment} for fees, {@code verified-registry}, and {@code
 * network} for the inputs of the money formulas) and the genesis keys {@code balances}, {@code
 * session-keys}, {@code invulnerables}, {@code candidacy-bond}, {@code desired-candidates}, {@code
 * verifiers} and {@code datacap}.
 */
public final class StoragePresets {
  private StoragePresets() {}

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
        "the storage runtime with Filecoin-mainnet-like constants at 6 s blocks: the filecoin preset with every duration × 5 and the reward per block ÷ 5 (one-day proving periods of 14,400 blocks, 6-hour sessions)",
        StorageRuntime.Configs::mainnetLike);
  }

  /** The filecoin preset. */
  public static RuntimePreset filecoin() {
    return preset(
        "filecoin",
        "the storage runtime as Filecoin, epoch for epoch: 30 s blocks (2,880 a day),"
            + " builtin-actors' miner, power and market policy, network inputs of mainnet's order"
            + " in 2025 (override section network); collator sessions, which Filecoin lacks, last"
            + " 720 blocks (6 hours, as mainnet-like's)",
        StorageRuntime.Configs::filecoin);
  }

  /**
   * The filecoin-economy preset: {@link #filecoin()} minting its own block rewards with
   * builtin-actors' baseline and simple minting, paid by a leader election of 5 expected winners,
   * vesting over 180 days, the pledge, fee and collateral formulas reading the reward, power and
   * circulating supply from state.
   */
  public static RuntimePreset filecoinEconomy() {
    return preset(
        "filecoin-economy",
        "the filecoin preset with its own economy: builtin-actors' baseline and simple minting paid"
            + " to providers by a leader election (5 winners a block), 75 % vesting over 180 days,"
            + " pledges and fees reading reward, power and circulating supply from state",
        StorageRuntime.Configs::filecoin,
        Option.some(RewardConfig::filecoin));
  }

  /**
   * The testnet-economy preset: {@link #testnet()} with a constant reward of a milli-token a block
   * split pro rata by power, vesting over 180 proving periods, the money formulas reading state.
   */
  public static RuntimePreset testnetEconomy() {
    return preset(
        "testnet-economy",
        "the testnet with an economy: 1 milli-TOKEN a block split pro rata by power, 75 % vesting over"
            + " 180 proving periods, pledges and fees reading reward, power and circulating supply"
            + " from state",
        StorageRuntime.Configs::testnet,
        Option.some(RewardConfig::testnet));
  }

  private static RuntimePreset preset(
      String name, String description, Supplier<StorageRuntime.Configs> base) {
    return preset(name, description, base, Option.none());
  }

  private static RuntimePreset preset(
      String name,
      String description,
      Supplier<StorageRuntime.Configs> base,
      Option<Supplier<RewardConfig>> rewards) {
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
        return SECTIONS.keySet();
      }

      @Override
      public java.util.SortedMap<String, java.util.SortedMap<String, String>> settings() {
        StorageRuntime.Configs c = base.get();
        java.util.SortedMap<String, java.util.SortedMap<String, String>> out =
            new java.util.TreeMap<>();
        SECTIONS.values().forEach(section -> out.put(section.name(), section.values(c)));
        return out;
      }

      @Override
      public Runtime build(Map<String, Map<String, Object>> overrides) {
        Presets.checkSections(this, overrides);
        StorageRuntime.Configs c = base.get();
        for (Section<?> section : SECTIONS.values()) {
          c = section.override(c, overrides.get(section.name()));
        }
        return StorageRuntime.build(c, rewards.map(Supplier::get), name);
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
        keys.put(
            "verifiers",
            "keyring name → DataCap it may grant (e.g. carol: 1 TIB): the registry's verifiers");
        keys.put(
            "datacap", "keyring name → DataCap it holds (e.g. alice: 64 GIB): verified clients");
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
            .config(
                new VerifiedRegistryGenesis(
                    dataCapMap(s.get("verifiers"), "verifiers"),
                    dataCapMap(s.get("datacap"), "datacap")))
            .build();
      }
    };
  }

  /** A genesis map of keyring names to DataCap amounts ({@code 64 GIB}), in file order. */
  @SuppressWarnings("unchecked")
  private static io.vavr.collection.Map<AccountId, Long> dataCapMap(Object value, String key) {
    io.vavr.collection.Map<AccountId, Long> out = io.vavr.collection.LinkedHashMap.empty();
    if (value == null) return out;
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("genesis." + key + " must map names to DataCap amounts");
    }
    for (var e : ((Map<String, Object>) m).entrySet()) {
      Object v = e.getValue();
      String text = String.valueOf(v).trim();
      if (text.toUpperCase(java.util.Locale.ROOT).matches(".*(TOKEN|PLANCK).*")) {
        throw new IllegalArgumentException(
            "genesis." + key + "." + e.getKey() + ": DataCap is bytes (e.g. 64 GIB), got " + text);
      }
      long amount =
          v instanceof Long l ? l : dev.palletsim.sim.Amounts.parse(text, "DataCap (bytes)");
      if (amount < 0)
        throw new IllegalArgumentException("genesis." + key + " must not be negative");
      out = out.put(Keyring.account(e.getKey()), amount);
    }
    return out;
  }

  /**
   * An override section of the storage presets: its config in {@link StorageRuntime.Configs}, the
   * config's builder type (whose setters are the settings) and how overrides are applied to it.
   */
  private record Section<C>(
      String name,
      Function<StorageRuntime.Configs, C> get,
      BiFunction<StorageRuntime.Configs, C, StorageRuntime.Configs> with,
      Class<?> builderType,
      BiFunction<C, Map<String, Object>, C> apply,
      Function<C, Object> shown) {

    Section(
        String name,
        Function<StorageRuntime.Configs, C> get,
        BiFunction<StorageRuntime.Configs, C, StorageRuntime.Configs> with,
        Class<?> builderType,
        BiFunction<C, Map<String, Object>, C> apply) {
      this(name, get, with, builderType, apply, c -> c);
    }

    java.util.SortedMap<String, String> values(StorageRuntime.Configs configs) {
      return ConfigOverrides.values(shown.apply(get.apply(configs)), builderType);
    }

    /** {@code configs} with this section's {@code overrides} applied; errors name the section. */
    StorageRuntime.Configs override(StorageRuntime.Configs configs, Map<String, Object> overrides) {
      try {
        return with.apply(configs, apply.apply(get.apply(configs), overrides));
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        throw new IllegalArgumentException(
            m != null && m.startsWith(name) ? m : name + ": " + m, e);
      }
    }
  }

  private static final Map<String, Section<?>> SECTIONS = sections();

  private static Map<String, Section<?>> sections() {
    Map<String, Section<?>> out = new LinkedHashMap<>();
    for (Section<?> s :
        List.<Section<?>>of(
            new Section<>(
                "runtime",
                StorageRuntime.Configs::runtime,
                StorageRuntime.Configs::withRuntime,
                RuntimeConfig.builder().getClass(),
                (c, o) ->
                    ConfigOverrides.apply(RuntimeConfig.builder().from(c), o, "runtime").build()),
            new Section<>(
                "market",
                StorageRuntime.Configs::market,
                StorageRuntime.Configs::withMarket,
                MarketConfig.builder().getClass(),
                (c, o) ->
                    ConfigOverrides.apply(MarketConfig.builder().from(c), o, "market").build()),
            new Section<>(
                "storage-provider",
                StorageRuntime.Configs::storageProvider,
                StorageRuntime.Configs::withStorageProvider,
                StorageProviderConfig.builder().getClass(),
                (c, o) ->
                    ConfigOverrides.apply(
                            StorageProviderConfig.builder().from(c), o, "storage-provider")
                        .build()),
            new Section<>(
                "collator-power",
                StorageRuntime.Configs::collatorPower,
                StorageRuntime.Configs::withCollatorPower,
                CollatorPowerConfig.builder().getClass(),
                (c, o) ->
                    ConfigOverrides.apply(
                            CollatorPowerConfig.builder().from(c), o, "collator-power")
                        .build()),
            new Section<>(
                "collator-selection",
                StorageRuntime.Configs::collatorSelection,
                StorageRuntime.Configs::withCollatorSelection,
                CollatorSelectionConfig.builder().getClass(),
                (c, o) ->
                    ConfigOverrides.apply(
                            CollatorSelectionConfig.builder().from(c), o, "collator-selection")
                        .build()),
            new Section<>(
                "transaction-payment",
                StorageRuntime.Configs::transactionPayment,
                StorageRuntime.Configs::withTransactionPayment,
                TransactionPaymentConfig.builder().getClass(),
                (c, o) ->
                    ConfigOverrides.apply(
                            TransactionPaymentConfig.builder().from(c), o, "transaction-payment")
                        .build()),
            new Section<>(
                "verified-registry",
                StorageRuntime.Configs::verifiedRegistry,
                StorageRuntime.Configs::withVerifiedRegistry,
                VerifiedRegistryConfig.builder().getClass(),
                (c, o) ->
                    ConfigOverrides.apply(
                            VerifiedRegistryConfig.builder().from(c), o, "verified-registry")
                        .build()),
            new Section<NetworkInputs>(
                "network",
                StorageRuntime.Configs::network,
                StorageRuntime.Configs::withNetwork,
                NetworkSettings.Builder.class,
                (c, o) ->
                    ConfigOverrides.apply(new NetworkSettings.Builder(c), o, "network").build(),
                NetworkInputs::settings))) {
      out.put(s.name(), s);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static AuctionStrategy auction(Object v) {
    return switch (String.valueOf(v)) {
      case "proportional" -> AuctionStrategy.proportional();
      case "successive-sampling" -> AuctionStrategy.successiveSampling();
      case "top-power" -> AuctionStrategy.topPower();
      default ->
          throw new IllegalArgumentException(
              "auction must be proportional, successive-sampling or top-power, got " + v);
    };
  }

  static SlashPolicy slashPolicy(Object v) {
    if ("return".equals(v)) return SlashPolicy.returnAtOnce();
    if (v instanceof Map<?, ?> m && m.size() == 1 && m.get("lock-for") instanceof Number n) {
      return SlashPolicy.lockFor(n.longValue());
    }
    throw new IllegalArgumentException(
        "slash-policy must be 'return' or {lock-for: blocks}, got " + v);
  }
}
