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

  /**
   * The four big-endian words of {@code bytes}, which must be exactly 32 long ({@code what} names
   * them in the error).
   */
  static long[] readWords(byte[] bytes, String what) {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException("a " + what + " is exactly 32 bytes");
    }
    return new long[] {
      readLong(bytes, 0), readLong(bytes, 8), readLong(bytes, 16), readLong(bytes, 24)
    };
  }

  /** The 32 big-endian bytes of four words (the inverse of {@link #readWords}). */
  static byte[] ofWords(long w0, long w1, long w2, long w3) {
    byte[] out = new byte[32];
    writeLong(out, 0, w0);
    writeLong(out, 8, w1);
    writeLong(out, 16, w2);
    writeLong(out, 24, w3);
    return out;
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
