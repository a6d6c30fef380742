package dev.palletsim.collatorpower;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.CollatorRemoval;

/**
 * Events of the collator power pallet (FRAME's {@code #[pallet::event]}). Power amounts are raw
 * bytes. Every change to a delegation or a lock has its own event, so a block's events account for
 * every byte that moved.
 */
public sealed interface CollatorPowerEvent extends Event.Of<CollatorPowerPallet> {
  /** A miner's claim was created (seed 001 {@code create_miner}, or SPP's registration). */
  record MinerCreated(AccountId miner) implements CollatorPowerEvent {}

  /** The storage provider pallet changed a miner's raw byte power by {@code delta}. */
  record MinerPowerUpdated(AccountId miner, long delta, long rawBytePower)
      implements CollatorPowerEvent {}

  /** A miner delegated {@code amount} more power to {@code collator}. */
  record PowerDelegated(AccountId miner, AccountId collator, long amount)
      implements CollatorPowerEvent {}

  /** A miner took {@code amount} of its power back from {@code collator}. */
  record PowerUndelegated(AccountId miner, AccountId collator, long amount)
      implements CollatorPowerEvent {}

  /** A miner moved {@code amount} of delegated power from one collator to another. */
  record PowerRedelegated(AccountId miner, AccountId from, AccountId to, long amount)
      implements CollatorPowerEvent {}

  /**
   * A power decrease cut the miner's delegation on {@code collator} by {@code amount}, leaving
   * {@code remaining} (seed 001: "slashing Miner and the Power they delegated").
   */
  record DelegationReduced(AccountId miner, AccountId collator, long amount, long remaining)
      implements CollatorPowerEvent {}

  /**
   * A power decrease cut a lock of the miner's power by {@code amount}, leaving {@code remaining}.
   */
  record LockReduced(
      AccountId miner, AccountId collator, long unlockAt, long amount, long remaining)
      implements CollatorPowerEvent {}

  /**
   * {@code collator} was removed for {@code reason}; the miner's delegation on it is free again.
   */
  record DelegationReturned(
      AccountId miner, AccountId collator, long amount, CollatorRemoval reason)
      implements CollatorPowerEvent {}

  /**
   * {@code collator} was slashed; the miner's delegation on it is locked until block {@code
   * unlockAt} ({@link SlashPolicy.LockFor}).
   */
  record DelegationLocked(AccountId miner, AccountId collator, long amount, long unlockAt)
      implements CollatorPowerEvent {}

  /**
   * A lock expired: {@code amount} of the miner's power, once on {@code collator}, is free again.
   */
  record DelegationUnlocked(AccountId miner, AccountId collator, long amount)
      implements CollatorPowerEvent {}
}
