package dev.palletsim.frame.session;

import dev.palletsim.frame.primitives.AccountId;

/**
 * A validator's session keys (pallet-session's {@code Keys}): palletsim models only the Aura key.
 *
 * @param aura the Aura authority key
 */
public record SessionKeys(AccountId aura) {}
