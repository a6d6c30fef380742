package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;

/**
 * DataCap a verified client has set aside for one piece with one provider (builtin-actors' verifreg
 * {@code Allocation}): the provider may claim it by proving a sector holding the piece until {@code
 * expiration}; after that anyone may remove it and the DataCap returns to the client.
 *
 * @param client the verified client that spent the DataCap
 * @param provider the storage provider that may claim it
 * @param data the piece's commitment (CommP)
 * @param size the piece's padded size in bytes: the DataCap it holds
 * @param termMin the shortest the provider must keep the data, blocks from the claim
 * @param termMax the longest the data earns quality-adjusted power, blocks from the claim
 * @param expiration the last block at which the allocation may be claimed
 */
public record Allocation(
    AccountId client,
    AccountId provider,
    Cid data,
    long size,
    long termMin,
    long termMax,
    long expiration) {}
