package dev.palletsim.frame.primitives;

import dev.palletsim.frame.StateHashed;
import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * An immutable, sorted set of deal ids backed by a {@code long[]}: eight bytes per id, the compact
 * value behind the market's {@code DealOpsByBlock} and {@code ProviderSectors} (Filecoin's {@code
 * SetMultimap} and sector-deal lists) and the storage provider's sector records, where a boxed
 * {@code List<Long>} cost 48 bytes per deal (docs/performance.md). Iteration is ascending, as a
 * Filecoin bitfield iterates. Content equality and a deterministic state hash make it a storable
 * value.
 */
public final class DealIds implements StateHashed {
  private static final DealIds EMPTY = new DealIds(new long[0]);

  private final long[] ids;

  private DealIds(long[] sortedUnique) {
    this.ids = sortedUnique;
  }

  /**
   * The packed layout of deal id sets ({@link dev.palletsim.frame.PackedLayout}): the count, the
   * first id, then the gaps, as varints (a sector's single deal in four bytes).
   */
  public static final class Layout implements dev.palletsim.frame.PackedLayout<DealIds> {
    /** The layout (stateless). */
    public Layout() {}

    @Override
    public void write(long key, DealIds value, dev.palletsim.frame.PackedWriter out) {
      out.writeDealIds(value);
    }

    @Override
    public DealIds read(long key, dev.palletsim.frame.PackedReader in) {
      return in.readDealIds();
    }
  }

  /** The empty set. */
  public static DealIds empty() {
    return EMPTY;
  }

  /** The set of {@code values} (any order, duplicates dropped). */
  public static DealIds of(long... values) {
    long[] a = values.clone();
    Arrays.sort(a);
    return new DealIds(unique(a));
  }

  /** The set of {@code values}. */
  public static DealIds of(Iterable<Long> values) {
    long[] a = new long[16];
    int n = 0;
    for (Long v : values) {
      if (n == a.length) a = Arrays.copyOf(a, n * 2);
      a[n++] = v;
    }
    return of(Arrays.copyOf(a, n));
  }

  private static long[] unique(long[] sorted) {
    if (sorted.length < 2) return sorted;
    int n = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[n - 1]) sorted[n++] = sorted[i];
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  /** The number of ids. */
  public int size() {
    return ids.length;
  }

  /** Whether there are none. */
  public boolean isEmpty() {
    return ids.length == 0;
  }

  /** The {@code index}-th smallest id. */
  public long get(int index) {
    return ids[index];
  }

  /** Whether {@code id} is in the set. */
  public boolean contains(long id) {
    return Arrays.binarySearch(ids, id) >= 0;
  }

  /** The set with {@code id} added. */
  public DealIds with(long id) {
    int i = Arrays.binarySearch(ids, id);
    if (i >= 0) return this;
    int at = -i - 1;
    long[] out = new long[ids.length + 1];
    System.arraycopy(ids, 0, out, 0, at);
    out[at] = id;
    System.arraycopy(ids, at, out, at + 1, ids.length - at);
    return new DealIds(out);
  }

  /** The union of this set and {@code other}. */
  public DealIds union(DealIds other) {
    if (other.isEmpty()) return this;
    if (isEmpty()) return other;
    long[] out = new long[ids.length + other.ids.length];
    System.arraycopy(ids, 0, out, 0, ids.length);
    System.arraycopy(other.ids, 0, out, ids.length, other.ids.length);
    Arrays.sort(out);
    return new DealIds(unique(out));
  }

  /** The set without {@code id}. */
  public DealIds without(long id) {
    int i = Arrays.binarySearch(ids, id);
    if (i < 0) return this;
    long[] out = new long[ids.length - 1];
    System.arraycopy(ids, 0, out, 0, i);
    System.arraycopy(ids, i + 1, out, i, ids.length - i - 1);
    return new DealIds(out);
  }

  /** Calls {@code action} with each id, ascending. */
  public void forEach(LongConsumer action) {
    for (long id : ids) action.accept(id);
  }

  /** The ids, ascending. */
  public Vector<Long> toVector() {
    Vector<Long> out = Vector.empty();
    for (long id : ids) out = out.append(id);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof DealIds d && Arrays.equals(ids, d.ids));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids);
  }

  @Override
  public long stateHash() {
    long h = 0x4465616c496473L ^ ids.length;
    for (long id : ids) h = Bytes.mix(h, id);
    return h;
  }

  @Override
  public String toString() {
    return Arrays.toString(ids);
  }
}
