package dev.palletsim.sim;

/** Told after every block of a run, for progress bars. */
@FunctionalInterface
public interface ProgressListener {
  /** {@code done} of {@code total} blocks have run. */
  void progress(long done, long total);

  /** A listener that does nothing. */
  ProgressListener NONE = (d, t) -> {};
}
