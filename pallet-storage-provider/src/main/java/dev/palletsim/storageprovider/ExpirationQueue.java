package dev.palletsim.storageprovider;

import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

/**
 * A partition's expiration queue (Filecoin's {@code ExpirationQueue}, filecoin-actors.md §3.4):
 * sets of sectors keyed by quantised block. A sector sits in exactly one place: in the
 * <em>on-time</em> set of its quantised expiration, or (once faulty and due to expire after its
 * fault would reach {@code FaultMaxAge}) in the <em>early</em> set of its quantised fault
 * expiration. Any number of sectors, and at the deadline level any number of partitions, can share
 * a block (polka-storage kept one partition per block, its defect). A pure, immutable value.
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
  public record ExpirationSet(TreeSet<Long> onTime, TreeSet<Long> early) {
    /** No sectors. */
    public static final ExpirationSet EMPTY = new ExpirationSet(TreeSet.empty(), TreeSet.empty());

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
  public record Popped(ExpirationQueue queue, TreeSet<Long> onTime, TreeSet<Long> early) {}

  /** Adds sectors at their quantised on-time expirations ({@code sector → expiration block}). */
  public ExpirationQueue addActive(Map<Long, Long> expirations, QuantSpec quant) {
    TreeMap<Long, ExpirationSet> e = entries;
    for (Tuple2<Long, Long> s : expirations) {
      long key = quant.quantizeUp(s._2);
      ExpirationSet set = e.get(key).getOrElse(ExpirationSet.EMPTY);
      e = e.put(key, new ExpirationSet(set.onTime().add(s._1), set.early()));
    }
    return new ExpirationQueue(e);
  }

  /**
   * Newly faulty sectors: those whose on-time entry lies after the quantised fault expiration move
   * to the early set there; those expiring sooner stay on time.
   */
  public ExpirationQueue rescheduleAsFaults(Set<Long> sectors, long faultExpiration, QuantSpec q) {
    long faultKey = q.quantizeUp(faultExpiration);
    TreeMap<Long, ExpirationSet> e = entries;
    TreeSet<Long> moved = TreeSet.empty();
    for (Tuple2<Long, ExpirationSet> entry : entries) {
      if (entry._1 <= faultKey) continue;
      TreeSet<Long> hit = entry._2.onTime().intersect(sectors);
      if (hit.isEmpty()) continue;
      moved = moved.addAll(hit);
      e = store(e, entry._1, new ExpirationSet(entry._2.onTime().diff(hit), entry._2.early()));
    }
    if (moved.isEmpty()) return this;
    ExpirationSet target = e.get(faultKey).getOrElse(ExpirationSet.EMPTY);
    e = e.put(faultKey, new ExpirationSet(target.onTime(), target.early().addAll(moved)));
    return new ExpirationQueue(e);
  }

  /**
   * Recovered sectors: any found in an early set go back on time at their quantised expiration
   * ({@code sector → expiration block}); sectors already on time stay where they are.
   */
  public ExpirationQueue rescheduleRecovered(Map<Long, Long> expirations, QuantSpec quant) {
    TreeSet<Long> sectors = TreeSet.ofAll(expirations.keySet());
    TreeMap<Long, ExpirationSet> e = entries;
    TreeSet<Long> found = TreeSet.empty();
    for (Tuple2<Long, ExpirationSet> entry : entries) {
      TreeSet<Long> hit = entry._2.early().intersect(sectors);
      if (hit.isEmpty()) continue;
      found = found.addAll(hit);
      e = store(e, entry._1, new ExpirationSet(entry._2.onTime(), entry._2.early().diff(hit)));
    }
    ExpirationQueue q = new ExpirationQueue(e);
    return found.isEmpty() ? this : q.addActive(expirations.filterKeys(found::contains), quant);
  }

  /** Removes the sectors from wherever they are (termination). */
  public ExpirationQueue remove(Set<Long> sectors) {
    TreeMap<Long, ExpirationSet> e = entries;
    for (Tuple2<Long, ExpirationSet> entry : entries) {
      ExpirationSet s = entry._2;
      ExpirationSet next = new ExpirationSet(s.onTime().diff(sectors), s.early().diff(sectors));
      if (!next.equals(s)) e = store(e, entry._1, next);
    }
    return new ExpirationQueue(e);
  }

  /** Removes and returns every entry at or before {@code block}. */
  public Popped popUntil(long block) {
    TreeSet<Long> onTime = TreeSet.empty();
    TreeSet<Long> early = TreeSet.empty();
    TreeMap<Long, ExpirationSet> e = entries;
    for (Tuple2<Long, ExpirationSet> entry : entries) {
      if (entry._1 > block) break;
      onTime = onTime.addAll(entry._2.onTime());
      early = early.addAll(entry._2.early());
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
  public TreeSet<Long> allSectors() {
    TreeSet<Long> all = TreeSet.empty();
    for (Tuple2<Long, ExpirationSet> e : entries) {
      all = all.addAll(e._2.onTime()).addAll(e._2.early());
    }
    return all;
  }

  private static TreeMap<Long, ExpirationSet> store(
      TreeMap<Long, ExpirationSet> e, long key, ExpirationSet set) {
    return set.isEmpty() ? e.remove(key) : e.put(key, set);
  }
}
