package dev.palletsim.market;

/**
 * A deal that {@code settleDealPayments} could not settle (seed 004, {@code FailCodes}): the deal
 * and why. Such a deal is left as it was, unless it missed its activation: it is then timed out
 * (provider collateral slashed, client refunded, deal removed), as builtin-actors does.
 *
 * @param dealId the deal
 * @param error why ({@link MarketError#DealExpired} for a deal without a proposal, whether never
 *     published, timed out, terminated or completed, as builtin-actors reports it)
 */
public record SettlementFailure(long dealId, MarketError error) {}
