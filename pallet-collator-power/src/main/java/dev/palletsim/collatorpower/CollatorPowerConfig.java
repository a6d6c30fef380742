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

  @Value.Check
  protected void check() {
    require(maxDelegationsPerMiner() >= 1, "maxDelegationsPerMiner must be at least 1");
    require(maxBackersPerCollator() >= 1, "maxBackersPerCollator must be at least 1");
    require(minDelegation() >= 1, "minDelegation must be at least 1 byte");
    require(slashPolicy() != null, "slashPolicy is required");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("CollatorPowerConfig: " + message);
  }
}
