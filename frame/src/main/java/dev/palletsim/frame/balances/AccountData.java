package dev.palletsim.frame.balances;

/**
 * The balance of one account (pallet-balances' {@code AccountData}, without frozen balances).
 *
 * @param free transferable planck
 * @param reserved held planck (bonds, deposits, pledges)
 */
public record AccountData(long free, long reserved) {
  /** An account that does not exist. */
  public static final AccountData EMPTY = new AccountData(0, 0);

  /** Free plus reserved. */
  public long total() {
    return free + reserved;
  }
}
