package dev.palletsim.frame.executive;

import io.vavr.collection.Seq;

/**
 * Thrown by block production when an invariant fails after a block: the state is inconsistent, so
 * this is a bug to be fixed, not a domain failure. Carries every failed invariant of the block.
 */
public final class InvariantViolation extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The block after which the invariants were broken. */
  private final long block;

  private final transient Seq<String> failures;

  InvariantViolation(long block, Seq<String> failures) {
    super("invariants violated after block " + block + ":\n  " + failures.mkString("\n  "));
    this.block = block;
    this.failures = failures;
  }

  /** The block after which the invariants failed. */
  public long block() {
    return block;
  }

  /** One line per failed invariant. */
  public Seq<String> failures() {
    return failures;
  }
}
