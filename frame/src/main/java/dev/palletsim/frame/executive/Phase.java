package dev.palletsim.frame.executive;

/**
 * Where in the block something happened (frame-system's {@code Phase}, with the hook's pallet
 * named): the initialisation hooks, extrinsic {@code i}, or the finalisation hooks.
 */
public sealed interface Phase {
  /** Genesis construction. */
  record Genesis() implements Phase {}

  /** The {@code onInitialize} hook of {@code pallet}. */
  record Initialization(String pallet) implements Phase {}

  /** Extrinsic {@code index} of the block. */
  record ApplyExtrinsic(int index) implements Phase {}

  /** The {@code onFinalize} hook of {@code pallet}. */
  record Finalization(String pallet) implements Phase {}
}
