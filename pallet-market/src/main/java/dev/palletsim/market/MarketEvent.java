package dev.palletsim.market;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Vector;

/** Events of the market: every change of escrow or of a deal's life a user cares about. */
public sealed interface MarketEvent extends Event.Of<MarketPallet> {
  /** {@code who} moved {@code amount} planck into escrow. */
  record BalanceAdded(AccountId who, long amount) implements MarketEvent {}

  /** {@code who} asked to withdraw {@code amount}; it may be completed from {@code readyAt}. */
  record WithdrawalRequested(AccountId who, long amount, long readyAt) implements MarketEvent {}

  /** {@code amount} planck left {@code who}'s escrow for its free balance. */
  record BalanceWithdrawn(AccountId who, long amount) implements MarketEvent {}

  /** A deal was published and got its id. */
  record DealPublished(long dealId, AccountId client, AccountId provider) implements MarketEvent {}

  /** Deal {@code index} of a filtered batch was dropped for {@code error}. */
  record DealRejected(int index, DispatchError error) implements MarketEvent {}

  /** A deal was activated in a sector. */
  record DealActivated(long dealId, AccountId client, AccountId provider, long sectorNumber)
      implements MarketEvent {}

  /** The client paid {@code payment} planck to the provider for a deal (cron or manual). */
  record DealSettled(long dealId, long payment) implements MarketEvent {}

  /**
   * The result of one {@code settleDealPayments} call (seed 004's return value): the successful
   * settlements and the failed deals.
   */
  record DealsSettled(Vector<DealSettlement> settlements, Vector<SettlementFailure> failures)
      implements MarketEvent {}

  /** A deal ran to its end: both collaterals were unlocked and the deal removed. */
  record DealCompleted(long dealId, AccountId client, AccountId provider) implements MarketEvent {}

  /**
   * A deal's sector was terminated and the deal settled: the final {@code payment}, the client's
   * {@code clientRefund} (remaining fee plus collateral, unlocked) and the provider's {@code
   * slashed} collateral.
   */
  record DealTerminated(
      long dealId,
      AccountId client,
      AccountId provider,
      long payment,
      long clientRefund,
      long slashed)
      implements MarketEvent {}

  /** Legacy regime: a deal's termination at {@code slashBlock} was recorded for cron to settle. */
  record DealTerminationRecorded(long dealId, long slashBlock) implements MarketEvent {}

  /**
   * A deal was not activated by its start block: the client's fee and collateral were unlocked and
   * {@code slashed} planck of the provider's collateral slashed.
   */
  record DealTimedOut(long dealId, AccountId client, AccountId provider, long slashed)
      implements MarketEvent {}

  /**
   * Root made deal {@code dealId} a legacy, cron-settled deal, paid up to {@code lastUpdatedBlock}
   * and next visited by cron at {@code updateBlock}.
   */
  record LegacyDealForced(long dealId, long lastUpdatedBlock, long updateBlock)
      implements MarketEvent {}
}
