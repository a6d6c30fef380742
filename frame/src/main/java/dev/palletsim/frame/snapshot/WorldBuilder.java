package dev.palletsim.frame.snapshot;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.StorageItem;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.primitives.H256;

/**
 * Rebuilds a world item by item from roots read back from a file, through a transaction as any
 * pallet writes its items: the world's own representation stays the world's business.
 */
final class WorldBuilder {
  private final Tx tx = Tx.begin(World.empty(), BlockContext.genesis(H256.ZERO), new WeightMeter());

  /** Sets the root of the item with key {@code key} ({@code Pallet.Item}). */
  void put(String key, Object root) {
    int dot = key.indexOf('.');
    if (dot <= 0 || dot == key.length() - 1) {
      throw new IllegalArgumentException("not a storage item key: " + key);
    }
    new Item(key.substring(0, dot), key.substring(dot + 1)).set(tx, root);
  }

  /** The world built so far. */
  World build() {
    return tx.commit();
  }

  /** A storage item known by its key only, to set a root read back from a file. */
  private static final class Item extends StorageItem<Object> {
    Item(String pallet, String name) {
      super(pallet, name);
    }

    void set(Tx tx, Object root) {
      setRoot(tx, root);
    }
  }
}
