package dev.palletsim.frame.traits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Runtime;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class NetworkInputsTest {
  @Test
  void aFilterEstimateKeepsWholeUnitsInQ128() {
    FilterEstimate e = FilterEstimate.of(5, -2);
    assertThat(e.position()).isEqualTo(BigInteger.valueOf(5).shiftLeft(128));
    assertThat(e.velocity()).isEqualTo(BigInteger.valueOf(-2).shiftLeft(128));
    assertThat(e.estimate()).isEqualTo(BigInteger.valueOf(5));
  }

  @Test
  void aRuntimeWithoutInputsGetsTheDefaultOnes() {
    Runtime rt = Runtime.builder().build();
    NetworkEconomics bound = rt.couplings().require(NetworkEconomics.class);
    assertThat(bound.inputs(World.empty())).isEqualTo(NetworkInputs.DEFAULT);
  }

  @Test
  void aRuntimeKeepsTheInputsItIsGiven() {
    NetworkInputs mine =
        new NetworkInputs(
            BigInteger.TEN,
            BigInteger.ONE,
            BigInteger.TWO,
            FilterEstimate.constant(3),
            FilterEstimate.constant(4));
    Runtime rt = Runtime.builder().coupling(NetworkEconomics.class, mine).build();
    assertThat(rt.couplings().require(NetworkEconomics.class).inputs(World.empty())).isSameAs(mine);
  }

  @Test
  void negativeInputsAreRefused() {
    assertThatThrownBy(
            () ->
                new NetworkInputs(
                    BigInteger.valueOf(-1),
                    BigInteger.ONE,
                    BigInteger.ONE,
                    FilterEstimate.constant(1),
                    FilterEstimate.constant(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFip0081SkewIsZeroBeforeTheRampThenLinearThenFull() {
    NetworkInputs ramp = NetworkInputs.DEFAULT.withRamp(100, 1000);
    assertThat(ramp.rampSkewPermille(99)).isZero();
    assertThat(ramp.rampSkewPermille(100)).isZero();
    // 1 block into a 1,000-block ramp: 300/1000 rounds down to 0; 4 blocks: 1.2 -> 1
    assertThat(ramp.rampSkewPermille(101)).isZero();
    assertThat(ramp.rampSkewPermille(104)).isEqualTo(1);
    assertThat(ramp.rampSkewPermille(600)).isEqualTo(150);
    assertThat(ramp.rampSkewPermille(1099)).isEqualTo(299);
    assertThat(ramp.rampSkewPermille(1100)).isEqualTo(300);
    assertThat(ramp.rampSkewPermille(Long.MAX_VALUE)).isEqualTo(300);
  }

  @Test
  void aZeroDurationRampAppliesTheWholeSkewFromItsStart() {
    NetworkInputs atOnce = NetworkInputs.DEFAULT.withRamp(0, 0);
    assertThat(atOnce.rampSkewPermille(0)).isEqualTo(300);
    assertThat(NetworkInputs.DEFAULT.withRamp(Long.MIN_VALUE, 10).rampSkewPermille(5))
        .isEqualTo(300);
    assertThat(NetworkInputs.DEFAULT.rampSkewPermille(Long.MAX_VALUE - 1)).isZero();
  }

  @Test
  void aNegativeRampDurationIsRefused() {
    assertThatThrownBy(() -> NetworkInputs.DEFAULT.withRamp(0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
