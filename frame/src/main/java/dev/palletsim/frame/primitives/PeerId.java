package dev.palletsim.frame.primitives;

/**
 * A libp2p peer id as the storage provider registers it (seed 000's miner registration; bounded
 * like polka-storage's {@code BoundedVec<u8, 32>} by the pallet that stores it). Kept as its text
 * form; palletsim does no networking.
 */
public record PeerId(String value) {
  /** The peer id as text. */
  @Override
  public String toString() {
    return value;
  }
}
