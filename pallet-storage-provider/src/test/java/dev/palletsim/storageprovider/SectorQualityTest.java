package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.SectorQuality.QUALITY_BASE_MULTIPLIER;
import static dev.palletsim.storageprovider.SectorQuality.SECTOR_QUALITY_PRECISION;
import static dev.palletsim.storageprovider.SectorQuality.VERIFIED_DEAL_WEIGHT_MULTIPLIER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.Units;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/policy_test.rs}, its quality and quality-adjusted power
 * cases ({@code daily_proof_fee_calc} is {@link MoniesTest}'s): {@link SectorQuality} against the
 * Rust expectations, each derived from the multipliers rather than from the code under test.
 */
class SectorQualityTest {
  static final long DAY = StorageProviderConfig.FILECOIN_EPOCHS_IN_DAY;
  static final long[] SIZES = {
    2 * Units.KIB, 8 * Units.MIB, 512 * Units.MIB, 32 * Units.GIB, 64 * Units.GIB
  };
  static final long[] DURATIONS = {1, 10, 1000, 1000 * DAY};

  static final BigInteger EMPTY_QUALITY = BigInteger.ONE.shiftLeft(SECTOR_QUALITY_PRECISION);
  static final BigInteger VERIFIED_QUALITY =
      EMPTY_QUALITY.multiply(
          BigInteger.valueOf(VERIFIED_DEAL_WEIGHT_MULTIPLIER / QUALITY_BASE_MULTIPLIER));

  static long weight(long size, long duration) {
    return Math.multiplyExact(size, duration);
  }

  /**
   * The original form of {@code quality_for_weight}, with a deal weight multiplier (always 10, the
   * base multiplier's: it never had an effect), kept by the Rust test to show the current form
   * agrees.
   */
  static BigInteger originalQualityForWeight(
      long size, long duration, long dealWeight, long verifiedWeight) {
    BigInteger spaceTime = BigInteger.valueOf(size).multiply(BigInteger.valueOf(duration));
    BigInteger deal = BigInteger.valueOf(dealWeight);
    BigInteger verified = BigInteger.valueOf(verifiedWeight);
    BigInteger base = spaceTime.subtract(deal).subtract(verified).multiply(BigInteger.valueOf(10));
    BigInteger sum =
        base.add(deal.multiply(BigInteger.TEN)).add(verified.multiply(BigInteger.valueOf(100)));
    return sum.shiftLeft(SECTOR_QUALITY_PRECISION).divide(spaceTime).divide(BigInteger.TEN);
  }

  @Test
  void qualityIsIndependentOfSizeAndDuration() {
    BigInteger halfVerified =
        EMPTY_QUALITY.divide(BigInteger.TWO).add(VERIFIED_QUALITY.divide(BigInteger.TWO));
    for (long size : SIZES) {
      for (long duration : DURATIONS) {
        long full = weight(size, duration);
        long half = full / 2;
        assertThat(SectorQuality.qualityForWeight(size, duration, 0)).isEqualTo(EMPTY_QUALITY);
        assertThat(SectorQuality.qualityForWeight(size, duration, full))
            .isEqualTo(VERIFIED_QUALITY);
        assertThat(SectorQuality.qualityForWeight(size, duration, half)).isEqualTo(halfVerified);
        // the old form that takes a deal weight
        assertThat(originalQualityForWeight(size, duration, 0, 0)).isEqualTo(EMPTY_QUALITY);
        assertThat(originalQualityForWeight(size, duration, full, 0)).isEqualTo(EMPTY_QUALITY);
        assertThat(originalQualityForWeight(size, duration, half, 0)).isEqualTo(EMPTY_QUALITY);
        assertThat(originalQualityForWeight(size, duration, 0, full)).isEqualTo(VERIFIED_QUALITY);
        assertThat(originalQualityForWeight(size, duration, half, full))
            .isEqualTo(VERIFIED_QUALITY);
        assertThat(originalQualityForWeight(size, duration, full, full))
            .isEqualTo(VERIFIED_QUALITY);
        assertThat(originalQualityForWeight(size, duration, 0, half)).isEqualTo(halfVerified);
        assertThat(originalQualityForWeight(size, duration, half, half)).isEqualTo(halfVerified);
        assertThat(originalQualityForWeight(size, duration, full, half)).isEqualTo(halfVerified);
      }
    }
  }

  static final long[] VERIFIED_SPACES = {
    0, 1, 1 << 10, 2 << 20, 5 << 20, 1 << 30, (2L << 35) - 1, 2L << 35
  };

  @Test
  void qualityScalesWithVerifiedWeightProportion() {
    long size = 64 * Units.GIB;
    long duration = 1_000_000;
    BigInteger sectorWeight = BigInteger.valueOf(weight(size, duration));
    for (long verifiedSpace : VERIFIED_SPACES) {
      long verifiedWeight = weight(verifiedSpace, duration);
      long emptyWeight = weight(size - verifiedSpace, duration);
      assertThat(sectorWeight.longValueExact() - emptyWeight).isEqualTo(verifiedWeight);
      BigInteger expected =
          BigInteger.valueOf(emptyWeight)
              .multiply(EMPTY_QUALITY)
              .add(BigInteger.valueOf(verifiedWeight).multiply(VERIFIED_QUALITY))
              .divide(sectorWeight);
      assertThat(SectorQuality.qualityForWeight(size, duration, verifiedWeight))
          .isEqualTo(expected);
    }
  }

  @Test
  void emptySectorHasPowerEqualToSize() {
    for (long size : SIZES) {
      for (long duration : DURATIONS) {
        assertThat(SectorQuality.qaPowerForWeight(size, duration, 0)).isEqualTo(size);
      }
    }
  }

  @Test
  void verifiedSectorHasPowerAMultipleOfSize() {
    for (long size : SIZES) {
      for (long duration : DURATIONS) {
        assertThat(SectorQuality.qaPowerForWeight(size, duration, weight(size, duration)))
            .isEqualTo(size * 10);
      }
    }
  }

  @Test
  void verifiedWeightAddsProportionalPower() {
    long size = 64 * Units.GIB;
    long duration = 180 * 86_400; // SECONDS_IN_DAY, as the Rust test has it
    BigInteger sectorWeight = BigInteger.valueOf(weight(size, duration));
    BigInteger emptyPower = BigInteger.valueOf(size);
    BigInteger verifiedPower = BigInteger.valueOf(size * 10);
    BigInteger maxError = BigInteger.ONE.shiftLeft(SECTOR_QUALITY_PRECISION);
    long[] verifiedSpaces = {0, 1, 1 << 10, 2 << 20, 5 << 20, 32L << 30, (2L << 35) - 1, 2L << 35};
    long[] verifiedDurations = {0, 1, duration / 2, duration - 1, duration};
    for (long verifiedSpace : verifiedSpaces) {
      for (long verifiedDuration : verifiedDurations) {
        BigInteger verifiedWeight =
            BigInteger.valueOf(verifiedSpace).multiply(BigInteger.valueOf(verifiedDuration));
        BigInteger emptyWeight = sectorWeight.subtract(verifiedWeight);
        BigInteger expected =
            emptyWeight
                .multiply(emptyPower)
                .add(verifiedWeight.multiply(verifiedPower))
                .divide(sectorWeight);
        long power =
            SectorQuality.qaPowerForWeight(size, duration, verifiedWeight.longValueExact());
        assertThat(expected.subtract(BigInteger.valueOf(power))).isLessThanOrEqualTo(maxError);
        assertThat(power).isBetween(size, size * 10);
      }
    }
  }

  @Test
  void demonstrateStandardSectors() {
    long duration = 180 * DAY;
    for (long size : new long[] {32 * Units.GIB, 64 * Units.GIB}) {
      long sectorWeight = weight(size, duration);
      assertThat(SectorQuality.qaPowerForWeight(size, duration, 0)).isEqualTo(size);
      assertThat(SectorQuality.qaPowerForWeight(size, duration, sectorWeight)).isEqualTo(10 * size);
      assertThat(SectorQuality.qaPowerForWeight(size, duration, sectorWeight / 2))
          .isEqualTo(size / 2 + 10 * size / 2);
    }
  }

  @Test
  void theMaximumIsTenTimesTheSize() {
    assertThat(SectorQuality.qaPowerMax(32 * Units.GIB)).isEqualTo(320 * Units.GIB);
  }
}
