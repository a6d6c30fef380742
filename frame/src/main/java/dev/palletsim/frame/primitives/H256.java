package dev.palletsim.frame.primitives;

import dev.palletsim.frame.StateHashed;
import java.util.HexFormat;

/**
 * A 32-byte digest (Substrate's {@code H256}): block randomness, proposal hashes, simulated proofs.
 * Four longs, content equality, deterministic hash; see {@link AccountId} for why.
 */
public final class H256 implements Comparable<H256>, StateHashed {
  /** All zero bytes. */
  public static final H256 ZERO = new H256(0, 0, 0, 0);

  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private H256(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /** The digest whose bytes are {@code bytes}; throws if the length is not 32. */
  public static H256 of(byte[] bytes) {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException("an H256 is exactly 32 bytes");
    }
    return new H256(
        Bytes.readLong(bytes, 0),
        Bytes.readLong(bytes, 8),
        Bytes.readLong(bytes, 16),
        Bytes.readLong(bytes, 24));
  }

  /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
  public static H256 fromHex(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    return of(HexFormat.of().parseHex(h));
  }

  /** The 32 bytes (a fresh copy). */
  public byte[] toBytes() {
    byte[] out = new byte[32];
    Bytes.writeLong(out, 0, w0);
    Bytes.writeLong(out, 8, w1);
    Bytes.writeLong(out, 16, w2);
    Bytes.writeLong(out, 24, w3);
    return out;
  }

  /** The first eight bytes as a long (big-endian): a convenient seed. */
  public long firstLong() {
    return w0;
  }

  /** 64 lowercase hex digits with a {@code 0x} prefix. */
  public String toHex() {
    return "0x" + HexFormat.of().formatHex(toBytes());
  }

  @Override
  public int compareTo(H256 o) {
    int c = Long.compareUnsigned(w0, o.w0);
    if (c != 0) return c;
    c = Long.compareUnsigned(w1, o.w1);
    if (c != 0) return c;
    c = Long.compareUnsigned(w2, o.w2);
    if (c != 0) return c;
    return Long.compareUnsigned(w3, o.w3);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof H256 a && w0 == a.w0 && w1 == a.w1 && w2 == a.w2 && w3 == a.w3);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(w0 ^ w1 ^ w2 ^ w3);
  }

  @Override
  public long stateHash() {
    return Bytes.mixWords(0x4832353600000000L, w0, w1, w2, w3);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
