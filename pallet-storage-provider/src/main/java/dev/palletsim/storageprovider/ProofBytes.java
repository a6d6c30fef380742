package dev.palletsim.storageprovider;

import dev.palletsim.frame.StateHashed;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.snapshot.ValueCodec;
import dev.palletsim.frame.snapshot.ValueCodecs;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes of a PoRep or Window PoSt proof as a call carries them: an immutable value with content
 * equality, so that calls holding proofs compare, print and hash by content (a {@code byte[]} in a
 * record would compare by identity). With the default simulated verifier a valid proof is {@code
 * SimulatedProofs.porep/post} of the inputs; {@link #withByteFlipped} makes an invalid one.
 */
public final class ProofBytes implements StateHashed {
  static { // saved chains write it as its bytes
    ValueCodecs.register(ProofBytes.class, ValueCodec.ofBytes(ProofBytes::bytes, ProofBytes::of));
  }

  private final byte[] bytes;

  private ProofBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A proof holding a copy of {@code bytes}; throws if {@code bytes} is null. */
  public static ProofBytes of(byte[] bytes) {
    if (bytes == null) throw new IllegalArgumentException("proof bytes are required");
    return new ProofBytes(bytes.clone());
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** This proof with byte {@code index} inverted: a deliberately invalid proof. */
  public ProofBytes withByteFlipped(int index) {
    byte[] b = bytes.clone();
    b[index] = (byte) ~b[index];
    return new ProofBytes(b);
  }

  @Override
  public long stateHash() {
    return StateHasher.ofBytes(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof ProofBytes p && Arrays.equals(bytes, p.bytes));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(bytes);
    return "0x" + (hex.length() > 16 ? hex.substring(0, 16) + "…" : hex);
  }
}
