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
}
