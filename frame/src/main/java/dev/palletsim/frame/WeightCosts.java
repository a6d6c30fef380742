package dev.palletsim.frame;

/**
 * The weight of one storage read, one storage write, one processed work item (a deal settled by
 * cron, a partition checked at a deadline) and the base cost of any extrinsic. The defaults are
 * Substrate's {@code RocksDbWeight} (25 µs per read, 100 µs per write) and its measured extrinsic
 * base weight (about 100 µs); work items default to 10 µs.
 *
 * @param read weight of one storage read
 * @param write weight of one storage write
 * @param item weight of one work item a hook or call reports
 * @param extrinsicBase weight every extrinsic pays before its own work
 */
public record WeightCosts(Weight read, Weight write, Weight item, Weight extrinsicBase) {
  /** Substrate's RocksDB weights, 10 µs per item, 100 µs per extrinsic. */
  public static final WeightCosts ROCKS_DB =
      new WeightCosts(
          Weight.ofMicros(25), Weight.ofMicros(100), Weight.ofMicros(10), Weight.ofMicros(100));

  /** The weight of the given counts. */
  public Weight of(long reads, long writes, long items) {
    return new Weight(
        Math.addExact(
            Math.addExact(
                Math.multiplyExact(reads, read.refTime()),
                Math.multiplyExact(writes, write.refTime())),
            Math.multiplyExact(items, item.refTime())));
  }

  /**
   * The weight of {@code reads} storage reads and {@code writes} writes, as Substrate's {@code
   * DbWeight::get().reads_writes(r, w)}, saturating rather than failing: for weight declarations.
   */
  public Weight readsWrites(long reads, long writes) {
    return read.times(reads).plus(write.times(writes));
  }

  /** The weight of {@code n} storage reads. */
  public Weight reads(long n) {
    return read.times(n);
  }

  /** The weight of {@code n} storage writes. */
  public Weight writes(long n) {
    return write.times(n);
  }

  /** The weight of {@code n} work items (deals processed, partitions checked…). */
  public Weight items(long n) {
    return item.times(n);
  }
}
