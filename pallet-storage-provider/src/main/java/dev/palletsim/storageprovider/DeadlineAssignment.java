package dev.palletsim.storageprovider;

import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Chooses the deadline of each newly proven sector among the mutable ones (Filecoin's {@code
 * assign_sectors_to_deadlines}, as ported by polka-storage), one sector at a time, preferring in
 * order:
 *
 * <ol>
 *   <li>the fewest partitions after adding the sector (spreads sectors over deadlines);
 *   <li>a deadline whose last partition is partly filled (fills partitions before opening new
 *       ones);
 *   <li>the fewest live sectors;
 *   <li>the lowest index.
 * </ol>
 *
 * Deadlines that would exceed {@code maxPartitions} are never chosen. Pure and deterministic.
 */
public final class DeadlineAssignment {
  private DeadlineAssignment() {}

  /**
   * A candidate deadline's load.
   *
   * @param index the deadline index
   * @param totalSectors sectors ever assigned to it
   * @param liveSectors its live sectors
   */
  public record Load(int index, long totalSectors, long liveSectors) {}

  /**
   * The deadline index for each of {@code sectors} new sectors, in order; none if they do not all
   * fit.
   */
  public static Option<Vector<Integer>> assign(
      Seq<Load> candidates, int sectors, int partitionSize, int maxPartitions) {
    TreeMap<Integer, Load> loads = TreeMap.empty();
    for (Load l : candidates) loads = loads.put(l.index(), l);
    Vector<Integer> out = Vector.empty();
    for (int k = 0; k < sectors; k++) {
      Load best = null;
      for (Load l : loads.values()) {
        if (partitionsAfterOne(l, partitionSize) > maxPartitions) continue;
        if (best == null || better(l, best, partitionSize)) best = l;
      }
      if (best == null) return Option.none();
      out = out.append(best.index());
      loads =
          loads.put(
              best.index(),
              new Load(best.index(), best.totalSectors() + 1, best.liveSectors() + 1));
    }
    return Option.some(out);
  }

  private static long partitionsAfterOne(Load l, int size) {
    return (l.totalSectors() + size) / size;
  }

  private static boolean better(Load a, Load b, int size) {
    int c = Long.compare(partitionsAfterOne(a, size), partitionsAfterOne(b, size));
    if (c != 0) return c < 0;
    boolean aOpen = a.totalSectors() % size != 0;
    boolean bOpen = b.totalSectors() % size != 0;
    if (aOpen != bOpen) return aOpen;
    c = Long.compare(a.liveSectors(), b.liveSectors());
    if (c != 0) return c < 0;
    return a.index() < b.index();
  }
}
