package dev.palletsim.storageprovider;

import io.vavr.collection.TreeSet;

/**
 * Sectors of one partition, as events report them.
 *
 * @param deadline the deadline index
 * @param partition the partition index
 * @param sectors the sectors
 */
public record SectorLocation(int deadline, int partition, TreeSet<Long> sectors) {
  /** The location of {@code sectors} (a partition's bit field, or any sector numbers). */
  public static SectorLocation of(int deadline, int partition, Iterable<Long> sectors) {
    return new SectorLocation(
        deadline, partition, sectors instanceof TreeSet<Long> t ? t : TreeSet.ofAll(sectors));
  }
}
