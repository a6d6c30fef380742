package dev.palletsim.frame;

import io.vavr.collection.HashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A storage transaction over a {@link World} (Substrate's transactional dispatch): reads see the
 * transaction's own writes, {@link #commit()} yields a new world, and a failure simply drops the
 * transaction, leaving the old world standing. No journal, no undo log: the transaction holds a
 * reference to a persistent map of roots, and a nested layer keeps the reference it began with.
 *
 * <p>Writes are buffered, as Substrate's overlay change set buffers them before the trie sees them
 * (issue 16): a written root waits in a mutable table until the layer ends, and a {@link
 * StorageMap}'s written entries wait in a per-map table, so that a call writing the same escrow row
 * five hundred times copies the map's trie path once, not five hundred times, and its state-hash
 * log holds one entry. Reads see the buffers; any access to a map's whole root (iteration,
 * counting, a full-root write) first folds its buffered entries in. The buffers are folded into the
 * roots when a nested layer opens and at {@link #commit()}; the world, its state hash and the
 * weight metered (one read per access, one write per write, as before) are exactly what unbuffered
 * writes give.
 *
 * <p>Every extrinsic and every hook runs in its own transaction; coupling calls between pallets run
 * inside the caller's. {@link #transactional} opens a nested layer (FRAME's {@code
 * with_transaction}) whose writes and events are discarded if its body fails.
 */
public final class Tx implements StateView {
  private World committed;
  private HashMap<String, Object> roots;
  private Vector<Event> events = Vector.empty();
  private final BlockContext block;
  private final WeightMeter meter;
  private final BlockWeights weights;

  /** Written roots not yet in {@link #roots}, by item ({@link #NO_ROOT}: emptied). */
  private IdentityHashMap<StorageItem<?>, Object> dirty;

  /** Written map entries not yet in their map's root ({@link #REMOVED}: removed). */
  private IdentityHashMap<StorageMap<?, ?>, java.util.HashMap<Object, Object>> pending;

  /** A buffered root that is empty. */
  private static final Object NO_ROOT = new Object();

  /** A buffered map entry that is removed. */
  static final Object REMOVED = new Object();

  /** What {@link #pendingEntry} answers for a key with nothing buffered. */
  static final Object NOT_PENDING = new Object();

  private Tx(World world, BlockContext block, WeightMeter meter, BlockWeights weights) {
    this.committed = world;
    this.roots = world.roots();
    this.block = block;
    this.meter = meter;
    this.weights = weights;
  }

  /** Opens a transaction over {@code world} in {@code block}, counting work on {@code meter}. */
  public static Tx begin(World world, BlockContext block, WeightMeter meter) {
    return new Tx(world, block, meter, BlockWeights.NONE);
  }

  /**
   * Opens a transaction over {@code world} in {@code block}, counting work on {@code meter}, in a
   * block whose weight limits and extrinsic weight so far are {@code weights} (the executive's).
   */
  public static Tx begin(World world, BlockContext block, WeightMeter meter, BlockWeights weights) {
    return new Tx(world, block, meter, weights);
  }

  @Override
  public Object root(StorageItem<?> item) {
    meter.read(item.pallet());
    if (pending != null) {
      var entries = pending.remove(item);
      if (entries != null) foldEntries((StorageMap<?, ?>) item, entries);
    }
    return currentRoot(item);
  }

  /**
   * The item's root without its buffered map entries (which the caller looks up first, with {@link
   * #pendingEntry}); meters one read.
   */
  Object rootBeneathPending(StorageItem<?> item) {
    meter.read(item.pallet());
    return currentRoot(item);
  }

  /**
   * The buffered value of {@code key} in {@code map} ({@link #REMOVED} if removed), metering one
   * read; {@link #NOT_PENDING} (metering nothing) when none is buffered.
   */
  Object pendingEntry(StorageMap<?, ?> map, Object key) {
    if (pending == null) return NOT_PENDING;
    var entries = pending.get(map);
    if (entries == null) return NOT_PENDING;
    Object v = entries.get(key);
    if (v == null) return NOT_PENDING;
    meter.read(map.pallet());
    return v;
  }

  /** Whether {@code map} has buffered entries. */
  boolean hasPendingEntries(StorageMap<?, ?> map) {
    return pending != null && pending.containsKey(map);
  }

