package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import org.immutables.value.Value;

/**
 * The constants of collator selection (upstream's {@code Config}: {@code MaxCandidates}, {@code
 * MaxInvulnerables}, {@code MinEligibleCollators}, {@code KickThreshold}, {@code PotId}), plus
 * palletsim's: the auction strategy (seed 001), the per-block issuance that funds the pot beside
 * the transaction fees a runtime routes to it, and the optional split of rewards with backing
 * miners. Validated at construction, including upstream's integrity test ({@code
 * MinEligibleCollators > 0}, {@code MaxInvulnerables + MaxCandidates ≥ MinEligibleCollators}).
 */
@Value.Immutable
public abstract class CollatorSelectionConfig {
  /** A builder starting from the defaults. */
  public static ImmutableCollatorSelectionConfig.Builder builder() {
    return ImmutableCollatorSelectionConfig.builder();
  }

  /** The defaults: see each constant. */
  public static CollatorSelectionConfig defaults() {
    return builder().build();
  }

  /**
   * Upstream's mock runtime, for tests on 10-block sessions: 20 candidates, 20 invulnerables, at
   * least one eligible collator, {@code KickThreshold} = one 10-block session, 1 milli-token into
   * the pot per block.
   */
  public static CollatorSelectionConfig testnet() {
    return builder()
        .maxCandidates(20)
        .maxInvulnerables(20)
        .minEligibleCollators(1)
        .kickThreshold(10)
        .potIssuancePerBlock(Units.MILLI_TOKEN)
        .build();
  }

  /**
   * polka-storage's production runtime: 100 candidates, 20 invulnerables, at least 4 eligible
   * collators, {@code KickThreshold} = its 6-hour session; rewards shared with backing miners after
   * a 10% commission.
   */
  public static CollatorSelectionConfig mainnetLike() {
    return builder()
        .maxCandidates(100)
        .maxInvulnerables(20)
        .minEligibleCollators(4)
        .kickThreshold(6 * Units.HOURS)
        .rewardBackers(true)
        .build();
  }

  /** Capacity of the candidate list, invulnerables excluded. Default 100. */
  @Value.Default
  public int maxCandidates() {
    return 100;
  }

  /** Capacity of the invulnerables. Default 20. */
  @Value.Default
  public int maxInvulnerables() {
    return 20;
  }

  /**
   * The fewest eligible collators (candidates plus invulnerables) the pallet lets leaving, removal
   * of invulnerables or kicking reach. Default 4.
   */
  @Value.Default
  public int minEligibleCollators() {
    return 4;
  }

  /**
   * Blocks without authoring after which a candidate that held a seat is kicked. Default 600 (one
   * default session of 1 hour at 6-second blocks, upstream's {@code KickThreshold = Period}).
   */
  @Value.Default
  public long kickThreshold() {
    return Units.HOURS;
  }

  /** How seats are drawn; default {@link ProportionalAuction}. */
  @Value.Default
  public AuctionStrategy auction() {
    return AuctionStrategy.proportional();
  }

  /** The pot's pallet id (8 ASCII bytes); the pot is {@code AccountId.pallet(potId)}. */
  @Value.Default
  public String potId() {
    return "PotStake";
  }

  /**
   * New tokens minted into the pot at the end of every block, in planck, standing in for the
   * transaction fees upstream's runtimes route to the pot. Since each author takes half of the
   * pot's excess over the existential deposit, the excess settles at twice this amount and every
   * author then earns this amount per block. Default 0.1 token (about 525,600 tokens a year at
   * 6-second blocks).
   */
  @Value.Default
  public long potIssuancePerBlock() {
    return Units.TOKEN / 10;
  }

  /**
   * Whether rotation also kicks candidates that held no seat in the ended session, as upstream
   * kicks every candidate whose {@code LastAuthoredBlock} is older than {@code KickThreshold}.
   * Default false: in a lottery a candidate that lost the draw could not author, so only a seated
   * candidate that did not author is idle (see {@link CollatorSelectionPallet}). True reproduces
   * upstream's rule, for comparing the two: a candidate then stays only while it keeps winning.
   */
  @Value.Default
  public boolean kickUnseatedCandidates() {
    return false;
  }

  /**
   * Whether an author's reward is shared with the miners backing it, pro-rata to the session's
   * power snapshot after the collator's commission ({@link RewardSplit}). Default false (upstream:
   * the author keeps everything).
   */
  @Value.Default
  public boolean rewardBackers() {
    return false;
  }

  /** The collator's commission when rewards are shared, in parts per billion. Default 10%. */
  @Value.Default
  public long collatorCommissionPerbill() {
    return 100_000_000L;
  }

  /** The pot account, {@code AccountId.pallet(potId())}. */
  public AccountId potAccount() {
    return AccountId.pallet(potId());
  }

  /** Rejects inconsistent settings when the config is built (Immutables' check). */
  @Value.Check
  protected void check() {
    require(maxCandidates() >= 0, "maxCandidates must not be negative");
    require(maxInvulnerables() >= 0, "maxInvulnerables must not be negative");
    require(minEligibleCollators() > 0, "chain must require at least one collator");
    require(
        (long) maxInvulnerables() + maxCandidates() >= minEligibleCollators(),
        "invulnerables and candidates must be able to satisfy collator demand");
    require(kickThreshold() >= 0, "kickThreshold must not be negative");
    require(potIssuancePerBlock() >= 0, "potIssuancePerBlock must not be negative");
    require(
        collatorCommissionPerbill() >= 0 && collatorCommissionPerbill() <= RewardSplit.PERBILL,
        "collatorCommissionPerbill must be within 0 … 10^9");
    require(auction() != null, "auction is missing");
    require(
        potId() != null && potId().length() == 8 && potId().chars().allMatch(c -> c < 128),
        "potId must be 8 ASCII characters");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("CollatorSelectionConfig: " + message);
  }
}
