package dev.palletsim.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * Thirty-two consecutive slots of a {@link PackedRoot}, their values packed back to back in one
 * byte array: an immutable value, rewritten (copied) on every change, so a write costs a copy of
 * one leaf, a few hundred bytes to a few kilobytes.
 *
 * <p>{@code data} starts with a table of each slot's end offset (two bytes each, four when the leaf
 * is larger than 64 KiB), then the values in slot order; an empty slot ends where the one before it
 * does. A value is its layout's reference indexes (one byte each) followed by its bytes; the
 * indexes point into {@code refs}, the distinct references the leaf's values use (values that are
 * gone may leave unused ones behind, until a write finds the table full and compacts it).
 */
final class PackedLeaf {
  static final int SHIFT = 5;
  static final int SLOTS = 1 << SHIFT;
  static final int MASK = SLOTS - 1;

  private static final int NARROW_HEADER = 2 * SLOTS;
  private static final int WIDE_HEADER = 4 * SLOTS;
  private static final int MAX_REFS = 255;
  private static final Object[] NO_REFS = new Object[0];

  /** Bit {@code i}: slot {@code i} holds a value. */
  final int present;

  final byte[] data;
  final Object[] refs;

  private PackedLeaf(int present, byte[] data, Object[] refs) {
    this.present = present;
    this.data = data;
    this.refs = refs;
  }

  /** A leaf holding only {@code value} (a writer's bytes and references) in {@code slot}. */
  static PackedLeaf of(int slot, PackedWriter value, int references) {
    byte[] empty = new byte[NARROW_HEADER]; // every slot ends where the offsets do
    for (int i = 0; i < SLOTS; i++) empty[2 * i + 1] = (byte) NARROW_HEADER;
    return new PackedLeaf(0, empty, NO_REFS).with(slot, value, references);
  }

  int count() {
    return Integer.bitCount(present);
  }

  boolean has(int slot) {
    return (present & (1 << slot)) != 0;
  }

  private boolean wide() {
    return data.length > 0xffff;
  }

  private int header() {
    return wide() ? WIDE_HEADER : NARROW_HEADER;
  }

  /** The end offset of {@code slot}'s value in {@code data}. */
  private int end(int slot) {
    if (wide()) {
      int o = 4 * slot;
      return ((data[o] & 0xff) << 24)
          | ((data[o + 1] & 0xff) << 16)
          | ((data[o + 2] & 0xff) << 8)
          | (data[o + 3] & 0xff);
    }
    return ((data[2 * slot] & 0xff) << 8) | (data[2 * slot + 1] & 0xff);
  }

  private int start(int slot) {
    return slot == 0 ? header() : end(slot - 1);
  }

  /** The value in {@code slot}, which must hold one. */
  <V> V read(PackedLayout<V> layout, long key, int slot) {
    int s = start(slot);
    int refs = layout.references();
    return layout.read(key, new PackedReader(data, s, s + refs, end(slot), this.refs));
  }

  /**
   * This leaf with {@code slot} holding the value {@code w} wrote, whose layout writes {@code
   * references} references.
   */
  PackedLeaf with(int slot, PackedWriter w, int references) {
    if (w.refCount() != references) {
      throw new IllegalStateException(
          "a layout wrote " + w.refCount() + " references, not the " + references + " it declares");
    }
    Object[] table = refs;
    byte[] indexes = new byte[references];
    int needed = 0;
    for (int r = 0; r < references; r++) {
      if (indexOf(table, w.refs()[r]) < 0) needed++;
    }
    // 32 values of at most 7 references each always fit once unused references are dropped
    if (table.length + needed > MAX_REFS)
      return compacted(slot, references).with(slot, w, references);
    for (int r = 0; r < references; r++) {
      Object o = w.refs()[r];
      int i = indexOf(table, o);
      if (i < 0) {
        table = Arrays.copyOf(table, table.length + 1);
        i = table.length - 1;
        table[i] = o;
      }
      indexes[r] = (byte) i;
    }
    int length = references + w.length();
    byte[] value = new byte[length];
    System.arraycopy(indexes, 0, value, 0, references);
    System.arraycopy(w.bytes(), 0, value, references, w.length());
    return replace(slot, value, table, present | (1 << slot));
  }

