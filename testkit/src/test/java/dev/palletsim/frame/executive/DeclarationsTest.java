package dev.palletsim.frame.executive;

import static dev.palletsim.testkit.PalletAssertions.assertNoop;
import static dev.palletsim.testkit.PalletAssertions.assertOk;
import static dev.palletsim.testkit.PalletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: a pallet's name declared once and derived everywhere (old-style declarations still work
 * and must agree); calls declare their weight, checked against the block before they run and kept
 * beside the actual weight.
 */
class DeclarationsTest {
  /** A pallet written the new way: the name is written once, on the class. */
  @PalletName("Counter")
  static final class CounterPallet implements Pallet {
    static final StorageValue<Long> COUNT =
        StorageValue.withDefault(Pallet.nameOf(CounterPallet.class), "Count", 0L);

    void add(Tx tx, long by, int writes) {
      if (by < 0) throw dev.palletsim.frame.Ensure.fail(CounterError.Negative);
      for (int i = 0; i < writes; i++) COUNT.put(tx, COUNT.get(tx) + by);
      tx.deposit(new CounterEvent.Added(by));
    }
  }

  sealed interface CounterEvent extends Event.Of<CounterPallet> {
    record Added(long by) implements CounterEvent {}
  }

  enum CounterError implements PalletError.Of<CounterPallet> {
    Negative;

    @Override
    public ExitCode exitCode() {
      return ExitCode.USR_ILLEGAL_ARGUMENT;
    }
  }

  sealed interface CounterCall extends Call<CounterPallet> {
    /** Declares one read and {@code declaredWrites} writes; does {@code writes}. */
    record Add(long by, int writes, int declaredWrites) implements CounterCall {
      @Override
      public Weight weight(CounterPallet p, WeightCosts w) {
        return w.readsWrites(writes, declaredWrites);
      }

      @Override
      public void dispatch(CounterPallet p, Tx tx, Origin origin) {
        Origin.ensureSigned(origin);
        p.add(tx, by, writes);
      }
    }

    /** Declares nothing: the default. */
    record AddUndeclared(long by) implements CounterCall {
      @Override
      public void dispatch(CounterPallet p, Tx tx, Origin origin) {
        p.add(tx, by, 1);
      }
    }
  }

  /** A pallet written before @PalletName: every declaration by hand. */
  static final class LegacyPallet implements Pallet {
    @Override
    public String name() {
      return "Legacy";
    }
  }

  record LegacyEvent() implements Event {
    @Override
    public String pallet() {
      return "Legacy";
    }
  }

  record LegacyCall() implements Call<LegacyPallet> {
    @Override
    public Class<LegacyPallet> palletType() {
      return LegacyPallet.class;
    }

    @Override
    public void dispatch(LegacyPallet p, Tx tx, Origin origin) {
      tx.deposit(new LegacyEvent());
    }
  }

  /** Both ways at once, disagreeing. */
  @PalletName("Declared")
  static final class DisagreeingPallet implements Pallet {
    @Override
    public String name() {
      return "Overridden";
    }
  }

  static Chain chain() {
    return MockRuntime.builder().pallet(new CounterPallet()).pallet(new LegacyPallet()).start();
  }

  @Test
  void theNameWrittenOnceNamesThePalletItsStorageEventsErrorsAndCalls() {
    Chain chain = chain();
    Pallet counter = chain.runtime().pallet(CounterPallet.class);
    assertThat(counter.name()).isEqualTo("Counter");
    assertThat(CounterPallet.COUNT.key()).isEqualTo("Counter.Count");
    assertThat(new CounterEvent.Added(1).pallet()).isEqualTo("Counter");
    assertThat(CounterError.Negative.pallet()).isEqualTo("Counter");
    assertThat(DispatchError.module(CounterError.Negative).describe())
        .isEqualTo("Counter::Negative");
    assertThat(new CounterCall.Add(1, 1, 1).palletType()).isEqualTo(CounterPallet.class);
    assertOk(chain, Origin.signed(Dev.ALICE), new CounterCall.Add(2, 1, 1));
    assertThat(chain.query(CounterPallet.COUNT)).isEqualTo(2);
  }

  @Test
  void oldStyleDeclarationsStillWorkAndAgree() {
    Chain chain = chain();
    assertThat(chain.runtime().palletNamed("Legacy")).isNotEmpty();
    var out = assertOk(chain, Origin.signed(Dev.ALICE), new LegacyCall());
    assertThat(out.events()).containsExactly(new LegacyEvent());
    assertThat(out.info().declared()).isFalse();
  }

