package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Bytes;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.function.UnaryOperator;

/**
 * A map keyed by dense, mostly increasing {@code long} ids (deal ids, sequence numbers) over a Vavr
 * persistent {@link Vector}: Filecoin's AMT. Point access is O(log32 n) with no key boxing and four
 * bytes of slot per entry, which is what lets the market hold millions of deals. Removed entries
 * leave holes; holes at either end are trimmed, so a window of live ids sliding upward (old deals
 * completing, new ones published) keeps the vector as long as the window.
 *
 * <p>Ids are expected to be allocated near the end; an insert further than {@link #MAX_GAP} past
 * the last id is refused as a bug.
 */
public final class IndexedStorageMap<V> extends StorageItem<IndexedStorageMap.Root<V>> {
  /** The largest gap of empty slots an insert may open past the current end. */
  public static final long MAX_GAP = 1 << 20;

  private IndexedStorageMap(String pallet, String name) {
    super(pallet, name);
  }

  /** A map named {@code name} in {@code pallet}. */
  public static <V> IndexedStorageMap<V> of(String pallet, String name) {
    return new IndexedStorageMap<>(pallet, name);
  }

  /** The value at {@code id}, if stored. */
  public Option<V> find(StateView view, long id) {
    return Option.of(get(view, id));
  }

  /** The value at {@code id}, or {@code null}. */
  public V get(StateView view, long id) {
    Root<V> r = rootIn(view);
    if (r == null) return null;
    long i = id - r.offset();
    return i < 0 || i >= r.values().size() ? null : r.values().get((int) i);
  }

  /** Whether {@code id} is stored. */
  public boolean contains(StateView view, long id) {
    return get(view, id) != null;
  }

  /** Binds {@code id} to {@code value} ({@code null} removes). */
  public void insert(Tx tx, long id, V value) {
    if (id < 0) throw new IllegalArgumentException("ids are non-negative: " + id);
    if (value == null) {
      remove(tx, id);
      return;
    }
    Root<V> r = rootIn(tx);
    if (r == null) r = new Root<>(Vector.empty(), id, 0, 0);
    Vector<V> values = r.values();
    long offset = r.offset();
    long end = offset + values.size();
    long live = r.live();
    long sum = r.sum();
    if (id >= end) {
      if (id - end > MAX_GAP) throw new IllegalArgumentException("id " + id + " leaves a huge gap");
      for (long k = end; k < id; k++) values = values.append(null);
      values = values.append(value);
      live++;
    } else if (id < offset) {
      if (offset - id > MAX_GAP) throw new IllegalArgumentException("id " + id + " is far below");
      for (long k = id + 1; k < offset; k++) values = values.prepend(null);
      values = values.prepend(value);
      offset = id;
      live++;
    } else {
      int i = (int) (id - offset);
      V old = values.get(i);
      if (old != null) {
        sum -= StateHasher.entry(id, old);
      } else {
        live++;
      }
      values = values.update(i, value);
    }
    sum += StateHasher.entry(id, value);
    setRoot(tx, new Root<>(values, offset, live, sum));
  }

  /** Removes {@code id}, trimming empty slots at either end. */
  public void remove(Tx tx, long id) {
    Root<V> r = rootIn(tx);
    if (r == null) return;
    long i = id - r.offset();
    if (i < 0 || i >= r.values().size()) return;
    V old = r.values().get((int) i);
    if (old == null) return;
    long live = r.live() - 1;
    if (live == 0) {
      setRoot(tx, null);
      return;
    }
    Vector<V> values = r.values().update((int) i, (V) null);
    long offset = r.offset();
    int head = 0;
    while (values.get(head) == null) head++;
    if (head > 0) {
      values = values.drop(head);
      offset += head;
    }
    int tail = values.size();
    while (values.get(tail - 1) == null) tail--;
    if (tail < values.size()) values = values.take(tail);
    setRoot(tx, new Root<>(values, offset, live, r.sum() - StateHasher.entry(id, old)));
  }

  /** Removes {@code id} and returns what was stored. */
  public Option<V> take(Tx tx, long id) {
    Option<V> old = find(tx, id);
    if (old.isDefined()) remove(tx, id);
    return old;
  }

  /** Replaces the value at {@code id} (or {@code null}) by {@code f} of it; returns the result. */
  public V mutate(Tx tx, long id, UnaryOperator<V> f) {
    V next = f.apply(get(tx, id));
    insert(tx, id, next);
    return next;
  }

  /** The number of stored entries. */
  public long count(StateView view) {
    Root<V> r = rootIn(view);
    return r == null ? 0 : r.live();
  }

  /** All entries in id order; meters one read per entry. */
  public Seq<Tuple2<Long, V>> entries(StateView view) {
    Root<V> r = rootIn(view);
    if (r == null) return List.empty();
    view.meterReads(this, r.live());
    Vector<Tuple2<Long, V>> out = Vector.empty();
    long id = r.offset();
    for (V v : r.values()) {
      if (v != null) out = out.append(Tuple.of(id, v));
      id++;
    }
    return out;
  }

  /**
   * The root: the slots, the id of slot 0, the number of live entries, and the wrapping sum of
   * their entry hashes.
   */
  public record Root<V>(Vector<V> values, long offset, long live, long sum) implements StateHashed {
    @Override
    public long stateHash() {
      return Bytes.mix(0x496e6465786564L ^ live, sum);
    }
  }
}
