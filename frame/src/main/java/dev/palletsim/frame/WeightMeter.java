package dev.palletsim.frame;

import io.vavr.collection.Vector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the work of one transaction: storage reads and writes attributed to the pallet whose item
 * was touched, and work items reported by the pallets. A hook or an extrinsic runs with its own
 * meter; the block record keeps one {@link PalletWork} per pallet per phase, so the cost of
 * cron-style work is visible (seed 004). Reverting a nested transaction does not un-count work: the
 * work was done.
 */
public final class WeightMeter {
  private final Map<String, long[]> byPallet = new LinkedHashMap<>(4);

  /** Counts one read of an item of {@code pallet}. */
  public void read(String pallet) {
    counters(pallet)[0]++;
  }

  /** Counts {@code n} reads of items of {@code pallet}. */
  public void reads(String pallet, long n) {
    counters(pallet)[0] += n;
  }

  /** Counts one write to an item of {@code pallet}. */
  public void write(String pallet) {
    counters(pallet)[1]++;
  }

  /** Counts {@code n} work items done by {@code pallet} (deals processed, partitions checked…). */
  public void items(String pallet, long n) {
    counters(pallet)[2] += n;
  }

  private long[] counters(String pallet) {
    return byPallet.computeIfAbsent(pallet, p -> new long[3]);
  }

  /** The counts so far, one entry per pallet in first-touched order. */
  public Vector<PalletWork> work() {
    Vector<PalletWork> out = Vector.empty();
    for (var e : byPallet.entrySet()) {
      long[] c = e.getValue();
      out = out.append(new PalletWork(e.getKey(), c[0], c[1], c[2]));
    }
    return out;
  }

  /** The total weight of the counts so far. */
  public Weight total(WeightCosts costs) {
    long reads = 0;
    long writes = 0;
    long items = 0;
    for (long[] c : byPallet.values()) {
      reads += c[0];
      writes += c[1];
      items += c[2];
    }
    return costs.of(reads, writes, items);
  }

  /**
   * The work one pallet did within one transaction.
   *
   * @param pallet the pallet whose storage was touched or who reported items
   * @param reads storage reads
   * @param writes storage writes
   * @param items work items reported
   */
  public record PalletWork(String pallet, long reads, long writes, long items) {
    /** This work's weight under {@code costs}. */
    public Weight weight(WeightCosts costs) {
      return costs.of(reads, writes, items);
    }
  }
}
