package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.control.Option;

/**
 * Who the storage providers are and who controls them: implemented by the storage provider pallet,
 * called by the market before publishing deals (seed 002, "Provider ... must have a Miner actor
 * CodeCID", which the spec notes was not enforced; palletsim enforces it) and before paying out a
 * provider's escrow (builtin-actors' market asks the miner actor for its control addresses).
 */
public interface StorageProviderValidation {
  /** Whether {@code who} has registered as a storage provider. */
  boolean isRegisteredStorageProvider(StateView view, AccountId who);

  /**
   * The owner, worker and control addresses of provider {@code provider}; none if it is not a
   * registered provider. The default treats every registered provider as its own owner and worker
   * (an implementation without accounts).
   */
  default Option<ProviderAddresses> controlAddresses(StateView view, AccountId provider) {
    return isRegisteredStorageProvider(view, provider)
        ? Option.some(ProviderAddresses.selfOwned(provider))
        : Option.none();
  }

  /**
   * Whether {@code who} may act for provider {@code provider} in the market: it is the provider's
   * owner, worker or a control address (builtin-actors' {@code IsControllingAddress}).
   */
  default boolean isControllingAddress(StateView view, AccountId provider, AccountId who) {
    return controlAddresses(view, provider).exists(a -> a.isControlling(who));
  }
}
