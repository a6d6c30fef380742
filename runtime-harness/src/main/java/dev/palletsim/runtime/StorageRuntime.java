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
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.transactionpayment.TransactionPaymentConfig;
import dev.palletsim.frame.transactionpayment.TransactionPaymentPallet;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.reward.RewardConfig;
import dev.palletsim.reward.RewardPallet;
import dev.palletsim.storageprovider.StorageProviderConfig;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.verifiedregistry.VerifiedRegistryConfig;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * The storage parachain runtime (ARCHITECTURE §1): System, Balances, Session and Aura from frame,
 * then collator power, collator selection, the storage provider pallet, the market and the verified
 * registry, wired through their coupling interfaces (collator selection is the session manager and
 * authorship handler; collator power implements {@code StoragePower} and {@code CollatorPower}; the
 * storage provider pallet validates providers for the market and the registry; the market serves
 * the storage provider pallet; the registry serves both with DataCap, allocations and claims), with
 * the cross-pallet invariants of {@link CrossPalletInvariants}, and the network inputs of the money
 * formulas bound as {@code NetworkEconomics}. Hooks run in that order, so at the end of a block the
 * storage provider's deadline cron runs before the market's deal cron, as Filecoin's power actor
 * cron runs before the market's.
 */
public final class StorageRuntime {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(StorageRuntime.class);

  private StorageRuntime() {}

