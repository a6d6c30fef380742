package dev.palletsim.frame.snapshot;

import java.io.IOException;

/**
 * Where a {@link ValueCodec} writes a value of its class in a snapshot: variable-length integers,
 * fixed-width longs, raw and length-prefixed bytes, strings, and nested storable values (which the
 * snapshot encodes by its own rules, see {@link Snapshot}).
 */
public interface ValueOutput {
  /** Writes {@code v} as an unsigned LEB128 varint (1 byte below 128, at most 10). */
  void writeVarLong(long v) throws IOException;

  /** Writes {@code v} zigzag-encoded as a varint: small magnitudes of either sign stay short. */
  void writeSignedVarLong(long v) throws IOException;

  /** Writes {@code v} as eight big-endian bytes. */
  void writeLong(long v) throws IOException;

  /** Writes {@code len} bytes of {@code b} from {@code off}, with no length prefix. */
  void writeRaw(byte[] b, int off, int len) throws IOException;

  /** Writes a varint length, then the bytes. */
  default void writeBytes(byte[] b) throws IOException {
    writeVarLong(b.length);
    writeRaw(b, 0, b.length);
  }

  /** Writes a string exactly (every UTF-16 code unit, unpaired surrogates included). */
  void writeString(String s) throws IOException;

  /** Writes a nested storable value with its type. */
  void writeValue(Object value) throws IOException;
}
