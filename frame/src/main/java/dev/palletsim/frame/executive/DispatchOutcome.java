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
 * @param weight the weight it actually used: the extrinsic base weight plus the storage reads,
 *     writes and work items metered while it ran ({@link dev.palletsim.frame.Weight#ZERO} when it
 *     was refused before running). The nonce update of a signed call is the executive's and is
 *     recorded as System's work in the block, not here.
 * @param info what was known before it ran: its declared weight ({@link Call#weight} plus the
 *     extrinsic base weight)
 */
public record DispatchOutcome(
    long block,
    int index,
    Origin origin,
    Call<?> call,
    Option<DispatchError> error,
    Vector<Event> events,
    Weight weight,
    DispatchInfo info) {
  /** Whether the call succeeded. */
  public boolean isSuccess() {
    return error.isEmpty();
  }

  /** The weight the call declared before it ran, extrinsic base weight included. */
  public Weight declaredWeight() {
    return info.weight();
  }

  /**
   * Whether the call used more weight than its type declares: a declaration that does not bound the
   * call's work (calls that declare nothing are never flagged).
   */
  public boolean exceedsDeclaredWeight() {
    return info.declared() && weight.compareTo(info.weight()) > 0;
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
