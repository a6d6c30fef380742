package dev.palletsim.storageprovider;

import dev.palletsim.frame.traits.ProofVerifier.Replica;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * One deadline's optimistically accepted Window PoSts (builtin-actors' {@code
 * optimistic_post_submissions} and {@code optimistic_post_submissions_snapshot}): those of the
 * window open now, and those of its last closed window by index. A deadline's close moves the first
 * into the second, replacing it; a successful dispute removes its PoSt from the second, leaving a
 * hole so that the others keep their indexes.
 *
 * @param current the PoSts of the open window, in submission order
 * @param snapshot the PoSts of the last closed window that may still be disputed, by index
 */
public record PoStSubmissions(
    Vector<WindowedPoSt> current, TreeMap<Integer, WindowedPoSt> snapshot) {
  /** No PoSts. */
  public static final PoStSubmissions EMPTY = new PoStSubmissions(Vector.empty(), TreeMap.empty());

  /** Whether nothing is kept. */
  public boolean isEmpty() {
    return current.isEmpty() && snapshot.isEmpty();
  }

  /**
   * These submissions with {@code post} recorded for the open window, at index {@code
   * current.size()}.
   */
  PoStSubmissions withRecorded(WindowedPoSt post) {
    return new PoStSubmissions(current.append(post), snapshot);
  }

  /** The window closed: its PoSts become the disputable snapshot, replacing the previous one. */
  PoStSubmissions closed() {
    TreeMap<Integer, WindowedPoSt> next = TreeMap.empty();
    for (int i = 0; i < current.size(); i++) next = next.put(i, current.get(i));
    return new PoStSubmissions(Vector.empty(), next);
  }

  /** The disputable PoSt at {@code index}, if it is still there. */
  Option<WindowedPoSt> disputable(int index) {
    return snapshot.get(index);
  }

  /** These submissions without the disputable PoSt at {@code index}. */
  PoStSubmissions withoutDisputable(int index) {
    return new PoStSubmissions(current, snapshot.remove(index));
  }

  /**
   * These submissions with every kept PoSt that proved one of {@code replicas} keeping its sealed
   * CID ({@link WindowedPoSt#keeping}), before the sector's record changes it or goes; these very
   * submissions if no kept PoSt proved any of them.
   */
  PoStSubmissions keeping(Seq<Replica> replicas) {
    Vector<WindowedPoSt> c = current.map(p -> p.keeping(replicas));
    TreeMap<Integer, WindowedPoSt> s = snapshot.mapValues(p -> p.keeping(replicas));
    boolean same =
        c.corresponds(current, (a, b) -> a == b)
            && s.values().corresponds(snapshot.values(), (a, b) -> a == b);
    return same ? this : new PoStSubmissions(c, s);
  }
}
