package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;

/**
 * Storage power claims as the storage provider pallet reports them (seed 001, "Manipulating
 * Power"): implemented by the collator power pallet. {@link #updateMinerPower} is deliberately not
 * an extrinsic: only the storage provider pallet may change a miner's power, after proofs.
 */
public interface StoragePower {
  /**
   * Creates the miner's claim with zero power (seed 001 {@code create_miner}); fails with a typed
   * error if the miner is already registered.
   */
  void registerMiner(Tx tx, AccountId miner);

  /**
   * Adds {@code rawBytePowerDelta} (negative for a decrease) to the miner's raw byte power. A
   * decrease shrinks the miner's delegations so that they never exceed its power. Fails for an
   * unregistered miner or a result below zero.
   */
  void updateMinerPower(Tx tx, AccountId miner, long rawBytePowerDelta);

  /** The miner's raw byte power, 0 if unregistered. */
  long minerPower(StateView view, AccountId miner);

  /** Whether the miner is registered. */
  boolean isMinerRegistered(StateView view, AccountId miner);
}
