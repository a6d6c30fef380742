package dev.palletsim.frame.snapshot;

import java.io.IOException;
import java.util.function.Function;

/**
 * How a storable value class that is neither a record, an enum, a primitive wrapper, a string nor a
 * Vavr collection is written into a snapshot and read back: the identifiers and packed values that
 * implement {@link dev.palletsim.frame.StateHashed} themselves ({@code AccountId}, {@code H256},
 * {@code Cid}, {@code DealIds}, a pallet's signature or proof bytes). Records, enums and
 * collections need no codec: the snapshot walks them as the state hasher does.
 *
 * <p>A class registers its codec with {@link ValueCodecs#register} in its own static initialiser,
 * so that the codec exists whenever a value of the class does; a snapshot names the class once and
 * initialises it when loading. A codec must read back a value equal to the one written, with the
 * same state hash.
 *
 * @param <T> the value class
 */
public interface ValueCodec<T> {
  /**
   * The version of this codec's encoding, written once per file with the class name. Raise it when
   * the encoding changes and keep reading the older versions in {@link #read}.
   */
  default int version() {
    return 1;
  }

  /**
   * Whether equal values are written in full once per file and referenced by a small number after
   * (for identifiers that repeat across millions of entries, such as accounts).
   */
  default boolean interned() {
    return false;
  }

  /** Writes {@code value}. */
  void write(T value, ValueOutput out) throws IOException;

  /** Reads a value written by version {@code version} of this codec. */
  T read(ValueInput in, int version) throws IOException;

  /**
   * A codec for a value that is a wrapper around a byte array: {@code bytes} takes the bytes out,
   * {@code of} makes the value back (and may reject them with an {@link IllegalArgumentException}).
   */
  static <T> ValueCodec<T> ofBytes(Function<T, byte[]> bytes, Function<byte[], T> of) {
    return new ValueCodec<>() {
      @Override
      public void write(T value, ValueOutput out) throws IOException {
        out.writeBytes(bytes.apply(value));
      }

      @Override
      public T read(ValueInput in, int version) throws IOException {
        return of.apply(in.readBytes());
      }
    };
  }
}
