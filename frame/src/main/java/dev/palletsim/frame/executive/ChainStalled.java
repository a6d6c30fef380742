package dev.palletsim.frame.executive;

/**
 * Thrown when no block can be authored because every authority is offline: the chain stalls, as a
 * real parachain would. It reports a scenario's configuration, not a pallet failure.
 */
public final class ChainStalled extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ChainStalled(long block) {
    super("no online authority can author block " + block);
  }
}
