package dev.palletsim.frame.executive;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.World;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionStorage;
import dev.palletsim.frame.snapshot.ConfigCheck;
import dev.palletsim.frame.snapshot.Section;
import dev.palletsim.frame.snapshot.Snapshot;
import dev.palletsim.frame.snapshot.SnapshotException;
import dev.palletsim.frame.snapshot.SnapshotHeader;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A running chain: a handle over an immutable {@link ChainState} that moves forward as calls are
 * dispatched and blocks are produced. There is always an open block: after {@code
 * runtime.start(genesis)} it is block 1, initialised; {@link #dispatch} applies a call in the open
 * block at once and returns its outcome; {@link #nextBlock} finalises the open block and opens the
 * next. {@code runToBlock(n)} leaves block {@code n} open and initialised, as a Substrate test's
 * {@code run_to_block(n)} does.
 *
 * <p>Snapshots and forks are O(1): {@link #snapshot()} returns the immutable state, {@link
 * #restore} goes back to one, {@link #fork()} starts an independent chain from the same state.
 * {@link #save} writes the state to a file and {@link #load} continues a saved chain, exactly: the
 * loaded world has the saved state hash, and producing blocks from it gives what the saved chain
 * would have produced ({@link Snapshot}).
 *
 * <p><b>Threads.</b> A chain is used by one thread at a time. It may be handed from one thread to
 * another between calls, and its reads ({@link #world()}, {@link #snapshot()} …) return immutable
 * values that any thread may keep. A thread that calls {@link #dispatch}, {@link #nextBlock} (and
 * the {@code run*} methods), {@link #setOnline}, {@link #restore} or {@link #onBlock} while another
 * thread is inside one of them gets a {@link ConcurrentChainUseException} before anything changes,
 * instead of silently overwriting the other's work. To run in parallel, give each thread its own
 * chain: {@link #fork()} is O(1), and one {@link Runtime} may start chains on any number of
 * threads.
 */
public final class Chain {
  private final Runtime runtime;
  private volatile ChainState state;
  private final List<Consumer<BlockRecord>> listeners = new ArrayList<>();
  private final Guard guard = new Guard();

  Chain(Runtime runtime, ChainState state) {
    this.runtime = runtime;
    this.state = state;
  }

  /** The runtime this chain runs. */
  public Runtime runtime() {
    return runtime;
  }

  // ------------------------------------------------------------------ extrinsics

  /**
   * Applies {@code call} from {@code origin} in the open block. Never throws for a failing call:
   * the outcome carries the typed error and the world is left as it was (an exception escaping a
   * pallet is a bug and is thrown as {@link PalletBug} unless the runtime records bugs instead).
   */
  public DispatchOutcome dispatch(Origin origin, Call<?> call) {
    return dispatch(origin, call, 0);
  }

  /**
   * {@link #dispatch(Origin, Call)} with a tip: planck the signed sender adds to its fee
   * (pallet-transaction-payment's {@code ChargeTransactionPayment(tip)}), paid to where the runtime
   * sends tips. A negative tip, or a tip from an unsigned origin or in a runtime that charges no
   * fees, fails with {@code BadInput} and changes nothing.
   */
  public DispatchOutcome dispatch(Origin origin, Call<?> call, long tip) {
    guard.enter("dispatch");
    try {
      var result = Executive.apply(runtime, state, origin, call, tip);
      state = result._1;
      return result._2;
    } finally {
      guard.exit();
    }
  }

  /** {@link #dispatch(Origin, Call)} signed by {@code signer}. */
  public DispatchOutcome dispatch(AccountId signer, Call<?> call) {
    return dispatch(Origin.signed(signer), call);
  }

  // ------------------------------------------------------------------ blocks

  /**
   * Finalises the open block, records it, checks invariants, and opens the next block.
   *
   * @throws InvariantViolation if an invariant fails after the block: a bug in a pallet, not a
   *     domain failure; the block stays recorded so its state can be inspected
   * @throws PalletBug if a hook throws and the runtime is configured to fail on bugs
   */
  public BlockRecord nextBlock() {
    return closeAndOpen(blockNumber() + 1, "nextBlock");
  }

  private BlockRecord closeAndOpen(long next, String method) {
    guard.enter(method);
    try {
      var closed = Executive.closeBlock(runtime, state);
      state = closed._1;
      BlockRecord record = closed._2;
      int interval = runtime.config().invariantCheckInterval();
      try {
        if (interval > 0 && record.number() % interval == 0) {
          Executive.checkInvariants(runtime, state.world(), record.number());
        }
      } finally {
        state = Executive.openBlock(runtime, state, next, next - record.number());
      }
      for (Consumer<BlockRecord> l : listeners) l.accept(record);
      return record;
    } finally {
      guard.exit();
    }
  }

  /** Produces {@code count} blocks. */
  public Chain runBlocks(long count) {
    for (long i = 0; i < count; i++) nextBlock();
    return this;
  }

  /**
   * Produces blocks until block {@code n} is open (initialised, no extrinsics yet).
   *
   * @throws IllegalArgumentException if {@code n} is in the past: a harness misuse, not a domain
   *     failure (extrinsics never throw; they fail with a typed {@code DispatchError})
   */
  public Chain runToBlock(long n) {
    if (n < blockNumber()) {
      throw new IllegalArgumentException(
          "block " + n + " is in the past (now " + blockNumber() + ")");
    }
    while (blockNumber() < n) nextBlock();
    return this;
  }

  /**
   * Finalises the open block and opens block {@code n} directly: the blocks in between are never
   * produced and no hook runs for them, as a Substrate test's {@code System::set_block_number(n)}
   * or builtin-actors' {@code rt.set_epoch(n)}. Time and slots advance by the blocks skipped; a
   * session rotates only in a produced block. For tests of long-dated behaviour whose hooks catch
   * up on skipped blocks (the market's cron processes every block since its last run); {@code n}
   * equal to the open block does nothing.
   *
   * @throws IllegalArgumentException if {@code n} is in the past (a harness misuse)
   */
  public Chain jumpToBlock(long n) {
    if (n < blockNumber()) {
      throw new IllegalArgumentException(
          "block " + n + " is in the past (now " + blockNumber() + ")");
    }
    if (n > blockNumber()) closeAndOpen(n, "jumpToBlock");
    return this;
  }

  /** Produces blocks until {@code count} more sessions have begun. */
  public Chain runSessions(long count) {
    long target = sessionIndex() + count;
    while (sessionIndex() < target) nextBlock();
    return this;
  }

  /** Calls {@code listener} with every block record from now on. */
  public Chain onBlock(Consumer<BlockRecord> listener) {
    guard.enter("onBlock");
    try {
      listeners.add(listener);
    } finally {
      guard.exit();
    }
    return this;
  }

  /** Makes {@code authority} author no blocks (its slots stay empty) or author again. */
  public Chain setOnline(AccountId authority, boolean online) {
    guard.enter("setOnline");
    try {
      var offline = online ? state.offline().remove(authority) : state.offline().add(authority);
      state = new ChainState(state.world(), state.block(), state.history(), offline);
    } finally {
      guard.exit();
    }
    return this;
  }

  // ------------------------------------------------------------------ reads

  /** The open block's number. */
  public long blockNumber() {
    return state.block().context().number();
  }

  /** The current session index. */
  public long sessionIndex() {
    return SessionStorage.CURRENT_INDEX.get(state.world());
  }

  /** The open block's author, if any. */
  public Option<AccountId> author() {
    return state.block().context().author();
  }

  /** The state now (including the open block's effects so far). */
  public World world() {
    return state.world();
  }

  /** The state hash now. */
  public long stateHash() {
    return state.world().stateHash();
  }

  /** A storage value now. */
  public <V> V query(StorageValue<V> item) {
    return item.get(state.world());
  }

  /** A storage map entry now. */
  public <K extends Comparable<? super K>, V> Option<V> query(StorageMap<K, V> item, K key) {
    return item.find(state.world(), key);
  }

  /** Free balance now. */
  public long free(AccountId who) {
    return runtime.balances().free(state.world(), who);
  }

  /** Reserved balance now. */
  public long reserved(AccountId who) {
    return runtime.balances().reserved(state.world(), who);
  }

  /** The open block's events so far. */
  public Vector<EventRecord> events() {
    return state.block().events();
  }

  /** The open block's events of type {@code type}, in order. */
  public <E extends Event> Vector<E> eventsOf(Class<E> type) {
    return events().map(EventRecord::event).filter(type::isInstance).map(type::cast);
  }

  /** The open block's extrinsic outcomes so far. */
  public Vector<DispatchOutcome> extrinsics() {
    return state.block().extrinsics();
  }

  /** The most recent block records (up to the configured depth), oldest first. */
  public Vector<BlockRecord> history() {
    return state.history();
  }

  /** The last produced block. */
  public BlockRecord lastBlock() {
    return state.history().last();
  }

  // ------------------------------------------------------------------ snapshots

  /** The chain's state now: O(1). */
  public ChainState snapshot() {
    return state;
  }

  /** Returns the chain to {@code snapshot}. */
  public Chain restore(ChainState snapshot) {
    guard.enter("restore");
    try {
      state = snapshot;
    } finally {
      guard.exit();
    }
    return this;
  }

  /** An independent chain starting from this one's state: O(1). Listeners are not copied. */
  public Chain fork() {
    return new Chain(runtime, state);
  }

  // ------------------------------------------------------------------ files

  /**
   * Saves this chain to {@code file}: its world, open block, recent block records, offline
   * authorities and the runtime's settings, streamed, checksummed, and written under a temporary
   * name first so that {@code file} only ever holds a complete snapshot. Returns the header
   * written.
   *
   * @throws SnapshotException naming the file and the problem (nothing is left under its name)
   */
  public SnapshotHeader save(Path file) throws SnapshotException {
    return Snapshot.write(file, this, io.vavr.collection.List.empty());
  }

  /** {@link #save(Path)} with extra {@link Section}s (a simulation saves its own state so). */
  public SnapshotHeader save(Path file, Section... sections) throws SnapshotException {
    return Snapshot.write(file, this, io.vavr.collection.List.of(sections));
  }

  /**
   * Continues the chain saved in {@code file} under {@code runtime}, whose configuration must be
   * the one it was saved with. To start many chains from one file, read it once with {@link
   * Snapshot#read} and call {@link Snapshot#chain} for each.
   *
   * @throws SnapshotException naming the file and the problem: unreadable, not a snapshot, newer,
   *     truncated, damaged, holding unknown types, or saved under another configuration (naming the
   *     settings that differ)
   */
  public static Chain load(Runtime runtime, Path file) throws SnapshotException {
    return Snapshot.read(file).chain(runtime);
  }

  /**
   * {@link #load(Runtime, Path)}; with {@link ConfigCheck#OVERRIDE} the runtime's configuration may
   * differ from the saved one: the saved state runs under the new configuration, as after a runtime
   * upgrade (a "what-if with a new config").
   */
  public static Chain load(Runtime runtime, Path file, ConfigCheck check) throws SnapshotException {
    return Snapshot.read(file).chain(runtime, check);
  }

  /**
   * Admits one thread at a time into the chain's mutating methods (re-entrant, so a block listener
   * may call back into its chain) and names both threads when a second one tries to enter.
   */
  private static final class Guard {
    private final AtomicReference<Thread> holder = new AtomicReference<>();
    private volatile String holderMethod = "";
    private int depth; // touched only by the holder

    void enter(String method) {
      Thread me = Thread.currentThread();
      Thread held = holder.compareAndExchange(null, me);
      if (held != null && held != me) {
        throw new ConcurrentChainUseException(
            "a Chain was used by two threads at once: thread '"
                + me.getName()
                + "' called "
                + method
                + " while thread '"
                + held.getName()
                + "' is inside "
                + holderMethod
                + ". A Chain is not thread-safe: give each thread its own chain (fork() is O(1),"
                + " and one Runtime may start chains on any number of threads), or hand it over"
                + " between calls.");
      }
      if (depth++ == 0) holderMethod = method;
    }

    void exit() {
      if (--depth == 0) holder.set(null);
    }
  }
}
