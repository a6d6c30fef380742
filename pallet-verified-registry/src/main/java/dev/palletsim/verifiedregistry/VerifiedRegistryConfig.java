package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.primitives.Units;
import org.immutables.value.Value;

/**
 * The constants of the verified registry (builtin-actors' {@code Policy} values the verifreg actor
 * reads, filecoin-actors.md §1.3), with a fast {@link #testnet()} preset (the defaults), a
 * Filecoin-like {@link #mainnetLike()} one at 6 s blocks and builtin-actors' own policy at one
 * block per epoch, {@link #filecoin()}. Sizes are bytes of DataCap (one DataCap unit per byte of
 * verified piece), terms and expirations blocks. Validated at construction.
 */
@Value.Immutable
public abstract class VerifiedRegistryConfig {
  /** Filecoin epochs (blocks of the {@link #filecoin()} preset) per day: 30 s epochs. */
  public static final long EPOCHS_PER_DAY = 2_880;

  /** Filecoin epochs per year ({@code EPOCHS_IN_YEAR}: 365.25 days of 30 s). */
  public static final long EPOCHS_PER_YEAR = 1_051_897;

  /** Blocks of 6 s per Filecoin epoch of 30 s: the {@link #mainnetLike()} rule. */
  public static final long MAINNET_LIKE_BLOCKS_PER_EPOCH = 5;

  /** A builder starting from the defaults (the testnet preset). */
  public static ImmutableVerifiedRegistryConfig.Builder builder() {
    return ImmutableVerifiedRegistryConfig.builder();
  }

  /**
   * The fast testnet: allocations of at least 128 bytes (the smallest piece), terms from 10 blocks
   * (the testnet market's shortest deal) to 100,000 blocks plus a buffer, claimable for 1,000
   * blocks.
   */
  public static VerifiedRegistryConfig testnet() {
    return builder().build();
  }

  /**
   * builtin-actors' policy at one block per Filecoin epoch: {@code
   * MINIMUM_VERIFIED_ALLOCATION_SIZE} 1 MiB, {@code MINIMUM_VERIFIED_ALLOCATION_TERM} 180 days
   * (518,400 blocks), {@code MAXIMUM_VERIFIED_ALLOCATION_TERM} 5 years (5,259,485), {@code
   * MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION} 60 days (172,800).
   */
  public static VerifiedRegistryConfig filecoin() {
    return builder()
        .minimumVerifiedAllocationSize(Units.MIB)
        .minimumVerifiedAllocationTerm(180 * EPOCHS_PER_DAY)
        .maximumVerifiedAllocationTerm(5 * EPOCHS_PER_YEAR)
        .maximumVerifiedAllocationExpiration(60 * EPOCHS_PER_DAY)
        .build();
  }

  /** {@link #filecoin()} at 6 s blocks: every duration × 5, sizes equal. */
  public static VerifiedRegistryConfig mainnetLike() {
    VerifiedRegistryConfig f = filecoin();
    long k = MAINNET_LIKE_BLOCKS_PER_EPOCH;
    return builder()
        .from(f)
        .minimumVerifiedAllocationTerm(f.minimumVerifiedAllocationTerm() * k)
        .maximumVerifiedAllocationTerm(f.maximumVerifiedAllocationTerm() * k)
        .maximumVerifiedAllocationExpiration(f.maximumVerifiedAllocationExpiration() * k)
        .build();
  }

  /**
   * The smallest allocation, and the smallest allowance a verifier or client may be given ({@code
   * MINIMUM_VERIFIED_ALLOCATION_SIZE}), bytes.
   */
  @Value.Default
  public long minimumVerifiedAllocationSize() {
    return 128;
  }

  /** The shortest {@code termMin} of an allocation ({@code MINIMUM_VERIFIED_ALLOCATION_TERM}). */
  @Value.Default
  public long minimumVerifiedAllocationTerm() {
    return 10;
  }

  /**
   * The longest {@code termMax} of an allocation, and the longest a claim may be extended to
   * ({@code MAXIMUM_VERIFIED_ALLOCATION_TERM}).
   */
  @Value.Default
  public long maximumVerifiedAllocationTerm() {
    return 100_200;
  }

  /**
   * How far past its creation an allocation may expire ({@code
   * MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION}): the provider must claim it by then.
   */
  @Value.Default
  public long maximumVerifiedAllocationExpiration() {
    return 1_000;
  }

  /**
   * The most allocations, extensions, claim terms or ids one call may carry, and the most entries a
   * removal naming no id sweeps (builtin-actors bounds them by message size and gas; a parachain
   * bounds a call's weight).
   */
  @Value.Default
  public int maxItemsPerCall() {
    return 512;
  }

  /** Rejects inconsistent values with the reason. */
  @Value.Check
  protected void check() {
    require(minimumVerifiedAllocationSize() >= 1, "minimumVerifiedAllocationSize must be ≥ 1");
    require(minimumVerifiedAllocationTerm() >= 0, "minimumVerifiedAllocationTerm must be ≥ 0");
    require(
        maximumVerifiedAllocationTerm() >= minimumVerifiedAllocationTerm(),
        "maximumVerifiedAllocationTerm must be ≥ minimumVerifiedAllocationTerm");
    require(
        maximumVerifiedAllocationExpiration() >= 0,
        "maximumVerifiedAllocationExpiration must be ≥ 0");
    require(maxItemsPerCall() >= 1, "maxItemsPerCall must be at least 1");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("VerifiedRegistryConfig: " + message);
  }
}
