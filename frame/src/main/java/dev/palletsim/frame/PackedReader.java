package dev.palletsim.frame;

import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;

/**
 * Where a {@link PackedLayout} reads back, in the same order, what it wrote to a {@link
 * PackedWriter}.
 */
public final class PackedReader {
  private final byte[] data;
  private int pos;
  private final int end;
  private final Object[] table;
  private int refAt;

  /** The value in {@code data[refStart, end)}: its reference indexes, then its bytes from pos. */
  PackedReader(byte[] data, int refStart, int pos, int end, Object[] table) {
    this.data = data;
    this.refAt = refStart;
    this.pos = pos;
    this.end = end;
    this.table = table;
  }

  /** Whether every byte of the value has been read (for layouts' tests). */
  public boolean atEnd() {
    return pos == end;
  }

  /** One byte, 0 to 255. */
  public int readByte() {
    if (pos >= end) throw new IllegalStateException("read past the end of a packed value");
    return data[pos++] & 0xff;
  }

  /** A boolean. */
  public boolean readBoolean() {
    return readByte() != 0;
  }

  /** An unsigned varint. */
  public long readVarLong() {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    throw new IllegalStateException("a packed number is longer than 10 bytes");
  }

  /** A zigzag varint. */
  public long readSignedVarLong() {
    long z = readVarLong();
    return (z >>> 1) ^ -(z & 1);
  }

  /** A value written by {@link PackedWriter#writeDelta} against {@code base}. */
  public long readDelta(long base) {
    return base + readSignedVarLong();
  }

  /** A value written by {@link PackedWriter#writeScaledLong}. */
  public long readScaledLong() {
    int tz = readByte();
    if (tz >= 64) return 0;
    return readSignedVarLong() << tz;
  }

  /** A string written by {@link PackedWriter#writeString}. */
  public String readString() {
    long h = readVarLong();
    if (h == 0) return null;
    h--;
    int n = (int) (h >>> 1);
    boolean narrow = (h & 1) == 0;
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = narrow ? (char) readByte() : (char) ((readByte() << 8) | readByte());
    }
    return new String(c);
  }

  /** A CID written by {@link PackedWriter#writeCid}. */
  public Cid readCid() {
    int kind = readByte();
    int codec;
    int multihash;
    switch (kind) {
      case 0:
        return null;
      case 1:
        codec = Cid.FIL_COMMITMENT_UNSEALED;
        multihash = Cid.SHA2_256_TRUNC254_PADDED;
        break;
      case 2:
        codec = Cid.FIL_COMMITMENT_SEALED;
        multihash = Cid.POSEIDON_BLS12_381_A2_FC1;
        break;
      default:
        codec = (int) readVarLong();
        multihash = (int) readVarLong();
    }
    if (end - pos < 32) throw new IllegalStateException("read past the end of a packed value");
    long[] w = new long[4];
    for (int i = 0; i < 4; i++) {
      long x = 0;
      for (int k = 0; k < 8; k++) x = (x << 8) | (data[pos++] & 0xff);
      w[i] = x;
    }
    return Cid.ofWords(codec, multihash, w[0], w[1], w[2], w[3]);
  }

  /** A set of deal ids written by {@link PackedWriter#writeDealIds}. */
  public DealIds readDealIds() {
    long h = readVarLong();
    if (h == 0) return null;
    int n = (int) (h - 1);
    if (n == 0) return DealIds.empty();
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) ids[i] = i == 0 ? readSignedVarLong() : ids[i - 1] + readVarLong();
    return DealIds.of(ids);
  }

  /** An enum constant written by {@link PackedWriter#writeEnum}, one of {@code constants}. */
  public <E extends Enum<E>> E readEnum(E[] constants) {
    long i = readVarLong();
    return i == 0 ? null : constants[(int) (i - 1)];
  }

  /** The next reference written by {@link PackedWriter#writeRef}. */
  public Object readRef() {
    return table[data[refAt++] & 0xff];
  }

  /** The next reference, as {@code type}. */
  public <T> T readRef(Class<T> type) {
    return type.cast(readRef());
  }
}
