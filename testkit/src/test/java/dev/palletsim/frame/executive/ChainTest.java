package dev.palletsim.frame.executive;

import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesError;
import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.system.SystemCall;
import dev.palletsim.frame.system.SystemEvent;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class ChainTest {

  @Test
  void aFreshChainHasBlockOneOpenAndGenesisRecorded() {
    Chain chain = MockRuntime.start();
    assertThat(chain.blockNumber()).isEqualTo(1);
    assertThat(chain.history()).hasSize(1);
    assertThat(chain.history().head().number()).isZero();
    assertThat(chain.query(SystemStorage.NUMBER)).isEqualTo(1L);
    assertThat(chain.author()).contains(Dev.ALICE);
  }

  @Test
  void aSuccessfulCallCommitsItsEffectsAndKeepsItsEvents() {
    Chain chain = MockRuntime.start();
    var outcome = chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 100));
    assertThat(outcome)
        .isSuccess()
        .emittedExactly(new BalancesEvent.Transfer(Dev.ALICE, Dev.BOB, 100));
    assertThat(chain)
        .hasFree(Dev.ALICE, MockRuntime.DEFAULT_BALANCE - 100)
        .hasFree(Dev.BOB, MockRuntime.DEFAULT_BALANCE + 100)
        .hasEventInOpenBlock(SystemEvent.ExtrinsicSuccess.class);
    assertThat(chain.query(SystemStorage.ACCOUNT_NONCE, Dev.ALICE)).contains(1L);
  }

  @Test
  void aFailingCallLeavesTheWorldIdenticalDropsItsEventsAndRecordsTheError() {
    Chain chain = MockRuntime.start();
    var outcome =
        assertFailsWithoutEffect(
            chain,
            Origin.signed(Dev.ALICE),
            new BalancesCall.TransferAllowDeath(Dev.BOB, MockRuntime.DEFAULT_BALANCE + 1),
            BalancesError.InsufficientBalance);
    assertThat(chain.extrinsics()).containsExactly(outcome);
    assertThat(chain.query(SystemStorage.ACCOUNT_NONCE, Dev.ALICE)).isEmpty();
    BlockRecord record = chain.nextBlock();
    assertThat(record.failedExtrinsics()).isEqualTo(1);
    assertThat(record.eventsOf(SystemEvent.ExtrinsicFailed.class))
        .containsExactly(
            new SystemEvent.ExtrinsicFailed(
                0, DispatchError.module(BalancesError.InsufficientBalance)));
  }

  @Test
  void aCallForAPalletNotInTheRuntimeIsATypedFailure() {
    Chain chain = MockRuntime.start();
    long before = chain.stateHash();
    var outcome = chain.dispatch(Dev.ALICE, new NoSuchCall());
    assertThat(outcome).failedWithBadInput();
    assertThat(chain.stateHash()).isEqualTo(before);
  }

  @Test
  void missingOriginOrCallAreTypedFailures() {
    Chain chain = MockRuntime.start();
    assertThat(chain.dispatch((Origin) null, new SystemCall.Remark("x"))).failedWithBadInput();
    assertThat(chain.dispatch(Dev.ALICE, null)).failedWithBadInput();
    assertThat(chain.dispatch(Origin.root(), new SystemCall.Remark("x")))
        .failedWith(DispatchError.badOrigin());
  }

  @Test
  void aForksChangesNeverLeakIntoItsParentAndViceVersa() {
    Chain parent = MockRuntime.start();
    parent.runToBlock(3);
    Chain fork = parent.fork();
    long atFork = parent.stateHash();

    fork.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 7));
    fork.runBlocks(2);
    assertThat(parent.stateHash()).isEqualTo(atFork);
    assertThat(parent.blockNumber()).isEqualTo(3);
    assertThat(parent.free(Dev.BOB)).isEqualTo(MockRuntime.DEFAULT_BALANCE);

    long forkHash = fork.stateHash();
    parent.dispatch(Dev.CHARLIE, new BalancesCall.TransferAllowDeath(Dev.DAVE, 9));
    parent.runBlocks(1);
    assertThat(fork.stateHash()).isEqualTo(forkHash);
    assertThat(fork.free(Dev.DAVE)).isEqualTo(MockRuntime.DEFAULT_BALANCE);
    assertThat(fork.free(Dev.BOB)).isEqualTo(MockRuntime.DEFAULT_BALANCE + 7);
  }

  @Test
  void restoringASnapshotReturnsToExactlyThatState() {
    Chain chain = MockRuntime.start();
    ChainState snap = chain.snapshot();
    chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 5));
    chain.runBlocks(3);
    chain.restore(snap);
    assertThat(chain.snapshot()).isSameAs(snap);
    assertThat(chain.blockNumber()).isEqualTo(1);
    assertThat(chain.free(Dev.BOB)).isEqualTo(MockRuntime.DEFAULT_BALANCE);
  }

  @Test
  void theSameSeedAndCallsGiveTheSameStateHash() {
    assertThat(scriptedRun(7)).isEqualTo(scriptedRun(7));
    assertThat(scriptedRun(7)).isNotEqualTo(scriptedRun(8));
  }

  private static long scriptedRun(long seed) {
    Chain chain = MockRuntime.builder().seed(seed).start();
    for (int i = 0; i < 25; i++) {
      chain.dispatch(
          Dev.ALL.get(i % 6),
          new BalancesCall.TransferAllowDeath(Dev.ALL.get((i + 1) % 6), 1000 + i));
      chain.nextBlock();
    }
    return chain.stateHash();
  }

  @Test
  void timestampsFollowSlotsAndBlockTime() {
    Chain chain = MockRuntime.start();
    chain.runToBlock(4);
    assertThat(chain.query(SystemStorage.NOW)).isEqualTo(4 * 6_000L);
  }

  @Test
  void jumpingToABlockProducesNoBlockInBetweenAndKeepsTimeInStep() {
    Chain chain = MockRuntime.start();
    chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 100));
    chain.jumpToBlock(1_000_000);
    assertThat(chain.blockNumber()).isEqualTo(1_000_000);
    assertThat(chain.query(SystemStorage.NUMBER)).isEqualTo(1_000_000L);
    assertThat(chain.query(SystemStorage.NOW)).isEqualTo(1_000_000 * 6_000L);
    assertThat(chain.history().map(BlockRecord::number)).containsExactly(0L, 1L);
    assertThat(chain.history().last().extrinsics()).hasSize(1);
    chain.nextBlock();
    assertThat(chain.lastBlock().number()).isEqualTo(1_000_000);
    assertThat(chain.lastBlock().slot()).isEqualTo(1_000_000);
    chain.jumpToBlock(1_000_001);
    assertThat(chain.blockNumber()).isEqualTo(1_000_001);
    assertThatThrownBy(() -> chain.jumpToBlock(5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anOfflineAuthorLeavesItsSlotEmpty() {
    Chain chain =
        MockRuntime.builder().authorities(io.vavr.collection.List.of(Dev.ALICE, Dev.BOB)).start();
    chain.setOnline(Dev.BOB, false);
    chain.runBlocks(4);
    // block 1's author was chosen before Bob went offline; every later block is Alice's
    for (BlockRecord r : chain.history().drop(2)) {
      assertThat(r.author()).contains(Dev.ALICE);
    }
    // Bob's slots stay empty: each of Alice's blocks comes two slots after the previous one
    var slots = chain.history().drop(2).map(BlockRecord::slot);
    assertThat(slots.sliding(2).map(w -> w.get(1) - w.get(0)).distinct().toJavaList())
        .containsExactly(2L);
    chain.setOnline(Dev.ALICE, false);
    assertThatThrownBy(chain::nextBlock).isInstanceOf(ChainStalled.class);
  }

  @Test
  void anExceptionEscapingAPalletIsReportedAsABugAndChangesNothing() {
    Chain chain = MockRuntime.builder().pallet(new BuggyPallet()).start();
    long before = chain.stateHash();
    assertThatThrownBy(() -> chain.dispatch(Dev.ALICE, new BuggyPallet.Explode()))
        .isInstanceOf(PalletBug.class)
        .hasRootCauseInstanceOf(NullPointerException.class);
    assertThat(chain.stateHash()).isEqualTo(before);

    Chain lenient =
        MockRuntime.builder().pallet(new BuggyPallet()).config(c -> c.failOnBug(false)).start();
    var outcome = lenient.dispatch(Dev.ALICE, new BuggyPallet.Explode());
    assertThat(outcome.error().get()).isInstanceOf(DispatchError.Bug.class);
  }

  @Test
  void aViolatedInvariantStopsBlockProduction() {
    StorageValue<Long> counter = StorageValue.withDefault("Probe", "Counter", 0L);
    Chain chain =
        MockRuntime.builder()
            .pallet(new CountingPallet(counter))
            .invariant(
                Invariant.of(
                    "counter stays below 3",
                    v ->
                        counter.get(v) >= 3
                            ? Option.some("counter is " + counter.get(v))
                            : Option.none()))
            .start();
    chain.runBlocks(1);
    assertThatThrownBy(() -> chain.runBlocks(5))
        .isInstanceOf(InvariantViolation.class)
        .hasMessageContaining("counter stays below 3");
  }

  @Test
  void extrinsicsBeyondTheBlockWeightLimitAreExhausted() {
    Chain chain =
        MockRuntime.builder()
            .config(c -> c.maxBlockWeight(dev.palletsim.frame.Weight.ofMicros(3_000)))
            .start();
    int ok = 0;
    DispatchOutcome last = null;
    for (int i = 0; i < 20; i++) {
      last = chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 1));
      if (last.isSuccess()) ok++;
    }
    assertThat(ok).isBetween(1, 19);
    assertThat(last).failedWith(new DispatchError.Exhausted());
    chain.nextBlock();
    assertThat(chain.dispatch(Dev.ALICE, new BalancesCall.TransferAllowDeath(Dev.BOB, 1)))
        .isSuccess();
  }

  @Test
  void hooksAreMeteredPerPalletAndPhase() {
    StorageValue<Long> counter = StorageValue.withDefault("Probe", "Counter", 0L);
    Chain chain = MockRuntime.builder().pallet(new CountingPallet(counter)).start();
    BlockRecord r = chain.nextBlock();
    assertThat(r.finalizeWeight("Probe").refTime()).isPositive();
    assertThat(r.finalizeItems("Probe")).isEqualTo(1);
  }

  /** A call of a pallet the runtime does not have. */
  record NoSuchCall() implements dev.palletsim.frame.Call<BuggyPallet> {
    @Override
    public Class<BuggyPallet> palletType() {
      return BuggyPallet.class;
    }

    @Override
    public void dispatch(BuggyPallet pallet, Tx tx, Origin origin) {}
  }

  static final class BuggyPallet implements Pallet {
    static final StorageValue<Long> VALUE = StorageValue.withDefault("Buggy", "Value", 0L);

    record Explode() implements dev.palletsim.frame.Call<BuggyPallet> {
      @Override
      public Class<BuggyPallet> palletType() {
        return BuggyPallet.class;
      }

      @Override
      public void dispatch(BuggyPallet pallet, Tx tx, Origin origin) {
        VALUE.put(tx, 5L);
        String s = null;
        s.length();
      }
    }

    @Override
    public String name() {
      return "Buggy";
    }
  }

  static final class CountingPallet implements Pallet {
    private final StorageValue<Long> counter;

    CountingPallet(StorageValue<Long> counter) {
      this.counter = counter;
    }

    @Override
    public String name() {
      return "Probe";
    }

    @Override
    public void onFinalize(Tx tx) {
      counter.mutate(tx, c -> c + 1);
      tx.work("Probe", 1);
    }
  }
}
