package dev.palletsim.frame.snapshot;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Bytes32;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link ValueCodec}s of the value classes that are not records, by exact class. Frame's own
 * identifiers are built in: {@link AccountId} (32 bytes, interned: an account is written once per
 * file and referenced after), {@link H256} (32 bytes), {@link Cid} (codec, multihash, 32-byte
 * digest) and {@link DealIds} (count, then ascending ids as varint gaps). Other classes register
 * themselves from their static initialiser.
 */
public final class ValueCodecs {
  private static final ConcurrentHashMap<Class<?>, ValueCodec<?>> CODECS =
      new ConcurrentHashMap<>();

  static {
    register(AccountId.class, thirtyTwoBytes(AccountId::of, true));
    register(H256.class, thirtyTwoBytes(H256::of, false));
    register(
        Cid.class,
        new ValueCodec<>() {
          @Override
          public void write(Cid value, ValueOutput out) throws IOException {
            out.writeVarLong(Integer.toUnsignedLong(value.codec()));
            out.writeVarLong(Integer.toUnsignedLong(value.multihash()));
            byte[] d = value.digest();
            out.writeRaw(d, 0, d.length);
          }

          @Override
          public Cid read(ValueInput in, int version) throws IOException {
            int codec = (int) in.readVarLong();
            int multihash = (int) in.readVarLong();
            return Cid.of(codec, multihash, in.readRaw(32));
          }
        });
    register(
        DealIds.class,
        new ValueCodec<>() {
          @Override
          public void write(DealIds value, ValueOutput out) throws IOException {
            int n = value.size();
            out.writeVarLong(n);
            long previous = 0;
            for (int i = 0; i < n; i++) {
              long id = value.get(i);
              if (i == 0) out.writeSignedVarLong(id);
              else out.writeVarLong(id - previous);
              previous = id;
            }
          }

          @Override
          public DealIds read(ValueInput in, int version) throws IOException {
            int n = in.readCount();
            if (n == 0) return DealIds.empty();
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
              ids[i] = i == 0 ? in.readSignedVarLong() : ids[i - 1] + in.readVarLong();
            }
            return DealIds.of(ids);
          }
        });
  }

  private ValueCodecs() {}

  /** A codec writing the 32 raw bytes of a {@link Bytes32} value. */
  private static <T extends Bytes32> ValueCodec<T> thirtyTwoBytes(
      Function<byte[], T> of, boolean interned) {
    return new ValueCodec<>() {
      @Override
      public boolean interned() {
        return interned;
      }

      @Override
      public void write(T value, ValueOutput out) throws IOException {
        byte[] b = value.toBytes();
        out.writeRaw(b, 0, b.length);
      }

      @Override
      public T read(ValueInput in, int version) throws IOException {
        return of.apply(in.readRaw(32));
      }
    };
  }

  /**
   * Registers {@code codec} for values of exactly {@code type} (replacing an earlier one). Call it
   * from the class's static initialiser.
   */
  public static <T> void register(Class<T> type, ValueCodec<T> codec) {
    if (type.isRecord() || type.isEnum()) {
      throw new IllegalArgumentException(
          type.getName() + " is a record or an enum: snapshots write it without a codec");
    }
    CODECS.put(type, codec);
  }

  /** The codec registered for exactly {@code type}, or {@code null}. */
  @SuppressWarnings("unchecked")
  public static <T> ValueCodec<T> find(Class<T> type) {
    return (ValueCodec<T>) CODECS.get(type);
  }
}
