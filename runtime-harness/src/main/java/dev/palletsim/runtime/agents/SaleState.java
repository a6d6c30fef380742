package dev.palletsim.runtime.agents;

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
  UNKNOWN("unknown"),
  /** An availability matched; bytes and collateral reserved; the piece taken on the board. */
  PREPARING("preparing"),
  /** Receiving the piece, then asking the client's signature and publishing the deal. */
  PUBLISHING("publishing"),
  /** Published: sealing the sector and submitting its pre-commit. */
  PRE_COMMITTING("pre-committing"),
  /** Pre-committed: waiting for the interactive seed, then proving the sector (activation). */
  PROVING("proving"),
  /** Activated: the sector is proven at every deadline; payments are settled periodically. */
  ACTIVE("active"),
  /** The deal ended: its final settlement completes it. */
  SETTLING("settling"),
  /** Completed and paid in full. */
  FINISHED("finished"),
  /** The market ended the deal against the provider, or refused it. */
  FAILED("failed"),
  /** The client withdrew the request (or it expired) before publication. */
  CANCELLED("cancelled"),
  /** Not taken: no availability fits (re-queued as seen) or the piece went elsewhere. */
  IGNORED("ignored"),
  /** An extrinsic failed unexpectedly. */
  ERRORED("errored");

  private final String metricName;

  SaleState(String metricName) {
    this.metricName = metricName;
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
