package dev.palletsim.frame.executive;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.Weight;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The outcome of one extrinsic: success with its events, or failure with a typed error (its events
 * dropped, the world unchanged).
 *
 * @param block the block it ran in
 * @param index its index in the block
 * @param origin who made it
 * @param call the call
 * @param error the failure, if it failed
 * @param events the events it emitted (empty when it failed)
 * @param weight its weight: the extrinsic base weight plus its storage work
 */
public record DispatchOutcome(
    long block,
    int index,
    Origin origin,
    Call<?> call,
    Option<DispatchError> error,
    Vector<Event> events,
    Weight weight) {
  /** Whether the call succeeded. */
  public boolean isSuccess() {
    return error.isEmpty();
  }

  /** Whether the call failed with the module error {@code e}. */
  public boolean failedWith(PalletError e) {
    return error.exists(d -> d.is(e));
  }

  /** The events of type {@code type}, in order. */
  public <E extends Event> Vector<E> eventsOf(Class<E> type) {
    return events.filter(type::isInstance).map(type::cast);
  }

  @Override
  public String toString() {
    return "#"
        + block
        + "-"
        + index
        + " "
        + call
        + " by "
        + origin
        + (error.isEmpty() ? " ok" : " failed: " + error.get().describe());
  }
}
