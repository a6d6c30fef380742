package dev.palletsim.storageprovider;

import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;

/**
 * The summary of one of a provider's deadlines (Filecoin's {@code Deadline}, filecoin-actors.md
 * §3.2): how many partitions it has, its sector counts, which partitions were proven in the current
 * challenge window, and an index from quantised block to <em>every</em> partition that may have
 * sectors expiring then (a set per block: polka-storage kept a single partition per block and lost
 * the others). The partitions themselves are stored one per storage entry.
 *
 * <p>Partitions fill in order and are never compacted: partition {@code p} holds the sectors
 * assigned to this deadline in positions {@code [p·size, (p+1)·size)}.
 *
 * @param partitionCount partitions 0 … count − 1 exist
 * @param totalSectors sectors ever assigned (terminated ones included)
 * @param liveSectors sectors assigned and not yet terminated or expired
 * @param postedPartitions partitions proven in the current challenge window
 * @param expirationBlocks quantised block → partitions with sectors queued at it
 * @param dailyFee Σ FIP-0100 daily fee of its live sectors, planck (the deadline's {@code
 *     daily_fee})
 * @param liveQaPower Σ quality-adjusted power of its live sectors, bytes (the quality-adjusted part
 *     of the deadline's {@code live_power}), which caps the daily fee at its close
 */
public record Deadline(
    int partitionCount,
    long totalSectors,
    long liveSectors,
    TreeSet<Integer> postedPartitions,
    TreeMap<Long, TreeSet<Integer>> expirationBlocks,
    long dailyFee,
    long liveQaPower) {

  /** A deadline without sectors. */
  public static final Deadline EMPTY =
      new Deadline(0, 0, 0, TreeSet.empty(), TreeMap.empty(), 0, 0);

  /**
   * Where {@code n} new sectors go: for each, in order, the partition it joins (the last partition
   * is filled before a new one opens).
   */
  public Vector<Integer> placement(int n, int partitionSize) {
    Vector<Integer> out = Vector.empty();
    for (long k = 0; k < n; k++) out = out.append((int) ((totalSectors + k) / partitionSize));
    return out;
  }

  /** The number of partitions after adding {@code n} sectors. */
  public int partitionsAfter(long n, int partitionSize) {
    return (int) ((totalSectors + n + partitionSize - 1) / partitionSize);
  }

  /** This deadline with {@code n} more sectors placed by {@link #placement}. */
  public Deadline withSectorsAdded(int n, int partitionSize) {
    return new Deadline(
        partitionsAfter(n, partitionSize),
        totalSectors + n,
        liveSectors + n,
        postedPartitions,
        expirationBlocks,
        dailyFee,
        liveQaPower);
  }

  /** This deadline with {@code n} fewer live sectors (terminated or expired). */
  public Deadline withSectorsRemoved(long n) {
    if (n > liveSectors) throw new IllegalArgumentException("removing more than live: " + n);
    return new Deadline(
        partitionCount,
        totalSectors,
        liveSectors - n,
        postedPartitions,
        expirationBlocks,
        dailyFee,
        liveQaPower);
  }

  /**
   * This deadline without partitions {@code removed} (builtin-actors' {@code compact_partitions}
   * before the live sectors are added back): later partitions move down over them in the expiration
   * index and the proven marks, {@code live} live and {@code dead} terminated sectors leave the
   * counts. Callers add the live sectors back with {@link #withSectorsAdded}.
   */
  public Deadline withPartitionsRemoved(TreeSet<Integer> removed, long live, long dead) {
    if (live > liveSectors || live + dead > totalSectors) {
      throw new IllegalArgumentException("removing more sectors than the deadline has");
    }
    TreeMap<Long, TreeSet<Integer>> e = TreeMap.empty();
    for (Tuple2<Long, TreeSet<Integer>> entry : expirationBlocks) {
      TreeSet<Integer> cut = cut(entry._2, removed);
      if (!cut.isEmpty()) e = e.put(entry._1, cut);
    }
    return new Deadline(
        partitionCount - removed.size(),
        totalSectors - live - dead,
        liveSectors - live,
        cut(postedPartitions, removed),
        e,
        dailyFee,
        liveQaPower);
  }

  /** {@code partitions} without {@code removed}, the others renumbered down over them. */
  private static TreeSet<Integer> cut(TreeSet<Integer> partitions, TreeSet<Integer> removed) {
    TreeSet<Integer> out = TreeSet.empty();
    for (Integer p : partitions) {
      if (!removed.contains(p)) out = out.add(p - removed.count(r -> r < p));
    }
    return out;
  }

  /**
   * This deadline with its live sectors' daily fees changed by {@code feeDelta} and their
   * quality-adjusted power by {@code qaPowerDelta}: sectors added, removed, extended or updated.
   */
  public Deadline withLiveChange(long feeDelta, long qaPowerDelta) {
    long fee = Math.addExact(dailyFee, feeDelta);
    long power = Math.addExact(liveQaPower, qaPowerDelta);
    if (fee < 0) throw new IllegalArgumentException("daily fee below zero: " + fee);
    if (power < 0) throw new IllegalArgumentException("live power below zero: " + power);
    return new Deadline(
        partitionCount, totalSectors, liveSectors, postedPartitions, expirationBlocks, fee, power);
  }

  /** Notes that {@code partition} has sectors queued at each of {@code blocks}. */
  public Deadline withExpirations(Iterable<Long> blocks, int partition) {
    TreeMap<Long, TreeSet<Integer>> e = expirationBlocks;
    for (Long b : blocks) e = e.put(b, e.get(b).getOrElse(TreeSet.empty()).add(partition));
    return new Deadline(
        partitionCount, totalSectors, liveSectors, postedPartitions, e, dailyFee, liveQaPower);
  }

  /** Removes the index entries at or before {@code block} and returns the partitions they named. */
  public Tuple2<Deadline, TreeSet<Integer>> popExpirationsUntil(long block) {
    TreeSet<Integer> partitions = TreeSet.empty();
    TreeMap<Long, TreeSet<Integer>> e = expirationBlocks;
    for (Tuple2<Long, TreeSet<Integer>> entry : expirationBlocks) {
      if (entry._1 > block) break;
      partitions = partitions.addAll(entry._2);
      e = e.remove(entry._1);
    }
    return Tuple.of(
        new Deadline(
            partitionCount, totalSectors, liveSectors, postedPartitions, e, dailyFee, liveQaPower),
        partitions);
  }

  /** Whether {@code partition} was proven in the current window. */
  public boolean isPosted(int partition) {
    return postedPartitions.contains(partition);
  }

  /** This deadline with {@code partition} proven in the current window. */
  public Deadline withPosted(int partition) {
    return new Deadline(
        partitionCount,
        totalSectors,
        liveSectors,
        postedPartitions.add(partition),
        expirationBlocks,
        dailyFee,
        liveQaPower);
  }

  /** The window closed: no partition is proven in the next one yet. */
  public Deadline withPostsCleared() {
    return new Deadline(
        partitionCount,
        totalSectors,
        liveSectors,
        TreeSet.empty(),
        expirationBlocks,
        dailyFee,
        liveQaPower);
  }
}
