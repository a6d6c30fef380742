package dev.palletsim.frame.executive;

import dev.palletsim.frame.Weight;

/**
 * The work one phase of a block did in one pallet's storage: reads, writes, reported work items and
 * their weight. A hook that touches several pallets' storage produces one record per pallet, all
 * with the hook's phase, so the total weight of a hook is the sum over its records.
 *
 * @param phase the hook or extrinsic
 * @param pallet the pallet whose storage was touched or who reported the items
 * @param reads storage reads
 * @param writes storage writes
 * @param items work items reported
 * @param weight their weight
 */
public record WorkRecord(
    Phase phase, String pallet, long reads, long writes, long items, Weight weight) {}
