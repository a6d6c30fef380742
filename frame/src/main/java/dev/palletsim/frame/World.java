package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Bytes;
import io.vavr.collection.HashMap;
import io.vavr.collection.Seq;

/**
 * All chain state, as one immutable value (ARCHITECTURE §3): a persistent map from each storage
 * item's key ({@code Pallet.Item}) to its root. A snapshot or a fork is keeping the reference:
 * O(1), whatever the state's size. Reading a world is unmetered; pallets read and write through a
 * {@link Tx}.
 *
 * <p>The {@linkplain #stateHash() state hash} is a 64-bit multiset hash: the sum over items of a
 * hash of the item key and the item root, where each root maintains its own hash incrementally. It
 * is order-independent (the same contents give the same hash however they were reached) and
 * computed in O(number of items) plus the writes not yet hashed: roots hash their entries lazily,
 * each key written since the last state hash once (issue 16; see {@link MapRoot}). It is a
 * fingerprint for tests and determinism checks, not a Merkle root: it proves nothing to a light
 * client.
 *
 * <p>A world is an immutable value, safe to share between threads: its roots are reached through a
 * final field, and the cached hash is a benign race (a pure function of the roots, published as an
 * immutable {@code Long}).
 */
public final class World implements StateView {
  private static final World EMPTY = new World(HashMap.empty());

  private final HashMap<String, Object> roots;
  private Long hash;

  World(HashMap<String, Object> roots) {
    this.roots = roots;
  }

  /** The world with no state at all. */
  public static World empty() {
    return EMPTY;
  }

  @Override
  public Object root(StorageItem<?> item) {
    return roots.getOrElse(item.key(), null);
  }

  /**
   * The root of the item with key {@code itemKey} ({@code Pallet.Item}), or {@code null}: for tools
   * that address storage by name (scenario files, reports). Pallet code uses the typed items.
   */
  public Object rootByKey(String itemKey) {
    return roots.getOrElse(itemKey, null);
  }

  HashMap<String, Object> roots() {
    return roots;
  }

  /** The keys of the items holding state, sorted. */
  public Seq<String> itemKeys() {
    return roots.keySet().toList().sorted();
  }

  /**
   * The hashes of item keys ({@code Market.Proposals}), a pure function of the key kept across
   * worlds and threads: every block's state hash would otherwise hash every item's name again. Item
   * keys are the runtime's declared storage items, a few hundred; past {@link #KEY_HASHES_KEPT}
   * keys are hashed without being kept.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Long> KEY_HASHES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int KEY_HASHES_KEPT = 4096;

  private static long itemKeyHash(String key) {
    Long h = KEY_HASHES.get(key);
    if (h != null) return h;
    long computed = StateHasher.ofString(key);
    if (KEY_HASHES.size() < KEY_HASHES_KEPT) KEY_HASHES.putIfAbsent(key, computed);
    return computed;
  }

  /** The 64-bit state hash; see the class comment. */
  public long stateHash() {
    Long h = hash;
    if (h == null) {
      long sum = 0;
      for (var e : roots) {
        sum += Bytes.mix(itemKeyHash(e._1), StateHasher.hash(e._2));
      }
      h = Bytes.fmix(sum ^ roots.size());
      hash = h;
    }
    return h;
  }

  /** The state hash as 16 hex digits. */
  public String stateHashHex() {
    return String.format("%016x", stateHash());
  }

  /** The hash of one item's root (0 when empty): for pinpointing what differs between worlds. */
  public long itemHash(String itemKey) {
    Object r = roots.getOrElse(itemKey, null);
    return r == null ? 0 : StateHasher.hash(r);
  }

  @Override
  public String toString() {
    return "World[" + roots.size() + " items, hash " + stateHashHex() + "]";
  }
}
