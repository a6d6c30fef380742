package dev.palletsim.market;

import dev.palletsim.frame.StateHashed;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.snapshot.ValueCodec;
import dev.palletsim.frame.snapshot.ValueCodecs;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ed25519 signature carried by a deal proposal (seed 002, {@code
 * ClientDealProposal.ClientSignature}). A byte array inside a record would compare by identity;
 * this value compares, hashes and prints by content, copies its bytes in and out, and can be stored
 * or put in a call record safely.
 */
public final class Signature implements StateHashed {
  static { // saved chains write it as its bytes
    ValueCodecs.register(Signature.class, ValueCodec.ofBytes(Signature::toBytes, Signature::of));
  }

  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The signature whose bytes are {@code bytes} (copied); throws on {@code null}. */
  public static Signature of(byte[] bytes) {
    if (bytes == null) throw new IllegalArgumentException("signature bytes are required");
    return new Signature(bytes.clone());
  }

  /** The signature bytes (a fresh copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The number of bytes (64 for a well-formed Ed25519 signature). */
  public int length() {
    return bytes.length;
  }

  /** Whether this is {@code signer}'s Ed25519 signature of {@code message}; never throws. */
  public boolean verifies(AccountId signer, byte[] message) {
    return Ed25519.verify(signer, message, bytes);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Signature s && Arrays.equals(bytes, s.bytes));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public long stateHash() {
    return StateHasher.ofBytes(bytes);
  }

  /** The first eight bytes in hex and the length. */
  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(8, bytes.length));
    return "Signature[0x" + hex + (bytes.length > 8 ? "…" : "") + ", " + bytes.length + " B]";
  }
}
