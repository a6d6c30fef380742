package dev.palletsim.frame.primitives;

/** Big-endian helpers for the fixed-width identifiers, and the 64-bit mixer they hash with. */
public final class Bytes {
  private Bytes() {}

  /** Reads eight bytes at {@code off} as a big-endian long. */
  public static long readLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xffL);
    }
    return v;
  }

  /** Writes {@code v} big-endian into eight bytes at {@code off}. */
  public static void writeLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** The big-endian eight bytes of {@code v}. */
  public static byte[] ofLong(long v) {
    byte[] b = new byte[8];
    writeLong(b, 0, v);
    return b;
  }

  /** The murmur3 64-bit finaliser: a bijection that spreads every input bit over the output. */
  public static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** Folds {@code x} into the running hash {@code h}; order matters. */
  public static long mix(long h, long x) {
    return fmix(h * 0x9E3779B97F4A7C15L + x + 0x632BE59BD9B4E019L);
  }

  /** Hashes a tag and four words, in order. */
  public static long mixWords(long tag, long a, long b, long c, long d) {
    return mix(mix(mix(mix(fmix(tag), a), b), c), d);
  }
}
