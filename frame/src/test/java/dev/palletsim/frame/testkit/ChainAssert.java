package dev.palletsim.frame.testkit;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link Chain}: events of the open block and balances. */
public final class ChainAssert extends AbstractAssert<ChainAssert, Chain> {
  ChainAssert(Chain actual) {
    super(actual, ChainAssert.class);
  }

  /** The open block has an event of {@code type}. */
  public ChainAssert hasEvent(Class<? extends Event> type) {
    isNotNull();
    if (actual.eventsOf(type).isEmpty()) {
      failWithMessage(
          "expected a %s in block %d, got %s",
          type.getSimpleName(), actual.blockNumber(), actual.events());
    }
    return this;
  }

  /** The open block has an event of {@code type} satisfying {@code test}. */
  public <E extends Event> ChainAssert hasEvent(Class<E> type, Predicate<E> test) {
    isNotNull();
    if (!actual.eventsOf(type).exists(test)) {
      failWithMessage(
          "expected a matching %s in block %d, got %s",
          type.getSimpleName(), actual.blockNumber(), actual.eventsOf(type));
    }
    return this;
  }

  /** The open block has no event of {@code type}. */
  public ChainAssert hasNoEvent(Class<? extends Event> type) {
    isNotNull();
    if (!actual.eventsOf(type).isEmpty()) {
      failWithMessage(
          "expected no %s in block %d, got %s",
          type.getSimpleName(), actual.blockNumber(), actual.eventsOf(type));
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
