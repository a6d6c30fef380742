package dev.palletsim.market;

import dev.palletsim.frame.PalletError;

/**
 * Errors of the market, one per failure condition of seeds 002 and 004 (and seed 000's withdrawal
 * delay). Missing arguments and negative amounts fail with frame's {@code BadInput} instead.
 */
public enum MarketError implements PalletError {
  /** {@code addBalance} of nothing (seed 002: zero {@code ValueReceived}). */
  ZeroAmount,
  /** A withdrawal is already waiting out the delay. */
  WithdrawalAlreadyPending,
  /** The pending withdrawal's delay has not passed. */
  WithdrawalNotReady,
  /** There is no pending withdrawal to complete. */
  NoPendingWithdrawal,
  /** An empty list of deals. */
  EmptyBatch,
  /** More deals than the configured bound in one call. */
  BatchTooLarge,
  /** The deals' provider is not a registered storage provider. */
  ProviderNotRegistered,
  /** The caller is neither the deals' provider nor the client of every deal. */
  CallerNotProviderOrClient,
  /** The label is not well-formed Unicode. */
  InvalidLabel,
  /** The client's signature does not verify. */
  InvalidClientSignature,
  /** The client publishes without a valid provider signature. */
  InvalidProviderSignature,
  /** The label is longer than {@code maxLabelBytes} bytes of UTF-8. */
  LabelTooLong,
  /** The piece size is not a power of two of at least 128 bytes. */
  InvalidPieceSize,
  /** The piece CID is undefined. */
  UndefinedPieceCid,
  /** The piece CID does not carry the unsealed-commitment prefix. */
  InvalidPieceCid,
  /** {@code endBlock ≤ startBlock}. */
  DealEndNotAfterStart,
  /** The start block has passed. */
  DealStartPassed,
  /** The duration is outside the configured bounds. */
  DurationOutOfBounds,
  /** The price per block is outside the configured bounds. */
  PriceOutOfBounds,
  /** The provider collateral is outside the configured bounds. */
  ProviderCollateralOutOfBounds,
  /** The client collateral is outside the configured bounds. */
  ClientCollateralOutOfBounds,
  /** A deal's provider differs from the batch's. */
  MixedProviders,
  /** A verified deal from a client that is not verified. */
  ClientNotVerified,
  /** The client's available escrow does not cover collateral and fee. */
  InsufficientClientFunds,
  /** The provider's available escrow does not cover its collateral. */
  InsufficientProviderFunds,
  /** The same proposal is already pending (or earlier in the batch). */
  DuplicateProposal,
  /** Every deal of a filtered batch was invalid. */
  NoValidDeals,
  /** No such deal (never published, or timed out, terminated or completed and removed). */
  DealNotFound,
  /** The deal belongs to another provider. */
  NotDealProvider,
  /** A deal appears twice in the sectors given. */
  DuplicateDeal,
  /** A sector appears twice in the sectors given. */
  DuplicateSector,
  /** The provider's sector already holds active deals. */
  SectorAlreadyHasDeals,
  /** The deal is already active. */
  DealAlreadyActivated,
  /** The deal is not in {@code PendingProposals}. */
  DealNotPending,
  /** The deal ends after the sector expires. */
  DealEndsAfterSectorExpiry,
  /** The deals' pieces do not fit in the sector. */
  DealsExceedSectorSize,
  /** Manual settlement exists only from the FIP-0074 upgrade on. */
  SettlementNotEnabled,
  /**
   * A deal whose termination the legacy code recorded awaits cron and cannot be settled by hand
   * (seed 004, Transition: the whole call aborts, Filecoin's {@code USR_ILLEGAL_ARGUMENT}).
   */
  TerminatedDealNotSettleable;

  @Override
  public String pallet() {
    return MarketPallet.NAME;
  }
}
