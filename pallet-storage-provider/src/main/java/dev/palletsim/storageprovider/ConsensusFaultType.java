package dev.palletsim.storageprovider;

/**
 * The consensus faults a report can prove (Filecoin's {@code ConsensusFaultType}, as Lotus's {@code
 * VerifyConsensusFault} recognises them from two block headers and an optional witness).
 */
public enum ConsensusFaultType {
  /** Two different blocks at the same height by the same miner. */
  DoubleForkMining,
  /**
   * A block that omits a sibling the miner itself mined at the same height, shown by the witness
   * header: the sibling shares the first block's parents and height, and the second block builds on
   * the witness but not on the first block.
   */
  ParentGrinding,
  /** Two blocks on the same parents at different heights by the same miner. */
  TimeOffsetMining
}
