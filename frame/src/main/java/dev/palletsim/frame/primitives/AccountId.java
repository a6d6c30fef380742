package dev.palletsim.frame.primitives;

import dev.palletsim.frame.StateHashed;
import java.util.HexFormat;

/**
 * A 32-byte account identifier, Substrate's {@code AccountId32}: for signed accounts the raw
 * Ed25519 public key, for pallet accounts a digest of the pallet id (see {@link #pallet}).
 *
 * <p>Held as four longs rather than a byte array so that the identifier is one small object with
 * content equality, a total order ({@link #compareTo}: unsigned lexicographic over the bytes) and a
 * hash that is the same in every JVM run. Deterministic iteration anywhere in palletsim sorts by
 * this order.
 */
public final class AccountId implements Comparable<AccountId>, StateHashed {
  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private AccountId(long w0, long w1, long w2, long w3) {
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /** The account whose 32 bytes are {@code bytes}; throws if the length is not 32. */
  public static AccountId of(byte[] bytes) {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException("an AccountId is exactly 32 bytes");
    }
    return new AccountId(
        Bytes.readLong(bytes, 0),
        Bytes.readLong(bytes, 8),
        Bytes.readLong(bytes, 16),
        Bytes.readLong(bytes, 24));
  }

  /** Parses 64 hex digits, with or without a {@code 0x} prefix. */
  public static AccountId fromHex(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    return of(HexFormat.of().parseHex(h));
  }

  /**
   * The sovereign account of a pallet, Substrate's {@code PalletId::into_account_truncating}: the
   * bytes {@code "modl"} followed by the 8-byte pallet id, zero padded. Pallet ids are 8 ASCII
   * characters ({@code "py/mrket"}).
   */
  public static AccountId pallet(String palletId) {
    byte[] id = palletId.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if (id.length != 8) {
      throw new IllegalArgumentException("a pallet id is 8 ASCII bytes: " + palletId);
    }
    byte[] out = new byte[32];
    out[0] = 'm';
    out[1] = 'o';
    out[2] = 'd';
    out[3] = 'l';
    System.arraycopy(id, 0, out, 4, 8);
    return of(out);
  }

  /** The 32 bytes of this account (a fresh copy). */
  public byte[] toBytes() {
    byte[] out = new byte[32];
    Bytes.writeLong(out, 0, w0);
    Bytes.writeLong(out, 8, w1);
    Bytes.writeLong(out, 16, w2);
    Bytes.writeLong(out, 24, w3);
    return out;
  }

  /** 64 lowercase hex digits with a {@code 0x} prefix. */
  public String toHex() {
    return "0x" + HexFormat.of().formatHex(toBytes());
  }

  @Override
  public int compareTo(AccountId o) {
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
        || (o instanceof AccountId a && w0 == a.w0 && w1 == a.w1 && w2 == a.w2 && w3 == a.w3);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(w0 ^ (w1 * 31) ^ (w2 * 961) ^ (w3 * 29791));
  }

  @Override
  public long stateHash() {
    return Bytes.mixWords(0x4163636f756e7449L, w0, w1, w2, w3);
  }

  /** The first four and last two bytes in hex, as block explorers abbreviate keys. */
  @Override
  public String toString() {
    String hex = toHex();
    return hex.substring(0, 10) + "…" + hex.substring(hex.length() - 4);
  }
}
