package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.AccountId;

/**
 * The DataCap allocation a piece claims (builtin-actors' {@code VerifiedAllocationKey}).
 *
 * @param client the allocation's client
 * @param id the allocation id
 */
public record VerifiedAllocationKey(AccountId client, long id) {}