  @Test
  void aNameOverrideThatDisagreesWithTheAnnotationIsRefused() {
    assertThatThrownBy(() -> MockRuntime.builder().pallet(new DisagreeingPallet()).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("returns \"Overridden\" but its @PalletName declares \"Declared\"");
  }

  @Test
  void aPalletWithoutAnyNameIsRefusedWithTheFix() {
    assertThatThrownBy(() -> MockRuntime.builder().pallet(new Pallet() {}).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("annotate its class with @PalletName");
  }

  @Test
  void theDeclaredWeightIsReadBeforeDispatchAndKeptBesideTheActualOne() {
    Chain chain = chain();
    WeightCosts costs = chain.runtime().config().weightCosts();
    var call = new CounterCall.Add(1, 2, 3);
    Weight declared = costs.extrinsicBase().plus(costs.readsWrites(2, 3));
    assertThat(chain.runtime().dispatchInfo(call)).isEqualTo(new DispatchInfo(declared, true));
    var out = assertOk(chain, Origin.signed(Dev.ALICE), call);
    assertThat(out.declaredWeight()).isEqualTo(declared);
    // two reads and two writes of Count: the actual weight, the nonce update not included
    assertThat(out.weight()).isEqualTo(costs.extrinsicBase().plus(costs.readsWrites(2, 2)));
    assertThat(out.exceedsDeclaredWeight()).isFalse();
    BlockRecord record = chain.nextBlock();
    assertThat(record.extrinsics().head().declaredWeight()).isEqualTo(declared);
  }

  @Test
  void aCallWhoseDeclaredWeightDoesNotFitIsRefusedBeforeItRuns() {
    // 2,000 writes declared (200 ms) against a block of 150 ms: refused, never run
    Chain chain =
        MockRuntime.builder()
            .pallet(new CounterPallet())
            .config(c -> c.maxBlockWeight(Weight.ofMicros(150_000)))
            .start();
    Weight used = chain.snapshot().block().weight();
    var out =
        assertNoop( // Exhausted, not Negative: the call never ran
            chain,
            Origin.signed(Dev.ALICE),
            new CounterCall.Add(-1, 1, 2_000),
            new DispatchError.Exhausted());
    assertThat(out.weight()).isEqualTo(Weight.ZERO);
    assertThat(chain.snapshot().block().weight()).isEqualTo(used);
  }

  @Test
  void aCallThatDeclaresNothingIsAdmittedOnItsBaseWeightAndCheckedAfter() {
    Chain chain = chain();
    var out = assertOk(chain, Origin.signed(Dev.ALICE), new CounterCall.AddUndeclared(1));
    assertThat(out.info())
        .isEqualTo(new DispatchInfo(chain.runtime().config().weightCosts().extrinsicBase(), false));
    assertThat(out.weight()).isGreaterThan(out.declaredWeight());
    assertThat(out.exceedsDeclaredWeight()).isFalse(); // undeclared calls are never flagged
  }

  @Test
  void inTheTestKitACallUsingMoreThanItDeclaresIsABug() {
    Chain chain = chain();
    long before = chain.stateHash();
    assertThatThrownBy(
            () -> chain.dispatch(Dev.ALICE, new CounterCall.Add(1, 3, 1))) // 3 writes, 1 declared
        .isInstanceOf(PalletBug.class)
        .hasMessageContaining("add used")
        .hasMessageContaining("more than the");
    assertThat(chain.stateHash()).isEqualTo(before);
  }

  @Test
  void outsideTheTestKitItIsRecordedNotThrown() {
    Chain chain =
        MockRuntime.builder()
            .pallet(new CounterPallet())
            .config(c -> c.checkDeclaredWeights(false))
            .start();
    var out = chain.dispatch(Dev.ALICE, new CounterCall.Add(1, 3, 1));
    assertThat(out.isSuccess()).isTrue();
    assertThat(out.exceedsDeclaredWeight()).isTrue();
  }

  @Test
  void everyCallOfTheFramePalletsDeclaresItsWeight() {
    Seq<Class<? extends Call<?>>> types = chain().runtime().callTypes();
    assertThat(
            types.filter(t -> t.getEnclosingClass() == CounterCall.class || t == LegacyCall.class))
        .isEmpty();
    assertThat(List.ofAll(types).filter(t -> !DispatchInfo.declaresWeight(t))).isEmpty();
    assertThat(DispatchInfo.declaresWeight(BalancesCall.TransferKeepAlive.class)).isTrue();
  }
}
