package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;

/**
 * Delegated storage power as collator selection sees it (seed 001, {@code get_collator_power}):
 * implemented by the collator power pallet. Collator selection reads it at session rotation (that
 * reading is the session's power snapshot) and reports collators that disappear.
 */
public interface CollatorPower {
  /** The total power miners have delegated to {@code collator}. */
  long powerOf(StateView view, AccountId collator);

  /** Who backs {@code collator} and with how much, ordered by miner. */
  Seq<Backing> backersOf(StateView view, AccountId collator);

  /**
   * {@code collator} is no longer a candidate: the power delegated to it returns to its miners, or
   * is held for a while after a slash, as the collator power pallet's policy says (seed 001's
   * trade-off: "gives back the staked_power to a Miner when a Collator disappears").
   */
  void onCollatorRemoved(Tx tx, AccountId collator, CollatorRemoval reason);
}
