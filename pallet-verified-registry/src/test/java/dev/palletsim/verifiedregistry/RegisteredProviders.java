package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.StorageProviderValidation;
import io.vavr.collection.Set;

/** A fake provider registry: the accounts it was built with are registered, no one else. */
record RegisteredProviders(Set<AccountId> providers) implements StorageProviderValidation {
  @Override
  public boolean isRegisteredStorageProvider(StateView view, AccountId who) {
    return providers.contains(who);
  }
}
