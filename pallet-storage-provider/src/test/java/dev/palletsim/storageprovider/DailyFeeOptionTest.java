package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkInputs;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * FIP-0100's daily fee as an option ({@link StorageProviderConfig#dailyFees()}): on, a sector's fee
 * is {@code ⌊161817 · CS · p / 10³⁰⌋} capped by half its expected reward of a day; off, sectors
 * record none and deadline closes charge none.
 */
class DailyFeeOptionTest {
  static final NetworkInputs NETWORK =
      new NetworkInputs(
          BigInteger.valueOf(600_000_000L).multiply(BigInteger.valueOf(Units.TOKEN)),
          BigInteger.ONE.shiftLeft(60),
          BigInteger.ONE.shiftLeft(60),
          FilterEstimate.constant(20 * Units.TOKEN),
          FilterEstimate.constant(BigInteger.ONE.shiftLeft(62)));

  @Test
  void onByDefaultInEveryPreset() {
    assertThat(StorageProviderConfig.testnet().dailyFees()).isTrue();
    assertThat(StorageProviderConfig.mainnetLike().dailyFees()).isTrue();
    assertThat(StorageProviderConfig.filecoin().dailyFees()).isTrue();
  }

  @Test
  void onASectorPaysTheFormulaCappedByHalfItsDayOfReward() {
    StorageProviderConfig c = StorageProviderConfig.filecoin();
    long power = 32 * Units.GIB;
    // 161817 · 6·10^18 planck · 2^35 / 10^30, rounded down
    long expected =
        BigInteger.valueOf(161_817)
            .multiply(NETWORK.circulatingSupply())
            .multiply(BigInteger.valueOf(power))
            .divide(BigInteger.TEN.pow(30))
            .longValueExact();
    assertThat(Monies.dailyFee(c, NETWORK, power)).isEqualTo(expected).isPositive();
    long cap = Monies.expectedReward(NETWORK, power, c.dailyFeeBlockRewardCapPeriod()) / 2;
    assertThat(Monies.dailyFeePayable(c, NETWORK, expected, power))
        .isEqualTo(Math.min(expected, cap));
  }

  @Test
  void offNothingIsCharged() {
    StorageProviderConfig off =
        ImmutableStorageProviderConfig.builder()
            .from(StorageProviderConfig.filecoin())
            .dailyFees(false)
            .build();
    long power = 32 * Units.GIB;
    assertThat(Monies.dailyFee(off, NETWORK, power)).isZero();
    assertThat(Monies.dailyFeePayable(off, NETWORK, 1_000_000, power)).isZero();
  }
}
