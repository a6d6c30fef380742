package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import java.util.Arrays;

/**
 * Where a {@link PackedLayout} writes one value: variable-length integers (LEB128, zigzag for
 * signed values), differences, amounts with trailing zeros, strings, CIDs, deal id sets, enum
 * constants, and references. Every encoding is exact: {@link PackedReader} reads back what was
 * written, for any value ({@code Long.MIN_VALUE}, {@code null} objects, strings with unpaired
 * surrogates).
 */
public final class PackedWriter {
  private byte[] buf = new byte[96];
  private int pos;
  private Object[] refs = new Object[2];
  private int refCount;

  PackedWriter() {}

  void reset() {
    pos = 0;
    refCount = 0;
  }

  byte[] bytes() {
    return buf;
  }

  int length() {
    return pos;
  }

  Object[] refs() {
    return refs;
  }

  int refCount() {
    return refCount;
  }

  private void room(int n) {
    if (buf.length - pos < n) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
  }

  /** One byte (the low eight bits of {@code b}). */
  public void writeByte(int b) {
    room(1);
    buf[pos++] = (byte) b;
  }

  /** A boolean as one byte. */
  public void writeBoolean(boolean b) {
    writeByte(b ? 1 : 0);
  }

  /** {@code v} as an unsigned LEB128 varint: 1 byte below 128, at most 10. */
  public void writeVarLong(long v) {
    room(10);
    while ((v & ~0x7fL) != 0) {
      buf[pos++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  /** {@code v} zigzag-encoded as a varint: small magnitudes of either sign stay short. */
  public void writeSignedVarLong(long v) {
    writeVarLong((v << 1) ^ (v >> 63));
  }

  /**
   * {@code v} as its difference from {@code base} (zigzag varint, wrapping: exact for any two
   * values): a block number near another, a sector number near its key.
   */
  public void writeDelta(long v, long base) {
    writeSignedVarLong(v - base);
  }

  /**
   * {@code v} as its number of trailing zero bits and what is left (a zigzag varint): two bytes for
   * a power of two such as a sector or piece size, short for a deal weight that is a size times a
   * duration. Zero is one byte.
   */
  public void writeScaledLong(long v) {
    int tz = Long.numberOfTrailingZeros(v);
    writeByte(tz);
    if (tz < 64) writeSignedVarLong(v >> tz);
  }

  /**
   * A string exactly, or {@code null}: its length and its characters, one byte each when all are
   * below 256, else two.
   */
  public void writeString(String s) {
    if (s == null) {
      writeVarLong(0);
      return;
    }
    int n = s.length();
    boolean narrow = true;
    for (int i = 0; i < n && narrow; i++) narrow = s.charAt(i) < 0x100;
    writeVarLong((((long) n << 1) | (narrow ? 0 : 1)) + 1);
    room(narrow ? n : 2 * n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!narrow) buf[pos++] = (byte) (c >>> 8);
      buf[pos++] = (byte) c;
    }
  }

  /**
   * A CID, or {@code null}: one byte naming its prefix (the unsealed and sealed commitment prefixes
   * of Filecoin are one byte; any other codec and multihash follow as varints), then the 32-byte
   * digest.
   */
  public void writeCid(Cid c) {
    if (c == null) {
      writeByte(0);
      return;
    }
    if (c.isUnsealedCommitment()) {
      writeByte(1);
    } else if (c.isSealedCommitment()) {
      writeByte(2);
    } else {
      writeByte(3);
      writeVarLong(Integer.toUnsignedLong(c.codec()));
      writeVarLong(Integer.toUnsignedLong(c.multihash()));
    }
    room(32);
    for (int i = 0; i < 4; i++) {
      long w = c.digestWord(i);
      for (int k = 7; k >= 0; k--) buf[pos + k] = (byte) (w >>> (8 * (7 - k)));
      pos += 8;
    }
  }

  /** A set of deal ids, or {@code null}: its size, its first id, then the gaps between ids. */
  public void writeDealIds(DealIds ids) {
    if (ids == null) {
      writeVarLong(0);
      return;
    }
    int n = ids.size();
    writeVarLong(n + 1L);
    long previous = 0;
    for (int i = 0; i < n; i++) {
      long id = ids.get(i);
      if (i == 0) writeSignedVarLong(id);
      else writeVarLong(id - previous);
      previous = id;
    }
  }

  /** An enum constant, or {@code null}: its ordinal plus one. */
  public void writeEnum(Enum<?> e) {
    writeVarLong(e == null ? 0 : e.ordinal() + 1L);
  }

  /**
   * A reference to {@code o} ({@code null} allowed), kept as the object itself: one byte in the
   * value, the object once per leaf. A layout writes exactly {@link PackedLayout#references()}.
   */
  public void writeRef(Object o) {
    if (refCount == refs.length) refs = Arrays.copyOf(refs, refs.length * 2);
    refs[refCount++] = o;
  }
}
