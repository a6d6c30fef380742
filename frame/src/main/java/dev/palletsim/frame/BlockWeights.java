package dev.palletsim.frame;

/**
 * The block's weight limits and what its extrinsics have used so far, as a transaction sees them
 * (frame-system's {@code BlockWeights} constants and its {@code BlockWeight} storage, normal
 * class): what a fee pallet prices by ({@code base_extrinsic}, the weight fee capped at the limit)
 * and what the fee multiplier adjusts to at the end of the block.
 *
 * @param limit the most weight one block may use ({@code RuntimeConfig.maxBlockWeight})
 * @param extrinsicBase the weight every extrinsic pays before its own work
 * @param extrinsics the actual weight of the block's extrinsics applied before this transaction
 *     began (refused ones weigh nothing), without the hooks'
 */
public record BlockWeights(Weight limit, Weight extrinsicBase, Weight extrinsics) {
  /** What a transaction outside a block (genesis, tests, tools) sees: no limit, no base. */
  public static final BlockWeights NONE =
      new BlockWeights(new Weight(Long.MAX_VALUE), Weight.ZERO, Weight.ZERO);
}
