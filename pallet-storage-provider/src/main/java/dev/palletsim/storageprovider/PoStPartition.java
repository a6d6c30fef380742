package dev.palletsim.storageprovider;

import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * A partition a Window PoSt proves (builtin-actors' {@code PoStPartition}): its index in the
 * deadline and the sectors the proof skips, which become faulty at once.
 *
 * @param index the partition index
 * @param skipped sectors of the partition the proof does not cover (may be empty)
 */
public record PoStPartition(int index, Seq<Long> skipped) {
  /** Partition {@code index}, skipping nothing. */
  public static PoStPartition of(int index) {
    return new PoStPartition(index, List.empty());
  }
}
