package dev.palletsim.market;

/**
 * What builtin-actors' {@code GetDealActivation} returns: when a deal was activated and when it was
 * terminated, each {@link DealState#UNDEFINED} if it has not happened.
 *
 * @param activated the block of activation, or {@link DealState#UNDEFINED}
 * @param terminated the block of termination, or {@link DealState#UNDEFINED}
 */
public record DealActivation(long activated, long terminated) {}
