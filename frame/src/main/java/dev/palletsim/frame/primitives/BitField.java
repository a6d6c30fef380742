package dev.palletsim.frame.primitives;

import dev.palletsim.frame.CachedStateHash;
import dev.palletsim.frame.snapshot.ValueCodec;
import dev.palletsim.frame.snapshot.ValueCodecs;
import dev.palletsim.frame.snapshot.ValueInput;
import dev.palletsim.frame.snapshot.ValueOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

/**
 * An immutable set of sector numbers (or any non-negative {@code long}s) kept as runs of
 * consecutive members: Filecoin's {@code BitField} (fvm_ipld_bitfield, RLE+ on the wire), which
 * builtin-actors uses for a partition's sectors, faults, recoveries, terminations and unproven
 * sectors, for the expiration queue's on-time and early sets, and for a miner's allocated sector
 * numbers. A partition of 2,349 consecutive sectors is one run: two {@code long}s, where a sorted
 * set of boxed {@code Long}s spends about 200 bytes per member.
 *
 * <p>Members are {@code 0 ≤ n < Long.MAX_VALUE} (fvm refuses {@code u64::MAX} likewise, so that a
 * run's exclusive end and the member count always fit); anything else is refused with an {@link
 * IllegalArgumentException}. The runs are kept sorted, non-empty, non-overlapping and non-adjacent
 * (two runs that touch are one), so equal sets have equal runs. Set operations walk both operands'
 * runs once: O(runs), whatever the members.
 *
 * <p>The {@linkplain #stateHash() state hash} equals that of a Vavr {@code Set<Long>} of the same
 * members, as {@link dev.palletsim.frame.StateHasher} hashes one (a sum of the members' hashes,
 * mixed with the count), so replacing a stored sorted set of sector numbers by a bit field leaves
 * every state hash as it was. It costs O(members) once per value and is then cached ({@link
 * CachedStateHash}).
 */
public final class BitField extends CachedStateHash implements Iterable<Long> {
  static { // saved chains write it run by run
    ValueCodecs.register(BitField.class, new Codec());
  }

  /** The largest member. */
  public static final long MAX_MEMBER = Long.MAX_VALUE - 1;

  private static final BitField EMPTY = new BitField(new long[0], 0);

  /** Start (inclusive) and end (exclusive) of each run, in order: {@code [s0, e0, s1, e1, …]}. */
  private final long[] runs;

  private final long count;

  private BitField(long[] runs, long count) {
    this.runs = runs;
    this.count = count;
  }

  // ------------------------------------------------------------------ construction

  /** The empty bit field. */
  public static BitField empty() {
    return EMPTY;
  }

  /** The bit field of {@code members}, in any order, duplicates allowed. */
  public static BitField of(long... members) {
    long[] sorted = members.clone();
    Arrays.sort(sorted);
    Runs b = new Runs(4);
    for (long m : sorted) b.add(requireMember(m), m + 1);
    return b.build();
  }

  /** The bit field of {@code members}, in any order, duplicates allowed. */
  public static BitField ofAll(Iterable<? extends Number> members) {
    Runs b = new Runs(4);
    long[] buffer = new long[16];
    int n = 0;
    for (Number x : members) {
      if (n == buffer.length) buffer = Arrays.copyOf(buffer, n * 2);
      buffer[n++] = requireMember(x.longValue());
    }
    long[] sorted = Arrays.copyOf(buffer, n);
    Arrays.sort(sorted);
    for (long m : sorted) b.add(m, m + 1);
    return b.build();
  }

  /**
   * The members {@code start} (inclusive) to {@code end} (exclusive); empty if {@code end ≤ start}.
   */
  public static BitField range(long start, long end) {
    requireMember(start);
    if (end <= start) return EMPTY;
    return new BitField(new long[] {start, end}, end - start);
  }

