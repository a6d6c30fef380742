package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.collatorpower.CollatorPowerConfig;
import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.PublishMode;
import dev.palletsim.storageprovider.StorageProviderConfig;
import dev.palletsim.storageprovider.StorageProviderPallet;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code filecoin} preset: one block per 30 s epoch, builtin-actors' policy in the pallets, the
 * network inputs bound as {@code NetworkEconomics} and overridable from a scenario's {@code
 * network} section.
 */
class FilecoinPresetTest {
  static NetworkInputs bound(Runtime runtime) {
    return runtime.couplings().require(NetworkEconomics.class).inputs(World.empty());
  }

  @Test
  void oneBlockIsOneEpochWithBuiltinActorsPolicy() {
    Runtime rt = Presets.named("filecoin").build(Map.of());
    assertThat(rt.config().blockTimeMillis()).isEqualTo(30_000);
    assertThat(rt.config().sessionPeriod()).isEqualTo(720);
    assertThat(rt.pallet(StorageProviderPallet.class).config())
        .isEqualTo(StorageProviderConfig.filecoin());
    assertThat(rt.pallet(CollatorPowerPallet.class).config())
        .isEqualTo(CollatorPowerConfig.filecoin());
    MarketConfig market = rt.pallet(MarketPallet.class).config();
    assertThat(market.dealUpdatesInterval()).isEqualTo(86_400);
    assertThat(market.dealMinDuration()).isEqualTo(518_400);
    assertThat(market.dealMaxDuration()).isEqualTo(3_680_640);
    assertThat(market.maxLabelBytes()).isEqualTo(256);
    assertThat(market.publishMode()).isEqualTo(PublishMode.FilterInvalid);
    assertThat(bound(rt)).isEqualTo(StorageRuntime.Configs.filecoinNetwork());
    assertThat(Presets.named("filecoin").description()).contains("720").contains("2,880");
  }

  @Test
  void everyPresetBindsItsNetworkInputs() {
    assertThat(bound(Presets.named("testnet").build(Map.of()))).isEqualTo(NetworkInputs.DEFAULT);
    assertThat(bound(Presets.named("mainnet-like").build(Map.of())))
        .isEqualTo(StorageRuntime.Configs.mainnetLike().network());
  }

  @Test
  void theNetworkSectionOverridesTheInputsWithUnits() {
    Runtime rt =
        Presets.named("filecoin")
            .build(
                Map.of(
                    "network",
                    Map.of(
                        "circulating-supply",
                        "700000000 TOKEN",
                        "baseline-power",
                        "90 EIB",
                        "reward-estimate",
                        "25 TOKEN",
                        "qa-power-velocity",
                        1024,
                        "ramp-start-epoch",
                        100,
                        "ramp-duration-epochs",
                        1000)));
    NetworkInputs n = bound(rt);
    BigInteger token = BigInteger.valueOf(10_000_000_000L);
    assertThat(n.circulatingSupply()).isEqualTo(token.multiply(BigInteger.valueOf(700_000_000)));
    assertThat(n.baselinePower()).isEqualTo(BigInteger.valueOf(90).shiftLeft(60));
    assertThat(n.rewardEstimate()).isEqualTo(FilterEstimate.constant(25 * 10_000_000_000L));
    assertThat(n.qaPowerEstimate().velocity()).isEqualTo(BigInteger.valueOf(1024).shiftLeft(128));
    assertThat(n.qaPowerEstimate().estimate())
        .isEqualTo(StorageRuntime.Configs.filecoinNetwork().qaPowerEstimate().estimate());
    assertThat(n.rampStartEpoch()).isEqualTo(100);
    assertThat(n.rampDurationEpochs()).isEqualTo(1000);
    // untouched settings keep the preset's exact values
    assertThat(n.networkRawPower())
        .isEqualTo(StorageRuntime.Configs.filecoinNetwork().networkRawPower());
    var listed = Presets.named("filecoin").settings().get("network");
    assertThat(listed.get("baseline-power")).isEqualTo(BigInteger.valueOf(80).shiftLeft(60) + "");
  }

  @Test
  void badNetworkSettingsAreErrorsNamingTheSetting() {
    var filecoin = Presets.named("filecoin");
    assertThatThrownBy(
            () -> filecoin.build(Map.of("network", Map.of("circulating-supply", "lots"))))
        .hasMessageContaining("network.circulating-supply")
        .hasMessageContaining("EIB");
    assertThatThrownBy(() -> filecoin.build(Map.of("network", Map.of("baseline-power", "-1 EIB"))))
        .hasMessageContaining("network")
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> filecoin.build(Map.of("network", Map.of("reward", 1))))
        .hasMessageContaining("unknown setting 'reward'");
  }
}
