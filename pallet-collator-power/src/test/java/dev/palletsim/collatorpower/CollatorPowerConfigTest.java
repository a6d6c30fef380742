package dev.palletsim.collatorpower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.primitives.Units;
import org.junit.jupiter.api.Test;

class CollatorPowerConfigTest {

  @Test
  void theDefaultsAreTheMainnetLikePreset() {
    assertThat(CollatorPowerConfig.builder().build()).isEqualTo(CollatorPowerConfig.mainnetLike());
    assertThat(CollatorPowerConfig.mainnetLike().slashPolicy())
        .isEqualTo(SlashPolicy.lockFor(Units.DAYS));
    assertThat(CollatorPowerConfig.mainnetLike().minDelegation()).isEqualTo(32 * Units.GIB);
  }

  @Test
  void theTestnetPresetLocksForTwoTestSessions() {
    CollatorPowerConfig t = CollatorPowerConfig.testnet();
    assertThat(t.slashPolicy()).isEqualTo(SlashPolicy.lockFor(20));
    assertThat(t.minDelegation()).isEqualTo(2 * Units.KIB);
    assertThat(t.maxDelegationsPerMiner())
        .isLessThan(CollatorPowerConfig.mainnetLike().maxDelegationsPerMiner());
  }

  @Test
  void nonsensicalBoundsAreRejected() {
    var base = CollatorPowerConfig.builder().from(CollatorPowerConfig.testnet());
    assertThatThrownBy(() -> base.maxDelegationsPerMiner(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDelegationsPerMiner");
    var base2 = CollatorPowerConfig.builder().from(CollatorPowerConfig.testnet());
    assertThatThrownBy(() -> base2.maxBackersPerCollator(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBackersPerCollator");
    var base3 = CollatorPowerConfig.builder().from(CollatorPowerConfig.testnet());
    assertThatThrownBy(() -> base3.minDelegation(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minDelegation");
  }

  @Test
  void aLockMustLastAtLeastOneBlock() {
    assertThatThrownBy(() -> SlashPolicy.lockFor(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(SlashPolicy.lockFor(1)).isEqualTo(new SlashPolicy.LockFor(1));
    assertThat(SlashPolicy.returnAtOnce()).isEqualTo(new SlashPolicy.Return());
  }
}
