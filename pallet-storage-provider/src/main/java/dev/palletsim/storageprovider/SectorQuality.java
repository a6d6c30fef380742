package dev.palletsim.storageprovider;

import java.math.BigInteger;

/**
 * A sector's quality and quality-adjusted power (builtin-actors' miner {@code policy.rs},
 * filecoin-actors.md §3.10): over the sector's space-time {@code S·D}, verified deal weight counts
 * {@link #VERIFIED_DEAL_WEIGHT_MULTIPLIER} and the rest {@link #QUALITY_BASE_MULTIPLIER}, so a
 * sector full of verified data has ten times its raw power, one without any its raw power. Every
 * division rounds down where builtin-actors' does. Unverified deal weight no longer adds power.
 */
public final class SectorQuality {
  private SectorQuality() {}

  /** {@code QUALITY_BASE_MULTIPLIER}: the weight of space-time without verified data. */
  public static final long QUALITY_BASE_MULTIPLIER = 10;

  /** {@code VERIFIED_DEAL_WEIGHT_MULTIPLIER}: the weight of verified space-time. */
  public static final long VERIFIED_DEAL_WEIGHT_MULTIPLIER = 100;

  /** {@code SECTOR_QUALITY_PRECISION}: quality is a fixed-point number with this many bits. */
  public static final int SECTOR_QUALITY_PRECISION = 20;

  /**
   * {@code quality_for_weight}: {@code ⌊⌊((S·D − VW)·10 + VW·100) · 2^20 / (S·D)⌋ / 10⌋}, the
   * sector's quality in units of {@code 2^-20}.
   */
  public static BigInteger qualityForWeight(long size, long duration, long verifiedWeight) {
    BigInteger spaceTime = BigInteger.valueOf(size).multiply(BigInteger.valueOf(duration));
    BigInteger verified = BigInteger.valueOf(verifiedWeight);
    BigInteger weighted =
        spaceTime
            .subtract(verified)
            .multiply(BigInteger.valueOf(QUALITY_BASE_MULTIPLIER))
            .add(verified.multiply(BigInteger.valueOf(VERIFIED_DEAL_WEIGHT_MULTIPLIER)));
    return weighted
        .shiftLeft(SECTOR_QUALITY_PRECISION)
        .divide(spaceTime)
        .divide(BigInteger.valueOf(QUALITY_BASE_MULTIPLIER));
  }

  /**
   * {@code qa_power_for_weight}: {@code ⌊S · quality / 2^20⌋}, the quality-adjusted power of a
   * sector of {@code size} bytes committed for {@code duration} blocks holding {@code
   * verifiedWeight} byte-blocks of verified data. A duration of 0 or less has no space-time; its
   * power is the raw power. So is a sector without verified data: its quality is exactly {@code
   * 2^20} ({@code ⌊⌊S·D·10·2^20 / (S·D)⌋ / 10⌋}), so the arithmetic is skipped (the invariants
   * recompute every live sector's power after every block).
   */
  public static long qaPowerForWeight(long size, long duration, long verifiedWeight) {
    if (duration <= 0 || size == 0 || verifiedWeight == 0) return size;
    return BigInteger.valueOf(size)
        .multiply(qualityForWeight(size, duration, verifiedWeight))
        .shiftRight(SECTOR_QUALITY_PRECISION)
        .longValueExact();
  }

  /** {@code qa_power_max}: the power of a sector full of verified data, {@code S · 100 / 10}. */
  public static long qaPowerMax(long size) {
    return Math.multiplyExact(size, VERIFIED_DEAL_WEIGHT_MULTIPLIER) / QUALITY_BASE_MULTIPLIER;
  }
}
