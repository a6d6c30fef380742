package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * builtin-actors' miner vesting tests with their numbers ({@code vesting_add_locked_funds.rs},
 * {@code vesting_add_locked_funds_table.rs}, {@code vesting_unvested_funds.rs}). The state
 * harness's {@code locked_funds} is the table's {@link VestingFunds#total}.
 */
class VestingFundsPortTest {

  /** A table and the provider's proving period start, as the Rust state harness holds them. */
  private static final class Harness {
    final long periodStart;
    VestingFunds table = VestingFunds.EMPTY;

    Harness(long periodStart) {
      this.periodStart = periodStart;
    }

    long addLockedFunds(long current, long sum, VestSpec spec) {
      VestingFunds.Unlocked r = table.addLocked(current, sum, periodStart, spec);
      table = r.funds();
      return r.unlocked();
    }

    long unlockVestedFunds(long current) {
      VestingFunds.Unlocked r = table.unlockVested(current);
      table = r.funds();
      return r.unlocked();
    }

    /** {@code (unlocked unvested, total unlocked)}. */
    long[] unlockVestedAndUnvested(long current, long target) {
      VestingFunds.DebtUnlocked r = table.unlockForDebt(current, target);
      table = r.funds();
      return new long[] {r.unvested(), r.total()};
    }
  }

  @Test
  void lockedFundsIncreasesWithSequentialCalls() {
    Harness h = new Harness(0);
    VestSpec spec = new VestSpec(0, 1, 1, 1);
    h.addLockedFunds(10, 100, spec);
    assertThat(h.table.total()).isEqualTo(100);
    h.addLockedFunds(10, 100, spec);
    assertThat(h.table.total()).isEqualTo(200);
  }

  @Test
  void vestsWhenQuantizeStepDurationAndVestingPeriodAreCoprime() {
    Harness h = new Harness(0);
    VestSpec spec = new VestSpec(0, 27, 5, 7);
    h.addLockedFunds(10, 100, spec);
    assertThat(h.table.total()).isEqualTo(100);
    long totalVested = 0;
    for (long e = 10; e <= 43; e++) {
      long vested = h.unlockVestedFunds(e);
      long expected = e == 22 ? 40 : e == 29 || e == 36 ? 26 : e == 43 ? 8 : 0;
      assertThat(vested).as("epoch %d", e).isEqualTo(expected);
      totalVested += vested;
    }
    assertThat(totalVested).isEqualTo(100);
    assertThat(h.table.isEmpty()).isTrue();
  }

  static Stream<Arguments> vestingTable() {
    return Stream.of(
        Arguments.of("single epoch", new VestSpec(0, 1, 1, 1), 0, new long[] {0, 0, 100, 0}),
        Arguments.of("period=2", new VestSpec(0, 2, 1, 1), 0, new long[] {0, 0, 50, 50, 0}),
        Arguments.of(
            "period=2 quantization=2", new VestSpec(0, 2, 1, 2), 0, new long[] {0, 0, 0, 100, 0}),
        Arguments.of("period=3", new VestSpec(0, 3, 1, 1), 0, new long[] {0, 0, 33, 33, 34, 0}),
        Arguments.of(
            "period=3 quantization=2",
            new VestSpec(0, 3, 1, 2),
            0,
            new long[] {0, 0, 0, 66, 0, 34, 0}),
        Arguments.of("period=2 step=2", new VestSpec(0, 2, 2, 1), 0, new long[] {0, 0, 0, 100, 0}),
        Arguments.of(
            "period=5 step=2",
            new VestSpec(0, 5, 2, 1),
            0,
            new long[] {0, 0, 0, 40, 0, 40, 0, 20, 0}),
        Arguments.of(
            "delay=1 period=5 step=2",
            new VestSpec(1, 5, 2, 1),
            0,
            new long[] {0, 0, 0, 0, 40, 0, 40, 0, 20, 0}),
        Arguments.of(
            "period=5 step=2 quantization=2",
            new VestSpec(0, 5, 2, 2),
            0,
            new long[] {0, 0, 0, 40, 0, 40, 0, 20, 0}),
        Arguments.of(
            "period=5 step=3 quantization=1",
            new VestSpec(0, 5, 3, 1),
            0,
            new long[] {0, 0, 0, 0, 60, 0, 0, 40, 0}),
        Arguments.of(
            "period=5 step=3 quantization=2",
            new VestSpec(0, 5, 3, 2),
            0,
            new long[] {0, 0, 0, 0, 0, 80, 0, 20, 0}),
        Arguments.of(
            "step greater than period",
            new VestSpec(0, 5, 6, 1),
            0,
            new long[] {0, 0, 0, 0, 0, 0, 0, 100, 0}),
        Arguments.of(
            "delay=5 period=5 step=1 quantization=1",
            new VestSpec(5, 5, 1, 1),
            0,
            new long[] {0, 0, 0, 0, 0, 0, 0, 20, 20, 20, 20, 20, 0}),
        Arguments.of(
            "offset 0",
            new VestSpec(0, 10, 2, 2),
            0,
            new long[] {0, 0, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20}),
        Arguments.of(
            "offset 1",
            new VestSpec(0, 10, 2, 2),
            1,
            new long[] {0, 0, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20}),
        Arguments.of(
            "proving period start > quantization unit",
            new VestSpec(0, 10, 2, 2),
            55,
            new long[] {0, 0, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20}),
        Arguments.of(
            "step much smaller than quantization",
            new VestSpec(0, 10, 1, 5),
            0,
            new long[] {0, 0, 0, 0, 0, 0, 50, 0, 0, 0, 0, 50}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vestingTable")
  void testVesting(String desc, VestSpec spec, long periodStart, long[] vestedByEpoch) {
    Harness h = new Harness(periodStart);
    long vestStart = periodStart + 10;
    h.addLockedFunds(vestStart, 100, spec);
    assertThat(h.table.total()).isEqualTo(100);
    long totalVested = 0;
    for (int e = 0; e < vestedByEpoch.length; e++) {
      assertThat(h.unlockVestedFunds(vestStart + e)).as("epoch +%d", e).isEqualTo(vestedByEpoch[e]);
      totalVested += vestedByEpoch[e];
      assertThat(h.table.total()).isEqualTo(100 - totalVested);
    }
    assertThat(totalVested).isEqualTo(100);
    assertThat(h.table.isEmpty()).isTrue();
  }

  @Test
  void unlockUnvestedFundsLeavingBucketWithNonZeroTokens() {
    Harness h = new Harness(0);
    VestSpec spec = new VestSpec(0, 5, 1, 1);
    h.addLockedFunds(100, 100, spec);
    long[] r = h.unlockVestedAndUnvested(100, 39);
    assertThat(r).containsExactly(39, 39);
    assertThat(h.unlockVestedFunds(100)).isZero();
    assertThat(h.unlockVestedFunds(101)).isZero();
    assertThat(h.unlockVestedFunds(102)).isZero();
    assertThat(h.unlockVestedFunds(103)).isEqualTo(1);
    assertThat(h.unlockVestedFunds(104)).isEqualTo(20);
    assertThat(h.unlockVestedFunds(105)).isEqualTo(20);
    assertThat(h.unlockVestedFunds(106)).isEqualTo(20);
    assertThat(h.unlockVestedFunds(107)).isZero();
    assertThat(h.table.isEmpty()).isTrue();
  }

  @Test
  void unlockUnvestedFundsLeavingBucketWithZeroTokens() {
    Harness h = new Harness(0);
    h.addLockedFunds(100, 100, new VestSpec(0, 5, 1, 1));
    assertThat(h.unlockVestedAndUnvested(100, 40)[0]).isEqualTo(40);
    assertThat(h.unlockVestedFunds(100)).isZero();
    assertThat(h.unlockVestedFunds(101)).isZero();
    assertThat(h.unlockVestedFunds(102)).isZero();
    assertThat(h.unlockVestedFunds(103)).isZero();
    assertThat(h.unlockVestedFunds(104)).isEqualTo(20);
    assertThat(h.unlockVestedFunds(105)).isEqualTo(20);
    assertThat(h.unlockVestedFunds(106)).isEqualTo(20);
    assertThat(h.unlockVestedFunds(107)).isZero();
    assertThat(h.table.isEmpty()).isTrue();
  }

  @Test
  void unlockAllUnvestedFunds() {
    Harness h = new Harness(0);
    h.addLockedFunds(10, 100, new VestSpec(0, 5, 1, 1));
    assertThat(h.unlockVestedAndUnvested(10, 100)[0]).isEqualTo(100);
    assertThat(h.table.isEmpty()).isTrue();
  }

  @Test
  void unlockUnvestedFundsValueGreaterThanLockedFunds() {
    Harness h = new Harness(0);
    h.addLockedFunds(10, 100, new VestSpec(0, 5, 1, 1));
    assertThat(h.unlockVestedAndUnvested(10, 200)[0]).isEqualTo(100);
    assertThat(h.table.isEmpty()).isTrue();
  }

  @Test
  void unlockUnvestedFundsWhenThereAreVestedFundsInTheTable() {
    Harness h = new Harness(0);
    // locks funds from epochs 11 to 60
    assertThat(h.addLockedFunds(10, 100, new VestSpec(0, 50, 1, 1))).isZero();
    // unlocks the vested funds of epochs 11 to 29 and 60 unvested ones, epochs 30 to 59
    long[] r = h.unlockVestedAndUnvested(30, 60);
    assertThat(r[0]).isEqualTo(60);
    assertThat(r[1]).isEqualTo(100 - 2);
    assertThat(h.table.total()).isEqualTo(2);
    assertThat(h.table.funds().map(VestingFunds.VestingFund::epoch)).containsExactly(60L);
  }

  @Test
  void rewardVestingSpecIsBuiltinActors() {
    // REWARD_VESTING_SPEC: no delay, 180 days, 1-day steps, 12-hour quantisation (2,880 epochs/day)
    assertThat(VestSpec.rewardVesting(2_880)).isEqualTo(new VestSpec(0, 518_400, 2_880, 1_440));
  }
}
