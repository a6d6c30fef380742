package dev.palletsim.frame.testkit;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.system.SystemEvent;
import org.assertj.core.api.Assertions;

/**
 * The test kit's entry point: {@code assertThat} for chains and outcomes, and the standard check of
 * every failure condition: the call fails with the typed error, the world is provably unchanged
 * (same state hash) and the only event left is System's {@code ExtrinsicFailed}.
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
