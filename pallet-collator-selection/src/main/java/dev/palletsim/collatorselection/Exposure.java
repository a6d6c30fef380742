package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Backing;
import io.vavr.collection.Vector;

/**
 * Who backed an elected collator, and with how much power, at the rotation that elected it
 * (pallet-staking's {@code Exposure}, taken from the session's power snapshot). Rewards for blocks
 * the collator authors in that session are split by it, so a delegation changed mid-session changes
 * nothing until the next auction.
 *
 * @param collator the elected candidate
 * @param power the total power delegated to it in the snapshot (bytes)
 * @param backers the miners backing it, ordered by miner
 */
public record Exposure(AccountId collator, long power, Vector<Backing> backers) {}
