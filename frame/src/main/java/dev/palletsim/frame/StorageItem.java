package dev.palletsim.frame;

/**
 * A storage item declared by a pallet: a pallet prefix and an item name ({@code Market.Proposals}),
 * as FRAME's {@code #[pallet::storage]}. The item holds one root object in the {@link World}; its
 * subclasses give typed access ({@link StorageValue}, {@link StorageMap}, {@link StorageDoubleMap},
 * {@link IndexedStorageMap}). Empty items hold no root, so two worlds with the same contents have
 * the same state hash however they were reached.
 *
 * @param <R> the type of the root object
 */
public abstract class StorageItem<R> {
  private final String pallet;
  private final String name;
  private final String key;

  /** An item {@code name} of {@code pallet}. */
  protected StorageItem(String pallet, String name) {
    if (pallet == null || pallet.isEmpty() || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a storage item needs a pallet prefix and a name");
    }
    this.pallet = pallet;
    this.name = name;
    this.key = pallet + "." + name;
  }

  /** The pallet prefix. */
  public String pallet() {
    return pallet;
  }

  /** The item name. */
  public String name() {
    return name;
  }

  /** {@code Pallet.Item}: the item's key in the world. */
  public String key() {
    return key;
  }

  /** The item's root in {@code view}, or {@code null} when empty. */
  @SuppressWarnings("unchecked")
  protected final R rootIn(StateView view) {
    return (R) view.root(this);
  }

  /** Replaces the item's root in {@code tx}; {@code null} empties the item. */
  protected final void setRoot(Tx tx, R root) {
    tx.write(this, root);
  }

  @Override
  public String toString() {
    return key;
  }
}
