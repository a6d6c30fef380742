package dev.palletsim.frame.executive;

import dev.palletsim.frame.World;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;

/**
 * Everything a chain is, as one immutable value: the world, the open block, the recent block
 * records and which authors are offline. Snapshots and forks keep a reference to it: O(1).
 *
 * @param world the state, including the open block's effects so far
 * @param block the open block
 * @param history the most recent block records, oldest first
 * @param offline authorities that author no blocks (their slots stay empty)
 */
public record ChainState(
    World world, OpenBlock block, Vector<BlockRecord> history, Set<AccountId> offline) {}
