package dev.palletsim.frame.executive;

import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.Units;
import org.immutables.value.Value;

/**
 * The runtime-wide constants: block time, session period and offset, existential deposit, block
 * weight limit and storage weights, and how the harness checks the runtime (invariants every N
 * blocks, fail on bugs, how many block records to keep). Validated at construction.
 */
@Value.Immutable
public abstract class RuntimeConfig {
  /** A builder starting from the defaults. */
  public static ImmutableRuntimeConfig.Builder builder() {
    return ImmutableRuntimeConfig.builder();
  }

  /** The defaults: 6 s blocks, 1 h sessions, invariants after every block. */
  public static RuntimeConfig defaults() {
    return builder().build();
  }

  /** Milliseconds per Aura slot (one block per slot when every author is online). */
  @Value.Default
  public long blockTimeMillis() {
    return Units.DEFAULT_BLOCK_TIME_MILLIS;
  }

  /** Blocks per session ({@code PeriodicSessions}' period). */
  @Value.Default
  public long sessionPeriod() {
    return Units.HOURS;
  }

  /** The block of the first rotation offset ({@code PeriodicSessions}' offset). */
  @Value.Default
  public long sessionOffset() {
    return 0;
  }

  /** The existential deposit in planck. */
  @Value.Default
  public long existentialDeposit() {
    return Units.MILLI_TOKEN;
  }

  /**
   * The most weight one block may use; an extrinsic whose declared weight does not fit fails as
   * exhausted before it runs.
   */
  @Value.Default
  public Weight maxBlockWeight() {
    return Weight.ofMicros(2_000_000);
  }

  /** The weights of storage reads, writes, work items and the extrinsic base. */
  @Value.Default
  public WeightCosts weightCosts() {
    return WeightCosts.ROCKS_DB;
  }

  /** Check invariants after every N-th block; 0 never checks. */
  @Value.Default
  public int invariantCheckInterval() {
    return 1;
  }

  /** Throw {@link PalletBug} when an exception escapes a pallet (else record and go on). */
  @Value.Default
  public boolean failOnBug() {
    return true;
  }

  /**
   * Throw {@link PalletBug} when a call uses more weight than it declares ({@code Call.weight}): a
   * declaration that does not bound its call is a pallet bug. Off by default (the block record
   * shows both weights of every call); the test kit's mock runtime turns it on.
   */
  @Value.Default
  public boolean checkDeclaredWeights() {
    return false;
  }

  /** How many block records the chain keeps in its history. */
  @Value.Default
  public int historyDepth() {
    return 256;
  }

  /** Rejects inconsistent settings when the config is built (Immutables' check). */
  @Value.Check
  protected void check() {
    require(blockTimeMillis() > 0, "blockTimeMillis must be positive");
    require(sessionPeriod() > 0, "sessionPeriod must be positive");
    require(sessionOffset() >= 0, "sessionOffset must not be negative");
    require(existentialDeposit() > 0, "existentialDeposit must be positive");
    require(maxBlockWeight().refTime() > 0, "maxBlockWeight must be positive");
    require(invariantCheckInterval() >= 0, "invariantCheckInterval must not be negative");
    require(historyDepth() >= 1, "historyDepth must be at least 1");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("RuntimeConfig: " + message);
  }
}
