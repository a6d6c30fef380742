package dev.palletsim.testkit;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.system.SystemEvent;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.assertj.core.api.Assertions;

/**
 * The test kit's entry point: {@code assertThat} for chains and outcomes (and everything of
 * AssertJ's {@code Assertions}), and FRAME's test macros made Java:
 *
 * <ul>
 *   <li>{@link #assertOk} ({@code assert_ok!}): the call succeeds; its outcome is returned;
 *   <li>{@link #assertNoop} ({@code assert_noop!}), also named {@link #assertFailsWithoutEffect}:
 *       the call fails with the typed error, the world is provably unchanged (same state hash) and
 *       the only event left is System's {@code ExtrinsicFailed};
 *   <li>{@link #assertStorageNoop} ({@code assert_storage_noop!}): an action leaves the state hash
 *       as it was;
 *   <li>{@link #assertLastEvent} ({@code System::assert_last_event}): the last event deposited.
 * </ul>
 *
 * For "the events since the last check" see {@link EventLog}.
 */
public final class PalletAssertions extends Assertions {
  private PalletAssertions() {}

  /** Assertions on a chain. */
  public static ChainAssert assertThat(Chain chain) {
    return new ChainAssert(chain);
  }

  /** Assertions on an outcome. */
  public static OutcomeAssert assertThat(DispatchOutcome outcome) {
    return new OutcomeAssert(outcome);
  }

  /**
   * Dispatches {@code call} from {@code origin} and asserts that it succeeds ({@code assert_ok!});
   * returns the outcome, for its events.
   */
  public static DispatchOutcome assertOk(Chain chain, Origin origin, Call<?> call) {
    DispatchOutcome outcome = chain.dispatch(origin, call);
    assertThat(outcome).isSuccess();
    return outcome;
  }

  /**
   * FRAME's {@code assert_noop!}: dispatches {@code call} and asserts that it fails with {@code
   * error}, leaving the world unchanged and emitting nothing but {@code ExtrinsicFailed}; returns
   * the outcome. The same check as {@link #assertFailsWithoutEffect}.
   */
  public static DispatchOutcome assertNoop(
      Chain chain, Origin origin, Call<?> call, PalletError error) {
    return assertFailsWithoutEffect(chain, origin, call, error);
  }

  /** {@link #assertNoop(Chain, Origin, Call, PalletError)} for any dispatch error. */
  public static DispatchOutcome assertNoop(
      Chain chain, Origin origin, Call<?> call, DispatchError error) {
    return assertFailsWithoutEffect(chain, origin, call, error);
  }

  /**
   * FRAME's {@code assert_storage_noop!}: runs {@code action} (dispatches, blocks…) and asserts
   * that the state hash is what it was before.
   */
  public static void assertStorageNoop(Chain chain, Runnable action) {
    long before = chain.stateHash();
    action.run();
    Assertions.assertThat(chain.stateHash()).as("state hash after the action").isEqualTo(before);
  }

  /**
   * FRAME's {@code System::assert_last_event}: the last event deposited on {@code chain} equals
   * {@code expected}. The last event is the open block's latest or, when the open block has none
   * yet, the latest of the most recent block that had one; System's {@code ExtrinsicSuccess} and
   * {@code ExtrinsicFailed} are skipped, so the event a call emitted last is the last event after
   * it.
   */
  public static void assertLastEvent(Chain chain, Event expected) {
    Option<Event> last = lastEvent(chain);
    if (last.isEmpty()) {
      throw new AssertionError("expected last event " + expected + " but the chain has none");
    }
    Assertions.assertThat(last.get()).as("last event").isEqualTo(expected);
  }

  /**
   * The last event deposited on {@code chain}, skipping System's {@code ExtrinsicSuccess} and
   * {@code ExtrinsicFailed}: in the open block, else in the most recent block that has one.
   */
  public static Option<Event> lastEvent(Chain chain) {
    Option<Event> open = lastIn(chain.events());
    if (open.isDefined()) return open;
    for (BlockRecord b : chain.history().reverse()) {
      Option<Event> e = lastIn(b.events());
      if (e.isDefined()) return e;
    }
    return Option.none();
  }

  private static Option<Event> lastIn(Vector<EventRecord> events) {
    return events.map(EventRecord::event).filter(e -> !EventLog.isBookkeeping(e)).lastOption();
  }

  /**
   * In a runtime that charges fees: dispatches {@code call} signed by {@code who} and asserts that
   * it fails with {@code error} and changes nothing but what paying its fee changes ({@link
   * FeeEffects#beyondTheFee}): the fee, its destination and the sender's nonce. Returns the
   * outcome.
   */
  public static DispatchOutcome assertFailsPayingOnlyItsFee(
      Chain chain, AccountId who, Call<?> call, DispatchError error) {
    World before = chain.world();
    DispatchOutcome outcome = chain.dispatch(who, call);
    assertThat(outcome).failedWith(error);
    Option<String> beyond =
        FeeEffects.beyondTheFee(chain.runtime(), before, chain.world(), outcome, chain.author());
    Assertions.assertThat(beyond.getOrNull()).as("what failing %s changed", call).isNull();
    return outcome;
  }

  /**
   * Dispatches {@code call} and asserts it fails with {@code error} leaving the world unchanged and
   * emitting nothing but {@code ExtrinsicFailed}; returns the outcome.
   */
  public static DispatchOutcome assertFailsWithoutEffect(
      Chain chain, Origin origin, Call<?> call, PalletError error) {
    return assertFailsWithoutEffect(chain, origin, call, DispatchError.module(error));
  }

  /** As {@link #assertFailsWithoutEffect(Chain, Origin, Call, PalletError)} for any error. */
  public static DispatchOutcome assertFailsWithoutEffect(
      Chain chain, Origin origin, Call<?> call, DispatchError error) {
    long before = chain.stateHash();
    int eventsBefore = chain.events().size();
    DispatchOutcome outcome = chain.dispatch(origin, call);
    assertThat(outcome).failedWith(error);
    Assertions.assertThat(chain.stateHash())
        .as("state hash after failing %s", call)
        .isEqualTo(before);
    Assertions.assertThat(outcome.events()).as("events kept by failing %s", call).isEmpty();
    var added = chain.events().drop(eventsBefore).map(r -> r.event());
    Assertions.assertThat(added.toJavaList())
        .as("events added to the block by failing %s", call)
        .containsExactly(new SystemEvent.ExtrinsicFailed(outcome.index(), error));
    return outcome;
  }

  /** As above, for a {@link DispatchError.BadInput} of any detail. */
  public static DispatchOutcome assertBadInputWithoutEffect(
      Chain chain, Origin origin, Call<?> call) {
    long before = chain.stateHash();
    DispatchOutcome outcome = chain.dispatch(origin, call);
    assertThat(outcome).failedWithBadInput();
    Assertions.assertThat(chain.stateHash())
        .as("state hash after failing %s", call)
        .isEqualTo(before);
    return outcome;
  }
}