  /**
   * The bit field of the runs {@code [starts[i], ends[i])} (ends exclusive), in any order,
   * overlapping or touching allowed; empty runs are ignored.
   */
  public static BitField ofRuns(long[] starts, long[] ends) {
    if (starts.length != ends.length) {
      throw new IllegalArgumentException("as many run ends as starts");
    }
    Integer[] order = new Integer[starts.length];
    for (int i = 0; i < order.length; i++) {
      requireMember(starts[i]);
      if (ends[i] < 0) throw new IllegalArgumentException("negative run end " + ends[i]);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
    Runs b = new Runs(starts.length);
    for (int i : order) b.add(starts[i], ends[i]);
    return b.build();
  }

  /** The union of {@code fields} (fvm's {@code BitField::union}). */
  public static BitField unionOf(Iterable<BitField> fields) {
    BitField out = EMPTY;
    for (BitField f : fields) out = out.union(f);
    return out;
  }

  private static long requireMember(long m) {
    if (m < 0) throw new IllegalArgumentException("bit field members are non-negative: " + m);
    if (m > MAX_MEMBER) throw new IllegalArgumentException("bit field members are below 2^63 - 1");
    return m;
  }

  // ------------------------------------------------------------------ queries

  /** The number of members (fvm's {@code len}). */
  public long count() {
    return count;
  }

  /** Whether there are no members. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** Whether {@code n} is a member (fvm's {@code get}); O(log runs). */
  public boolean contains(long n) {
    int i = runAtOrBefore(n);
    return i >= 0 && n < runs[2 * i + 1];
  }

  /** The index of the last run starting at or before {@code n}, or -1. */
  private int runAtOrBefore(long n) {
    int lo = 0;
    int hi = runs.length / 2 - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (runs[2 * mid] <= n) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** The smallest member, if any. */
  public OptionalLong first() {
    return runs.length == 0 ? OptionalLong.empty() : OptionalLong.of(runs[0]);
  }

  /** The largest member, if any. */
  public OptionalLong last() {
    return runs.length == 0 ? OptionalLong.empty() : OptionalLong.of(runs[runs.length - 1] - 1);
  }

  /** The number of runs of consecutive members. */
  public int runCount() {
    return runs.length / 2;
  }

  /** The first member of run {@code i} (0-based, ascending). */
  public long runStart(int i) {
    return runs[2 * checkRun(i)];
  }

  /** One past the last member of run {@code i}. */
  public long runEnd(int i) {
    return runs[2 * checkRun(i) + 1];
  }

  private int checkRun(int i) {
    if (i < 0 || i >= runCount()) throw new IndexOutOfBoundsException("run " + i);
    return i;
  }

  /**
   * A run of consecutive members: {@code start} to {@code end} (exclusive), as fvm's {@code
   * ranges()} yields them.
   *
   * @param start the first member
   * @param end one past the last member
   */
  public record Run(long start, long end) {
    /** The members in the run. */
    public long size() {
      return end - start;
    }
  }

  /** The runs, ascending, non-empty, neither overlapping nor touching (fvm's {@code ranges}). */
  public List<Run> ranges() {
    List<Run> out = new ArrayList<>(runCount());
    for (int i = 0; i < runs.length; i += 2) out.add(new Run(runs[i], runs[i + 1]));
    return Collections.unmodifiableList(out);
  }

  /** Whether every member of {@code other} is a member (fvm's {@code contains_all}). */
  public boolean containsAll(BitField other) {
    int i = 0;
    for (int j = 0; j < other.runs.length; j += 2) {
      long s = other.runs[j];
      long e = other.runs[j + 1];
      while (i < runs.length && runs[i + 1] <= s) i += 2;
      // runs never touch, so a covered run of other lies inside one run of this
      if (i >= runs.length || runs[i] > s || runs[i + 1] < e) return false;
    }
    return true;
  }

  /** Whether any member of {@code other} is a member (fvm's {@code contains_any}). */
  public boolean containsAny(BitField other) {
    int i = 0;
    int j = 0;
    while (i < runs.length && j < other.runs.length) {
      if (runs[i + 1] <= other.runs[j]) {
        i += 2;
      } else if (other.runs[j + 1] <= runs[i]) {
        j += 2;
      } else {
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ set operations

  /** The members of this or {@code other} (fvm's {@code |}). */
  public BitField union(BitField other) {
    if (other.isEmpty() || other == this) return this;
    if (isEmpty()) return other;
    Runs b = new Runs(runs.length + other.runs.length);
    int i = 0;
    int j = 0;
    while (i < runs.length || j < other.runs.length) {
      if (j >= other.runs.length || (i < runs.length && runs[i] <= other.runs[j])) {
        b.add(runs[i], runs[i + 1]);
        i += 2;
      } else {
        b.add(other.runs[j], other.runs[j + 1]);
        j += 2;
      }
    }
    return b.build();
  }

  /** The members of both this and {@code other} (fvm's {@code &}). */
  public BitField intersection(BitField other) {
    if (isEmpty() || other.isEmpty()) return EMPTY;
    Runs b = new Runs(Math.max(runs.length, other.runs.length));
    int i = 0;
    int j = 0;
    while (i < runs.length && j < other.runs.length) {
      long s = Math.max(runs[i], other.runs[j]);
      long e = Math.min(runs[i + 1], other.runs[j + 1]);
      if (s < e) b.add(s, e);
      if (runs[i + 1] < other.runs[j + 1]) {
        i += 2;
      } else {
        j += 2;
      }
    }
    return b.build();
  }

  /** The members of this that are not members of {@code other} (fvm's {@code -}). */
  public BitField difference(BitField other) {
    if (isEmpty() || other.isEmpty()) return this;
    Runs b = new Runs(runs.length + other.runs.length);
    int j = 0;
    for (int i = 0; i < runs.length; i += 2) {
      long s = runs[i];
      long e = runs[i + 1];
      while (j < other.runs.length && other.runs[j + 1] <= s) j += 2;
      int k = j;
      while (s < e && k < other.runs.length && other.runs[k] < e) {
        if (other.runs[k] > s) b.add(s, other.runs[k]);
        s = Math.max(s, other.runs[k + 1]);
        k += 2;
      }
      if (s < e) b.add(s, e);
    }
    return b.size() == runs.length && b.count == count ? this : b.build();
  }

  /** This with {@code n} a member (fvm's {@code set}). */
  public BitField with(long n) {
    return contains(requireMember(n)) ? this : union(range(n, n + 1));
  }

  /** This without {@code n} (fvm's {@code unset}). */
  public BitField without(long n) {
    return contains(n) ? difference(range(n, n + 1)) : this;
  }

  /**
   * The {@code n} members after the first {@code skip}, in order (fvm's {@code slice}).
   *
   * @throws IllegalArgumentException if there are fewer than {@code skip + n} members (fvm returns
   *     an error), or {@code skip} or {@code n} is negative
   */
  public BitField slice(long skip, long n) {
    if (skip < 0 || n < 0) throw new IllegalArgumentException("negative slice bounds");
    if (skip > count || n > count - skip) {
      throw new IllegalArgumentException(
          "a slice of " + n + " after " + skip + " of " + count + " members");
    }
    if (skip == 0 && n == count) return this;
    Runs b = new Runs(4);
    long toSkip = skip;
    long toTake = n;
    for (int i = 0; i < runs.length && toTake > 0; i += 2) {
      long size = runs[i + 1] - runs[i];
      if (toSkip >= size) {
        toSkip -= size;
        continue;
      }
      long s = runs[i] + toSkip;
      long e = Math.min(runs[i + 1], s + toTake);
      b.add(s, e);
      toTake -= e - s;
      toSkip = 0;
    }
    return b.build();
  }

  /** The first {@code n} members (all of them if there are fewer). */
  public BitField take(long n) {
    return slice(0, Math.min(Math.max(n, 0), count));
  }

  /** All members but the first {@code n} (none if there are fewer). */
  public BitField drop(long n) {
    long skip = Math.min(Math.max(n, 0), count);
    return slice(skip, count - skip);
  }

  /**
   * This without the members of {@code other}, each remaining member moved down by the number of
   * members of {@code other} below it (fvm's {@code cut}): how partition indices renumber when
   * partitions are removed and the rest compacted.
   */
  public BitField cut(BitField other) {
    BitField rest = difference(other);
    if (other.isEmpty() || rest.isEmpty()) return rest;
    Runs b = new Runs(rest.runs.length);
    int j = 0;
    long below = 0;
    for (int i = 0; i < rest.runs.length; i += 2) {
      long s = rest.runs[i];
      // other's runs that end at or before s lie wholly below it (none overlaps rest)
      while (j < other.runs.length && other.runs[j + 1] <= s) {
        below += other.runs[j + 1] - other.runs[j];
        j += 2;
      }
      b.add(s - below, rest.runs[i + 1] - below);
    }
    return b.build();
  }

  // ------------------------------------------------------------------ iteration

  /** The members in ascending order. */
  @Override
  public PrimitiveIterator.OfLong iterator() {
    return new PrimitiveIterator.OfLong() {
      private int run;
      private long next = runs.length == 0 ? 0 : runs[0];

      @Override
      public boolean hasNext() {
        return run < runs.length;
      }

      @Override
      public long nextLong() {
        if (run >= runs.length) throw new NoSuchElementException();
        long n = next++;
        if (next == runs[run + 1]) {
          run += 2;
          if (run < runs.length) next = runs[run];
        }
        return n;
      }
    };
  }

  /** Calls {@code action} with every member, ascending. */
  public void forEachMember(LongConsumer action) {
    for (int i = 0; i < runs.length; i += 2) {
      for (long n = runs[i]; n < runs[i + 1]; n++) action.accept(n);
    }
  }

  /** The members, ascending. */
  public LongStream stream() {
    return StreamSupport.longStream(
        java.util.Spliterators.spliterator(
            iterator(),
            count,
            java.util.Spliterator.ORDERED
                | java.util.Spliterator.SORTED
                | java.util.Spliterator.DISTINCT
                | java.util.Spliterator.NONNULL
                | java.util.Spliterator.IMMUTABLE),
        false);
  }

  /** The members, ascending, as an array. */
  public long[] toArray() {
    if (count > Integer.MAX_VALUE - 8) throw new IllegalStateException(count + " members");
    long[] out = new long[(int) count];
    int k = 0;
    for (int i = 0; i < runs.length; i += 2) {
      for (long n = runs[i]; n < runs[i + 1]; n++) out[k++] = n;
    }
    return out;
  }

  // ------------------------------------------------------------------ value

  /**
   * The hash of a Vavr {@code Set<Long>} of the same members under {@link
   * dev.palletsim.frame.StateHasher}: {@code mix(setTag ^ count, Σ fmix(n ^ longTag))}. O(members)
   * the first time, then cached.
   */
  @Override
  protected long computeStateHash() {
    long sum = 0;
    for (int i = 0; i < runs.length; i += 2) {
      for (long n = runs[i]; n < runs[i + 1]; n++) sum += Bytes.fmix(n ^ 0x4c6f6e67L);
    }
    return Bytes.mix(0x5365740000000000L ^ count, sum);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof BitField b && count == b.count && Arrays.equals(runs, b.runs));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(runs);
  }

  /** The runs, e.g. {@code BitField[0-9, 12, 15-20]} (inclusive bounds). */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("BitField[");
    for (int i = 0; i < runs.length; i += 2) {
      if (i > 0) s.append(", ");
      s.append(runs[i]);
      if (runs[i + 1] - 1 > runs[i]) s.append('-').append(runs[i + 1] - 1);
      if (s.length() > 200 && i + 2 < runs.length) {
        s.append(", … (").append(runCount()).append(" runs)");
        break;
      }
    }
    return s.append(']').toString();
  }

  /**
   * The snapshot encoding, RLE+'s idea in varints: the number of runs, then for each run the gap
   * from the previous run's end (from 0 for the first) and its length minus one. A full partition
   * is three bytes whatever its size. Reading refuses runs that touch, overlap or pass {@link
   * #MAX_MEMBER}, which the writer never produces.
   */
  private static final class Codec implements ValueCodec<BitField> {
    @Override
    public void write(BitField value, ValueOutput out) throws IOException {
      long[] r = value.runs;
      out.writeVarLong(r.length / 2);
      long previousEnd = 0;
      for (int i = 0; i < r.length; i += 2) {
        out.writeVarLong(r[i] - previousEnd);
        out.writeVarLong(r[i + 1] - r[i] - 1);
        previousEnd = r[i + 1];
      }
    }

    @Override
    public BitField read(ValueInput in, int version) throws IOException {
      int n = in.readCount();
      if (n == 0) return EMPTY;
      long[] r = new long[2 * n];
      long previousEnd = 0;
      long count = 0;
      for (int i = 0; i < n; i++) {
        long gap = in.readVarLong();
        long lengthMinusOne = in.readVarLong();
        if (gap < 0 || (i > 0 && gap == 0) || gap > MAX_MEMBER - previousEnd) {
          throw new IllegalArgumentException("bit field run " + i + " starts out of order");
        }
        long start = previousEnd + gap;
        if (lengthMinusOne < 0 || lengthMinusOne > MAX_MEMBER - start) {
          throw new IllegalArgumentException("bit field run " + i + " passes the largest member");
        }
        r[2 * i] = start;
        r[2 * i + 1] = start + lengthMinusOne + 1;
        previousEnd = r[2 * i + 1];
        count += lengthMinusOne + 1;
      }
      return new BitField(r, count);
    }
  }

  /** Appends runs in ascending order of start, merging those that overlap or touch. */
  private static final class Runs {
    private long[] a;
    private int n;
    private long count;

    Runs(int capacity) {
      a = new long[Math.max(2, capacity + (capacity & 1))];
    }

    void add(long s, long e) {
      if (e <= s) return;
      if (n > 0 && s <= a[n - 1]) {
        if (e > a[n - 1]) {
          count += e - a[n - 1];
          a[n - 1] = e;
        }
        return;
      }
      if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
      a[n++] = s;
      a[n++] = e;
      count += e - s;
    }

    int size() {
      return n;
    }

    BitField build() {
      return n == 0 ? EMPTY : new BitField(n == a.length ? a : Arrays.copyOf(a, n), count);
    }
  }
}
