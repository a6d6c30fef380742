package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.BitField;
import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Arrays;

/**
 * A partition's expiration queue (Filecoin's {@code ExpirationQueue}, filecoin-actors.md §3.4):
 * sets of sectors keyed by quantised block. A sector sits in exactly one place: in the
 * <em>on-time</em> set of its quantised expiration, or (once faulty and due to expire after its
 * fault would reach {@code FaultMaxAge}) in the <em>early</em> set of its quantised fault
 * expiration. Any number of sectors, and at the deadline level any number of partitions, can share
 * a block (polka-storage kept one partition per block, its defect). A pure, immutable value; its
 * sets are run-length {@link BitField}s, as builtin-actors' are (sectors committed together sit in
 * one run), which hash as the sorted sets they replaced.
 *
 * @param entries the sets by quantised block
 */
public record ExpirationQueue(TreeMap<Long, ExpirationSet> entries) {
  /** The empty queue. */
  public static final ExpirationQueue EMPTY = new ExpirationQueue(TreeMap.empty());

  /**
   * The sectors expiring at one block.
   *
   * @param onTime sectors reaching their committed expiration
   * @param early faulty sectors reaching {@code FaultMaxAge}: terminated, not expired
   */
  public record ExpirationSet(BitField onTime, BitField early) {
    /** No sectors. */
    public static final ExpirationSet EMPTY = new ExpirationSet(BitField.empty(), BitField.empty());

    /** Whether the set holds no sector. */
    public boolean isEmpty() {
      return onTime.isEmpty() && early.isEmpty();
    }
  }

  /**
   * What {@link #popUntil} removed.
   *
   * @param queue the queue without the popped entries
   * @param onTime sectors expiring on time
   * @param early faulty sectors to terminate for fault max age
   */
  public record Popped(ExpirationQueue queue, BitField onTime, BitField early) {}

  /** Adds sectors at their quantised on-time expirations ({@code sector → expiration block}). */
  public ExpirationQueue addActive(Map<Long, Long> expirations, QuantSpec quant) {
    TreeMap<Long, ExpirationSet> e = entries;
    for (Tuple2<Long, BitField> add : byQuantisedBlock(expirations, quant)) {
      ExpirationSet set = e.get(add._1).getOrElse(ExpirationSet.EMPTY);
      e = e.put(add._1, new ExpirationSet(set.onTime().union(add._2), set.early()));
    }
    return new ExpirationQueue(e);
  }

  /** The sectors of {@code expirations} grouped by quantised expiration block. */
  private static TreeMap<Long, BitField> byQuantisedBlock(
      Map<Long, Long> expirations, QuantSpec quant) {
    int n = expirations.size();
    long[] keys = new long[n];
    long[] sectors = new long[n];
    int i = 0;
    for (Tuple2<Long, Long> s : expirations) {
      keys[i] = quant.quantizeUp(s._2);
      sectors[i++] = s._1;
    }
    long[] distinct = Arrays.stream(keys).distinct().sorted().toArray();
    TreeMap<Long, BitField> out = TreeMap.empty();
    if (distinct.length == 1) return out.put(distinct[0], BitField.of(sectors));
    for (long key : distinct) {
      long[] members = new long[n];
      int m = 0;
      for (int k = 0; k < n; k++) if (keys[k] == key) members[m++] = sectors[k];
      out = out.put(key, BitField.of(Arrays.copyOf(members, m)));
    }
    return out;
  }

  /**
   * Newly faulty sectors: those whose on-time entry lies after the quantised fault expiration move
   * to the early set there; those expiring sooner stay on time.
   */
  public ExpirationQueue rescheduleAsFaults(Set<Long> sectors, long faultExpiration, QuantSpec q) {
    return rescheduleAsFaults(Partition.bits(sectors), faultExpiration, q);
  }

