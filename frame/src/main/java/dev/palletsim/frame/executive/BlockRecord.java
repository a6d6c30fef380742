package dev.palletsim.frame.executive;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A produced block (ARCHITECTURE §6, step 7): number, slot, author, timestamp, randomness, session,
 * the events and extrinsic outcomes, the work of every phase, and the state hash after the block.
 *
 * @param number block number
 * @param slot Aura slot
 * @param timestamp milliseconds
 * @param author the author, if any
 * @param randomness the block's randomness
 * @param sessionIndex the session the block belongs to
 * @param events every event, in order
 * @param extrinsics every extrinsic outcome, in order
 * @param work the work of every hook and extrinsic
 * @param weight the block's total weight
 * @param stateHash the state hash after the block
 */
public record BlockRecord(
    long number,
    long slot,
    long timestamp,
    Option<AccountId> author,
    H256 randomness,
    long sessionIndex,
    Vector<EventRecord> events,
    Vector<DispatchOutcome> extrinsics,
    Vector<WorkRecord> work,
    Weight weight,
    long stateHash) {

  /** The events of type {@code type}, in order. */
  public <E extends Event> Vector<E> eventsOf(Class<E> type) {
    return events.map(EventRecord::event).filter(type::isInstance).map(type::cast);
  }

  /** The weight of everything done during {@code phase}. */
  public Weight weightOf(Phase phase) {
    return work.filter(w -> w.phase().equals(phase))
        .map(WorkRecord::weight)
        .fold(Weight.ZERO, Weight::plus);
  }

  /** The weight of {@code pallet}'s {@code onFinalize} hook (its cron work). */
  public Weight finalizeWeight(String pallet) {
    return weightOf(new Phase.Finalization(pallet));
  }

  /** The work items {@code pallet}'s {@code onFinalize} reported. */
  public long finalizeItems(String pallet) {
    Phase p = new Phase.Finalization(pallet);
    return work.filter(w -> w.phase().equals(p)).map(WorkRecord::items).sum().longValue();
  }

  /** The number of failed extrinsics. */
  public int failedExtrinsics() {
    return extrinsics.count(o -> !o.isSuccess());
  }
}
