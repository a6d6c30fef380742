package dev.palletsim.market;

/**
 * Which activated deals the cron settles under FIP-0074 (seed 004, "Continued automatic settlement
 * for existing deals"), and what a settlement before the deal's start records.
 */
public enum LegacyDealRule {
  /**
   * Only the deals the legacy cron itself took in hand (before the upgrade, or seeded with {@code
   * forceLegacyDeal}); a settlement before a deal's start changes nothing. A deal its provider
   * settles early stays off cron for good, which is FIP-0074's intent.
   */
  CronVisited,
  /**
   * builtin-actors: cron treats every deal whose {@code last_updated} is set as legacy, and every
   * settlement records {@code last_updated = now} (before the start too, clearing the pending
   * proposal). So a deal settled before its first cron visit is cron-settled from then on, every
   * {@code DealUpdatesInterval}, until it ends.
   */
  EverUpdated
}
