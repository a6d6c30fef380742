package dev.palletsim.frame.executive;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Weight;
import io.vavr.collection.Vector;

/**
 * The block being built: its context, and the events, extrinsic outcomes and work recorded so far.
 *
 * @param context number, timestamp, slot, author, randomness
 * @param events events so far
 * @param extrinsics extrinsic outcomes so far
 * @param work work records so far
 * @param weight weight used so far
 */
public record OpenBlock(
    BlockContext context,
    Vector<EventRecord> events,
    Vector<DispatchOutcome> extrinsics,
    Vector<WorkRecord> work,
    Weight weight) {
  static OpenBlock of(BlockContext context) {
    return new OpenBlock(context, Vector.empty(), Vector.empty(), Vector.empty(), Weight.ZERO);
  }
}
