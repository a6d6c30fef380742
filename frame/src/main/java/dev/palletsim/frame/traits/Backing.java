package dev.palletsim.frame.traits;

import dev.palletsim.frame.primitives.AccountId;

/**
 * Storage power a miner has delegated to a collator.
 *
 * @param miner the delegating miner (storage provider)
 * @param power the delegated raw byte power
 */
public record Backing(AccountId miner, long power) {}
