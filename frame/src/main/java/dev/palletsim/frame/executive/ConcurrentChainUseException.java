package dev.palletsim.frame.executive;

/**
 * Thrown when a second thread calls into a {@link Chain} while another thread is inside it. A chain
 * is a handle over one moving state and is not thread-safe: rather than let two threads silently
 * overwrite each other's blocks and calls, the chain refuses the second caller before it changes
 * anything. Give each thread its own chain ({@link Chain#fork()} is O(1)) or hand a chain from one
 * thread to another between calls.
 */
public final class ConcurrentChainUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  ConcurrentChainUseException(String message) {
    super(message);
  }
}
