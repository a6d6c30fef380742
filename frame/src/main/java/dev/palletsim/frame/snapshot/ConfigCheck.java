package dev.palletsim.frame.snapshot;

/**
 * Whether a saved chain may run under a runtime whose configuration differs from the one that saved
 * it.
 */
public enum ConfigCheck {
  /** Refuse, naming the settings that differ (the default). */
  STRICT,
  /**
   * Run the saved state under the new configuration, as a runtime upgrade would: a "what-if with a
   * new config". The state is taken as it is, with no migration; settings the saved chain's storage
   * depends on are the caller's responsibility (moving the market's FIP-0074 activation back to the
   * legacy cron under deals activated under FIP-0074 leaves them unscheduled, and the market's
   * invariant says so at the next block).
   */
  OVERRIDE
}
