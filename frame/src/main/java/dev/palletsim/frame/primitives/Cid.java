package dev.palletsim.frame.primitives;

import dev.palletsim.frame.StateHashed;
import java.util.HexFormat;

/**
 * A content identifier for Filecoin's commitments: a CIDv1 with a codec, a multihash code and a
 * 32-byte digest. Piece commitments (CommP) and unsealed-sector commitments (CommD) use codec
 * {@code fil-commitment-unsealed} with {@code sha2-256-trunc254-padded}; sealed-sector commitments
 * (CommR) use {@code fil-commitment-sealed} with {@code poseidon-bls12_381-a2-fc1} (seed 002,
 * {@code PieceCID.Prefix() == PieceCIDPrefix}).
 *
 * <p>{@link #UNDEFINED} stands for Go's {@code cid.Undef}: a proposal carrying it fails with a
 * typed error rather than a null pointer.
 */
public final class Cid implements StateHashed {
  /** Multicodec {@code fil-commitment-unsealed}. */
  public static final int FIL_COMMITMENT_UNSEALED = 0xf101;

  /** Multicodec {@code fil-commitment-sealed}. */
  public static final int FIL_COMMITMENT_SEALED = 0xf102;

  /** Multihash {@code sha2-256-trunc254-padded}. */
  public static final int SHA2_256_TRUNC254_PADDED = 0x1012;

  /** Multihash {@code poseidon-bls12_381-a2-fc1}. */
  public static final int POSEIDON_BLS12_381_A2_FC1 = 0xb401;

  /** The undefined CID (codec 0, zero digest). */
  public static final Cid UNDEFINED = new Cid(0, 0, 0, 0, 0, 0);

  private final int codec;
  private final int multihash;
  private final long w0;
  private final long w1;
  private final long w2;
  private final long w3;

  private Cid(int codec, int multihash, long w0, long w1, long w2, long w3) {
    this.codec = codec;
    this.multihash = multihash;
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
    this.w3 = w3;
  }

  /** A CID with the given codec, multihash code and 32-byte digest. */
  public static Cid of(int codec, int multihash, byte[] digest) {
    long[] w = Bytes.readWords(digest, "commitment digest");
    return new Cid(codec, multihash, w[0], w[1], w[2], w[3]);
  }

  /**
   * A CID with the given codec, multihash code and the digest whose four big-endian 8-byte words
   * are {@code w0 … w3} ({@link #digestWord}): for code that keeps digests packed as words.
   */
  public static Cid ofWords(int codec, int multihash, long w0, long w1, long w2, long w3) {
    return codec == 0 && multihash == 0 && (w0 | w1 | w2 | w3) == 0
        ? UNDEFINED
        : new Cid(codec, multihash, w0, w1, w2, w3);
  }

  /**
   * A piece or unsealed-sector commitment over {@code digest}; the two top bits of the last byte
   * are cleared, as a Fr32 field element requires.
   */
  public static Cid unsealed(byte[] digest) {
    byte[] d = digest.clone();
    d[31] &= 0x3f;
    return of(FIL_COMMITMENT_UNSEALED, SHA2_256_TRUNC254_PADDED, d);
  }

  /** A sealed-sector commitment (CommR) over {@code digest}, top two bits cleared. */
  public static Cid sealed(byte[] digest) {
    byte[] d = digest.clone();
    d[31] &= 0x3f;
    return of(FIL_COMMITMENT_SEALED, POSEIDON_BLS12_381_A2_FC1, d);
  }

  /** Whether this is not {@link #UNDEFINED} (Go's {@code cid.Defined()}). */
  public boolean isDefined() {
    return codec != 0;
  }

  /** Whether the prefix is that of a piece / unsealed commitment. */
  public boolean isUnsealedCommitment() {
    return codec == FIL_COMMITMENT_UNSEALED && multihash == SHA2_256_TRUNC254_PADDED;
  }

  /** Whether the prefix is that of a sealed commitment. */
  public boolean isSealedCommitment() {
    return codec == FIL_COMMITMENT_SEALED && multihash == POSEIDON_BLS12_381_A2_FC1;
  }

  /** The multicodec of this CID. */
  public int codec() {
    return codec;
  }

  /** The multihash code of this CID. */
  public int multihash() {
    return multihash;
  }

  /** Word {@code i} (0 to 3) of the digest: its bytes {@code 8i … 8i+7}, big-endian. */
  public long digestWord(int i) {
    return switch (i) {
      case 0 -> w0;
      case 1 -> w1;
      case 2 -> w2;
      case 3 -> w3;
      default -> throw new IndexOutOfBoundsException("digest word " + i);
    };
  }

  /** The 32-byte digest (a fresh copy). */
  public byte[] digest() {
    return Bytes.ofWords(w0, w1, w2, w3);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof Cid c
            && codec == c.codec
            && multihash == c.multihash
            && w0 == c.w0
            && w1 == c.w1
            && w2 == c.w2
            && w3 == c.w3);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(w0 ^ w1 ^ w2 ^ w3) * 31 + codec;
  }

  @Override
  public long stateHash() {
    return Bytes.mixWords(((long) codec << 32) | multihash, w0, w1, w2, w3);
  }

  /** {@code codec:multihash:digest} in hex; {@code undef} for {@link #UNDEFINED}. */
  @Override
  public String toString() {
    if (!isDefined()) return "undef";
    return Integer.toHexString(codec)
        + ":"
        + Integer.toHexString(multihash)
        + ":"
        + HexFormat.of().formatHex(digest());
  }
}
