package dev.palletsim.collatorpower;

import static dev.palletsim.collatorpower.PowerHarness.C1;
import static dev.palletsim.collatorpower.PowerHarness.C2;
import static dev.palletsim.collatorpower.PowerHarness.C3;
import static dev.palletsim.collatorpower.PowerHarness.C4;
import static dev.palletsim.collatorpower.PowerHarness.C5;
import static dev.palletsim.collatorpower.PowerHarness.MIN;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerEvent.DelegationReduced;
import dev.palletsim.collatorpower.CollatorPowerEvent.MinerPowerUpdated;
import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Backing;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerUpdateTest {

  @Test
  void anIncreaseAddsPowerAndLeavesDelegationsAlone() {
    PowerHarness h =
        PowerHarness.testnet().minerWithPower(Dev.ALICE, 4 * MIN).delegated(Dev.ALICE, C1, 3 * MIN);
    assertThat(h.updatePower(Dev.ALICE, 5 * MIN))
        .isSuccess()
        .emittedExactly(new MinerPowerUpdated(Dev.ALICE, 5 * MIN, 9 * MIN));
    assertThat(h.claim(Dev.ALICE)).isEqualTo(new MinerClaim(9 * MIN, TreeMap.of(C1, 3 * MIN)));
    assertThat(h.freePower(Dev.ALICE)).isEqualTo(6 * MIN);
    h.chain.nextBlock();
  }

  @Test
  void aDecreaseThatFreePowerCoversCutsNoDelegation() {
    PowerHarness h =
        PowerHarness.testnet()
            .minerWithPower(Dev.ALICE, 10 * MIN)
            .delegated(Dev.ALICE, C1, 4 * MIN);
    assertThat(h.updatePower(Dev.ALICE, -6 * MIN))
        .isSuccess()
        .emittedExactly(new MinerPowerUpdated(Dev.ALICE, -6 * MIN, 4 * MIN));
    assertThat(h.stake(Dev.ALICE, C1)).isEqualTo(4 * MIN);
    assertThat(h.freePower(Dev.ALICE)).isZero();
    h.chain.nextBlock();
  }

  @Test
  void aDecreaseShrinksDelegationsAcrossManyCollatorsProRata() {
    // stakes 2048, 3000, 5000, 7001, 2951 (Σ 20000) shrink to 12999: quotas 1331.0976,
    // 1949.85, 3249.75, 4550.29995, 1918.00245; floors sum to 12997, and the two bytes left go
    // to the largest remainders (.85 and .75): 1331, 1950, 3250, 4550, 1918.
    PowerHarness h = PowerHarness.testnet().minerWithPower(Dev.ALICE, 20_000);
    TreeMap<AccountId, Long> before =
        TreeMap.of(C1, 2048L, C2, 3000L, C3, 5000L, C4, 7001L, C5, 2951L);
    before.forEach((c, s) -> h.delegated(Dev.ALICE, c, s));

    var outcome = h.updatePower(Dev.ALICE, -7001);

    TreeMap<AccountId, Long> after =
        TreeMap.of(C1, 1331L, C2, 1950L, C3, 3250L, C4, 4550L, C5, 1918L);
    assertThat(h.claim(Dev.ALICE)).isEqualTo(new MinerClaim(12_999, after));
    Vector<Event> expected = Vector.of(new MinerPowerUpdated(Dev.ALICE, -7001, 12_999));
    for (var c : before) {
      long kept = after.get(c._1).get();
      expected = expected.append(new DelegationReduced(Dev.ALICE, c._1, c._2 - kept, kept));
    }
    assertThat(outcome).isSuccess().emittedExactly(expected.toJavaArray(Event[]::new));
    for (var c : after) {
      assertThat(h.powerOf(c._1)).isEqualTo(c._2);
      assertThat(h.backersOf(c._1)).containsExactly(new Backing(Dev.ALICE, c._2));
    }
    h.chain.nextBlock();
  }

  @Test
  void anOddByteBetweenEqualDelegationsGoesToTheSmallerCollatorAccount() {
    PowerHarness h =
        PowerHarness.testnet()
            .minerWithPower(Dev.ALICE, 6000)
            .delegated(Dev.ALICE, C1, 3000)
            .delegated(Dev.ALICE, C2, 3000);
    assertThat(h.updatePower(Dev.ALICE, -3001)).isSuccess();
    AccountId first = C1.compareTo(C2) < 0 ? C1 : C2;
    AccountId second = first.equals(C1) ? C2 : C1;
    assertThat(h.stake(Dev.ALICE, first)).isEqualTo(1500);
    assertThat(h.stake(Dev.ALICE, second)).isEqualTo(1499);
    h.chain.nextBlock();
  }

  @Test
  void aDecreaseToZeroRemovesEveryDelegationButKeepsTheMiner() {
    PowerHarness h = PowerHarness.testnet().minerWithPower(Dev.ALICE, 10 * MIN);
    h.delegated(Dev.ALICE, C1, 3 * MIN).delegated(Dev.ALICE, C2, 5 * MIN);
    assertThat(h.updatePower(Dev.ALICE, -10 * MIN))
        .isSuccess()
        .emitted(MinerPowerUpdated.class, e -> e.rawBytePower() == 0)
        .emitted(DelegationReduced.class, e -> e.collator().equals(C1) && e.remaining() == 0)
        .emitted(DelegationReduced.class, e -> e.collator().equals(C2) && e.amount() == 5 * MIN);
    assertThat(h.claim(Dev.ALICE)).isEqualTo(MinerClaim.EMPTY);
    assertThat(h.pallet().isMinerRegistered(h.chain.world(), Dev.ALICE)).isTrue();
    assertThat(h.powerOf(C1)).isZero();
    assertThat(h.backersOf(C2)).isEmpty();
    h.chain.nextBlock();
  }

  @Test
  void aDecreaseTouchesOnlyTheShrinkingMinersShareOfACollator() {
    PowerHarness h =
        PowerHarness.testnet()
            .minerWithPower(Dev.ALICE, 4 * MIN)
            .minerWithPower(Dev.BOB, 4 * MIN)
            .delegated(Dev.ALICE, C1, 4 * MIN)
            .delegated(Dev.BOB, C1, 4 * MIN);
    assertThat(h.updatePower(Dev.ALICE, -3 * MIN)).isSuccess();
    assertThat(h.stake(Dev.ALICE, C1)).isEqualTo(MIN);
    assertThat(h.stake(Dev.BOB, C1)).isEqualTo(4 * MIN);
    assertThat(h.powerOf(C1)).isEqualTo(5 * MIN);
    h.chain.nextBlock();
  }

  @Test
  void aZeroDeltaChangesNothingAndSaysNothing() {
    PowerHarness h = PowerHarness.testnet().minerWithPower(Dev.ALICE, 4 * MIN);
    long before = h.chain.stateHash();
    assertThat(h.updatePower(Dev.ALICE, 0)).isSuccess().emittedExactly();
    assertThat(h.chain.stateHash()).isEqualTo(before);
  }

  @Test
  void anUnregisteredMinerHasNoPowerToUpdate() {
    PowerHarness h = PowerHarness.testnet();
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new DriverCall.UpdateMinerPower(Dev.ALICE, MIN),
        CollatorPowerError.MinerNotRegistered);
    assertThat(h.pallet().minerPower(h.chain.world(), Dev.ALICE)).isZero();
  }

  @Test
  void powerCannotGoBelowZero() {
    PowerHarness h = PowerHarness.testnet().minerWithPower(Dev.ALICE, MIN);
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new DriverCall.UpdateMinerPower(Dev.ALICE, -MIN - 1),
        CollatorPowerError.PowerUnderflow);
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new DriverCall.UpdateMinerPower(Dev.ALICE, Long.MIN_VALUE),
        CollatorPowerError.PowerUnderflow);
  }

  @Test
  void powerCannotOverflow() {
    PowerHarness h = PowerHarness.testnet().minerWithPower(Dev.ALICE, MIN);
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new DriverCall.UpdateMinerPower(Dev.ALICE, Long.MAX_VALUE),
        DispatchError.arithmetic(ArithmeticError.Overflow));
  }

  @Test
  void aMissingMinerIsBadInput() {
    PowerHarness h = PowerHarness.testnet();
    long before = h.chain.stateHash();
    assertThat(h.updatePower(null, MIN)).failedWithBadInput();
    assertThat(h.chain.stateHash()).isEqualTo(before);
  }

  @Test
  void powerIsChangedOnlyThroughTheCouplingNeverByAnExtrinsic() {
    PowerHarness h = PowerHarness.testnet();
    assertThat(h.pallet().callTypes())
        .containsExactlyInAnyOrder(
            CollatorPowerCall.CreateMiner.class,
            CollatorPowerCall.DelegatePower.class,
            CollatorPowerCall.Undelegate.class,
            CollatorPowerCall.Redelegate.class);
    assertThat(CollatorPowerCall.class.getPermittedSubclasses())
        .extracting(Class::getSimpleName)
        .containsExactlyInAnyOrder("CreateMiner", "DelegatePower", "Undelegate", "Redelegate");
  }

  @Test
  void seededPowerSwingsKeepDelegationsExactAndWithinPower() {
    PowerHarness h = PowerHarness.testnet();
    List<AccountId> miners = List.of(Dev.ALICE, Dev.BOB, Dev.CHARLIE);
    List<AccountId> collators = List.of(C1, C2, C3, C4, C5);
    for (AccountId m : miners) h.minerWithPower(m, 40 * MIN);
    SplittableRandom rnd = new SplittableRandom(7);
    for (int block = 0; block < 60; block++) {
      for (AccountId m : miners) {
        AccountId c = collators.get(rnd.nextInt(collators.size()));
        long free = h.freePower(m);
        if (free >= MIN) h.delegated(m, c, MIN + rnd.nextLong(free - MIN + 1));
        MinerClaim before = h.claim(m);
        long delta = rnd.nextLong(-before.rawBytePower(), 20 * MIN);
        assertThat(h.updatePower(m, delta)).isSuccess();
        MinerClaim after = h.claim(m);
        assertThat(after.rawBytePower()).isEqualTo(before.rawBytePower() + delta);
        assertThat(after.totalStaked())
            .isEqualTo(Math.min(before.totalStaked(), after.rawBytePower()));
        for (var s : before.stakedPower()) {
          assertThat(after.stakeOn(s._1)).isBetween(0L, s._2);
        }
      }
      for (AccountId c : collators) {
        assertThat(h.powerOf(c)).isEqualTo(h.backersOf(c).map(Backing::power).sum().longValue());
      }
      h.chain.nextBlock(); // the pallet's invariants run here
    }
  }
}
