package dev.palletsim.collatorpower;

import dev.palletsim.frame.primitives.Units;
import org.immutables.value.Value;

/**
 * The constants of the collator power pallet (seed 001's CPP). Bounds on delegations keep the cost
 * of a power decrease and of a collator's removal proportional to a known maximum, as the
 * polka-storage skeleton's bounded maps did ({@code delegates ≤ 10}, {@code delegated ≤ 100}). The
 * builder's defaults are the {@link #mainnetLike()} values.
 */
@Value.Immutable
public abstract class CollatorPowerConfig {
  /** A builder starting from the defaults. */
  public static ImmutableCollatorPowerConfig.Builder builder() {
    return ImmutableCollatorPowerConfig.builder();
  }

  /**
   * A fast test network: 2 KiB sectors as the minimum delegation, and slashed power locked for 20
   * blocks (two sessions of the 10-block test runtime, two minutes at 6 s blocks).
   */
  public static CollatorPowerConfig testnet() {
    return builder()
        .maxDelegationsPerMiner(8)
        .maxBackersPerCollator(64)
        .minDelegation(2 * Units.KIB)
        .slashPolicy(SlashPolicy.lockFor(20))
        .build();
  }

  /**
   * Mainnet-like: a 32 GiB sector as the minimum delegation, and slashed power locked for one day
   * (four 6-hour sessions, the session length polka-storage ships).
   */
  public static CollatorPowerConfig mainnetLike() {
    return builder().build();
  }

  /**
   * Filecoin's power actor settings on top of {@link #mainnetLike()}: the consensus minimum on
   * ({@code MINIMUM_CONSENSUS_POWER} = 10 TiB of raw power, {@code CONSENSUS_MINER_MIN_MINERS} = 4)
   * and slashed power locked for one Filecoin day (2,880 blocks of 30 s).
   */
  public static CollatorPowerConfig filecoin() {
    return builder()
        .from(mainnetLike())
        .slashPolicy(SlashPolicy.lockFor(2880))
        .consensusMinerMinPower(10 * Units.TIB)
        .consensusMinerMinMiners(4)
        .build();
  }

  /** The most collators one miner may delegate to at once. */
  @Value.Default
  public int maxDelegationsPerMiner() {
    return 16;
  }

  /** The most miners that may back one collator at once. */
  @Value.Default
  public int maxBackersPerCollator() {
    return 256;
  }

  /**
   * The least power, in bytes, a delegation to one collator may hold after a delegate, undelegate
   * or redelegate (0 is always allowed: no delegation). Reductions forced by a power decrease may
   * go below it. Keeps dust delegations from filling a collator's backer slots.
   */
  @Value.Default
  public long minDelegation() {
    return 32 * Units.GIB;
  }

  /** What happens to power delegated to a slashed collator; see {@link SlashPolicy}. */
  @Value.Default
  public SlashPolicy slashPolicy() {
    return SlashPolicy.lockFor(Units.DAYS);
  }

  /**
   * The consensus minimum of raw power, in bytes ({@code MINIMUM_CONSENSUS_POWER}); 0 turns it off
   * (the parachain presets): every miner then counts in the network total. With it on, once {@link
   * #consensusMinerMinMiners()} miners reach it, the network total counts only the miners at or
   * above it (builtin-actors' power actor).
   */
  @Value.Default
  public long consensusMinerMinPower() {
    return 0;
  }

  /**
   * Which power delegations weigh (default {@link DelegationPower#QualityAdjusted}, as Filecoin's
   * consensus weighs quality-adjusted power; docs/design.md).
   */
  @Value.Default
  public DelegationPower delegationPower() {
    return DelegationPower.QualityAdjusted;
  }

  /** How many miners must reach the consensus minimum before it applies ({@code 4}). */
  @Value.Default
  public int consensusMinerMinMiners() {
    return 4;
  }

  /**
   * Whether the pallet keeps the smoothed network QA power estimate ({@code
   * this_epoch_qa_power_smoothed}, builtin-actors' alpha-beta filter, updated once a block): on in
   * the presets that mint block rewards, whose money formulas read it from state.
   */
  @Value.Default
  public boolean smoothedQaPower() {
    return false;
  }

  /**
   * The smoothed QA power estimate at genesis, bytes ({@code INITIAL_QA_POWER_ESTIMATE_POSITION}:
   * 750,000 GiB).
   */
  @Value.Default
  public long initialQaPowerPosition() {
    return 750_000L * Units.GIB;
  }

  /**
   * Its change per block at genesis, bytes ({@code INITIAL_QA_POWER_ESTIMATE_VELOCITY}: 3,840 GiB,
   * 120 prove-commits of 32 GiB an epoch).
   */
  @Value.Default
  public long initialQaPowerVelocity() {
    return 3_840L * Units.GIB;
  }

  /** Rejects inconsistent settings when the config is built (Immutables' check). */
  @Value.Check
  protected void check() {
    require(maxDelegationsPerMiner() >= 1, "maxDelegationsPerMiner must be at least 1");
    require(maxBackersPerCollator() >= 1, "maxBackersPerCollator must be at least 1");
    require(minDelegation() >= 1, "minDelegation must be at least 1 byte");
    require(slashPolicy() != null, "slashPolicy is required");
    require(consensusMinerMinPower() >= 0, "consensusMinerMinPower must not be negative");
    require(consensusMinerMinMiners() >= 1, "consensusMinerMinMiners must be at least 1");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("CollatorPowerConfig: " + message);
  }
}
