package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;

/**
 * Whether an account has registered session keys (Substrate's {@code ValidatorRegistration},
 * implemented by Session): collator selection refuses candidates without keys.
 */
public interface ValidatorRegistration {
  /** Whether {@code who} has session keys. */
  boolean isRegistered(StateView view, AccountId who);
}
