package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.primitives.AccountId;

/**
 * A claim whose maximum term its client extends (builtin-actors' {@code ClaimTerm}).
 *
 * @param provider the claim's provider
 * @param claimId the claim
 * @param termMax the new maximum term, blocks from the claim's start
 */
public record ClaimTerm(AccountId provider, long claimId, long termMax) {}
