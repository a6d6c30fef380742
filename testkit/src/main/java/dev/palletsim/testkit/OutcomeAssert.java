package dev.palletsim.testkit;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.executive.DispatchOutcome;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link DispatchOutcome}. */
public final class OutcomeAssert extends AbstractAssert<OutcomeAssert, DispatchOutcome> {
  OutcomeAssert(DispatchOutcome actual) {
    super(actual, OutcomeAssert.class);
  }

  /** The call succeeded. */
  public OutcomeAssert isSuccess() {
    isNotNull();
    if (!actual.isSuccess()) {
      failWithMessage(
          "expected %s to succeed but it failed with %s",
          actual.call(), actual.error().get().describe());
    }
    return this;
  }

  /** The call failed with the module error {@code error}. */
  public OutcomeAssert failedWith(PalletError error) {
    return failedWith(DispatchError.module(error));
  }

  /** The call failed with {@code error}. */
  public OutcomeAssert failedWith(DispatchError error) {
    isNotNull();
    if (actual.isSuccess()) {
      failWithMessage(
          "expected %s to fail with %s but it succeeded", actual.call(), error.describe());
    } else if (!actual.error().get().equals(error)) {
      failWithMessage(
          "expected %s to fail with %s but it failed with %s",
          actual.call(), error.describe(), actual.error().get().describe());
    }
    return this;
  }

  /** The call failed with a {@link DispatchError.BadInput}. */
  public OutcomeAssert failedWithBadInput() {
    isNotNull();
    if (!(actual.error().getOrNull() instanceof DispatchError.BadInput)) {
      failWithMessage(
          "expected %s to fail with BadInput but got %s", actual.call(), actual.error());
    }
    return this;
  }

  /** The call emitted an event of {@code type}. */
  public OutcomeAssert emitted(Class<? extends Event> type) {
    isNotNull();
    if (actual.eventsOf(type).isEmpty()) {
      failWithMessage("expected an event %s, got %s", type.getSimpleName(), actual.events());
    }
    return this;
  }

  /** The call emitted an event of {@code type} satisfying {@code test}. */
  public <E extends Event> OutcomeAssert emitted(Class<E> type, Predicate<E> test) {
    isNotNull();
    if (!actual.eventsOf(type).exists(test)) {
      failWithMessage("expected a matching %s, got %s", type.getSimpleName(), actual.events());
    }
    return this;
  }

  /** The call emitted exactly {@code events}, in order. */
  public OutcomeAssert emittedExactly(Event... events) {
    isNotNull();
    if (!actual.events().equals(io.vavr.collection.Vector.of(events))) {
      failWithMessage("expected events %s, got %s", java.util.List.of(events), actual.events());
    }
    return this;
  }

  /** The call emitted no event of {@code type}. */
  public OutcomeAssert emittedNo(Class<? extends Event> type) {
    isNotNull();
    if (!actual.eventsOf(type).isEmpty()) {
      failWithMessage("expected no %s, got %s", type.getSimpleName(), actual.eventsOf(type));
    }
    return this;
  }
}