  /** As {@link #rescheduleAsFaults(Set, long, QuantSpec)}, for a bit field of sectors. */
  public ExpirationQueue rescheduleAsFaults(BitField sectors, long faultExpiration, QuantSpec q) {
    if (sectors.isEmpty()) return this;
    long faultKey = q.quantizeUp(faultExpiration);
    TreeMap<Long, ExpirationSet> e = entries;
    BitField moved = BitField.empty();
    for (Tuple2<Long, ExpirationSet> entry : entries) {
      if (entry._1 <= faultKey) continue;
      BitField hit = entry._2.onTime().intersection(sectors);
      if (hit.isEmpty()) continue;
      moved = moved.union(hit);
      e =
          store(
              e, entry._1, new ExpirationSet(entry._2.onTime().difference(hit), entry._2.early()));
    }
    if (moved.isEmpty()) return this;
    ExpirationSet target = e.get(faultKey).getOrElse(ExpirationSet.EMPTY);
    e = e.put(faultKey, new ExpirationSet(target.onTime(), target.early().union(moved)));
    return new ExpirationQueue(e);
  }

  /**
   * Recovered sectors: any found in an early set go back on time at their quantised expiration
   * ({@code sector → expiration block}); sectors already on time stay where they are.
   */
  public ExpirationQueue rescheduleRecovered(Map<Long, Long> expirations, QuantSpec quant) {
    BitField sectors = Partition.bits(expirations.keySet());
    TreeMap<Long, ExpirationSet> e = entries;
    BitField found = BitField.empty();
    for (Tuple2<Long, ExpirationSet> entry : entries) {
      BitField hit = entry._2.early().intersection(sectors);
      if (hit.isEmpty()) continue;
      found = found.union(hit);
      e =
          store(
              e, entry._1, new ExpirationSet(entry._2.onTime(), entry._2.early().difference(hit)));
    }
    if (found.isEmpty()) return this;
    BitField back = found;
    return new ExpirationQueue(e).addActive(expirations.filterKeys(back::contains), quant);
  }

  /** Removes the sectors from wherever they are (termination). */
  public ExpirationQueue remove(Set<Long> sectors) {
    return remove(Partition.bits(sectors));
  }

  /** As {@link #remove(Set)}, for a bit field of sectors. */
  public ExpirationQueue remove(BitField sectors) {
    if (sectors.isEmpty()) return this;
    TreeMap<Long, ExpirationSet> e = entries;
    for (Tuple2<Long, ExpirationSet> entry : entries) {
      ExpirationSet s = entry._2;
      if (!s.onTime().containsAny(sectors) && !s.early().containsAny(sectors)) continue;
      e =
          store(
              e,
              entry._1,
              new ExpirationSet(s.onTime().difference(sectors), s.early().difference(sectors)));
    }
    return new ExpirationQueue(e);
  }

  /** Removes and returns every entry at or before {@code block}. */
  public Popped popUntil(long block) {
    BitField onTime = BitField.empty();
    BitField early = BitField.empty();
    TreeMap<Long, ExpirationSet> e = entries;
    for (Tuple2<Long, ExpirationSet> entry : entries) {
      if (entry._1 > block) break;
      onTime = onTime.union(entry._2.onTime());
      early = early.union(entry._2.early());
      e = e.remove(entry._1);
    }
    return new Popped(new ExpirationQueue(e), onTime, early);
  }

  /** The block at which {@code sector} is queued, if it is. */
  public Option<Long> blockOf(long sector) {
    return entries
        .find(e -> e._2.onTime().contains(sector) || e._2.early().contains(sector))
        .map(Tuple2::_1);
  }

  /** Whether {@code sector} is in an early set. */
  public boolean isEarly(long sector) {
    return entries.exists(e -> e._2.early().contains(sector));
  }

  /** The number of times each sector appears; a consistent queue has each at most once. */
  public int occurrences(long sector) {
    int n = 0;
    for (Tuple2<Long, ExpirationSet> e : entries) {
      if (e._2.onTime().contains(sector)) n++;
      if (e._2.early().contains(sector)) n++;
    }
    return n;
  }

  /** Every queued sector. */
  public BitField allSectors() {
    BitField all = BitField.empty();
    for (Tuple2<Long, ExpirationSet> e : entries) {
      all = all.union(e._2.onTime()).union(e._2.early());
    }
    return all;
  }

  /** The number of places sectors are queued at: {@link #allSectors()}' count if none is twice. */
  public long placements() {
    long n = 0;
    for (Tuple2<Long, ExpirationSet> e : entries) {
      n += e._2.onTime().count() + e._2.early().count();
    }
    return n;
  }

  private static TreeMap<Long, ExpirationSet> store(
      TreeMap<Long, ExpirationSet> e, long key, ExpirationSet set) {
    return set.isEmpty() ? e.remove(key) : e.put(key, set);
  }
}
