package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;

/**
 * Tokens a pallet holds out of circulation (part of Filecoin's {@code FilLocked}): implemented by
 * the storage provider pallet (deposits, pledge and locked rewards), read by the state-backed
 * {@link NetworkEconomics} to derive the circulating supply.
 */
public interface LockedSupply {
  /** The tokens locked, planck. */
  long lockedSupply(StateView view);
}
