package dev.palletsim.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckedTest {
  private static void failsWith(Runnable r, ArithmeticError kind) {
    assertThatThrownBy(r::run)
        .isInstanceOf(DispatchException.class)
        .satisfies(
            e ->
                assertThat(((DispatchException) e).error())
                    .isEqualTo(DispatchError.arithmetic(kind)));
  }

  @Test
  void addAndSubFailInsteadOfWrapping() {
    assertThat(Checked.add(2, 3)).isEqualTo(5);
    failsWith(() -> Checked.add(Long.MAX_VALUE, 1), ArithmeticError.Overflow);
    assertThat(Checked.sub(5, 5)).isZero();
    failsWith(() -> Checked.sub(3, 4), ArithmeticError.Underflow);
  }

  @Test
  void mulAndDiv() {
    assertThat(Checked.mul(1L << 31, 1L << 31)).isEqualTo(1L << 62);
    failsWith(() -> Checked.mul(1L << 32, 1L << 32), ArithmeticError.Overflow);
    failsWith(() -> Checked.div(1, 0), ArithmeticError.DivisionByZero);
  }

  @Test
  void mulDivUsesAWideIntermediate() {
    long big = Long.MAX_VALUE / 4;
    assertThat(Checked.mulDiv(big, 6, 8)).isEqualTo(big / 4 * 3 + (big % 4) * 6 / 8);
    assertThat(Checked.mulDiv(7, 3, 2)).isEqualTo(10);
    failsWith(() -> Checked.mulDiv(Long.MAX_VALUE, 3, 2), ArithmeticError.Overflow);
  }
}
