package dev.palletsim.frame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A {@link StateHashed} immutable value that computes its hash on first use and keeps it (issue 16:
 * a value written several times in a block is hashed once, at the state hash, if at all).
 *
 * <p>Safe to share between threads: the hash is a pure function of the value's final fields, so two
 * threads that compute it concurrently get the same result (a benign race); it is written before
 * the flag that says it is there, with release semantics, and the flag is read with acquire
 * semantics, so a reader that sees the flag sees the hash.
 */
public abstract class CachedStateHash implements StateHashed {
  private static final VarHandle HASHED;

  static {
    try {
      HASHED = MethodHandles.lookup().findVarHandle(CachedStateHash.class, "hashed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private long hash;

  @SuppressWarnings("unused") // accessed through HASHED
  private boolean hashed;

  /** A value whose hash is computed when first asked. */
  protected CachedStateHash() {}

  /** A value whose hash is known to be {@code hash} (not checked). */
  protected CachedStateHash(long hash) {
    this.hash = hash;
    this.hashed = true;
  }

  /** Computes the hash; called at most once per thread that finds none cached. */
  protected abstract long computeStateHash();

  @Override
  public final long stateHash() {
    if ((boolean) HASHED.getAcquire(this)) return hash;
    long h = computeStateHash();
    hash = h;
    HASHED.setRelease(this, true);
    return h;
  }
}
