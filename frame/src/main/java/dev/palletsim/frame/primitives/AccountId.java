package dev.palletsim.frame.primitives;

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
public final class AccountId extends Bytes32 implements Comparable<AccountId> {
  private AccountId(long[] w) {
    super(w[0], w[1], w[2], w[3]);
  }

  /** The account whose 32 bytes are {@code bytes}; throws if the length is not 32. */
  public static AccountId of(byte[] bytes) {
    return new AccountId(Bytes.readWords(bytes, "AccountId"));
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

  /**
   * The pallet id of a pallet's sovereign account ({@link #pallet}), decoded from the bytes alone:
   * {@code "py/mrket"} for the market's account; empty for any other account.
   */
  public java.util.Optional<String> palletId() {
    byte[] b = toBytes();
    if (b[0] != 'm' || b[1] != 'o' || b[2] != 'd' || b[3] != 'l') return java.util.Optional.empty();
    for (int i = 4; i < 12; i++) {
      if (b[i] < 0x21 || b[i] > 0x7e) return java.util.Optional.empty();
    }
    for (int i = 12; i < 32; i++) {
      if (b[i] != 0) return java.util.Optional.empty();
    }
    return java.util.Optional.of(new String(b, 4, 8, java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public int compareTo(AccountId o) {
    return compareWords(o);
  }

  @Override
  long hashTag() {
    return 0x4163636f756e7449L;
  }

  /** The first four and last two bytes in hex, as block explorers abbreviate keys. */
  @Override
  public String toString() {
    String hex = toHex();
    return hex.substring(0, 10) + "…" + hex.substring(hex.length() - 4);
  }
}
