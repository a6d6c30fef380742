package dev.palletsim.market;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.ProviderAddresses;
import dev.palletsim.frame.traits.StorageProviderValidation;
import io.vavr.collection.Set;
import io.vavr.control.Option;

/**
 * A fake provider registry: the accounts it was built with are registered, no one else. Each is
 * controlled by {@code controllers} when given (builtin-actors' market harness gives every miner
 * one owner, worker and control address), else by itself.
 */
record RegisteredProviders(Set<AccountId> providers, Option<ControlledBy> controllers)
    implements StorageProviderValidation {

  /** Every provider its own owner and worker. */
  RegisteredProviders(Set<AccountId> providers) {
    this(providers, Option.none());
  }

  /**
   * The owner, worker and control address every provider has.
   *
   * @param owner the owner
   * @param worker the worker
   * @param control the control address
   */
  record ControlledBy(AccountId owner, AccountId worker, AccountId control) {}

  @Override
  public boolean isRegisteredStorageProvider(StateView view, AccountId who) {
    return providers.contains(who);
  }

  @Override
  public Option<ProviderAddresses> controlAddresses(StateView view, AccountId provider) {
    if (!providers.contains(provider)) return Option.none();
    return Option.some(
        controllers
            .map(
                c ->
                    new ProviderAddresses(
                        c.owner(), c.worker(), io.vavr.collection.List.of(c.control())))
            .getOrElse(() -> ProviderAddresses.selfOwned(provider)));
  }
}
