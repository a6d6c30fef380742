package dev.palletsim.frame.session;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;

/**
 * Session genesis: the accounts whose keys are registered at genesis (each with its own account as
 * Aura key, as the dev chain specs do). Without a session manager pallet, they are also the fixed
 * validator set.
 *
 * @param keys accounts registered with session keys
 */
public record SessionGenesis(Seq<AccountId> keys) {}
