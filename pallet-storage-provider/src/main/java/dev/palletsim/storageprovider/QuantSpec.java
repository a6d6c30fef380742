package dev.palletsim.storageprovider;

/**
 * Filecoin's {@code QuantSpec} (filecoin-actors.md §3.2): rounds blocks up to the next block {@code
 * ≡ offset (mod unit)}. Every expiration of a deadline's partitions is quantised to that deadline's
 * last block of some proving period, so that the deadline's close processes it.
 *
 * @param unit the period of the grid, in blocks (the proving period)
 * @param offset any block on the grid (a deadline's last block)
 */
public record QuantSpec(long unit, long offset) {
  /** Checks the unit. */
  public QuantSpec {
    if (unit <= 0) throw new IllegalArgumentException("a quantisation unit must be positive");
  }

  /** The smallest block {@code ≥ block} on the grid. */
  public long quantizeUp(long block) {
    long rem = Math.floorMod(block - offset, unit);
    return rem == 0 ? block : block - rem + unit;
  }
}
