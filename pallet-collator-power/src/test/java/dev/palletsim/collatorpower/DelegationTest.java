package dev.palletsim.collatorpower;

import static dev.palletsim.collatorpower.PowerHarness.C1;
import static dev.palletsim.collatorpower.PowerHarness.C2;
import static dev.palletsim.collatorpower.PowerHarness.C3;
import static dev.palletsim.collatorpower.PowerHarness.MIN;
import static dev.palletsim.collatorpower.PowerHarness.NOT_A_CANDIDATE;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerCall.DelegatePower;
import dev.palletsim.collatorpower.CollatorPowerCall.Redelegate;
import dev.palletsim.collatorpower.CollatorPowerCall.Undelegate;
import dev.palletsim.collatorpower.CollatorPowerEvent.PowerDelegated;
import dev.palletsim.collatorpower.CollatorPowerEvent.PowerRedelegated;
import dev.palletsim.collatorpower.CollatorPowerEvent.PowerUndelegated;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Backing;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DelegationTest {
  private static final Origin ALICE = Origin.signed(Dev.ALICE);

  /** Alice is a miner with ten minimum delegations' worth of power. */
  private static PowerHarness aliceWithPower() {
    return PowerHarness.testnet().minerWithPower(Dev.ALICE, 10 * MIN);
  }

  @Nested
  class Delegate {
    @Test
    void delegatingMovesFreePowerOntoTheCollator() {
      PowerHarness h = aliceWithPower();
      assertThat(h.delegate(Dev.ALICE, C1, 3 * MIN))
          .isSuccess()
          .emittedExactly(new PowerDelegated(Dev.ALICE, C1, 3 * MIN));
      assertThat(h.claim(Dev.ALICE).stakedPower()).isEqualTo(TreeMap.of(C1, 3 * MIN));
      assertThat(h.powerOf(C1)).isEqualTo(3 * MIN);
      assertThat(h.backersOf(C1)).containsExactly(new Backing(Dev.ALICE, 3 * MIN));
      assertThat(h.freePower(Dev.ALICE)).isEqualTo(7 * MIN);
      assertThat(h.claim(Dev.ALICE).rawBytePower()).isEqualTo(10 * MIN);
      h.chain.nextBlock();
    }

    @Test
    void delegatingAgainAddsToTheDelegation() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 3 * MIN);
      assertThat(h.delegate(Dev.ALICE, C1, 1)).isSuccess();
      assertThat(h.stake(Dev.ALICE, C1)).isEqualTo(3 * MIN + 1);
      assertThat(h.powerOf(C1)).isEqualTo(3 * MIN + 1);
      h.chain.nextBlock();
    }

    @Test
    void allFreePowerCanBeDelegatedAcrossCollators() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 4 * MIN);
      h.delegated(Dev.ALICE, C2, 6 * MIN);
      assertThat(h.freePower(Dev.ALICE)).isZero();
      assertThat(h.claim(Dev.ALICE).totalStaked()).isEqualTo(10 * MIN);
      h.chain.nextBlock();
    }

    @Test
    void backersAreListedInMinerOrderWhateverTheDelegationOrder() {
      PowerHarness h = PowerHarness.testnet();
      List<AccountId> miners = List.of(Dev.FERDIE, Dev.ALICE, Dev.DAVE, Dev.BOB);
      for (AccountId m : miners) h.minerWithPower(m, 5 * MIN);
      long amount = MIN;
      for (AccountId m : miners) h.delegated(m, C1, amount++);
      assertThat(h.backersOf(C1).map(Backing::miner)).containsExactlyElementsOf(miners.sorted());
      assertThat(h.powerOf(C1)).isEqualTo(4 * MIN + 6);
      h.chain.nextBlock();
    }

    @Test
    void anUnknownCollatorIsRefused() {
      PowerHarness h = aliceWithPower();
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new DelegatePower(NOT_A_CANDIDATE, MIN),
          CollatorPowerError.NotACandidate);
    }

    @Test
    void overDelegationIsRefused() {
      PowerHarness h = aliceWithPower();
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new DelegatePower(C1, 10 * MIN + 1),
          CollatorPowerError.InsufficientPower);
    }

    @Test
    void overDelegationAcrossCollatorsIsRefused() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 7 * MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new DelegatePower(C2, 3 * MIN + 1), CollatorPowerError.InsufficientPower);
      assertFailsWithoutEffect(
          h.chain, ALICE, new DelegatePower(C1, 3 * MIN + 1), CollatorPowerError.InsufficientPower);
    }

    @Test
    void aMinerWithoutPowerCannotDelegate() {
      PowerHarness h = PowerHarness.testnet().minerWithPower(Dev.ALICE, 0);
      assertFailsWithoutEffect(
          h.chain, ALICE, new DelegatePower(C1, MIN), CollatorPowerError.InsufficientPower);
    }

    @Test
    void anUnregisteredMinerCannotDelegate() {
      PowerHarness h = PowerHarness.testnet();
      assertFailsWithoutEffect(
          h.chain, ALICE, new DelegatePower(C1, MIN), CollatorPowerError.MinerNotRegistered);
    }

    @Test
    void aZeroAmountIsRefused() {
      PowerHarness h = aliceWithPower();
      assertFailsWithoutEffect(
          h.chain, ALICE, new DelegatePower(C1, 0), CollatorPowerError.ZeroAmount);
    }

    @Test
    void negativeAmountsAndMissingCollatorsAreBadInput() {
      PowerHarness h = aliceWithPower();
      assertBadInputWithoutEffect(h.chain, ALICE, new DelegatePower(C1, -1));
      assertBadInputWithoutEffect(h.chain, ALICE, new DelegatePower(C1, Long.MIN_VALUE));
      assertBadInputWithoutEffect(h.chain, ALICE, new DelegatePower(null, MIN));
    }

    @Test
    void aDelegationBelowTheMinimumIsRefused() {
      PowerHarness h = aliceWithPower();
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new DelegatePower(C1, MIN - 1),
          CollatorPowerError.DelegationBelowMinimum);
    }

    @Test
    void aMinerMayBackOnlySoManyCollators() {
      PowerHarness h =
          PowerHarness.with(
                  CollatorPowerConfig.builder()
                      .from(CollatorPowerConfig.testnet())
                      .maxDelegationsPerMiner(2)
                      .build())
              .minerWithPower(Dev.ALICE, 10 * MIN)
              .delegated(Dev.ALICE, C1, MIN)
              .delegated(Dev.ALICE, C2, MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new DelegatePower(C3, MIN), CollatorPowerError.TooManyDelegations);
      assertThat(h.delegate(Dev.ALICE, C2, MIN)).isSuccess();
      h.chain.nextBlock();
    }

    @Test
    void aCollatorMayHaveOnlySoManyBackers() {
      PowerHarness h =
          PowerHarness.with(
                  CollatorPowerConfig.builder()
                      .from(CollatorPowerConfig.testnet())
                      .maxBackersPerCollator(1)
                      .build())
              .minerWithPower(Dev.ALICE, 10 * MIN)
              .minerWithPower(Dev.BOB, 10 * MIN)
              .delegated(Dev.ALICE, C1, MIN);
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(Dev.BOB),
          new DelegatePower(C1, MIN),
          CollatorPowerError.TooManyBackers);
      assertThat(h.delegate(Dev.ALICE, C1, MIN)).isSuccess();
      h.chain.nextBlock();
    }

    @Test
    void delegatingNeedsASignedOrigin() {
      PowerHarness h = aliceWithPower();
      assertFailsWithoutEffect(
          h.chain, Origin.root(), new DelegatePower(C1, MIN), DispatchError.badOrigin());
    }
  }

  @Nested
  class UndelegateCall {
    @Test
    void undelegatingPartlyLeavesTheRestOnTheCollator() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 3 * MIN);
      assertThat(h.undelegate(Dev.ALICE, C1, MIN))
          .isSuccess()
          .emittedExactly(new PowerUndelegated(Dev.ALICE, C1, MIN));
      assertThat(h.stake(Dev.ALICE, C1)).isEqualTo(2 * MIN);
      assertThat(h.powerOf(C1)).isEqualTo(2 * MIN);
      assertThat(h.freePower(Dev.ALICE)).isEqualTo(8 * MIN);
      h.chain.nextBlock();
    }

    @Test
    void undelegatingEverythingRemovesTheDelegationAndTheBacker() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 3 * MIN);
      assertThat(h.undelegate(Dev.ALICE, C1, 3 * MIN))
          .isSuccess()
          .emittedExactly(new PowerUndelegated(Dev.ALICE, C1, 3 * MIN));
      assertThat(h.claim(Dev.ALICE).stakedPower()).isEmpty();
      assertThat(h.powerOf(C1)).isZero();
      assertThat(h.backersOf(C1)).isEmpty();
      assertThat(h.freePower(Dev.ALICE)).isEqualTo(10 * MIN);
      h.chain.nextBlock();
    }

    @Test
    void aCollatorThatStoppedBeingACandidateCanStillBeUndelegatedFrom() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 3 * MIN);
      h.candidates.remove(C1);
      assertThat(h.undelegate(Dev.ALICE, C1, 3 * MIN)).isSuccess();
      h.chain.nextBlock();
    }

    @Test
    void withoutADelegationThereIsNothingToUndelegate() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 3 * MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new Undelegate(C2, MIN), CollatorPowerError.NoDelegation);
    }

    @Test
    void undelegatingMoreThanDelegatedIsRefused() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 3 * MIN);
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new Undelegate(C1, 3 * MIN + 1),
          CollatorPowerError.InsufficientDelegation);
    }

    @Test
    void leavingADustDelegationIsRefused() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 3 * MIN);
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new Undelegate(C1, 2 * MIN + 1),
          CollatorPowerError.DelegationBelowMinimum);
    }

    @Test
    void badAmountsOriginsAndMinersAreRefused() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 3 * MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new Undelegate(C1, 0), CollatorPowerError.ZeroAmount);
      assertBadInputWithoutEffect(h.chain, ALICE, new Undelegate(C1, -MIN));
      assertBadInputWithoutEffect(h.chain, ALICE, new Undelegate(null, MIN));
      assertFailsWithoutEffect(
          h.chain, Origin.root(), new Undelegate(C1, MIN), DispatchError.badOrigin());
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(Dev.BOB),
          new Undelegate(C1, MIN),
          CollatorPowerError.MinerNotRegistered);
    }
  }

  @Nested
  class RedelegateCall {
    @Test
    void redelegatingMovesPowerBetweenCollatorsAndKeepsTheTotal() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 5 * MIN);
      assertThat(h.redelegate(Dev.ALICE, C1, C2, 2 * MIN))
          .isSuccess()
          .emittedExactly(new PowerRedelegated(Dev.ALICE, C1, C2, 2 * MIN));
      assertThat(h.claim(Dev.ALICE).stakedPower()).isEqualTo(TreeMap.of(C1, 3 * MIN, C2, 2 * MIN));
      assertThat(h.powerOf(C1)).isEqualTo(3 * MIN);
      assertThat(h.powerOf(C2)).isEqualTo(2 * MIN);
      assertThat(h.freePower(Dev.ALICE)).isEqualTo(5 * MIN);
      h.chain.nextBlock();
    }

    @Test
    void redelegatingEverythingEmptiesTheSourceAndCanAddToAnExistingDelegation() {
      PowerHarness h =
          aliceWithPower().delegated(Dev.ALICE, C1, 5 * MIN).delegated(Dev.ALICE, C2, MIN);
      assertThat(h.redelegate(Dev.ALICE, C1, C2, 5 * MIN)).isSuccess();
      assertThat(h.claim(Dev.ALICE).stakedPower()).isEqualTo(TreeMap.of(C2, 6 * MIN));
      assertThat(h.backersOf(C1)).isEmpty();
      assertThat(h.powerOf(C2)).isEqualTo(6 * MIN);
      h.chain.nextBlock();
    }

    @Test
    void aFullMoveFreesASlotForTheTarget() {
      PowerHarness h =
          PowerHarness.with(
                  CollatorPowerConfig.builder()
                      .from(CollatorPowerConfig.testnet())
                      .maxDelegationsPerMiner(2)
                      .build())
              .minerWithPower(Dev.ALICE, 10 * MIN)
              .delegated(Dev.ALICE, C1, 2 * MIN)
              .delegated(Dev.ALICE, C2, 2 * MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new Redelegate(C1, C3, MIN), CollatorPowerError.TooManyDelegations);
      assertThat(h.redelegate(Dev.ALICE, C1, C3, 2 * MIN)).isSuccess();
      assertThat(h.claim(Dev.ALICE).stakedPower()).isEqualTo(TreeMap.of(C2, 2 * MIN, C3, 2 * MIN));
      h.chain.nextBlock();
    }

    @Test
    void theTargetMustHaveRoomForANewBacker() {
      PowerHarness h =
          PowerHarness.with(
                  CollatorPowerConfig.builder()
                      .from(CollatorPowerConfig.testnet())
                      .maxBackersPerCollator(1)
                      .build())
              .minerWithPower(Dev.ALICE, 10 * MIN)
              .minerWithPower(Dev.BOB, 10 * MIN)
              .delegated(Dev.ALICE, C1, 2 * MIN)
              .delegated(Dev.BOB, C2, 2 * MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new Redelegate(C1, C2, 2 * MIN), CollatorPowerError.TooManyBackers);
    }

    @Test
    void theTargetMustBeACandidate() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 5 * MIN);
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new Redelegate(C1, NOT_A_CANDIDATE, MIN),
          CollatorPowerError.NotACandidate);
    }

    @Test
    void aCollatorCannotBeItsOwnTarget() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 5 * MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new Redelegate(C1, C1, MIN), CollatorPowerError.SameCollator);
    }

    @Test
    void theSourceMustHoldTheAmount() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 5 * MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new Redelegate(C2, C1, MIN), CollatorPowerError.NoDelegation);
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new Redelegate(C1, C2, 5 * MIN + 1),
          CollatorPowerError.InsufficientDelegation);
    }

    @Test
    void neitherSideMayBeLeftWithDust() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 5 * MIN);
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new Redelegate(C1, C2, 4 * MIN + 1),
          CollatorPowerError.DelegationBelowMinimum);
      assertFailsWithoutEffect(
          h.chain,
          ALICE,
          new Redelegate(C1, C2, MIN - 1),
          CollatorPowerError.DelegationBelowMinimum);
    }

    @Test
    void badAmountsOriginsAndMinersAreRefused() {
      PowerHarness h = aliceWithPower().delegated(Dev.ALICE, C1, 5 * MIN);
      assertFailsWithoutEffect(
          h.chain, ALICE, new Redelegate(C1, C2, 0), CollatorPowerError.ZeroAmount);
      assertBadInputWithoutEffect(h.chain, ALICE, new Redelegate(C1, C2, -1));
      assertBadInputWithoutEffect(h.chain, ALICE, new Redelegate(null, C2, MIN));
      assertBadInputWithoutEffect(h.chain, ALICE, new Redelegate(C1, null, MIN));
      assertFailsWithoutEffect(
          h.chain, Origin.none(), new Redelegate(C1, C2, MIN), DispatchError.badOrigin());
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(Dev.BOB),
          new Redelegate(C1, C2, MIN),
          CollatorPowerError.MinerNotRegistered);
    }
  }
}
