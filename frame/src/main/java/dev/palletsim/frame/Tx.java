package dev.palletsim.frame;

import io.vavr.collection.HashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Supplier;

/**
 * A storage transaction over a {@link World} (Substrate's transactional dispatch): reads see the
 * transaction's own writes, {@link #commit()} yields a new world, and a failure simply drops the
 * transaction, leaving the old world standing. No journal, no undo log: the transaction holds a
 * reference to a persistent map of roots, and every write replaces that reference.
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
    return roots.getOrElse(item.key(), null);
  }

  @Override
  public void meterReads(StorageItem<?> item, long n) {
    meter.reads(item.pallet(), n);
  }

  void write(StorageItem<?> item, Object root) {
    meter.write(item.pallet());
    roots = root == null ? roots.remove(item.key()) : roots.put(item.key(), root);
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
    HashMap<String, Object> savedRoots = roots;
    Vector<Event> savedEvents = events;
    try {
      return Either.right(body.get());
    } catch (DispatchException e) {
      roots = savedRoots;
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
    if (committed.roots() != roots) committed = new World(roots);
    return committed;
  }
}
