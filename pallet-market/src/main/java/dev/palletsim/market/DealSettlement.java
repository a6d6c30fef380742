package dev.palletsim.market;

/**
 * The summary of one successful settlement (seed 004, {@code DealSettlementSummary}).
 *
 * @param dealId the deal
 * @param payment planck paid to the provider by this settlement
 * @param completed whether the deal settled for the final time and was removed
 */
public record DealSettlement(long dealId, long payment, boolean completed) {}
