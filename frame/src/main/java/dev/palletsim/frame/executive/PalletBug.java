package dev.palletsim.frame.executive;

/**
 * Thrown when an exception other than a dispatch failure escapes a pallet and the runtime is
 * configured to fail on bugs (the default). The world is left as it was before the failing call or
 * hook; the cause is the escaped exception.
 */
public final class PalletBug extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PalletBug(String where, Throwable cause) {
    super("bug in " + where + ": " + cause, cause);
  }
}
