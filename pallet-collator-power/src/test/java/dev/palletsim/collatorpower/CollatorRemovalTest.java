package dev.palletsim.collatorpower;

import static dev.palletsim.collatorpower.PowerHarness.C1;
import static dev.palletsim.collatorpower.PowerHarness.C2;
import static dev.palletsim.collatorpower.PowerHarness.MIN;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerEvent.DelegationLocked;
import dev.palletsim.collatorpower.CollatorPowerEvent.DelegationReduced;
import dev.palletsim.collatorpower.CollatorPowerEvent.DelegationReturned;
import dev.palletsim.collatorpower.CollatorPowerEvent.DelegationUnlocked;
import dev.palletsim.collatorpower.CollatorPowerEvent.LockReduced;
import dev.palletsim.collatorpower.CollatorPowerEvent.MinerPowerUpdated;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Phase;
import dev.palletsim.frame.executive.WorkRecord;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.testkit.Dev;
import io.vavr.Tuple;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CollatorRemovalTest {
  private static final long LOCK = 20;

  private static CollatorPowerConfig policy(SlashPolicy policy) {
    return CollatorPowerConfig.builder()
        .from(CollatorPowerConfig.testnet())
        .slashPolicy(policy)
        .build();
  }

  /** Alice backs C1 with 3 MIN and C2 with 2 MIN, Bob backs C1 with 2 MIN; both have 10 MIN. */
  private static PowerHarness backed(SlashPolicy policy) {
    return PowerHarness.with(policy(policy))
        .minerWithPower(Dev.ALICE, 10 * MIN)
        .minerWithPower(Dev.BOB, 10 * MIN)
        .delegated(Dev.ALICE, C1, 3 * MIN)
        .delegated(Dev.ALICE, C2, 2 * MIN)
        .delegated(Dev.BOB, C1, 2 * MIN);
  }

  static Stream<Arguments> returningRemovals() {
    Stream.Builder<Arguments> out = Stream.builder();
    for (SlashPolicy p : List.of(SlashPolicy.returnAtOnce(), SlashPolicy.lockFor(LOCK))) {
      for (CollatorRemoval r : CollatorRemoval.values()) {
        if (r != CollatorRemoval.Slashed) out.add(Arguments.of(r, p));
      }
    }
    out.add(Arguments.of(CollatorRemoval.Slashed, SlashPolicy.returnAtOnce()));
    return out.build();
  }

  @ParameterizedTest(name = "{0} under {1}")
  @MethodSource("returningRemovals")
  void powerOnARemovedCollatorReturnsToItsMinersAtOnce(CollatorRemoval reason, SlashPolicy p) {
    PowerHarness h = backed(p);
    AccountId first = Dev.ALICE.compareTo(Dev.BOB) < 0 ? Dev.ALICE : Dev.BOB;
    var amounts = TreeMap.of(Dev.ALICE, 3 * MIN, Dev.BOB, 2 * MIN);
    var outcome = h.removeCollator(C1, reason);
    assertThat(outcome)
        .isSuccess()
        .emittedExactly(
            amounts
                .map((m, a) -> Tuple.of(m, new DelegationReturned(m, C1, a, reason)))
                .values()
                .toJavaArray(DelegationReturned[]::new));
    assertThat(outcome.events().head())
        .isEqualTo(new DelegationReturned(first, C1, amounts.get(first).get(), reason));
    assertThat(h.powerOf(C1)).isZero();
    assertThat(h.backersOf(C1)).isEmpty();
    assertThat(h.claim(Dev.ALICE)).isEqualTo(new MinerClaim(10 * MIN, TreeMap.of(C2, 2 * MIN)));
    assertThat(h.claim(Dev.BOB)).isEqualTo(new MinerClaim(10 * MIN, TreeMap.empty()));
    assertThat(h.freePower(Dev.ALICE)).isEqualTo(8 * MIN);
    assertThat(h.freePower(Dev.BOB)).isEqualTo(10 * MIN);
    assertThat(h.lockedPower(Dev.ALICE)).isZero();
    assertThat(h.powerOf(C2)).isEqualTo(2 * MIN);
    assertThat(h.delegate(Dev.BOB, C2, 10 * MIN)).isSuccess();
    h.chain.nextBlock();
  }

  @Test
  void slashedPowerIsLockedThenReleasedAfterTheConfiguredBlocks() {
    PowerHarness h = backed(SlashPolicy.lockFor(LOCK));
    h.chain.runToBlock(3);
    long unlockAt = 3 + LOCK;
    assertThat(h.removeCollator(C1, CollatorRemoval.Slashed))
        .isSuccess()
        .emitted(
            DelegationLocked.class,
            e -> e.equals(new DelegationLocked(Dev.ALICE, C1, 3 * MIN, unlockAt)))
        .emitted(
            DelegationLocked.class,
            e -> e.equals(new DelegationLocked(Dev.BOB, C1, 2 * MIN, unlockAt)))
        .emittedNo(DelegationReturned.class);
    // the collator is unbacked at once; the miners' power itself is untouched
    assertThat(h.powerOf(C1)).isZero();
    assertThat(h.claim(Dev.ALICE).rawBytePower()).isEqualTo(10 * MIN);
    assertThat(h.claim(Dev.ALICE).stakedPower()).isEqualTo(TreeMap.of(C2, 2 * MIN));
    assertThat(h.lockedPower(Dev.ALICE)).isEqualTo(3 * MIN);
    assertThat(h.freePower(Dev.ALICE)).isEqualTo(5 * MIN);
    assertThat(h.freePower(Dev.BOB)).isEqualTo(8 * MIN);

    h.chain.runToBlock(unlockAt - 1);
    assertThat(h.lockedPower(Dev.ALICE)).isEqualTo(3 * MIN);
    assertThat(h.chain.eventsOf(DelegationUnlocked.class)).isEmpty();

    h.chain.runToBlock(unlockAt);
    assertThat(h.chain.eventsOf(DelegationUnlocked.class))
        .containsExactlyInAnyOrder(
            new DelegationUnlocked(Dev.ALICE, C1, 3 * MIN),
            new DelegationUnlocked(Dev.BOB, C1, 2 * MIN));
    assertThat(h.lockedPower(Dev.ALICE)).isZero();
    assertThat(h.freePower(Dev.ALICE)).isEqualTo(8 * MIN);
    assertThat(h.freePower(Dev.BOB)).isEqualTo(10 * MIN);
    assertThat(h.chain.world().itemHash("CollatorPower.UnlockQueue")).isZero();
    assertThat(h.chain.world().itemHash("CollatorPower.PowerLocks")).isZero();
    BlockRecord record = h.chain.nextBlock();
    assertThat(unlockHookItems(record)).isEqualTo(2);
  }

  @Test
  void theUnlockHookDoesNoItemsInBlocksWithNothingDue() {
    PowerHarness h = backed(SlashPolicy.lockFor(LOCK));
    h.removeCollator(C1, CollatorRemoval.Slashed);
    for (int i = 0; i < 5; i++) assertThat(unlockHookItems(h.chain.nextBlock())).isZero();
  }

  private static long unlockHookItems(BlockRecord record) {
    return record
        .work()
        .filter(w -> w.phase().equals(new Phase.Initialization(CollatorPowerPallet.NAME)))
        .map(WorkRecord::items)
        .sum()
        .longValue();
  }

  @Test
  void lockedPowerCannotBeDelegated() {
    PowerHarness h = backed(SlashPolicy.lockFor(LOCK));
    h.removeCollator(C1, CollatorRemoval.Slashed);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CollatorPowerCall.DelegatePower(C2, 5 * MIN + 1),
        CollatorPowerError.InsufficientPower);
    assertThat(h.delegate(Dev.ALICE, C2, 5 * MIN)).isSuccess();
    h.chain.nextBlock();
  }

  @Test
  void aOneBlockLockReleasesAtTheStartOfTheNextBlock() {
    PowerHarness h = backed(SlashPolicy.lockFor(1));
    h.removeCollator(C1, CollatorRemoval.Slashed);
    assertThat(h.lockedPower(Dev.BOB)).isEqualTo(2 * MIN);
    h.chain.nextBlock();
    assertThat(h.lockedPower(Dev.BOB)).isZero();
    assertThat(h.chain.eventsOf(DelegationUnlocked.class)).hasSize(2);
  }

  @Test
  void aPowerDecreaseTakesFreePowerThenLocksSoonestFirstThenDelegations() {
    PowerHarness h = backed(SlashPolicy.lockFor(LOCK));
    h.removeCollator(C1, CollatorRemoval.Slashed); // block 1: Alice's 3 MIN locked until 21
    h.chain.runToBlock(4);
    h.delegated(Dev.BOB, C2, MIN);
    h.candidates.add(PowerHarness.C3);
    h.delegated(Dev.ALICE, PowerHarness.C3, MIN);
    h.removeCollator(PowerHarness.C3, CollatorRemoval.Slashed); // block 4: MIN locked until 24
    // Alice: raw 10, delegated 2 (C2), locked 3 (→21) + 1 (→24), free 4
    assertThat(h.freePower(Dev.ALICE)).isEqualTo(4 * MIN);

    // −6: free 4 absorbs 4, the lock due first absorbs 2
    assertThat(h.updatePower(Dev.ALICE, -6 * MIN))
        .isSuccess()
        .emittedExactly(
            new MinerPowerUpdated(Dev.ALICE, -6 * MIN, 4 * MIN),
            new LockReduced(Dev.ALICE, C1, 1 + LOCK, 2 * MIN, MIN));
    assertThat(h.claim(Dev.ALICE).stakedPower()).isEqualTo(TreeMap.of(C2, 2 * MIN));
    h.chain.nextBlock();

    // −3: both locks go (1 + 1), then the delegation gives 1
    assertThat(h.updatePower(Dev.ALICE, -3 * MIN))
        .isSuccess()
        .emittedExactly(
            new MinerPowerUpdated(Dev.ALICE, -3 * MIN, MIN),
            new LockReduced(Dev.ALICE, C1, 1 + LOCK, MIN, 0),
            new LockReduced(Dev.ALICE, PowerHarness.C3, 4 + LOCK, MIN, 0),
            new DelegationReduced(Dev.ALICE, C2, MIN, MIN));
    assertThat(h.lockedPower(Dev.ALICE)).isZero();
    assertThat(h.claim(Dev.ALICE)).isEqualTo(new MinerClaim(MIN, TreeMap.of(C2, MIN)));
    h.chain.nextBlock(); // invariants: Alice is no longer queued anywhere

    // only Bob's lock is left to release
    h.chain.runToBlock(1 + LOCK);
    assertThat(h.chain.eventsOf(DelegationUnlocked.class))
        .containsExactly(new DelegationUnlocked(Dev.BOB, C1, 2 * MIN));
    h.chain.runToBlock(4 + LOCK);
    assertThat(h.chain.eventsOf(DelegationUnlocked.class)).isEmpty();
  }

  @Test
  void aCollatorSlashedTwiceInOneBlockAddsToTheSameLock() {
    PowerHarness h = backed(SlashPolicy.lockFor(LOCK));
    h.removeCollator(C1, CollatorRemoval.Slashed);
    h.candidates.add(C1);
    h.delegated(Dev.ALICE, C1, 2 * MIN);
    assertThat(h.removeCollator(C1, CollatorRemoval.Slashed))
        .isSuccess()
        .emittedExactly(new DelegationLocked(Dev.ALICE, C1, 2 * MIN, 1 + LOCK));
    assertThat(h.pallet().locksOf(h.chain.world(), Dev.ALICE))
        .containsExactly(Tuple.of(new PowerLockKey(1 + LOCK, C1), 5 * MIN));
    h.chain.nextBlock();
  }

  @Test
  void removingACollatorNobodyBacksDoesNothing() {
    PowerHarness h = backed(SlashPolicy.lockFor(LOCK));
    long before = h.chain.stateHash();
    assertThat(h.removeCollator(PowerHarness.C5, CollatorRemoval.Slashed))
        .isSuccess()
        .emittedExactly();
    assertThat(h.removeCollator(PowerHarness.NOT_A_CANDIDATE, CollatorRemoval.Left))
        .isSuccess()
        .emittedExactly();
    assertThat(h.chain.stateHash()).isEqualTo(before);
  }

  @Test
  void aMissingCollatorOrReasonIsBadInput() {
    PowerHarness h = backed(SlashPolicy.lockFor(LOCK));
    long before = h.chain.stateHash();
    assertThat(h.removeCollator(null, CollatorRemoval.Left)).failedWithBadInput();
    assertThat(h.removeCollator(C1, null)).failedWithBadInput();
    assertThat(h.chain.stateHash()).isEqualTo(before);
    assertThat(h.powerOf(C1)).isEqualTo(5 * MIN);
  }
}
