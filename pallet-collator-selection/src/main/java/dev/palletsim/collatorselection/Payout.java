package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;

/**
 * An amount owed to an account from an authoring reward.
 *
 * @param who the recipient
 * @param amount planck
 */
public record Payout(AccountId who, long amount) {}
