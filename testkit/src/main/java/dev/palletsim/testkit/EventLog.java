package dev.palletsim.testkit;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.system.SystemEvent;
import io.vavr.collection.Vector;

/**
 * The events of a chain since the last look, across blocks: what pallet-staking's mock calls {@code
 * staking_events_since_last_call()}. Each call of {@link #sinceLastCheck()} returns the events
 * deposited since the previous call (or since the log was attached), in the blocks produced since
 * and in the open block, and moves the mark to now; so a test states what each step emitted and
 * nothing else:
 *
 * <pre>{@code
 * EventLog events = EventLog.of(chain);
 * chain.dispatch(ALICE, new CounterCall.Increment(2));
 * chain.runToBlock(5);
 * assertThat(events.sinceLastCheck()).containsExactly(new CounterEvent.Incremented(ALICE, 2));
 * }</pre>
 *
 * <p>System's bookkeeping events {@code ExtrinsicSuccess} and {@code ExtrinsicFailed} are left out
 * (each dispatch's outcome says whether it succeeded); {@link #recordsSinceLastCheck()} keeps them,
 * with their phases. The log follows the chain forward; after {@link Chain#restore} to an earlier
 * state attach a new one. Like its chain, a log is used by one thread at a time.
 */
public final class EventLog {
  private final Chain chain;
  private Vector<EventRecord> closed = Vector.empty();
  private long markBlock;
  private int markIndex;

  private EventLog(Chain chain) {
    this.chain = chain;
    mark();
    chain.onBlock(this::closed);
  }

  /** A log of {@code chain}'s events from now on. */
  public static EventLog of(Chain chain) {
    return new EventLog(chain);
  }

  private void closed(BlockRecord record) {
    Vector<EventRecord> events = record.events();
    if (record.number() == markBlock) events = events.drop(markIndex);
    closed = closed.appendAll(events);
  }

  private void mark() {
    markBlock = chain.blockNumber();
    markIndex = chain.events().size();
  }

  /**
   * Every event record since the last check, System's bookkeeping included, with its phase; moves
   * the mark to now.
   */
  public Vector<EventRecord> recordsSinceLastCheck() {
    Vector<EventRecord> open = chain.events();
    if (chain.blockNumber() == markBlock) open = open.drop(markIndex);
    Vector<EventRecord> out = closed.appendAll(open);
    closed = Vector.empty();
    mark();
    return out;
  }

  /**
   * The events deposited since the last check, in order, without System's {@code ExtrinsicSuccess}
   * and {@code ExtrinsicFailed}; moves the mark to now.
   */
  public Vector<Event> sinceLastCheck() {
    return recordsSinceLastCheck().map(EventRecord::event).filter(e -> !isBookkeeping(e));
  }

  /**
   * The events of {@code type} (a pallet's event interface, or one variant) deposited since the
   * last check, in order; moves the mark to now, past the events of other types too.
   */
  public <E extends Event> Vector<E> sinceLastCheck(Class<E> type) {
    return recordsSinceLastCheck().map(EventRecord::event).filter(type::isInstance).map(type::cast);
  }

  /** Whether {@code event} is System's record of an extrinsic's outcome. */
  static boolean isBookkeeping(Event event) {
    return event instanceof SystemEvent.ExtrinsicSuccess
        || event instanceof SystemEvent.ExtrinsicFailed;
  }
}
