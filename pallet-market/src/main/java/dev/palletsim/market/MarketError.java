package dev.palletsim.market;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/**
 * Errors of the market, one per failure condition of seeds 002 and 004 (and seed 000's withdrawal
 * delay). Missing arguments and negative amounts fail with frame's {@code BadInput} instead.
 */
public enum MarketError implements PalletError.Of<MarketPallet> {
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
  /**
   * The caller is neither the owner, the worker nor a control address of the deals' provider, nor
   * the client of every deal.
   */
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
  /** Publishing a deal whose start block has passed. */
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
  /**
   * No such deal: the id was never published (builtin-actors' {@code USR_NOT_FOUND}, an id at or
   * beyond {@code NextID}).
   */
  DealNotFound,
  /**
   * The deal is over: its id was published but the deal has since been cleaned up (timed out,
   * completed or terminated), or it can no longer be activated because its start block has passed
   * (builtin-actors' {@code EX_DEAL_EXPIRED}, 32). A deal whose termination the legacy code
   * recorded reads as expired too.
   */
  DealExpired,
  /**
   * The deal was published but is not yet activated (builtin-actors' {@code EX_DEAL_NOT_ACTIVATED},
   * 33): it has no sector yet.
   */
  DealNotActivated,
  /** The deal belongs to another provider. */
  NotDealProvider,
  /** A deal appears twice in a sector, or in two sectors of one activation. */
  DuplicateDeal,
  /** The deal is already active. */
  DealAlreadyActivated,
  /**
   * The deal is not in {@code PendingProposals} though published and not activated: an internal
   * inconsistency (builtin-actors' {@code USR_ILLEGAL_STATE}).
   */
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
  TerminatedDealNotSettleable,
  /** {@code forceLegacyDeal} of a deal the legacy cron already settles. */
  DealAlreadyCronManaged,
  /** A provider's escrow is withdrawn by someone other than its owner or worker. */
  NotProviderOwnerOrWorker,
  /** An account's escrow (not a provider's) is withdrawn by another account. */
  NotEscrowHolder;

  /**
   * The code builtin-actors' market uses for the same failure (filecoin-actors.md §1.4); seed 000's
   * withdrawal delay and the settlement before its upgrade take the code of the same meaning.
   */
  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case ZeroAmount,
          EmptyBatch,
          BatchTooLarge,
          ProviderNotRegistered,
          InvalidLabel,
          InvalidClientSignature,
          InvalidProviderSignature,
          LabelTooLong,
          InvalidPieceSize,
          UndefinedPieceCid,
          InvalidPieceCid,
          DealEndNotAfterStart,
          DealStartPassed,
          DurationOutOfBounds,
          PriceOutOfBounds,
          ProviderCollateralOutOfBounds,
          ClientCollateralOutOfBounds,
          MixedProviders,
          ClientNotVerified,
          DuplicateProposal,
          NoValidDeals,
          DuplicateDeal,
          DealAlreadyActivated,
          DealEndsAfterSectorExpiry,
          DealsExceedSectorSize,
          TerminatedDealNotSettleable,
          DealAlreadyCronManaged ->
          ExitCode.USR_ILLEGAL_ARGUMENT;
      case WithdrawalAlreadyPending,
          WithdrawalNotReady,
          CallerNotProviderOrClient,
          NotDealProvider,
          NotProviderOwnerOrWorker,
          NotEscrowHolder ->
          ExitCode.USR_FORBIDDEN;
      case NoPendingWithdrawal, DealNotFound -> ExitCode.USR_NOT_FOUND;
      case InsufficientClientFunds, InsufficientProviderFunds -> ExitCode.USR_INSUFFICIENT_FUNDS;
      case DealExpired -> ExitCode.EX_DEAL_EXPIRED;
      case DealNotActivated -> ExitCode.EX_DEAL_NOT_ACTIVATED;
      case DealNotPending -> ExitCode.USR_ILLEGAL_STATE;
      case SettlementNotEnabled -> ExitCode.USR_UNHANDLED_MESSAGE;
    };
  }
}
