package dev.palletsim.market;

/**
 * How {@code publishStorageDeals} treats a batch with invalid deals: seed 002 fails the whole call;
 * Filecoin's later actors drop the invalid deals and publish the rest.
 */
public enum PublishMode {
  /** One invalid deal fails the call (seed 002). */
  AllOrNothing,
  /** Invalid deals are dropped and reported; the call fails only if none is valid (Filecoin). */
  FilterInvalid
}
