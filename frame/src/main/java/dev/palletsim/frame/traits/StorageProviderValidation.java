package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;

/**
 * Whether an account is a registered storage provider: implemented by the storage provider pallet,
 * called by the market before publishing deals (seed 002, "Provider ... must have a Miner actor
 * CodeCID", which the spec notes was not enforced; palletsim enforces it).
 */
public interface StorageProviderValidation {
  /** Whether {@code who} has registered as a storage provider. */
  boolean isRegisteredStorageProvider(StateView view, AccountId who);
}
