package dev.palletsim.verifiedregistry;

import dev.palletsim.frame.primitives.AccountId;

/**
 * A claim to extend beyond its original limit by spending new DataCap (builtin-actors' {@code
 * ClaimExtensionRequest}): the spender pays the claim's size in DataCap, which is burnt.
 *
 * @param provider the claim's provider
 * @param claimId the claim
 * @param termMax the new maximum term, blocks from the claim's start
 */
public record ClaimExtensionRequest(AccountId provider, long claimId, long termMax) {}
