package dev.palletsim.agents;

/**
 * The states of one sale (one deal) of the storage provider agent: seed 003's sales state machine
 * mapped onto Filecoin's deal flow. The happy path is {@code PREPARING → PUBLISHING →
 * PRE_COMMITTING → PROVING → ACTIVE → SETTLING → FINISHED}; {@code FAILED}, {@code CANCELLED},
 * {@code IGNORED} and {@code ERRORED} are the other terminal states, and {@code UNKNOWN} is the
 * restart entry that reads the chain and jumps to the state the deal is in (seed 003's {@code
 * SaleUnknown}).
 */
public enum SaleState {
  /** Restart entry: the deal was found on chain and its state is being read. */
  UNKNOWN(
      "unknown",
      "a restarted provider found the deal on chain and is reading which state it is in"),
  /** An availability matched; bytes and collateral reserved; the piece taken on the board. */
  PREPARING(
      "preparing",
      "an opportunity matched an availability: bytes and collateral reserved, the piece taken on"
          + " the board"),
  /** Receiving the piece, then asking the client's signature and publishing the deal. */
  PUBLISHING(
      "publishing",
      "receiving the piece, then asking the client's signature and publishing the deal"),
  /** Published: sealing the sector and submitting its pre-commit. */
  PRE_COMMITTING("pre-committing", "published: sealing the sector and submitting its pre-commit"),
  /** Pre-committed: waiting for the interactive seed, then proving the sector (activation). */
  PROVING(
      "proving",
      "pre-committed: waiting for the interactive seed, then prove-committing the sector"
          + " (activation)"),
  /** Activated: the sector is proven at every deadline; payments are settled periodically. */
  ACTIVE(
      "active",
      "activated: the sector is proven at every deadline and payments are settled periodically"),
  /** The deal ended: its final settlement completes it. */
  SETTLING("settling", "the deal ended: its final settlement completes it"),
  /** Completed and paid in full. */
  FINISHED("finished", "completed and paid in full"),
  /** The market ended the deal against the provider, or refused it. */
  FAILED(
      "failed",
      "the market ended the deal against the provider (timed out, sector terminated) or refused"
          + " it"),
  /** The client withdrew the request (or it expired) before publication. */
  CANCELLED(
      "cancelled", "the client withdrew the request, or it expired, before the deal was published"),
  /** Not taken: no availability fits (re-queued as seen) or the piece went elsewhere. */
  IGNORED(
      "ignored",
      "an opportunity not taken: no availability fits it (it is re-queued as seen) or the piece"
          + " went to another provider"),
  /** An extrinsic failed unexpectedly. */
  ERRORED("errored", "an extrinsic failed unexpectedly; the sale was abandoned");

  private final String metricName;
  private final String description;

  SaleState(String metricName, String description) {
    this.metricName = metricName;
    this.description = description;
  }

  /** What a sale in this state is doing (for reports and {@code palletsim list metrics}). */
  public String description() {
    return description;
  }

  /** The state's name in metrics ({@code sales.<name>}). */
  public String metricName() {
    return metricName;
  }

  /** Whether the sale is over (its reservation released). */
  public boolean isTerminal() {
    return this == FINISHED
        || this == FAILED
        || this == CANCELLED
        || this == IGNORED
        || this == ERRORED;
  }

  /** Whether a deal exists on chain for the sale in this state. */
  public boolean hasDeal() {
    return this == PRE_COMMITTING || this == PROVING || this == ACTIVE || this == SETTLING;
  }
}
