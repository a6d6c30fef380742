package dev.palletsim.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The hash of a keyed root ({@link MapRoot}, {@link IndexedStorageMap.Root}): the wrapping sum of
 * {@link StateHasher#entry} over its entries, folded in lazily (issue 16). A write does no hashing:
 * the new root records the key, the value it replaced and the value it wrote in a log shared with
 * its predecessors. The first read of the sum hashes each key in the log once, however often it was
 * written (its last value written, and its value when the log began), and caches the result; the
 * next write then starts a new log from that sum. A block's writes are thus hashed once, at the
 * block's state hash.
 *
 * <p>Thread safety: the sum is a pure function of final state (the root's contents, the base sum
 * and the log, which are immutable), so two threads that resolve the same root concurrently compute
 * the same value: a benign race. The result is written before the log is dropped with release
 * semantics, and the log is read with acquire semantics, so a reader that sees no log sees the
 * result. The log and the sum are ordinary fields set in the constructor: like every root they are
 * seen complete by a thread that reaches the root through a {@link World} (whose map of roots is a
 * final field, JLS 17.5) or through any other happens-before edge.
 */
abstract class EntrySum {
  /** Stands for "no entry" in the log: a key that had no value, or has none now. */
  static final Object ABSENT = new Object();

  private static final VarHandle LOG;

  static {
    try {
      LOG = MethodHandles.lookup().findVarHandle(EntrySum.class, "log", Write.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The sum over the entries as they were when the log began. */
  private final long base;

  /** The writes since {@link #base}, newest first; {@code null} once {@link #sum} holds. */
  @SuppressWarnings("unused") // accessed through LOG
  private Write log;

  /** The sum over the entries now; valid when the log is {@code null}. */
  private long sum;

  /** A root whose sum is known. */
  EntrySum(long sum) {
    this.base = sum;
    this.sum = sum;
  }

  /**
   * A root that is {@code parent} with {@code key}'s entry replaced: {@code old} is what it was,
   * {@code now} what it is ({@link #ABSENT} for none).
   */
  EntrySum(EntrySum parent, Object key, Object old, Object now) {
    Write pending = parent.pending();
    if (pending == null) {
      this.base = parent.sum;
      this.log = new Write(key, old, now, null);
    } else {
      this.base = parent.base;
      this.log = new Write(key, old, now, pending);
    }
  }

  private Write pending() {
    return (Write) LOG.getAcquire(this);
  }

  /** The wrapping sum of {@link StateHasher#entry} over the entries, folding the log in first. */
  final long entrySum() {
    Write pending = pending();
    if (pending == null) return sum;
    long s = base;
    if (pending.next == null) {
      s += delta(pending.key, pending.old, pending.now);
    } else {
      s += foldDistinct(pending);
    }
    sum = s;
    LOG.setRelease(this, null);
    return s;
  }

  /**
   * The sum of the deltas of the distinct keys of {@code log}. Newest first: a key's first write
   * met is its value now, its last the value inside {@link #base}. The keys are collected in an
   * open-addressing table of three arrays (about twice as large as the log), cheaper than a hash
   * map of boxed pairs: this runs once per written root and block.
   */
  private static long foldDistinct(Write log) {
    int n = 0;
    for (Write w = log; w != null; w = w.next) n++;
    int capacity = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
    int mask = capacity - 1;
    Object[] keys = new Object[capacity];
    Object[] now = new Object[capacity];
    Object[] old = new Object[capacity];
    for (Write w = log; w != null; w = w.next) {
      int h = w.key.hashCode();
      int i = (h ^ (h >>> 16)) & mask;
      while (true) {
        Object k = keys[i];
        if (k == null) {
          keys[i] = w.key;
          now[i] = w.now;
          old[i] = w.old;
          break;
        }
        if (k == w.key || k.equals(w.key)) {
          old[i] = w.old;
          break;
        }
        i = (i + 1) & mask;
      }
    }
    long d = 0;
    for (int i = 0; i < capacity; i++) {
      if (keys[i] != null) d += delta(keys[i], old[i], now[i]);
    }
    return d;
  }

  /** Whether writes are waiting to be hashed (for tests). */
  final boolean hasPendingWrites() {
    return pending() != null;
  }

  private static long delta(Object key, Object old, Object now) {
    if (now == old) return 0;
    long k = StateHasher.entryKey(key); // the key's part of both entries, hashed once
    long d = 0;
    if (now != ABSENT) d += StateHasher.entryOf(k, now);
    if (old != ABSENT) d -= StateHasher.entryOf(k, old);
    return d;
  }

  /** One write: the key, the value it replaced and the value written ({@link #ABSENT}: none). */
  private record Write(Object key, Object old, Object now, Write next) {}
}
