package dev.palletsim.reward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.reward.RewardEvent.BlockRewardPaid;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.HashSet;
import io.vavr.collection.TreeMap;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The leader election measured (fixed seeds, enough samples that the bounds are several standard
 * deviations wide): win counts are Poisson with the miner's expected wins, and over a run each
 * miner's share of the wins is its share of the power, about {@code expectedWinners} a block.
 */
class ElectionTest {

  @Test
  void winCountsArePoissonDistributed() {
    SplittableRandom rng = new SplittableRandom(2024);
    for (double lambda : new double[] {0.05, 0.5, 2.5, 5.0}) {
      int n = 400_000;
      double sum = 0;
      double sumSq = 0;
      int zeros = 0;
      for (int i = 0; i < n; i++) {
        int k = Election.winCount(lambda, rng.nextDouble());
        sum += k;
        sumSq += (double) k * k;
        if (k == 0) zeros++;
      }
      double mean = sum / n;
      double variance = sumSq / n - mean * mean;
      // the mean's standard error is sqrt(λ/n): at most 0.0036 here; bounds are 5 of them or more
      assertThat(mean).as("mean for λ=%s", lambda).isCloseTo(lambda, Offset.offset(0.02));
      assertThat(variance)
          .as("variance for λ=%s", lambda)
          .isCloseTo(lambda, Offset.offset(0.05 * lambda + 0.01));
      assertThat((double) zeros / n)
          .as("P(0) for λ=%s", lambda)
          .isCloseTo(Math.exp(-lambda), Offset.offset(0.005));
    }
  }

  @Test
  void winCountEdges() {
    assertThat(Election.winCount(0, 0.5)).isZero();
    assertThat(Election.winCount(-1, 0.5)).isZero();
    assertThat(Election.winCount(1, 0)).isZero();
    // P(0) = e^-1 ≈ 0.3679, P(≤1) ≈ 0.7358
    assertThat(Election.winCount(1, 0.36)).isZero();
    assertThat(Election.winCount(1, 0.37)).isEqualTo(1);
    assertThat(Election.winCount(1, 0.74)).isEqualTo(2);
    assertThat(Election.winCount(1, Math.nextDown(1.0))).isLessThanOrEqualTo(Election.MAX_WINS);
  }

  @Test
  void uniformDrawsCoverTheUnitInterval() {
    assertThat(Election.uniform(H256.ZERO)).isZero();
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(Election.uniform(H256.of(ones))).isLessThan(1.0).isGreaterThan(0.999);
  }

  @Test
  void winsFollowPowerOverManyBlocks() {
    AccountId a = Dev.ALICE;
    AccountId b = Dev.BOB;
    AccountId c = Dev.CHARLIE;
    Chain chain =
        RewardPalletTest.chain(
            RewardConfig.filecoin(), TreeMap.of(a, 1L, b, 2L, c, 7L), HashSet.empty(), 7);
    int blocks = 3_000;
    long[] wins = new long[3];
    long total = 0;
    for (int i = 0; i < blocks; i++) {
      chain.nextBlock();
      for (BlockRewardPaid p : chain.lastBlock().eventsOf(BlockRewardPaid.class)) {
        int idx = p.provider().equals(a) ? 0 : p.provider().equals(b) ? 1 : 2;
        wins[idx] += p.winCount();
        total += p.winCount();
      }
    }
    // 15,000 wins expected, standard deviation ≈ 122: the bound is about 4 of them
    assertThat((double) total / blocks).isCloseTo(5.0, Offset.offset(0.17));
    assertThat((double) wins[0] / total).isCloseTo(0.1, Offset.offset(0.015));
    assertThat((double) wins[1] / total).isCloseTo(0.2, Offset.offset(0.02));
    assertThat((double) wins[2] / total).isCloseTo(0.7, Offset.offset(0.02));
  }
}