  /**
   * The configuration of every part of the runtime.
   *
   * @param runtime block time, sessions, existential deposit, weights, harness checks
   * @param market the market's constants and settlement regime
   * @param storageProvider proving schedule, sealing bounds, money formulas
   * @param collatorPower delegation bounds and slash policy
   * @param collatorSelection candidates, auction strategy, rewards
   * @param network the network-wide inputs of the deposit, pledge and fee formulas (circulating
   *     supply, baseline and raw power, reward and power estimates, FIP-0081 ramp)
   * @param transactionPayment transaction fees: their schedule, where fees and tips go, the fee
   *     multiplier, or none at all ({@link TransactionPaymentConfig#enabled()})
   * @param verifiedRegistry the verified registry's allocation policy
   */
  public record Configs(
      RuntimeConfig runtime,
      MarketConfig market,
      StorageProviderConfig storageProvider,
      CollatorPowerConfig collatorPower,
      CollatorSelectionConfig collatorSelection,
      NetworkInputs network,
      TransactionPaymentConfig transactionPayment,
      VerifiedRegistryConfig verifiedRegistry) {

    /**
     * The configs of the parts, with {@code transactionPayment}'s pot set to collator selection's.
     */
    public Configs(
        RuntimeConfig runtime,
        MarketConfig market,
        StorageProviderConfig storageProvider,
        CollatorPowerConfig collatorPower,
        CollatorSelectionConfig collatorSelection,
        NetworkInputs network,
        VerifiedRegistryConfig verifiedRegistry) {
      this(
          runtime,
          market,
          storageProvider,
          collatorPower,
          collatorSelection,
          network,
          parachainFees(collatorSelection),
          verifiedRegistry);
    }

    /**
     * The parachain fee schedule ({@link TransactionPaymentConfig#defaults()}: fees to the
     * collator-selection pot, tips to the author) paying into {@code selection}'s pot.
     */
    public static TransactionPaymentConfig parachainFees(CollatorSelectionConfig selection) {
      return TransactionPaymentConfig.builder().potAccount(selection.potAccount()).build();
    }

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
              .build(),
          NetworkInputs.DEFAULT,
          VerifiedRegistryConfig.testnet());
    }

    /**
     * Filecoin-mainnet-like constants at 6 s blocks: 6-hour sessions, a 14,400-block (one day)
     * proving period of 48 deadlines, 32 GiB sectors, 180-day minimum deals and sectors. Every
     * Filecoin duration is its {@link #filecoin()} value × 5 and the reward estimate per block ÷ 5
     * (five 6 s blocks per 30 s epoch); the other network inputs are Filecoin's.
     */
    public static Configs mainnetLike() {
      NetworkInputs f = filecoinNetwork();
      long k = StorageProviderConfig.MAINNET_LIKE_BLOCKS_PER_EPOCH;
      return new Configs(
          RuntimeConfig.builder().sessionPeriod(6 * Units.HOURS).build(),
          MarketConfig.mainnetLike(),
          StorageProviderConfig.mainnetLike(),
          CollatorPowerConfig.mainnetLike(),
          CollatorSelectionConfig.mainnetLike(),
          new NetworkInputs(
              f.circulatingSupply(),
              f.baselinePower(),
              f.networkRawPower(),
              perBlock(f.rewardEstimate(), k),
              levelPerBlock(f.qaPowerEstimate(), k),
              f.rampStartEpoch(),
              f.rampDurationEpochs()),
          VerifiedRegistryConfig.mainnetLike());
    }

    /** A level (power) whose velocity is per epoch, with its velocity per block. */
    private static FilterEstimate levelPerBlock(FilterEstimate perEpoch, long blocksPerEpoch) {
      return new FilterEstimate(
          perEpoch.position(), perEpoch.velocity().divide(BigInteger.valueOf(blocksPerEpoch)));
    }

    /** A per-epoch rate (reward) as per-block, {@code blocksPerEpoch} blocks an epoch. */
    private static FilterEstimate perBlock(FilterEstimate perEpoch, long blocksPerEpoch) {
      BigInteger k = BigInteger.valueOf(blocksPerEpoch);
      return new FilterEstimate(
          perEpoch.position().divide(k), perEpoch.velocity().divide(k).divide(k));
    }

    /**
     * One block is one Filecoin epoch (30 s, 2,880 a day) and every storage provider and power
     * constant is builtin-actors' {@code Policy::default()} ({@link
     * StorageProviderConfig#filecoin()}, {@link CollatorPowerConfig#filecoin()}, the consensus
     * minimum on); the market is builtin-actors' market policy ({@link MarketConfig#filecoin()}:
     * deal durations of 180 to 1,278 days, the 30-day update interval, 256-byte labels, per-deal
     * filtering, the network-share minimum provider collateral); the network inputs are {@link
     * #filecoinNetwork()}. Collator sessions have no Filecoin counterpart: 720 blocks, the six
     * hours of the {@code mainnet-like} preset (and of polka-storage's runtime), with collator
     * selection's block counts kept at the same wall-clock lengths.
     */
    public static Configs filecoin() {
      long day = StorageProviderConfig.FILECOIN_EPOCHS_IN_DAY;
      long hours6 = 6 * StorageProviderConfig.FILECOIN_EPOCHS_IN_HOUR;
      CollatorSelectionConfig mainnetSelection = CollatorSelectionConfig.mainnetLike();
      return new Configs(
          RuntimeConfig.builder().blockTimeMillis(30_000).sessionPeriod(hours6).build(),
          MarketConfig.filecoin(),
          StorageProviderConfig.filecoin(),
          CollatorPowerConfig.filecoin(),
          CollatorSelectionConfig.builder()
              .from(mainnetSelection)
              .kickThreshold(hours6)
              .potIssuancePerBlock(
                  mainnetSelection.potIssuancePerBlock()
                      * StorageProviderConfig.MAINNET_LIKE_BLOCKS_PER_EPOCH)
              .build(),
          filecoinNetwork(),
          TransactionPaymentConfig.disabled(),
          VerifiedRegistryConfig.filecoin());
    }

    /**
     * Network inputs of the order of Filecoin mainnet's in 2025, one token being one FIL: 600
     * million FIL circulating, a baseline of 80 EiB (2.5 EiB doubling yearly since October 2020), 3
     * EiB of raw and 15 EiB of quality-adjusted power, a reward estimate of 20 FIL per epoch, the
     * FIP-0081 ramp completed. Approximate: set the {@code network} override section to the values
     * of the epoch you compare against.
     */
    public static NetworkInputs filecoinNetwork() {
      BigInteger eib = BigInteger.ONE.shiftLeft(60);
      return new NetworkInputs(
          BigInteger.valueOf(600_000_000L).multiply(BigInteger.valueOf(Units.TOKEN)),
          eib.multiply(BigInteger.valueOf(80)),
          eib.multiply(BigInteger.valueOf(3)),
          FilterEstimate.constant(20 * Units.TOKEN),
          FilterEstimate.constant(eib.multiply(BigInteger.valueOf(15))),
          0,
          0);
    }

    /** These configs with another runtime config. */
    public Configs withRuntime(RuntimeConfig value) {
      return new Configs(
          value,
          market,
          storageProvider,
          collatorPower,
          collatorSelection,
          network,
          transactionPayment,
          verifiedRegistry);
    }

    /** These configs with another market config. */
    public Configs withMarket(MarketConfig value) {
      return new Configs(
          runtime,
          value,
          storageProvider,
          collatorPower,
          collatorSelection,
          network,
          transactionPayment,
          verifiedRegistry);
    }

    /** These configs with another storage provider config. */
    public Configs withStorageProvider(StorageProviderConfig value) {
      return new Configs(
          runtime,
          market,
          value,
          collatorPower,
          collatorSelection,
          network,
          transactionPayment,
          verifiedRegistry);
    }

    /** These configs with another collator power config. */
    public Configs withCollatorPower(CollatorPowerConfig value) {
      return new Configs(
          runtime,
          market,
          storageProvider,
          value,
          collatorSelection,
          network,
          transactionPayment,
          verifiedRegistry);
    }

    /** These configs with other network inputs. */
    public Configs withNetwork(NetworkInputs value) {
      return new Configs(
          runtime,
          market,
          storageProvider,
          collatorPower,
          collatorSelection,
          value,
          transactionPayment,
          verifiedRegistry);
    }

    /** These configs with another verified registry config. */
    public Configs withVerifiedRegistry(VerifiedRegistryConfig value) {
      return new Configs(
          runtime,
          market,
          storageProvider,
          collatorPower,
          collatorSelection,
          network,
          transactionPayment,
          value);
    }

    /**
     * These configs with another collator selection config; fees paid to the old one's pot follow
     * to the new one's.
     */
    public Configs withCollatorSelection(CollatorSelectionConfig value) {
      TransactionPaymentConfig fees =
          transactionPayment.potAccount().equals(collatorSelection.potAccount())
              ? TransactionPaymentConfig.builder()
                  .from(transactionPayment)
                  .potAccount(value.potAccount())
                  .build()
              : transactionPayment;
      return new Configs(
          runtime, market, storageProvider, collatorPower, value, network, fees, verifiedRegistry);
    }

    /** These configs with another transaction payment config. */
    public Configs withTransactionPayment(TransactionPaymentConfig value) {
      return new Configs(
          runtime,
          market,
          storageProvider,
          collatorPower,
          collatorSelection,
          network,
          value,
          verifiedRegistry);
    }
  }

  /** The runtime for {@code configs}. */
  public static Runtime build(Configs configs) {
    return build(configs, "custom");
  }

  /** The runtime for {@code configs}, built from the preset called {@code preset}. */
  public static Runtime build(Configs configs, String preset) {
    return build(configs, Option.none(), preset);
  }

  /**
   * The runtime for {@code configs}, minting block rewards by {@code rewards} if given
   * (docs/design.md, "Block rewards"): then the reward pallet pays providers, the collator power
   * pallet keeps the smoothed QA power, and the money formulas read their network inputs from state
   * ({@link StateEconomics}; the FIP-0081 ramp stays {@code configs.network()}'s); without, they
   * read the constant {@code configs.network()}.
   */
  public static Runtime build(Configs configs, Option<RewardConfig> rewards, String preset) {
    LOG.debug("building the storage runtime from preset {}", preset);
    CollatorPowerConfig power =
        rewards.isEmpty()
            ? configs.collatorPower()
            : smoothed(configs.collatorPower(), rewards.get(), configs.network());
    Runtime.Builder b = Runtime.builder().preset(preset).config(configs.runtime());
    if (configs.transactionPayment().enabled()) {
      b.pallet(c -> new TransactionPaymentPallet(configs.transactionPayment(), c));
    }
    b.pallet(c -> new CollatorPowerPallet(power, c));
    if (rewards.isDefined()) {
      b.pallet(c -> new RewardPallet(rewards.get(), c))
          .pallet(c -> new StateEconomics(c, configs.network()));
    } else {
      b.coupling(NetworkEconomics.class, configs.network());
    }
    b.pallet(c -> new CollatorSelectionPallet(configs.collatorSelection(), c))
        .pallet(c -> new StorageProviderPallet(configs.storageProvider(), c))
        .pallet(c -> new MarketPallet(configs.market(), c))
        .pallet(c -> new VerifiedRegistryPallet(configs.verifiedRegistry(), c));
    for (Invariant inv : CrossPalletInvariants.all()) b.invariant(inv);
    return b.build();
  }

  /**
   * The collator power config keeping the smoothed QA power: from builtin-actors' initial estimate
   * under baseline minting (Filecoin's network at launch), from the preset's constant QA power
   * estimate under a fixed schedule (so that a young network's first pledges are those of the
   * constant preset, not those of a network of almost no power sharing the whole reward).
   */
  private static CollatorPowerConfig smoothed(
      CollatorPowerConfig base, RewardConfig rewards, NetworkInputs network) {
    var b = CollatorPowerConfig.builder().from(base).smoothedQaPower(true);
    if (rewards.minting() instanceof dev.palletsim.reward.Minting.Fixed) {
      b.initialQaPowerPosition(network.qaPowerEstimate().estimate().longValueExact())
          .initialQaPowerVelocity(0);
    }
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

  /** The filecoin runtime. */
  public static Runtime filecoin() {
    return build(Configs.filecoin());
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
