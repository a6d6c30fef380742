package dev.palletsim.frame;

/**
 * How the values of a storage map with dense {@code long} keys are packed into bytes (a {@link
 * PackedRoot}): what lets the market hold 10^7 deals and the storage provider 10^6 sectors in a few
 * dozen bytes each instead of an object graph several times the size of its fields (issue 16,
 * docs/performance.md). The map stores what {@link #write} produces and gives back what {@link
 * #read} makes of it, so a layout must read back a value <em>equal</em> to the one written, with
 * the same state hash, for every value the pallet can store (any component values, {@code null}
 * components included where the type allows them): the map's hash is computed over the values, so
 * packing never changes a state hash. A layout is stateless.
 *
 * <p>Values are written as variable-length integers ({@link PackedWriter}); object references that
 * should stay shared (accounts, which are interned) are written with {@link PackedWriter#writeRef}
 * exactly {@link #references()} times per value and cost one byte each: the leaf holding 32 values
 * keeps a table of the distinct references they use.
 *
 * <p>Saved chains name the layout by class and rebuild packed maps value by value through it, so a
 * layout class has a public no-argument constructor.
 *
 * @param <V> the type of the values
 */
public interface PackedLayout<V> {
  /** The object references {@link #write} writes per value: 0 to 7. */
  default int references() {
    return 0;
  }

  /** Writes {@code value}, stored at {@code key} (which it may use, e.g. to write a difference). */
  void write(long key, V value, PackedWriter out);

  /** Reads the value stored at {@code key} that {@link #write} wrote. */
  V read(long key, PackedReader in);
}
