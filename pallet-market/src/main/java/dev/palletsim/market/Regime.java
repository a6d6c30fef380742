package dev.palletsim.market;

/**
 * The settlement regime in force at a block: seed 002's cron settlement until the configured
 * network upgrade, FIP-0074 (seed 004) from it on.
 */
public enum Regime {
  /** Seed 002: cron settles every deal every {@code DealUpdatesInterval}. */
  LegacyCron,
  /**
   * Seed 004: cron only times out unactivated deals; providers settle with {@code
   * settleDealPayments}; termination settles at once.
   */
  Fip0074
}
