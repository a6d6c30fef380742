package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Bytes;
import java.math.BigInteger;

/**
 * The random numbers an auction draws from its 64-bit seed, each derived by hashing: a candidate's
 * number depends only on the seed, a purpose tag and the candidate's account, never on the order in
 * which candidates are given. The hash is the murmur3 finaliser chain of {@link Bytes#mix}, keyed
 * by the account's own 64-bit state hash; the seed itself comes from SHA-256 ({@code
 * Randomness.draw}), so these numbers only need to be well spread, not secret.
 */
final class SeededDraws {
  /** Tag of the seeded order of systematic sampling. */
  static final long ORDER = 0x6f72646572L;

  /** Tag of systematic sampling's random start. */
  static final long START = 0x7374617274L;

  /** Tag of the Efraimidis–Spirakis keys. */
  static final long ARES = 0x612d726573L;

  /** Tag of the order in which zero-power candidates fill leftover seats. */
  static final long FILL = 0x66696c6cL;

  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  private SeededDraws() {}

  /** A 64-bit number for {@code who} under {@code seed} and {@code tag}. */
  static long of(long seed, long tag, AccountId who) {
    return Bytes.mix(Bytes.mix(Bytes.fmix(seed ^ Bytes.fmix(tag)), who.stateHash()), tag);
  }

  /** A 64-bit number for {@code tag} under {@code seed} alone, and its {@code i}-th successor. */
  static long of(long seed, long tag, long i) {
    return Bytes.mix(Bytes.mix(Bytes.fmix(seed ^ Bytes.fmix(tag)), i), tag);
  }

  /** The top 53 bits of {@code bits} as a double strictly inside (0, 1): never 0, never 1. */
  static double open01(long bits) {
    return ((bits >>> 11) + 0.5) * 0x1.0p-53;
  }

  /**
   * A number in {@code [0, bound)}: {@code floor(r · bound / 2^128)} for a 128-bit {@code r} drawn
   * from the seed. Each value has probability {@code 1/bound} within {@code bound / 2^128}, far
   * below anything a test or a simulation can observe for bounds up to the total power of a chain.
   */
  static BigInteger below(BigInteger bound, long seed, long tag) {
    if (bound.signum() <= 0) throw new IllegalArgumentException("bound must be positive");
    BigInteger hi = unsigned(of(seed, tag, 0));
    BigInteger lo = unsigned(of(seed, tag, 1));
    BigInteger r = hi.shiftLeft(64).or(lo);
    return r.multiply(bound).shiftRight(128);
  }

  private static BigInteger unsigned(long v) {
    BigInteger b = BigInteger.valueOf(v);
    return v < 0 ? b.add(TWO_64) : b;
  }
}
