package dev.palletsim.runtime;

import dev.palletsim.collatorpower.CollatorPowerConfig;
import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.collatorselection.CollatorSelectionConfig;
import dev.palletsim.collatorselection.CollatorSelectionGenesis;
import dev.palletsim.collatorselection.CollatorSelectionPallet;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.session.SessionGenesis;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.storageprovider.StorageProviderConfig;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * The storage parachain runtime (ARCHITECTURE §1): System, Balances, Session and Aura from frame,
 * then collator power, collator selection, the storage provider pallet and the market, wired
 * through their coupling interfaces (collator selection is the session manager and authorship
 * handler; collator power implements {@code StoragePower} and {@code CollatorPower}; the storage
 * provider pallet validates providers for the market; the market serves the storage provider
 * pallet), with the cross-pallet invariants of {@link CrossPalletInvariants}. Hooks run in that
 * order, so at the end of a block the storage provider's deadline cron runs before the market's
 * deal cron, as Filecoin's power actor cron runs before the market's.
 */
public final class StorageRuntime {
  private StorageRuntime() {}

  /**
   * The configuration of every part of the runtime.
   *
   * @param runtime block time, sessions, existential deposit, weights, harness checks
   * @param market the market's constants and settlement regime
   * @param storageProvider proving schedule, sealing bounds, money formulas
   * @param collatorPower delegation bounds and slash policy
   * @param collatorSelection candidates, auction strategy, rewards
   */
  public record Configs(
      RuntimeConfig runtime,
      MarketConfig market,
      StorageProviderConfig storageProvider,
      CollatorPowerConfig collatorPower,
      CollatorSelectionConfig collatorSelection) {

    /**
     * The fast testnet: 6 s blocks, 20-block sessions, a 60-block proving period of 3 deadlines
     * (three sessions per period), 2 KiB sectors, FIP-0074 settlement from genesis. Collator
     * selection kicks a seated collator idle for two sessions.
     */
    public static Configs testnet() {
      return new Configs(
          RuntimeConfig.builder().sessionPeriod(20).build(),
          MarketConfig.testnet(),
          StorageProviderConfig.testnet(),
          CollatorPowerConfig.testnet(),
          CollatorSelectionConfig.builder()
              .from(CollatorSelectionConfig.testnet())
              .kickThreshold(40)
              .build());
    }

    /**
     * Filecoin-mainnet-like constants at 6 s blocks: 6-hour sessions, a 14,400-block (one day)
     * proving period of 48 deadlines, 32 GiB sectors, 180-day minimum deals and sectors.
     */
    public static Configs mainnetLike() {
      return new Configs(
          RuntimeConfig.builder().sessionPeriod(6 * Units.HOURS).build(),
          MarketConfig.mainnetLike(),
          StorageProviderConfig.mainnetLike(),
          CollatorPowerConfig.mainnetLike(),
          CollatorSelectionConfig.mainnetLike());
    }

    /** These configs with another runtime config. */
    public Configs withRuntime(RuntimeConfig value) {
      return new Configs(value, market, storageProvider, collatorPower, collatorSelection);
    }

    /** These configs with another market config. */
    public Configs withMarket(MarketConfig value) {
      return new Configs(runtime, value, storageProvider, collatorPower, collatorSelection);
    }

    /** These configs with another storage provider config. */
    public Configs withStorageProvider(StorageProviderConfig value) {
      return new Configs(runtime, market, value, collatorPower, collatorSelection);
    }

    /** These configs with another collator power config. */
    public Configs withCollatorPower(CollatorPowerConfig value) {
      return new Configs(runtime, market, storageProvider, value, collatorSelection);
    }

    /** These configs with another collator selection config. */
    public Configs withCollatorSelection(CollatorSelectionConfig value) {
      return new Configs(runtime, market, storageProvider, collatorPower, value);
    }
  }

  /** The runtime for {@code configs}. */
  public static Runtime build(Configs configs) {
    return build(configs, "custom");
  }

  /** The runtime for {@code configs}, built from the preset called {@code preset}. */
  public static Runtime build(Configs configs, String preset) {
    Runtime.Builder b =
        Runtime.builder()
            .preset(preset)
            .config(configs.runtime())
            .pallet(c -> new CollatorPowerPallet(configs.collatorPower(), c))
            .pallet(c -> new CollatorSelectionPallet(configs.collatorSelection(), c))
            .pallet(c -> new StorageProviderPallet(configs.storageProvider(), c))
            .pallet(c -> new MarketPallet(configs.market(), c));
    for (Invariant inv : CrossPalletInvariants.all()) b.invariant(inv);
    return b.build();
  }

  /** The testnet runtime. */
  public static Runtime testnet() {
    return build(Configs.testnet(), "testnet");
  }

  /** The mainnet-like runtime. */
  public static Runtime mainnetLike() {
    return build(Configs.mainnetLike(), "mainnet-like");
  }

  /**
   * A genesis for the storage runtime: {@code balances} endowed, the invulnerables given session
   * keys (so they author from block 1), collator selection seeded with the invulnerables, the
   * candidacy bond and the number of auctioned seats.
   */
  public static Genesis.Builder genesis(
      long seed, Seq<AccountId> invulnerables, long candidacyBond, int desiredCandidates) {
    return Genesis.builder()
        .seed(seed)
        .config(new SessionGenesis(invulnerables))
        .config(
            new CollatorSelectionGenesis(
                List.ofAll(invulnerables), candidacyBond, desiredCandidates));
  }
}
