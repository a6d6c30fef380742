package dev.palletsim.frame.primitives;

/**
 * The units palletsim counts in. Every amount is a {@code long} of <b>planck</b>, the smallest
 * indivisible unit; {@link #TOKEN} planck make one token (10^10, as DOT), so a {@code long} holds
 * up to about 9.2×10^8 tokens and every operation on amounts is checked (see {@code Checked}).
 * Storage power is a {@code long} of bytes. Block numbers, deal ids and sector numbers are {@code
 * long}s. Times are milliseconds.
 */
public final class Units {
  private Units() {}

  /** Planck in one token. */
  public static final long TOKEN = 10_000_000_000L;

  /** Planck in one milli-token. */
  public static final long MILLI_TOKEN = TOKEN / 1_000;

  /** Bytes in a KiB. */
  public static final long KIB = 1L << 10;

  /** Bytes in a MiB. */
  public static final long MIB = 1L << 20;

  /** Bytes in a GiB. */
  public static final long GIB = 1L << 30;

  /** Bytes in a TiB. */
  public static final long TIB = 1L << 40;

  /** The default block time: 6 s, as a parachain with asynchronous backing. */
  public static final long DEFAULT_BLOCK_TIME_MILLIS = 6_000;

  /** Blocks in a minute at 6 s blocks. */
  public static final long MINUTES = 10;

  /** Blocks in an hour at 6 s blocks. */
  public static final long HOURS = 600;

  /** Blocks in a day at 6 s blocks. */
  public static final long DAYS = 14_400;
}
