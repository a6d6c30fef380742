package dev.palletsim.frame.transactionpayment;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.snapshot.ValueCodec;
import dev.palletsim.frame.snapshot.ValueCodecs;
import dev.palletsim.frame.snapshot.ValueOutput;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The canonical encoded length of an extrinsic, in bytes: what the length fee is charged on
 * (pallet-transaction-payment's {@code len}). palletsim's calls are Java records, not SCALE bytes,
 * so the length is defined here, as SCALE would encode them, from the call's values alone (never
 * from class names or identity), the same in every run:
 *
 * <ul>
 *   <li>a call: 2 bytes (pallet index and call index) and its arguments in order;
 *   <li>{@code boolean}, {@code byte}: 1; {@code short}, {@code char}: 2; {@code int}, {@code
 *       float}: 4; {@code long}, {@code double}: 8 (SCALE's fixed-width integers); a {@code
 *       BigInteger}: 16 (a {@code u128});
 *   <li>an enum constant: 1; a record: its components in order; {@code null} or an empty option: 1,
 *       a present option: 1 and the value;
 *   <li>a string: its UTF-8 bytes after their compact length; a {@code byte[]} likewise; a {@code
 *       long[]}: its compact length and 8 bytes an element;
 *   <li>a collection (any Vavr or Java sequence or set): its compact count and its elements; a map:
 *       its compact count and each key and value;
 *   <li>a value class with a snapshot codec ({@code AccountId}, {@code H256}, {@code Cid}, {@code
 *       DealIds}, a signature, proof bytes): the bytes its codec writes, a varint counting as a
 *       SCALE compact of the same value (an {@code AccountId} is 32 bytes).
 * </ul>
 *
 * A signed extrinsic adds its envelope to the call: the compact length of the whole, 1 version
 * byte, the signer as a {@code MultiAddress::Id} (33), an Ed25519 {@code MultiSignature} (65), a
 * mortal era (2), the compact nonce and the compact tip (Substrate's {@code UncheckedExtrinsic}
 * with {@code CheckMortality}, {@code CheckNonce} and {@code ChargeTransactionPayment}). A type
 * none of these rules covers is refused with an {@link IllegalArgumentException} (a call type that
 * cannot be charged is a bug in its pallet, found by the tests that price every call).
 */
public final class EncodedLength {
  private EncodedLength() {}

  /** Version byte, signer, signature and era of a signed extrinsic. */
  public static final int SIGNED_ENVELOPE = 1 + 33 + 65 + 2;

  /** The encoded length of {@code call}: 2 index bytes and its arguments. */
  public static long ofCall(Call<?> call) {
    if (call == null) throw new IllegalArgumentException("no call");
    if (call instanceof Record r) return 2 + ofRecord(r);
    throw new IllegalArgumentException(call.getClass().getName() + " is not a record");
  }

  /** The encoded length of {@code call} signed, with {@code nonce} and {@code tip}. */
  public static long ofSignedExtrinsic(Call<?> call, long nonce, long tip) {
    long body = SIGNED_ENVELOPE + compact(nonce) + compact(tip) + ofCall(call);
    return compact(body) + body;
  }

  /** The length of SCALE's compact encoding of the unsigned value {@code n}. */
  public static int compact(long n) {
    if (n < 0) return 9; // a u64 above 2^63: the 1-byte prefix and 8 bytes
    if (n < 1L << 6) return 1;
    if (n < 1L << 14) return 2;
    if (n < 1L << 30) return 4;
    return 1 + (64 - Long.numberOfLeadingZeros(n) + 7) / 8;
  }

  /** The encoded length of one value, by the rules above. */
  public static long of(Object v) {
    if (v == null) return 1;
    if (v instanceof Boolean || v instanceof Byte) return 1;
    if (v instanceof Short || v instanceof Character) return 2;
    if (v instanceof Integer || v instanceof Float) return 4;
    if (v instanceof Long || v instanceof Double) return 8;
    if (v instanceof BigInteger) return 16;
    if (v instanceof Enum<?>) return 1;
    if (v instanceof String s) {
      int n = s.getBytes(StandardCharsets.UTF_8).length;
      return compact(n) + n;
    }
    if (v instanceof byte[] b) return compact(b.length) + b.length;
    if (v instanceof long[] a) return compact(a.length) + 8L * a.length;
    if (v instanceof Record r) return ofRecord(r);
    if (v instanceof io.vavr.control.Option<?> o) return 1 + (o.isEmpty() ? 0 : of(o.get()));
    if (v instanceof java.util.Optional<?> o) return 1 + (o.isEmpty() ? 0 : of(o.get()));
    if (v instanceof io.vavr.collection.Map<?, ?> m) {
      long n = compact(m.size());
      for (var e : m) n += of(e._1) + of(e._2);
      return n;
    }
    if (v instanceof java.util.Map<?, ?> m) {
      long n = compact(m.size());
      for (var e : m.entrySet()) n += of(e.getKey()) + of(e.getValue());
      return n;
    }
    ValueCodec<?> codec = ValueCodecs.find(v.getClass());
    if (codec != null) return ofCodec(codec, v);
    if (v instanceof Iterable<?> it) {
      long n = 0;
      long count = 0;
      for (Object e : it) {
        n += of(e);
        count++;
      }
      return compact(count) + n;
    }
    throw new IllegalArgumentException(
        "no canonical encoded length for a " + v.getClass().getName());
  }

  private static long ofRecord(Record r) {
    long n = 0;
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        n += of(c.getAccessor().invoke(r));
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(
            "cannot read " + r.getClass().getName() + "." + c.getName(), e);
      }
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private static <T> long ofCodec(ValueCodec<T> codec, Object v) {
    Counter out = new Counter();
    try {
      codec.write((T) v, out);
    } catch (IOException e) {
      throw new IllegalStateException("counting bytes cannot fail", e);
    }
    return out.n;
  }

  /** A {@link ValueOutput} counting what a codec writes, varints as SCALE compacts. */
  private static final class Counter implements ValueOutput {
    long n;

    @Override
    public void writeVarLong(long v) {
      n += compact(v);
    }

    @Override
    public void writeSignedVarLong(long v) {
      n += compact((v << 1) ^ (v >> 63));
    }

    @Override
    public void writeLong(long v) {
      n += 8;
    }

    @Override
    public void writeRaw(byte[] b, int off, int len) {
      n += len;
    }

    @Override
    public void writeString(String s) {
      n += of(s);
    }

    @Override
    public void writeValue(Object value) {
      n += of(value);
    }
  }
}
