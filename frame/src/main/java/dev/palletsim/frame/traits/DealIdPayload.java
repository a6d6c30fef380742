package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.RawBytes;
import io.vavr.control.Option;

/**
 * The payload of a piece notification addressed to the market: a deal id in DAG-CBOR, as
 * builtin-actors' miner and market write and read it ({@code serialize(&deal_id)}): an unsigned
 * integer (major type 0) in its shortest form. Decoding is strict, as DAG-CBOR's is: any other
 * major type, a longer form than needed, or trailing bytes are not a deal id.
 */
public final class DealIdPayload {
  private DealIdPayload() {}

  /** The payload naming deal {@code dealId} (non-negative). */
  public static RawBytes encode(long dealId) {
    if (dealId < 0) throw new IllegalArgumentException("deal ids are not negative: " + dealId);
    if (dealId < 24) return RawBytes.of((byte) dealId);
    int width = dealId < 0x100 ? 1 : dealId < 0x1_0000 ? 2 : dealId < 0x1_0000_0000L ? 4 : 8;
    int info = width == 1 ? 24 : width == 2 ? 25 : width == 4 ? 26 : 27;
    byte[] out = new byte[1 + width];
    out[0] = (byte) info;
    for (int i = 0; i < width; i++) out[width - i] = (byte) (dealId >>> (8 * i));
    return RawBytes.of(out);
  }

  /** The deal id {@code payload} names, or none if it is not a canonical unsigned integer. */
  public static Option<Long> decode(RawBytes payload) {
    if (payload == null || payload.isEmpty()) return Option.none();
    int head = payload.get(0) & 0xff;
    if ((head >>> 5) != 0) return Option.none();
    int info = head & 0x1f;
    if (info < 24) return payload.length() == 1 ? Option.some((long) info) : Option.none();
    int width =
        switch (info) {
          case 24 -> 1;
          case 25 -> 2;
          case 26 -> 4;
          case 27 -> 8;
          default -> -1;
        };
    if (width < 0 || payload.length() != 1 + width) return Option.none();
    long v = 0;
    for (int i = 1; i <= width; i++) v = (v << 8) | (payload.get(i) & 0xffL);
    if (v < 0 || !encode(v).equals(payload)) return Option.none();
    return Option.some(v);
  }
}
