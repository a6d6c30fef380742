package dev.palletsim.frame.primitives;

import dev.palletsim.frame.StateHashed;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.snapshot.ValueCodec;
import dev.palletsim.frame.snapshot.ValueCodecs;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An opaque byte string carried by a call or a coupling (Filecoin's {@code RawBytes}): the payload
 * of a piece's data activation notification, for one. An immutable value with content equality, so
 * that calls and events holding it compare, print, hash and save by content (a {@code byte[]} in a
 * record would compare by identity).
 */
public final class RawBytes implements StateHashed {
  static { // saved chains write it as its bytes
    ValueCodecs.register(RawBytes.class, ValueCodec.ofBytes(RawBytes::bytes, RawBytes::of));
  }

  /** No bytes. */
  public static final RawBytes EMPTY = new RawBytes(new byte[0]);

  private final byte[] bytes;

  private RawBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A value holding a copy of {@code bytes}; throws if {@code bytes} is null. */
  public static RawBytes of(byte... bytes) {
    if (bytes == null) throw new IllegalArgumentException("bytes are required");
    return new RawBytes(bytes.clone());
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The byte at {@code index}. */
  public byte get(int index) {
    return bytes[index];
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** Whether there are no bytes. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** These bytes followed by {@code more}. */
  public RawBytes append(byte... more) {
    byte[] b = Arrays.copyOf(bytes, bytes.length + more.length);
    System.arraycopy(more, 0, b, bytes.length, more.length);
    return new RawBytes(b);
  }

  @Override
  public long stateHash() {
    return StateHasher.ofBytes(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof RawBytes r && Arrays.equals(bytes, r.bytes));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