  /** Buffers {@code value} ({@link #REMOVED}: a removal) at {@code key} of {@code map}. */
  void writeEntry(StorageMap<?, ?> map, Object key, Object value) {
    meter.write(map.pallet());
    if (pending == null) pending = new IdentityHashMap<>();
    pending.computeIfAbsent(map, m -> new java.util.HashMap<>()).put(key, value);
  }

  private Object currentRoot(StorageItem<?> item) {
    if (dirty != null) {
      Object d = dirty.get(item);
      if (d != null) return d == NO_ROOT ? null : d;
    }
    return roots.getOrElse(item.key(), null);
  }

  private void foldEntries(StorageMap<?, ?> map, java.util.HashMap<Object, Object> entries) {
    Object root = map.withEntries(currentRoot(map), entries);
    bufferRoot(map, root);
  }

  private void bufferRoot(StorageItem<?> item, Object root) {
    if (dirty == null) dirty = new IdentityHashMap<>();
    dirty.put(item, root == null ? NO_ROOT : root);
  }

  /** Folds every buffered entry and root into {@link #roots}. */
  private void flush() {
    if (pending != null && !pending.isEmpty()) {
      for (var e : pending.entrySet()) foldEntries(e.getKey(), e.getValue());
      pending.clear();
    }
    if (dirty != null && !dirty.isEmpty()) {
      HashMap<String, Object> r = roots;
      for (Map.Entry<StorageItem<?>, Object> e : dirty.entrySet()) {
        String key = e.getKey().key();
        r = e.getValue() == NO_ROOT ? r.remove(key) : r.put(key, e.getValue());
      }
      roots = r;
      dirty.clear();
    }
  }

  @Override
  public void meterReads(StorageItem<?> item, long n) {
    meter.reads(item.pallet(), n);
  }

  void write(StorageItem<?> item, Object root) {
    meter.write(item.pallet());
    if (pending != null) pending.remove(item); // the new root replaces them
    bufferRoot(item, root);
  }

  /** Emits {@code event}; it is kept only if the transaction commits. */
  public void deposit(Event event) {
    events = events.append(event);
  }

  /** The events emitted so far, in order. */
  public Vector<Event> events() {
    return events;
  }

  /** The block this transaction runs in. */
  public BlockContext block() {
    return block;
  }

  /** The current block number. */
  public long blockNumber() {
    return block.number();
  }

  /** The current block's timestamp in milliseconds. */
  public long timestamp() {
    return block.timestamp();
  }

  /**
   * The block's weight limits and its extrinsics' weight before this transaction ({@link
   * BlockWeights#NONE} outside a block).
   */
  public BlockWeights blockWeights() {
    return weights;
  }

  /** The meter counting this transaction's work. */
  public WeightMeter meter() {
    return meter;
  }

  /** Reports {@code n} work items done by {@code pallet}, e.g. deals processed by a cron hook. */
  public void work(String pallet, long n) {
    meter.items(pallet, n);
  }

  /**
   * Runs {@code body} in a nested layer: on success its writes and events stay in this transaction;
   * on a {@link DispatchException} they are discarded and the error returned. Other exceptions
   * propagate (they are bugs).
   */
  public <T> Either<DispatchError, T> transactional(Supplier<T> body) {
    flush();
    HashMap<String, Object> savedRoots = roots;
    Vector<Event> savedEvents = events;
    try {
      return Either.right(body.get());
    } catch (DispatchException e) {
      roots = savedRoots;
      if (pending != null) pending.clear();
      if (dirty != null) dirty.clear();
      events = savedEvents;
      return Either.left(e.error());
    }
  }

  /** {@link #transactional(Supplier)} for a body without a result; returns the error, if any. */
  public Option<DispatchError> transactional(Runnable body) {
    return transactional(
            () -> {
              body.run();
              return Boolean.TRUE;
            })
        .swap()
        .toOption();
  }

  /**
   * The world with this transaction's writes: the world it began on (or last returned) while
   * nothing has been written since, so that its cached state hash is kept.
   */
  public World commit() {
    flush();
    if (committed.roots() != roots) committed = new World(roots);
    return committed;
  }
}
