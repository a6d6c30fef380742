package dev.palletsim.frame;

/**
 * The one early-return mechanism of every pallet (FRAME's {@code ?} and {@code ensure!}): thrown by
 * {@link Ensure}, {@link Checked} and coupling calls, caught at the dispatch boundary and turned
 * into a failed call. It never escapes the public API. It carries no stack trace: it is control
 * flow, not a crash.
 */
public final class DispatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient DispatchError error;

  /** An early return with {@code error}. */
  public DispatchException(DispatchError error) {
    super(error.describe(), null, false, false);
    this.error = error;
  }

  /** The error the call fails with. */
  public DispatchError error() {
    return error;
  }
}
