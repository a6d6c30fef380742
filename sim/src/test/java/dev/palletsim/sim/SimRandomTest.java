package dev.palletsim.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimRandomTest {
  @Test
  void drawsExactlyWhatSplittableRandomDrawsForEveryKindOfDraw() {
    for (long seed : new long[] {0, 1, 42, -7, Long.MIN_VALUE, 0x123456789abcdefL}) {
      SplittableRandom expected = new SplittableRandom(seed);
      SimRandom actual = new SimRandom(seed);
      for (int i = 0; i < 20_000; i++) {
        switch (i % 9) {
          case 0 -> assertThat(actual.nextLong()).isEqualTo(expected.nextLong());
          case 1 -> assertThat(actual.nextInt()).isEqualTo(expected.nextInt());
          case 2 -> assertThat(actual.nextDouble()).isEqualTo(expected.nextDouble());
          case 3 -> assertThat(actual.nextInt(7 + i)).isEqualTo(expected.nextInt(7 + i));
          case 4 -> assertThat(actual.nextInt(1 << 20)).isEqualTo(expected.nextInt(1 << 20));
          case 5 ->
              assertThat(actual.nextLong(1_000_003L * i + 1))
                  .isEqualTo(expected.nextLong(1_000_003L * i + 1));
          case 6 ->
              assertThat(actual.nextLong(-50, 10L * i + 1))
                  .isEqualTo(expected.nextLong(-50, 10L * i + 1));
          case 7 -> assertThat(actual.nextBoolean()).isEqualTo(expected.nextBoolean());
          default -> assertThat(actual.nextInt(3, 3 + i)).isEqualTo(expected.nextInt(3, 3 + i));
        }
      }
    }
  }

  @Test
  void aStreamRestoredFromItsStateContinuesWhereItStopped() {
    SimRandom a = new SimRandom(9);
    for (int i = 0; i < 1000; i++) a.nextInt(100);
    SimRandom b = new SimRandom(a.seed(), a.gamma());
    for (int i = 0; i < 1000; i++) assertThat(b.nextLong(1 << 40)).isEqualTo(a.nextLong(1 << 40));
  }
}
