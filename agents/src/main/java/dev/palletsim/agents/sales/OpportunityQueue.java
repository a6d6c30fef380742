package dev.palletsim.agents.sales;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceRef;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * A storage provider's queue of deal opportunities: seed 003's slot queue (nim-codex {@code
 * slotqueue.nim}, reference/collators-and-codex.md §6.1) over board pieces.
 *
 * <p><b>Ordering</b>, best first: 1) unseen before seen; 2) more profitable first (price per block
 * × duration, what the piece earns); 3) less collateral first; 4) later expiry first; then the
 * order of arrival, where the pieces of one request arrive {@linkplain #pushRequest shuffled} with
 * the agent's random stream so the piece index does not decide who gets which piece.
 *
 * <p><b>Pause and resume.</b> The queue starts paused. {@link #next} pops the best item; when that
 * item has been seen (already evaluated against the availabilities, and it did not fit) the queue
 * pauses and keeps it, so untenable items are not retried in a loop. Pushing an unseen item resumes
 * it; so does {@link #availabilityGrew}, which also clears every seen flag (an item that did not
 * fit may fit now), and {@link #resume}. An item that found no availability is {@linkplain
 * #requeueSeen put back as seen}.
 *
 * <p><b>Capacity.</b> When a push exceeds the capacity, the lowest-priority item is dropped.
 */
public final class OpportunityQueue {
  /**
   * One opportunity: a piece of a request with the terms that rank it.
   *
   * @param piece the board piece
   * @param pieceSize bytes
   * @param duration blocks
   * @param pricePerBlock planck per block
   * @param collateral the provider collateral required
   * @param expiry the block the request expires
   * @param seen whether it was already evaluated and did not fit
   * @param arrival its arrival number (the last tie-breaker)
   */
  public record Item(
      PieceRef piece,
      long pieceSize,
      long duration,
      long pricePerBlock,
      long collateral,
      long expiry,
      boolean seen,
      long arrival) {

    /** What the piece earns over its deal: price per block × duration. */
    public long profitability() {
      return DealBoard.saturatingMul(pricePerBlock, duration);
    }

    Item withSeen(boolean value, long newArrival) {
      return new Item(
          piece, pieceSize, duration, pricePerBlock, collateral, expiry, value, newArrival);
    }

    /** An unseen item for {@code piece} of {@code r} (its arrival is set when pushed). */
    public static Item of(DealBoard.StorageRequest r, int index) {
      return new Item(
          new PieceRef(r.id(), index),
          r.pieceSize(),
          r.duration(),
          r.pricePerBlock(),
          r.providerCollateral(),
          r.expiry(),
          false,
          0);
    }
  }

  /** Seed 003's slot ordering, then arrival. */
  public static final Comparator<Item> PRIORITY =
      Comparator.comparing(Item::seen)
          .thenComparing(Comparator.comparingLong(Item::profitability).reversed())
          .thenComparingLong(Item::collateral)
          .thenComparing(Comparator.comparingLong(Item::expiry).reversed())
          .thenComparingLong(Item::arrival);

  private final int capacity;
  private final TreeSet<Item> items = new TreeSet<>(PRIORITY);
  private final TreeMap<PieceRef, Item> byPiece = new TreeMap<>();
  private long arrivals;
  private boolean paused = true;

  /** An empty, paused queue holding at most {@code capacity} items. */
  public OpportunityQueue(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("queue capacity must be at least 1");
    this.capacity = capacity;
  }

  /**
   * Pushes the pieces of one request, unseen, in an order shuffled with {@code random} (seed 003:
   * "per-slot items are shuffled before enqueuing"); pieces already queued are skipped. Resumes the
   * queue if anything was pushed.
   */
  public void pushRequest(List<Item> pieces, RandomGenerator random) {
    List<Item> shuffled = new ArrayList<>(pieces);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Item t = shuffled.get(i);
      shuffled.set(i, shuffled.get(j));
      shuffled.set(j, t);
    }
    boolean any = false;
    for (Item it : shuffled) {
      if (byPiece.containsKey(it.piece())) continue;
      add(it.withSeen(false, arrivals++));
      any = true;
    }
    if (any) paused = false;
  }

  /** Puts back an item that found no availability, as seen (seed 003, "Reprocess"). */
  public void requeueSeen(Item item) {
    if (byPiece.containsKey(item.piece())) return;
    add(item.withSeen(true, arrivals++));
  }

  private void add(Item it) {
    items.add(it);
    byPiece.put(it.piece(), it);
    if (items.size() > capacity) {
      Item last = items.pollLast();
      byPiece.remove(last.piece());
    }
  }

  /**
   * The best item, removed, if the queue is running and the best item is unseen; when the best item
   * is seen, pauses and returns none (the item stays).
   */
  public Option<Item> next() {
    if (paused || items.isEmpty()) return Option.none();
    Item head = items.first();
    if (head.seen()) {
      paused = true;
      return Option.none();
    }
    items.pollFirst();
    byPiece.remove(head.piece());
    return Option.some(head);
  }

  /** Removes the item of {@code piece} (taken by another provider, withdrawn, expired). */
  public boolean remove(PieceRef piece) {
    Item it = byPiece.remove(piece);
    if (it == null) return false;
    items.remove(it);
    return true;
  }

  /**
   * An availability was created or grew (free bytes, duration, collateral): every item may fit
   * again, so every seen flag is cleared and the queue resumes (nim-codex {@code clearSeenFlags}).
   */
  public void availabilityGrew() {
    if (items.stream().anyMatch(Item::seen)) {
      List<Item> all = new ArrayList<>(items);
      items.clear();
      byPiece.clear();
      for (Item it : all) add(it.seen() ? it.withSeen(false, it.arrival()) : it);
    }
    paused = false;
  }

  /** Resumes the queue (nim-codex {@code unpause}). */
  public void resume() {
    paused = false;
  }

  /** Whether the queue is paused. */
  public boolean isPaused() {
    return paused;
  }

  /** Whether {@code piece} is queued. */
  public boolean contains(PieceRef piece) {
    return byPiece.containsKey(piece);
  }

  /** The number of queued items. */
  public int size() {
    return items.size();
  }

  /**
   * The queue's content, for a saved run.
   *
   * @param items the queued items, best first
   * @param arrivals the arrival number the next item gets
   * @param paused whether the queue is paused
   */
  public record Memory(Vector<Item> items, long arrivals, boolean paused) {}

  /** The queue as it stands. */
  public Memory memory() {
    return new Memory(items(), arrivals, paused);
  }

  /** Replaces the content by what {@code memory} holds. */
  public void restore(Memory memory) {
    items.clear();
    byPiece.clear();
    for (Item it : memory.items()) {
      items.add(it);
      byPiece.put(it.piece(), it);
    }
    arrivals = memory.arrivals();
    paused = memory.paused();
  }

  /** The queued items, best first. */
  public Vector<Item> items() {
    return Vector.ofAll(items);
  }
}
