package dev.palletsim.frame.traits;

/** Why a collator stopped being a candidate; decides what happens to the power delegated to it. */
public enum CollatorRemoval {
  /** It left of its own will ({@code leave_intent}). */
  Left,
  /** It was kicked for not authoring within {@code KickThreshold}. */
  Kicked,
  /** A higher candidacy bond removed it. */
  BondTooLow,
  /** It was made invulnerable and no longer bids as a candidate. */
  MadeInvulnerable,
  /** It was slashed for an offence. */
  Slashed
}
