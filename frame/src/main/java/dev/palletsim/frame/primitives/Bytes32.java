package dev.palletsim.frame.primitives;

import dev.palletsim.frame.StateHashed;
import java.util.HexFormat;

/**
 * Thirty-two bytes held as four big-endian longs: the representation shared by {@link AccountId}
 * and {@link H256}. One small object per value, content equality within a type (an account never
 * equals a digest with the same bytes), an unsigned lexicographic order, and hashes that are the
 * same in every JVM run.
 */
public abstract class Bytes32 implements StateHashed {
  final long w0;
  final long w1;
  final long w2;
  final long w3;

  Bytes32(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /** The 32 bytes (a fresh copy). */
  public final byte[] toBytes() {
    return Bytes.ofWords(w0, w1, w2, w3);
  }

  /** 64 lowercase hex digits with a {@code 0x} prefix. */
  public final String toHex() {
    return "0x" + HexFormat.of().formatHex(toBytes());
  }

  /** Unsigned lexicographic comparison of the bytes. */
  final int compareWords(Bytes32 o) {
    int c = Long.compareUnsigned(w0, o.w0);
    if (c != 0) return c;
    c = Long.compareUnsigned(w1, o.w1);
    if (c != 0) return c;
    c = Long.compareUnsigned(w2, o.w2);
    if (c != 0) return c;
    return Long.compareUnsigned(w3, o.w3);
  }

  /** The domain tag mixed into {@link #stateHash()}, distinct per subtype. */
  abstract long hashTag();

  @Override
  public final boolean equals(Object o) {
    return this == o
        || (o instanceof Bytes32 b
            && b.getClass() == getClass()
            && w0 == b.w0
            && w1 == b.w1
            && w2 == b.w2
            && w3 == b.w3);
  }

  @Override
  public final int hashCode() {
    return Long.hashCode(w0 ^ (w1 * 31) ^ (w2 * 961) ^ (w3 * 29791));
  }

  @Override
  public final long stateHash() {
    return Bytes.mixWords(hashTag(), w0, w1, w2, w3);
  }
}
