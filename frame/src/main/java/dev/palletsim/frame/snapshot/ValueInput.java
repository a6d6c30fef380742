package dev.palletsim.frame.snapshot;

import java.io.IOException;

/**
 * Where a {@link ValueCodec} reads back what it wrote to a {@link ValueOutput}, in the same order.
 * Reads past the end of the snapshot's data, and lengths larger than what is left, fail with a
 * {@link SnapshotException}, so a damaged file never makes a codec allocate without bound.
 */
public interface ValueInput {
  /** Reads an unsigned varint. */
  long readVarLong() throws IOException;

  /**
   * Reads a varint count of items that each take at least one byte; a count larger than the bytes
   * left fails, so a damaged count never drives an allocation.
   */
  int readCount() throws IOException;

  /** Reads a zigzag varint. */
  long readSignedVarLong() throws IOException;

  /** Reads eight big-endian bytes. */
  long readLong() throws IOException;

  /** Reads exactly {@code n} bytes. */
  byte[] readRaw(int n) throws IOException;

  /** Reads a varint length, then that many bytes. */
  byte[] readBytes() throws IOException;

  /** Reads a string written by {@link ValueOutput#writeString}. */
  String readString() throws IOException;

  /** Reads a nested value written by {@link ValueOutput#writeValue}. */
  Object readValue() throws IOException;
}
