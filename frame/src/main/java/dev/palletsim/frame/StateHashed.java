package dev.palletsim.frame;

/**
 * A value that supplies its own contribution to the state hash. Identifiers implement it so that
 * hashing them is a handful of multiplications; persistent storage roots implement it so that their
 * hash, a sum over entries into which the writes since the last state hash are folded once, is read
 * in O(1) when nothing was written.
 *
 * <p>A stored value class that implements this and is not a record also registers a {@code
 * dev.palletsim.frame.snapshot.ValueCodec} in its static initialiser, so that saved chains can
 * write it and read it back.
 */
public interface StateHashed {
  /** A 64-bit hash of the value's content, the same in every JVM run. */
  long stateHash();
}
