package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CanonicalTest {
  @Test
  void integersPrintAsIntegersAndFractionsAsTheShortestDecimalThatReadsBack() {
    assertThat(Canonical.format(2048)).isEqualTo("2048");
    assertThat(Canonical.format(-7)).isEqualTo("-7");
    assertThat(Canonical.format(0.1)).isEqualTo("0.1");
    assertThat(Canonical.format(437.4)).isEqualTo("437.4");
    assertThat(Canonical.format(1.0 / 3)).isEqualTo("0.3333333333333333");
    assertThat(Canonical.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(Canonical.format(2.5e-7)).isEqualTo("2.5E-7");
    assertThat(Canonical.format(1e20)).isEqualTo("1E+20");
    assertThat(Canonical.format(123456.5)).isEqualTo("123456.5");
  }

  @Test
  void zeroHasOneSpellingAndNanAndInfinitiesHaveTheirs() {
    assertThat(Canonical.format(0.0)).isEqualTo("0");
    assertThat(Canonical.format(-0.0)).isEqualTo("0");
    assertThat(Canonical.format(Double.NaN)).isEmpty();
    assertThat(Canonical.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(Canonical.parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Canonical.parse("")).isNaN();
  }

  /** Every double reads back exactly, and no shorter decimal would. */
  @Test
  void everyValueReadsBackToTheSameBitsFromTheShortestDecimal() {
    SplittableRandom random = new SplittableRandom(2024);
    for (int i = 0; i < 20_000; i++) {
      double v =
          switch (i % 3) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> random.nextDouble() * 1e6;
            default -> random.nextInt(1_000_000) / 1000.0;
          };
      if (Double.isNaN(v) || Double.isInfinite(v)) continue;
      String text = Canonical.format(v);
      assertThat(Canonical.parse(text)).as(text).isEqualTo(v == 0 ? 0.0 : v);
      String digits = text.replaceAll("[-.]|E.*", "").replaceAll("^0+", "");
      if (digits.length() > 1 && !text.matches("-?\\d+")) {
        // one digit fewer never reads back the same
        java.math.BigDecimal shorter =
            new java.math.BigDecimal(v)
                .round(
                    new java.math.MathContext(
                        digits.length() - 1, java.math.RoundingMode.HALF_EVEN));
        assertThat(shorter.doubleValue()).as(text).isNotEqualTo(v);
      }
    }
  }
}
