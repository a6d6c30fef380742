package dev.palletsim.frame.primitives;

import java.util.HexFormat;

/**
 * A 32-byte digest (Substrate's {@code H256}): block randomness, proposal hashes, simulated proofs.
 * Four longs, content equality, deterministic hash; see {@link AccountId} for why.
 */
public final class H256 extends Bytes32 implements Comparable<H256> {
  /** All zero bytes. */
  public static final H256 ZERO = new H256(new long[4]);

  private H256(long[] w) {
    super(w[0], w[1], w[2], w[3]);
  }

  /** The digest whose bytes are {@code bytes}; throws if the length is not 32. */
  public static H256 of(byte[] bytes) {
    return new H256(Bytes.readWords(bytes, "H256"));
  }

  /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
  public static H256 fromHex(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    return of(HexFormat.of().parseHex(h));
  }

  /** The first eight bytes as a long (big-endian): a convenient seed. */
  public long firstLong() {
    return w0;
  }

  @Override
  public int compareTo(H256 o) {
    return compareWords(o);
  }

  @Override
  long hashTag() {
    return 0x4832353600000000L;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
