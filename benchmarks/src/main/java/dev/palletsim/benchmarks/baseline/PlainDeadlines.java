package dev.palletsim.benchmarks.baseline;

import dev.palletsim.benchmarks.network.BlockWindow;
import dev.palletsim.frame.World;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.storageprovider.Deadline;
import dev.palletsim.storageprovider.DeadlineInfo;
import dev.palletsim.storageprovider.Partition;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.storageprovider.StorageProviderState;
import dev.palletsim.storageprovider.StorageProviderStorage;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of benchmark 4: the deadlines a window of blocks closes, as plain bitsets over
 * sector numbers (one {@code long} per 64 sectors) and primitive arrays, closed with the same
 * arithmetic as the pallet's deadline cron: for every partition, the live sectors ({@code sectors ∧
 * ¬terminated}); if any, the continued faults ({@code faults ∧ ¬prepaid}) counted, and, without a
 * PoSt, every live sector not yet faulty marked faulty and counted; the prepaid faults cleared; the
 * expiration queue's due entries popped; the PoSt marks cleared; the provider enrolled at its next
 * deadline's last block. Filled from the recorded worlds, so both sides close the same deadlines of
 * the same partitions.
 */
public final class PlainDeadlines {
  /** One partition's sector sets as bitsets. */
  private static final class Bits {
    final long[] sectors;
    final long[] terminated;
    final long[] faults;
    final long[] prepaid;
    final long[] unproven;
    final long[] expirationKeys;
    final boolean posted;

    Bits(Partition p, boolean posted, int words) {
      this.sectors = bits(p.sectors(), words);
      this.terminated = bits(p.terminated(), words);
      this.faults = bits(p.faults(), words);
      this.prepaid = bits(p.prepaidFaults(), words);
      this.unproven = bits(p.unproven(), words);
      this.expirationKeys =
          p.expirations().entries().keySet().toJavaStream().mapToLong(Long::longValue).toArray();
      this.posted = posted;
    }
  }

  /** One deadline to close: its partitions, its last block and the next one. */
  private record Close(Bits[] partitions, long last, long nextLast) {}

  private final Close[][] closes;
  private final long[] scratch;
  private final long[] enrolledAt;
  private int enrolled;

  /** The deadlines {@code sp}'s cron closes in each block of {@code hook} (its recorded cron). */
  public PlainDeadlines(BlockWindow.Finalizes hook, StorageProviderPallet sp) {
    closes = new Close[hook.worlds().length][];
    int maxWords = 1;
    for (int b = 0; b < closes.length; b++) {
      World w = hook.worlds()[b];
      long now = hook.contexts()[b].number();
      List<Close> list = new ArrayList<>();
      for (var entry : StorageProviderStorage.DEADLINE_CRON.entriesUpTo(w, now)) {
        for (AccountId owner : entry._2) {
          StorageProviderState st = sp.provider(w, owner).get();
          DeadlineInfo dl =
              new DeadlineInfo(sp.schedule(), now, st.provingPeriodStart(), st.currentDeadline());
          Deadline d = sp.deadline(w, owner, dl.index());
          long maxSector = st.liveSectors() + 64;
          for (var s : sp.sectors(w, owner)) maxSector = Math.max(maxSector, s.sectorNumber());
          int words = (int) (maxSector / 64 + 1);
          maxWords = Math.max(maxWords, words);
          Bits[] parts = new Bits[d.partitionCount()];
          for (int p = 0; p < parts.length; p++) {
            parts[p] = new Bits(sp.partition(w, owner, dl.index(), p).get(), d.isPosted(p), words);
          }
          list.add(new Close(parts, dl.last(), dl.last() + sp.schedule().challengeWindow()));
        }
      }
      closes[b] = list.toArray(new Close[0]);
    }
    scratch = new long[maxWords];
    enrolledAt = new long[4096];
  }

  /** Closes the deadlines due in block {@code b} of the window; returns the partitions worked. */
  public long close(int b) {
    long work = 0;
    for (Close c : closes[b]) {
      long continued = 0;
      long detected = 0;
      for (Bits p : c.partitions()) {
        boolean live = false;
        for (int k = 0; k < p.sectors.length; k++) {
          scratch[k] = p.sectors[k] & ~p.terminated[k];
          live |= scratch[k] != 0;
        }
        if (!live) continue;
        work++;
        for (int k = 0; k < p.faults.length; k++) {
          continued += Long.bitCount(p.faults[k] & ~p.prepaid[k]);
        }
        if (!p.posted) {
          for (int k = 0; k < scratch.length && k < p.faults.length; k++) {
            detected += Long.bitCount(scratch[k] & ~p.faults[k]);
          }
        }
        int popped = 0;
        while (popped < p.expirationKeys.length && p.expirationKeys[popped] <= c.last()) popped++;
        work += popped;
      }
      enrolledAt[enrolled++ & (enrolledAt.length - 1)] = c.nextLast() + continued + detected;
    }
    return work;
  }

  /** The deadlines closed in block {@code b}. */
  public int closes(int b) {
    return closes[b].length;
  }

  private static long[] bits(BitField set, int words) {
    long[] out = new long[words];
    for (long s : set) out[(int) (s >>> 6)] |= 1L << (s & 63);
    return out;
  }
}
