package com.example.pinning;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;

/**
 * One pin: who pinned what until which block, and the deposit reserved for it.
 *
 * @param owner the account that pinned it and holds the deposit
 * @param cid the pinned piece
 * @param until the block at whose end the pin expires
 * @param deposit planck reserved from the owner
 */
public record Pin(AccountId owner, Cid cid, long until, long deposit) {}
