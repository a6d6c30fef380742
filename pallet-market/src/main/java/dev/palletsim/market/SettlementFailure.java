package dev.palletsim.market;

/**
 * A deal that {@code settleDealPayments} could not settle (seed 004, {@code FailCodes}): the deal
 * and why. Such a deal is left exactly as it was.
 *
 * @param dealId the deal
 * @param error why (e.g. {@link MarketError#DealNotFound} for timed-out, terminated, completed or
 *     unknown deals)
 */
public record SettlementFailure(long dealId, MarketError error) {}
