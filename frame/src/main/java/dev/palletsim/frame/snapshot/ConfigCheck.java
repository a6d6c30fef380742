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
   * depends on (sector sizes, proving periods) are the caller's responsibility.
   */
  OVERRIDE
}
