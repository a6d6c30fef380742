package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;

/**
 * Storage power claims as the storage provider pallet reports them (seed 001, "Manipulating Power";
 * builtin-actors' power actor {@code UpdateClaimedPower}): implemented by the collator power
 * pallet. A claim holds the miner's raw byte power and its quality-adjusted power (raw power with
 * verified data counted ten times, filecoin-actors.md §3.10). {@link #updateMinerPower} is
 * deliberately not an extrinsic: only the storage provider pallet may change a miner's power, after
 * proofs.
 */
public interface StoragePower {
  /**
   * Creates the miner's claim with zero power (seed 001 {@code create_miner}); fails with a typed
   * error if the miner is already registered.
   */
  void registerMiner(Tx tx, AccountId miner);

  /**
   * Adds {@code rawBytePowerDelta} to the miner's raw byte power and {@code qualityAdjPowerDelta}
   * to its quality-adjusted power (negative for a decrease). A decrease shrinks the miner's
   * delegations so that they never exceed the power they weigh. Fails for an unregistered miner or
   * a result below zero.
   */
  void updateMinerPower(Tx tx, AccountId miner, long rawBytePowerDelta, long qualityAdjPowerDelta);

  /**
   * A change of committed-capacity power, whose quality-adjusted power is its raw power: {@link
   * #updateMinerPower(Tx, AccountId, long, long)} with both deltas {@code rawBytePowerDelta}.
   */
  default void updateMinerPower(Tx tx, AccountId miner, long rawBytePowerDelta) {
    updateMinerPower(tx, miner, rawBytePowerDelta, rawBytePowerDelta);
  }

  /** The miner's raw byte power, 0 if unregistered. */
  long minerPower(StateView view, AccountId miner);

  /** The miner's quality-adjusted power, 0 if unregistered. */
  long minerQaPower(StateView view, AccountId miner);

  /** Whether the miner is registered. */
  boolean isMinerRegistered(StateView view, AccountId miner);
}