  /** This leaf without {@code slot}'s value; {@code null} when no value is left. */
  PackedLeaf without(int slot) {
    if (!has(slot)) return this;
    int rest = present & ~(1 << slot);
    return rest == 0 ? null : replace(slot, new byte[0], refs, rest);
  }

  /** A copy with slot {@code slot}'s bytes replaced by {@code value}. */
  private PackedLeaf replace(int slot, byte[] value, Object[] table, int nowPresent) {
    int oldHeader = header();
    int s = start(slot);
    int e = end(slot);
    int payload = data.length - oldHeader - (e - s) + value.length;
    int newHeader = NARROW_HEADER + payload > 0xffff ? WIDE_HEADER : NARROW_HEADER;
    byte[] out = new byte[newHeader + payload];
    int shiftBefore = newHeader - oldHeader;
    int shiftAfter = shiftBefore + value.length - (e - s);
    System.arraycopy(data, oldHeader, out, newHeader, s - oldHeader);
    System.arraycopy(value, 0, out, newHeader + s - oldHeader, value.length);
    System.arraycopy(data, e, out, newHeader + s - oldHeader + value.length, data.length - e);
    for (int i = 0; i < SLOTS; i++) {
      int end = end(i) + (i < slot ? shiftBefore : shiftAfter);
      if (newHeader == WIDE_HEADER) {
        out[4 * i] = (byte) (end >>> 24);
        out[4 * i + 1] = (byte) (end >>> 16);
        out[4 * i + 2] = (byte) (end >>> 8);
        out[4 * i + 3] = (byte) end;
      } else {
        out[2 * i] = (byte) (end >>> 8);
        out[2 * i + 1] = (byte) end;
      }
    }
    return new PackedLeaf(nowPresent, out, table);
  }

  /**
   * This leaf with its reference table holding only what the values other than {@code skip}'s use
   * (their indexes renumbered); {@code skip}'s value is about to be replaced.
   */
  private PackedLeaf compacted(int skip, int references) {
    Object[] table = new Object[0];
    byte[] out = data.clone();
    for (int slot = 0; slot < SLOTS; slot++) {
      if (!has(slot) || slot == skip) continue;
      int s = start(slot);
      for (int r = 0; r < references; r++) {
        Object o = refs[data[s + r] & 0xff];
        int i = indexOf(table, o);
        if (i < 0) {
          table = Arrays.copyOf(table, table.length + 1);
          i = table.length - 1;
          table[i] = o;
        }
        out[s + r] = (byte) i;
      }
    }
    return new PackedLeaf(present, out, table); // skip's indexes are stale: it is rewritten next
  }

  private static int indexOf(Object[] table, Object o) {
    for (int i = 0; i < table.length; i++) {
      if (table[i] == o) return i;
    }
    for (int i = 0; i < table.length; i++) {
      if (Objects.equals(table[i], o)) return i;
    }
    return -1;
  }

  /**
   * Whether {@code other} holds the same values: the same slots, the same bytes and equal
   * references (whatever their places in the tables).
   */
  boolean sameValues(PackedLeaf other, int references) {
    if (present != other.present) return false;
    for (int slot = 0; slot < SLOTS; slot++) {
      if (!has(slot)) continue;
      int s = start(slot);
      int e = end(slot);
      int os = other.start(slot);
      int oe = other.end(slot);
      if (e - s != oe - os) return false;
      for (int r = 0; r < references; r++) {
        if (!Objects.equals(refs[data[s + r] & 0xff], other.refs[other.data[os + r] & 0xff])) {
          return false;
        }
      }
      if (!Arrays.equals(data, s + references, e, other.data, os + references, oe)) return false;
    }
    return true;
  }

  /** The number of bytes of {@code slot}'s value, reference indexes included (for tests). */
  int valueBytes(int slot) {
    return end(slot) - start(slot);
  }
}
