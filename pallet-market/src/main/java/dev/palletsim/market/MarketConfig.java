package dev.palletsim.market;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * The market's constants (seed 002's policy values, seed 004's upgrade, seed 000's withdrawal
 * delay), with a fast {@link #testnet()} preset (the defaults) and a Filecoin-like {@link
 * #mainnetLike()} one. Durations are in blocks, amounts in planck. Validated at construction.
 *
 * <p><b>Regimes.</b> FIP-0074 is modelled as a network upgrade at {@link
 * #fip0074ActivationBlock()}: before it, seed 002's cron settles every deal; from it on, seed 004
 * applies. 0 runs FIP-0074 from genesis; {@link Long#MAX_VALUE} keeps the legacy cron forever.
 */
@Value.Immutable
public abstract class MarketConfig {
  /** A builder starting from the defaults (the testnet preset). */
  public static ImmutableMarketConfig.Builder builder() {
    return ImmutableMarketConfig.builder();
  }

  /**
   * The fast testnet preset: deals of 10 to 100 000 blocks, cron updates every 100 blocks (seed
   * 002's {@code DealUpdatesInterval}), FIP-0074 from genesis, seed 002's all-or-nothing batches.
   */
  public static MarketConfig testnet() {
    return builder().build();
  }

  /**
   * Filecoin mainnet's policy at 6 s blocks: deals of 180 to 1278 days, 30-day update interval,
   * FIP-0074 from genesis (mainnet has run it since network version 22), per-deal filtering of
   * invalid deals, a minimum provider collateral of a milli-token per GiB of piece.
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
   * The provider collateral required per GiB of piece, rounded down for the piece's size. Stands in
   * for Filecoin's bound, which scales with circulating supply over network power.
   */
  @Value.Default
  public long minProviderCollateralPerGib() {
    return Units.TOKEN;
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
   * without cron, which the next cron catches up on (seed 002, {@code LastCron + 1} to now).
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

  /** The lowest provider collateral for a piece of {@code pieceSize} bytes. */
  public long minProviderCollateral(long pieceSize) {
    return Checked.mulDiv(pieceSize, minProviderCollateralPerGib(), Units.GIB);
  }

  /** Whether cron runs at {@code block}. */
  public boolean cronRunsAt(long block) {
    return block % cronInterval() == 0;
  }

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
    require(cronInterval() >= 1, "cronInterval must be at least 1");
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
