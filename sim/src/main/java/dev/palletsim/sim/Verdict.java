package dev.palletsim.sim;

/** The state of an expectation: not decided yet, met, or failed with a message. */
public sealed interface Verdict {
  /** Not decided yet. */
  record Pending() implements Verdict {}

  /** The expectation holds. */
  record Met(long block) implements Verdict {}

  /** The expectation failed; the message says what was expected and what happened. */
  record Failed(long block, String message) implements Verdict {}

  /** Pending. */
  Verdict PENDING = new Pending();
}
