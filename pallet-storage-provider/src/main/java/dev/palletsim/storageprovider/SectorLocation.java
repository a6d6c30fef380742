package dev.palletsim.storageprovider;

import io.vavr.collection.TreeSet;

/**
 * Sectors of one partition, as events report them.
 *
 * @param deadline the deadline index
 * @param partition the partition index
 * @param sectors the sectors
 */
public record SectorLocation(int deadline, int partition, TreeSet<Long> sectors) {}
