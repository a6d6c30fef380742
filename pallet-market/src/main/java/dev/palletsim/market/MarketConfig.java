package dev.palletsim.market;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.NetworkInputs;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The market's constants (seed 002's policy values, seed 004's upgrade, seed 000's withdrawal
 * delay), with a fast {@link #testnet()} preset (the defaults), a Filecoin-like {@link
 * #mainnetLike()} one at 6 s blocks and builtin-actors' own policy at one block per epoch, {@link
 * #filecoin()}. Durations are in blocks, amounts in planck. Validated at construction.
 *
 * <p><b>Regimes.</b> FIP-0074 is modelled as a network upgrade at {@link
 * #fip0074ActivationBlock()}: before it, seed 002's cron settles every deal; from it on, seed 004
 * applies. 0 runs FIP-0074 from genesis; {@link Long#MAX_VALUE} keeps the legacy cron forever.
 *
 * <p><b>Differences from builtin-actors</b> are options here, each with Filecoin's behaviour
 * available and chosen by {@link #filecoin()}: {@link #providerCollateralRule()}, {@link
 * #legacyDealRule()}, {@link #publishMode()}, {@link #dealSchedule()} (docs/design.md gives the
 * parachain presets' reasons).
 */
@Value.Immutable
public abstract class MarketConfig {
  /** A builder starting from the defaults (the testnet preset). */
  public static ImmutableMarketConfig.Builder builder() {
    return ImmutableMarketConfig.builder();
  }

  /**
   * The fast testnet preset: deals of 10 to 100 000 blocks, cron updates every 100 blocks (seed
   * 002's {@code DealUpdatesInterval}) spread by deal id, FIP-0074 from genesis, seed 002's
   * all-or-nothing batches.
   */
  public static MarketConfig testnet() {
    return builder().build();
  }

  /** Filecoin epochs (blocks of the {@link #filecoin()} preset) per day: 30 s epochs. */
  public static final long EPOCHS_PER_DAY = 2_880;

  /**
   * builtin-actors' market policy at one block per Filecoin epoch (filecoin-actors.md §1.3): {@code
   * DEAL_UPDATES_INTERVAL} 30 days = 86,400 blocks; deal durations 180 to 1,278 days (518,400 to
   * 3,680,640 blocks); {@code DEAL_MAX_LABEL_SIZE} 256 bytes; prices in [0, {@code
   * TOTAL_FILECOIN}], collaterals up to {@code TOTAL_FILECOIN}; the minimum provider collateral by
   * {@code deal_provider_collateral_bounds} with {@code PROV_COLLATERAL_PERCENT_SUPPLY_NUM/DENOM} =
   * 1/100; a missed activation slashes all provider collateral; invalid deals filtered, deal ops
   * spread by id, cron settling every deal ever updated; FIP-0074 from genesis. One token is one
   * FIL (docs/filecoin-parity.md): {@code TOTAL_FILECOIN} = 2×10^19 planck does not fit a {@code
   * long}, so the upper bounds are {@link Long#MAX_VALUE}, which every amount satisfies as
   * builtin-actors' amounts all satisfy {@code TOTAL_FILECOIN}.
   */
  public static MarketConfig filecoin() {
    return builder()
        .dealMinDuration(180 * EPOCHS_PER_DAY)
        .dealMaxDuration(1278 * EPOCHS_PER_DAY)
        .dealUpdatesInterval(30 * EPOCHS_PER_DAY)
        .maxStoragePricePerBlock(Long.MAX_VALUE)
        .maxCollateral(Long.MAX_VALUE)
        .maxLabelBytes(256)
        .providerCollateralRule(ProviderCollateralRule.NetworkShare)
        .provCollateralPercentSupplyNum(1)
        .provCollateralPercentSupplyDenom(100)
        .timeoutPenaltyPercent(100)
        .maxDealsPerPublish(512)
        .maxDealsPerSettlement(512)
        .publishMode(PublishMode.FilterInvalid)
        .dealSchedule(DealSchedule.ById)
        .legacyDealRule(LegacyDealRule.EverUpdated)
        .fip0074ActivationBlock(0)
        .signatureCacheSize(100_000)
        .build();
  }

  /**
   * Filecoin mainnet's policy at 6 s blocks: deals of 180 to 1278 days, 30-day update interval,
   * FIP-0074 from genesis (mainnet has run it since network version 22), per-deal filtering of
   * invalid deals, deal ops spread by id, a minimum provider collateral of a milli-token per GiB of
   * piece.
   */
  public static MarketConfig mainnetLike() {
    return builder()
        .dealMinDuration(180 * Units.DAYS)
        .dealMaxDuration(1278 * Units.DAYS)
        .dealUpdatesInterval(30 * Units.DAYS)
        .minProviderCollateralPerGib(Units.MILLI_TOKEN)
        .maxDealsPerPublish(512)
        .maxDealsPerSettlement(512)
        .publishMode(PublishMode.FilterInvalid)
        .signatureCacheSize(100_000)
        .build();
  }

  /** The shortest deal, in blocks (inclusive). */
  @Value.Default
  public long dealMinDuration() {
    return 10;
  }

  /** The longest deal, in blocks (inclusive). */
  @Value.Default
  public long dealMaxDuration() {
    return 100_000;
  }

  /** The highest price per block (the lowest is 0). */
  @Value.Default
  public long maxStoragePricePerBlock() {
    return 1_000 * Units.TOKEN;
  }

  /**
   * The provider collateral required per GiB of piece under {@link ProviderCollateralRule#PerGib},
   * rounded down for the piece's size: a stand-in for Filecoin's bound, which scales with
   * circulating supply over network power.
   */
  @Value.Default
  public long minProviderCollateralPerGib() {
    return Units.TOKEN;
  }

  /** How the lowest provider collateral is computed. */
  @Value.Default
  public ProviderCollateralRule providerCollateralRule() {
    return ProviderCollateralRule.PerGib;
  }

  /**
   * builtin-actors' {@code PROV_COLLATERAL_PERCENT_SUPPLY_NUM}: with the denominator, the share of
   * the circulating supply the network's deals should lock as provider collateral ({@link
   * ProviderCollateralRule#NetworkShare}).
   */
  @Value.Default
  public int provCollateralPercentSupplyNum() {
    return 1;
  }

  /** builtin-actors' {@code PROV_COLLATERAL_PERCENT_SUPPLY_DENOM}. */
  @Value.Default
  public int provCollateralPercentSupplyDenom() {
    return 100;
  }

  /** The highest client or provider collateral. */
  @Value.Default
  public long maxCollateral() {
    return 100_000_000 * Units.TOKEN;
  }

  /** Seed 002's {@code DealMaxLabelSize}: bytes of UTF-8. */
  @Value.Default
  public int maxLabelBytes() {
    return 256;
  }

  /** The most deals one {@code publishStorageDeals} may carry. */
  @Value.Default
  public int maxDealsPerPublish() {
    return 128;
  }

  /** The most deal ids one {@code settleDealPayments} may carry. */
  @Value.Default
  public int maxDealsPerSettlement() {
    return 128;
  }

  /** Seed 002's {@code DealUpdatesInterval}: blocks between two legacy cron settlements. */
  @Value.Default
  public long dealUpdatesInterval() {
    return 100;
  }

  /** The block from which FIP-0074 applies (see the class comment). */
  @Value.Default
  public long fip0074ActivationBlock() {
    return 0;
  }

  /**
   * Cron runs at blocks divisible by this; 1 runs it every block. Greater values model blocks
   * without cron, which the next cron catches up on (seed 002, {@code LastCron + 1} to now). 0 runs
   * cron only when Root dispatches {@code CronTick}, as builtin-actors' tests call it.
   */
  @Value.Default
  public long cronInterval() {
    return 1;
  }

  /**
   * The share of provider collateral slashed when a deal is not activated in time (Filecoin 100).
   */
  @Value.Default
  public int timeoutPenaltyPercent() {
    return 100;
  }

  /**
   * Seed 000's withdrawal delay in blocks: a withdrawal is requested and completed no earlier than
   * this many blocks later. 0 withdraws at once (seed 002).
   */
  @Value.Default
  public long withdrawalDelay() {
    return 0;
  }

  /** Where cron looks at a deal after publication and after each legacy settlement. */
  @Value.Default
  public DealSchedule dealSchedule() {
    return DealSchedule.ById;
  }

  /** Which deals cron settles under FIP-0074, and what an early settlement records. */
  @Value.Default
  public LegacyDealRule legacyDealRule() {
    return LegacyDealRule.CronVisited;
  }

  /** What a batch with invalid deals does. */
  @Value.Default
  public PublishMode publishMode() {
    return PublishMode.AllOrNothing;
  }

  /** How many verified client signatures to remember (0 remembers none). */
  @Value.Default
  public long signatureCacheSize() {
    return 10_000;
  }

  /**
   * Where slashed provider collateral goes: burnt when empty (Filecoin's burnt-funds actor), else
   * this account, which the runtime endows at genesis like a pallet account.
   */
  public abstract Optional<AccountId> treasury();

  /**
   * Clients allowed to make verified deals: a stand-in for Filecoin's verified registry (DataCap
   * amounts are not modelled).
   */
  public abstract Set<AccountId> verifiedClients();

  /** The regime in force at {@code block}. */
  public Regime regimeAt(long block) {
    return block >= fip0074ActivationBlock() ? Regime.Fip0074 : Regime.LegacyCron;
  }

  /**
   * The lowest provider collateral for a piece of {@code pieceSize} bytes, planck, under the
   * configured rule and the network's {@code inputs}. Exact: a bound beyond any {@code long} is
   * returned as it is.
   */
  public BigInteger minProviderCollateral(long pieceSize, NetworkInputs inputs) {
    return switch (providerCollateralRule()) {
      case PerGib ->
          BigInteger.valueOf(Checked.mulDiv(pieceSize, minProviderCollateralPerGib(), Units.GIB));
      case NetworkShare -> {
        BigInteger size = BigInteger.valueOf(pieceSize);
        BigInteger share = size.max(inputs.networkRawPower()).max(inputs.baselinePower());
        BigInteger num =
            size.multiply(inputs.circulatingSupply())
                .multiply(BigInteger.valueOf(provCollateralPercentSupplyNum()));
        yield num.divide(share.multiply(BigInteger.valueOf(provCollateralPercentSupplyDenom())));
      }
    };
  }

  /** The block of deal {@code id}'s first cron visit, for a deal starting at {@code start}. */
  public long firstUpdateBlock(long id, long start) {
    return dealSchedule().firstUpdate(id, start, dealUpdatesInterval());
  }

  /** Whether cron runs by itself at {@code block} (never when {@link #cronInterval()} is 0). */
  public boolean cronRunsAt(long block) {
    return cronInterval() > 0 && block % cronInterval() == 0;
  }

  /** Rejects inconsistent settings when the config is built (Immutables' check). */
  @Value.Check
  protected void check() {
    require(dealMinDuration() >= 1, "dealMinDuration must be at least 1");
    require(dealMaxDuration() >= dealMinDuration(), "dealMaxDuration must be ≥ dealMinDuration");
    require(maxStoragePricePerBlock() >= 0, "maxStoragePricePerBlock must not be negative");
    require(minProviderCollateralPerGib() >= 0, "minProviderCollateralPerGib must not be negative");
    require(maxCollateral() >= 0, "maxCollateral must not be negative");
    require(maxLabelBytes() >= 0, "maxLabelBytes must not be negative");
    require(maxDealsPerPublish() >= 1, "maxDealsPerPublish must be at least 1");
    require(maxDealsPerSettlement() >= 1, "maxDealsPerSettlement must be at least 1");
    require(dealUpdatesInterval() >= 1, "dealUpdatesInterval must be at least 1");
    require(fip0074ActivationBlock() >= 0, "fip0074ActivationBlock must not be negative");
    require(cronInterval() >= 0, "cronInterval must not be negative");
    require(
        provCollateralPercentSupplyNum() >= 0,
        "provCollateralPercentSupplyNum must not be negative");
    require(
        provCollateralPercentSupplyDenom() >= 1,
        "provCollateralPercentSupplyDenom must be at least 1");
    require(
        timeoutPenaltyPercent() >= 0 && timeoutPenaltyPercent() <= 100,
        "timeoutPenaltyPercent must be within 0..100");
    require(withdrawalDelay() >= 0, "withdrawalDelay must not be negative");
    require(signatureCacheSize() >= 0, "signatureCacheSize must not be negative");
    require(
        treasury().map(t -> !t.equals(MarketPallet.PALLET_ACCOUNT)).orElse(true),
        "the treasury must not be the market's own account");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("MarketConfig: " + message);
  }
}
