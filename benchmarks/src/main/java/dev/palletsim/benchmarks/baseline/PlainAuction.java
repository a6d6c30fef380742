package dev.palletsim.benchmarks.baseline;

import dev.palletsim.frame.primitives.Bytes;

/**
 * The baseline of benchmark 6: the three auction strategies of collator selection over plain arrays
 * (powers as {@code long[]}, each candidate's account reduced to its 64-bit state hash, which is
 * all the seeded draws use; ties broken by that hash instead of the account bytes), with the same
 * steps as the pallet's: {@code proportional} caps the certain winners among the top {@code k},
 * orders the rest by a seeded hash and samples systematically from a seeded start ({@code long}
 * arithmetic instead of {@code BigInteger}: the benchmark keeps {@code k · Σ power} below 2^63);
 * {@code successive-sampling} keeps the {@code k} largest A-Res keys {@code ln(u)/w} in a heap;
 * {@code top-power} the {@code k} largest powers.
 */
public final class PlainAuction {
  private static final long ORDER = 0x6f72646572L;
  private static final long START = 0x7374617274L;
  private static final long ARES = 0x612d726573L;

  private final long[] power;
  private final long[] account;
  private final long[] keys;
  private final int[] idx;
  private final double[] dkeys;
  private final int[] heap;

  /** Candidates with powers {@code power} and account hashes {@code account}. */
  public PlainAuction(long[] power, long[] account) {
    this.power = power.clone();
    this.account = account.clone();
    this.keys = new long[power.length];
    this.idx = new int[power.length];
    this.dkeys = new double[power.length];
    this.heap = new int[power.length + 1];
  }

  /** Selects up to {@code k} candidates with {@code strategy} and {@code seed} into {@code out}. */
  public int select(String strategy, int k, long seed, int[] out) {
    return switch (strategy) {
      case "proportional" -> proportional(k, seed, out);
      case "successive-sampling" -> successive(k, seed, out);
      case "top-power" -> topPower(k, out);
      default -> throw new IllegalArgumentException(strategy);
    };
  }

  private int topPower(int k, int[] out) {
    int n = topK(k, false);
    for (int i = 0; i < n; i++) out[i] = heap[i];
    sortByPowerDesc(out, n);
    return n;
  }

  private int proportional(int k, long seed, int[] out) {
    int n = power.length;
    if (n <= k) return topPower(k, out);
    long open = 0;
    for (long w : power) open = Math.addExact(open, w);
    int top = topK(k, false);
    int[] ranked = new int[top];
    System.arraycopy(heap, 0, ranked, 0, top);
    sortByPowerDesc(ranked, top);
    int seats = k;
    int chosen = 0;
    boolean[] capped = new boolean[n];
    for (int r = 0; r < top; r++) {
      int c = ranked[r];
      if (Math.multiplyExact((long) seats, power[c]) < open) break;
      out[chosen++] = c;
      capped[c] = true;
      seats--;
      open -= power[c];
    }
    if (seats == 0) return chosen;
    long base = Bytes.fmix(seed ^ Bytes.fmix(ORDER));
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (capped[i]) continue;
      keys[m] = Bytes.mix(Bytes.mix(base, account[i]), ORDER) ^ Long.MIN_VALUE;
      idx[m++] = i;
    }
    sort(keys, idx, 0, m - 1);
    long r = Bytes.mix(Bytes.mix(Bytes.fmix(seed ^ Bytes.fmix(START)), 0), START);
    long point = Math.multiplyHigh(r, open) + ((r >> 63) & open);
    long end = 0;
    int left = seats;
    for (int j = 0; j < m && left > 0; j++) {
      end += seats * power[idx[j]];
      if (Long.compareUnsigned(point, end) < 0) {
        out[chosen++] = idx[j];
        point += open;
        left--;
      }
    }
    return chosen;
  }

  private int successive(int k, long seed, int[] out) {
    long base = Bytes.fmix(seed ^ Bytes.fmix(ARES));
    for (int i = 0; i < power.length; i++) {
      long bits = Bytes.mix(Bytes.mix(base, account[i]), ARES);
      dkeys[i] = Math.log(((bits >>> 11) + 0.5) * 0x1.0p-53) / power[i];
    }
    int n = topK(k, true);
    for (int i = 0; i < n; i++) out[i] = heap[i];
    return n;
  }

  /** Keeps the {@code k} best candidates in {@code heap[0..k)} (by A-Res key or by power). */
  private int topK(int k, boolean byKey) {
    int size = 0;
    for (int i = 0; i < power.length; i++) {
      if (size < k) {
        heap[size++] = i;
        siftUp(size - 1, byKey);
      } else if (better(i, heap[0], byKey)) {
        heap[0] = i;
        siftDown(size, byKey);
      }
    }
    return size;
  }

  private boolean better(int a, int b, boolean byKey) {
    if (byKey) {
      return dkeys[a] > dkeys[b] || (dkeys[a] == dkeys[b] && account[a] < account[b]);
    }
    return power[a] > power[b] || (power[a] == power[b] && account[a] < account[b]);
  }

  private void siftUp(int i, boolean byKey) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!better(heap[p], heap[i], byKey)) break;
      int t = heap[p];
      heap[p] = heap[i];
      heap[i] = t;
      i = p;
    }
  }

  private void siftDown(int size, boolean byKey) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) return;
      int worst = l;
      if (l + 1 < size && better(heap[l], heap[l + 1], byKey)) worst = l + 1;
      if (!better(heap[i], heap[worst], byKey)) return;
      int t = heap[i];
      heap[i] = heap[worst];
      heap[worst] = t;
      i = worst;
    }
  }

  private void sortByPowerDesc(int[] a, int n) {
    for (int i = 1; i < n; i++) {
      int x = a[i];
      int j = i - 1;
      while (j >= 0 && better(x, a[j], false)) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  }

  /** Sorts {@code k[lo..hi]} ascending, carrying {@code v} along (quicksort). */
  private static void sort(long[] k, int[] v, int lo, int hi) {
    while (lo < hi) {
      long pivot = k[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (k[i] < pivot) i++;
        while (k[j] > pivot) j--;
        if (i <= j) {
          long tk = k[i];
          k[i] = k[j];
          k[j] = tk;
          int tv = v[i];
          v[i] = v[j];
          v[j] = tv;
          i++;
          j--;
        }
      }
      if (j - lo < hi - i) {
        sort(k, v, lo, j);
        lo = i;
      } else {
        sort(k, v, i, hi);
        hi = j;
      }
    }
  }
}
