package dev.palletsim.frame;

/**
 * Read access to storage: implemented by {@link World} (a committed state, unmetered) and by {@link
 * Tx} (a transaction in progress: reads see its own writes and are metered). Storage items read
 * through it: {@code MarketStorage.PROPOSALS.get(view, id)}.
 */
public interface StateView {
  /**
   * The root object of {@code item} (the stored value, or the persistent collection behind a map),
   * or {@code null} when the item holds nothing.
   */
  Object root(StorageItem<?> item);

  /** Counts {@code n} additional storage reads against {@code item}'s pallet (for iteration). */
  default void meterReads(StorageItem<?> item, long n) {}
}
