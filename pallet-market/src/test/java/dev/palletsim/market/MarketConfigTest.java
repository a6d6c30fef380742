package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.primitives.Units;
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
  void theMinimumProviderCollateralScalesWithThePiece() {
    MarketConfig c = MarketConfig.testnet();
    assertThat(c.minProviderCollateral(Units.GIB)).isEqualTo(Units.TOKEN);
    assertThat(c.minProviderCollateral(2048)).isEqualTo(2048 * Units.TOKEN / Units.GIB);
  }

  @Test
  void cronRunsAtMultiplesOfItsInterval() {
    MarketConfig c = MarketConfig.builder().cronInterval(5).build();
    assertThat(c.cronRunsAt(10)).isTrue();
    assertThat(c.cronRunsAt(11)).isFalse();
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
        b -> b.cronInterval(0),
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
