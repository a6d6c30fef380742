package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkInputs;
import java.math.BigInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The presets and the validation of {@link MarketConfig}. */
class MarketConfigTest {

  @Test
  void thePresetsAreValidAndDiffer() {
    MarketConfig t = MarketConfig.testnet();
    MarketConfig m = MarketConfig.mainnetLike();
    assertThat(t.dealUpdatesInterval()).isEqualTo(100);
    assertThat(t.publishMode()).isEqualTo(PublishMode.AllOrNothing);
    assertThat(m.dealMinDuration()).isEqualTo(180 * Units.DAYS);
    assertThat(m.dealMaxDuration()).isEqualTo(1278 * Units.DAYS);
    assertThat(m.dealUpdatesInterval()).isEqualTo(30 * Units.DAYS);
    assertThat(m.publishMode()).isEqualTo(PublishMode.FilterInvalid);
    assertThat(m.regimeAt(0)).isEqualTo(Regime.Fip0074);
  }

  @Test
  void thePerGibMinimumProviderCollateralScalesWithThePieceAlone() {
    MarketConfig c = MarketConfig.testnet();
    NetworkInputs any = NetworkInputs.DEFAULT;
    assertThat(c.minProviderCollateral(Units.GIB, any)).isEqualTo(BigInteger.valueOf(Units.TOKEN));
    assertThat(c.minProviderCollateral(2048, any))
        .isEqualTo(BigInteger.valueOf(2048 * Units.TOKEN / Units.GIB));
  }

  /**
   * builtin-actors' {@code deal_provider_collateral_bounds} (filecoin-actors.md §1.3): {@code
   * floor(size × CS / (max(raw, baseline, size) × 100))}. The reference's example: size 2048, CS =
   * baseline = 2^50, raw 0 gives 2048 / 100 = 20.
   */
  @Test
  void theNetworkShareMinimumIsBuiltinActorsFormula() {
    MarketConfig c = MarketConfig.filecoin();
    BigInteger p50 = BigInteger.ONE.shiftLeft(50);
    assertThat(c.minProviderCollateral(2048, inputs(p50, BigInteger.ZERO, p50)))
        .isEqualTo(BigInteger.valueOf(20));
    // the raw power counts when it exceeds the baseline
    assertThat(c.minProviderCollateral(2048, inputs(p50, p50.shiftLeft(1), p50)))
        .isEqualTo(BigInteger.valueOf(10));
    // a piece larger than the network's power is its own share: 1 % of the supply
    assertThat(
            c.minProviderCollateral(
                1L << 40, inputs(BigInteger.valueOf(1_000), BigInteger.ZERO, BigInteger.ONE)))
        .isEqualTo(BigInteger.valueOf(10));
    // builtin-actors' mock runtime has no circulating supply: the minimum is 0
    assertThat(c.minProviderCollateral(2048, inputs(BigInteger.ZERO, BigInteger.ZERO, p50)))
        .isZero();
    // floor(2048 × 10^20 / (2^50 × 100)) = 1818989, computed exactly past any long
    assertThat(c.minProviderCollateral(2048, inputs(BigInteger.TEN.pow(20), BigInteger.ZERO, p50)))
        .isEqualTo(BigInteger.valueOf(1_818_989));
  }

  private static NetworkInputs inputs(BigInteger supply, BigInteger raw, BigInteger baseline) {
    return new NetworkInputs(
        supply, baseline, raw, FilterEstimate.constant(0), FilterEstimate.constant(0));
  }

  @Test
  void theFilecoinPresetIsBuiltinActorsMarketPolicyAtOneBlockPerEpoch() {
    MarketConfig f = MarketConfig.filecoin();
    assertThat(f.dealUpdatesInterval()).isEqualTo(86_400);
    assertThat(f.dealMinDuration()).isEqualTo(518_400);
    assertThat(f.dealMaxDuration()).isEqualTo(3_680_640);
    assertThat(f.maxLabelBytes()).isEqualTo(256);
    assertThat(f.publishMode()).isEqualTo(PublishMode.FilterInvalid);
    assertThat(f.providerCollateralRule()).isEqualTo(ProviderCollateralRule.NetworkShare);
    assertThat(f.provCollateralPercentSupplyNum()).isEqualTo(1);
    assertThat(f.provCollateralPercentSupplyDenom()).isEqualTo(100);
    assertThat(f.timeoutPenaltyPercent()).isEqualTo(100);
    assertThat(f.dealSchedule()).isEqualTo(DealSchedule.ById);
    assertThat(f.legacyDealRule()).isEqualTo(LegacyDealRule.EverUpdated);
    assertThat(f.regimeAt(0)).isEqualTo(Regime.Fip0074);
    assertThat(f.maxStoragePricePerBlock()).isEqualTo(Long.MAX_VALUE);
    assertThat(f.maxCollateral()).isEqualTo(Long.MAX_VALUE);
    assertThat(f.cronRunsAt(1)).isTrue();
  }

  @Test
  void cronRunsAtMultiplesOfItsIntervalAndNeverByItselfAtZero() {
    MarketConfig c = MarketConfig.builder().cronInterval(5).build();
    assertThat(c.cronRunsAt(10)).isTrue();
    assertThat(c.cronRunsAt(11)).isFalse();
    MarketConfig manual = MarketConfig.builder().cronInterval(0).build();
    assertThat(manual.cronRunsAt(0)).isFalse();
    assertThat(manual.cronRunsAt(10)).isFalse();
  }

  static Stream<UnaryOperator<ImmutableMarketConfig.Builder>> invalid() {
    return Stream.of(
        b -> b.dealMinDuration(0),
        b -> b.dealMinDuration(10).dealMaxDuration(9),
        b -> b.maxStoragePricePerBlock(-1),
        b -> b.minProviderCollateralPerGib(-1),
        b -> b.maxCollateral(-1),
        b -> b.maxLabelBytes(-1),
        b -> b.maxDealsPerPublish(0),
        b -> b.maxDealsPerSettlement(0),
        b -> b.dealUpdatesInterval(0),
        b -> b.fip0074ActivationBlock(-1),
        b -> b.cronInterval(-1),
        b -> b.provCollateralPercentSupplyNum(-1),
        b -> b.provCollateralPercentSupplyDenom(0),
        b -> b.timeoutPenaltyPercent(101),
        b -> b.timeoutPenaltyPercent(-1),
        b -> b.withdrawalDelay(-1),
        b -> b.signatureCacheSize(-1),
        b -> b.treasury(MarketPallet.PALLET_ACCOUNT));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void anInvalidConfigurationIsRejected(UnaryOperator<ImmutableMarketConfig.Builder> change) {
    assertThatThrownBy(() -> change.apply(MarketConfig.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("MarketConfig:");
  }
}
