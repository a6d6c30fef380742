package dev.palletsim.frame.transactionpayment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Multiplier}: FixedU128's arithmetic, rounding down and saturating, and its written forms.
 */
class MultiplierTest {
  @Test
  void holdsEighteenDecimalsAndRoundsDown() {
    assertThat(Multiplier.ofRational(1, 3).inner()).isEqualTo(new BigInteger("333333333333333333"));
    assertThat(Multiplier.ofRational(2, 3).times(Multiplier.ofInteger(3)).inner())
        .isEqualTo(new BigInteger("1999999999999999998"));
    assertThat(Multiplier.ofRational(1, 2).timesAmount(7)).isEqualTo(3);
    assertThat(Multiplier.ofRational(3, 2).timesAmount(1_000_001)).isEqualTo(1_500_001);
  }

  @Test
  void saturatesAtZeroAndAtTheMaximum() {
    assertThat(Multiplier.ONE.minus(Multiplier.ofInteger(2))).isEqualTo(Multiplier.ZERO);
    assertThat(Multiplier.MAX.plus(Multiplier.ONE)).isEqualTo(Multiplier.MAX);
    assertThat(Multiplier.MAX.times(Multiplier.ofInteger(2))).isEqualTo(Multiplier.MAX);
    assertThat(Multiplier.MAX.timesAmount(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(Multiplier.MAX.inner()).isEqualTo(BigInteger.TWO.pow(128).subtract(BigInteger.ONE));
  }

  @Test
  void parsesDecimalsRatiosAndMaxAndPrintsThemBack() {
    assertThat(Multiplier.parse("0.25")).isEqualTo(Multiplier.ofRational(1, 4));
    assertThat(Multiplier.parse("75/1000000")).isEqualTo(Multiplier.ofRational(75, 1_000_000));
    assertThat(Multiplier.parse("max")).isEqualTo(Multiplier.MAX);
    assertThat(Multiplier.parse("2")).isEqualTo(Multiplier.ofInteger(2));
    assertThat(Multiplier.ofRational(75, 1_000_000)).hasToString("0.000075");
    assertThat(Multiplier.ofInteger(3)).hasToString("3");
    assertThat(Multiplier.MAX).hasToString("max");
    for (String bad : new String[] {"-1", "0.0000000000000000001", "x", "1/0"}) {
      assertThatThrownBy(() -> Multiplier.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void refusesValuesOutsideItsRange() {
    assertThatThrownBy(() -> new Multiplier(BigInteger.valueOf(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Multiplier(BigInteger.TWO.pow(128)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
