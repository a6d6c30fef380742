package dev.palletsim.collatorpower;

import dev.palletsim.frame.PalletError;

/** Errors of the collator power pallet (FRAME's {@code #[pallet::error]}; seed 001 flows). */
public enum CollatorPowerError implements PalletError {
  /** The miner already has a claim; registering again, by either path, creates no second one. */
  MinerAlreadyRegistered,
  /** The account has no claim: it never called {@code create_miner} nor was registered by SPP. */
  MinerNotRegistered,
  /** Collator selection does not know the collator as a candidate. */
  NotACandidate,
  /** A delegation change of zero bytes. */
  ZeroAmount,
  /** The miner's free power (raw − delegated − locked) is below the amount to delegate. */
  InsufficientPower,
  /** The miner has no delegation on that collator. */
  NoDelegation,
  /** The miner's delegation on that collator is smaller than the amount to take off it. */
  InsufficientDelegation,
  /** A redelegation from a collator to itself. */
  SameCollator,
  /** The delegation left on a collator would be positive but below {@code minDelegation}. */
  DelegationBelowMinimum,
  /** The miner already delegates to {@code maxDelegationsPerMiner} collators. */
  TooManyDelegations,
  /** The collator already has {@code maxBackersPerCollator} backers. */
  TooManyBackers,
  /** A power update would take the miner's raw byte power below zero. */
  PowerUnderflow;

  @Override
  public String pallet() {
    return CollatorPowerPallet.NAME;
  }
}
