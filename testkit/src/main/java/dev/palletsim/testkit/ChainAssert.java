package dev.palletsim.testkit;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link Chain}: the events of the open block (the block being built, where
 * a dispatch's events land; a produced block's events are in {@link Chain#lastBlock()}), the last
 * event, balances and the state hash.
 */
public final class ChainAssert extends AbstractAssert<ChainAssert, Chain> {
  ChainAssert(Chain actual) {
    super(actual, ChainAssert.class);
  }

  /**
   * The open block has an event of {@code type}.
   *
   * @deprecated it looks only at the open block, as its new name says: use {@link
   *     #hasEventInOpenBlock(Class)}, or {@link EventLog} for events across blocks
   */
  @Deprecated(forRemoval = true)
  public ChainAssert hasEvent(Class<? extends Event> type) {
    return hasEventInOpenBlock(type);
  }

  /**
   * The open block has an event of {@code type} satisfying {@code test}.
   *
   * @deprecated it looks only at the open block: use {@link #hasEventInOpenBlock(Class, Predicate)}
   */
  @Deprecated(forRemoval = true)
  public <E extends Event> ChainAssert hasEvent(Class<E> type, Predicate<E> test) {
    return hasEventInOpenBlock(type, test);
  }

  /**
   * The open block has no event of {@code type}.
   *
   * @deprecated it looks only at the open block: use {@link #hasNoEventInOpenBlock(Class)}
   */
  @Deprecated(forRemoval = true)
  public ChainAssert hasNoEvent(Class<? extends Event> type) {
    return hasNoEventInOpenBlock(type);
  }

  /**
   * The open block (the block being built, not the last produced one) has an event of {@code type}.
   */
  public ChainAssert hasEventInOpenBlock(Class<? extends Event> type) {
    isNotNull();
    if (actual.eventsOf(type).isEmpty()) {
      failWithMessage(
          "expected a %s in block %d, got %s",
          type.getSimpleName(), actual.blockNumber(), actual.events());
    }
    return this;
  }

  /** The open block has an event of {@code type} satisfying {@code test}. */
  public <E extends Event> ChainAssert hasEventInOpenBlock(Class<E> type, Predicate<E> test) {
    isNotNull();
    if (!actual.eventsOf(type).exists(test)) {
      failWithMessage(
          "expected a matching %s in block %d, got %s",
          type.getSimpleName(), actual.blockNumber(), actual.eventsOf(type));
    }
    return this;
  }

  /** The open block has no event of {@code type}. */
  public ChainAssert hasNoEventInOpenBlock(Class<? extends Event> type) {
    isNotNull();
    if (!actual.eventsOf(type).isEmpty()) {
      failWithMessage(
          "expected no %s in block %d, got %s",
          type.getSimpleName(), actual.blockNumber(), actual.eventsOf(type));
    }
    return this;
  }

  /**
   * The last event deposited is {@code expected} (FRAME's {@code assert_last_event}; see {@link
   * PalletAssertions#lastEvent}).
   */
  public ChainAssert hasLastEvent(Event expected) {
    isNotNull();
    var last = PalletAssertions.lastEvent(actual);
    if (!last.contains(expected)) {
      failWithMessage("expected the last event to be %s, got %s", expected, last.getOrNull());
    }
    return this;
  }

  /** {@code who} has {@code free} free balance. */
  public ChainAssert hasFree(AccountId who, long free) {
    isNotNull();
    long got = actual.free(who);
    if (got != free) failWithMessage("expected %s to have free %d, has %d", who, free, got);
    return this;
  }

  /** {@code who} has {@code reserved} reserved balance. */
  public ChainAssert hasReserved(AccountId who, long reserved) {
    isNotNull();
    long got = actual.reserved(who);
    if (got != reserved)
      failWithMessage("expected %s to have reserved %d, has %d", who, reserved, got);
    return this;
  }

  /** The state hash is {@code hash}. */
  public ChainAssert hasStateHash(long hash) {
    isNotNull();
    if (actual.stateHash() != hash) {
      failWithMessage("expected state hash %016x, got %016x", hash, actual.stateHash());
    }
    return this;
  }
}
