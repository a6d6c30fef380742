package dev.palletsim.agents.sales;

/**
 * The phases of a sale on Filecoin's deal flow, which the {@code sales.<phase>} counters and the
 * agent's status line report: each {@linkplain SaleState seed 003 state} belongs to one phase, and
 * a sale is counted when it enters a phase. The happy path is {@code preparing → publishing →
 * pre-committing → proving → active → settling → finished}; {@code failed}, {@code cancelled},
 * {@code ignored} and {@code errored} are the other ends, and {@code unknown} is the restart entry.
 * The names are those palletsim reported before the machine followed seed 003 state by state, so
 * results compare across versions.
 */
public enum SalePhase {
  /** Restart entry: the deal was found on chain and its state is being read. */
  UNKNOWN(
      "unknown",
      "SaleUnknown: a restarted provider found the deal on chain and reads which state it is in"),
  /** An availability matched; the piece taken on the board; bytes and collateral reserved. */
  PREPARING(
      "preparing",
      "SalePreparing and SaleSlotReserving: an opportunity matched an availability, the piece was"
          + " taken on the board and bytes and collateral reserved"),
  /** Receiving the piece, then asking the client's signature and publishing the deal. */
  PUBLISHING(
      "publishing",
      "SaleDownloading: receiving the piece, then asking the client's signature and publishing the"
          + " deal"),
  /** Published: sealing the sector and submitting its pre-commit. */
  PRE_COMMITTING(
      "pre-committing",
      "SaleInitialProving: published; sealing the sector and submitting its pre-commit"),
  /** Pre-committed: waiting for the interactive seed, then proving the sector (activation). */
  PROVING(
      "proving",
      "SaleFilling: pre-committed; waiting for the interactive seed, then prove-committing the"
          + " sector (activation)"),
  /** Activated: the sector is proven at every deadline; payments are settled periodically. */
  ACTIVE(
      "active",
      "SaleFilled, then SaleProving or SaleProvingSimulated: activated; the sector is proven at"
          + " every deadline and payments are settled periodically"),
  /** The deal ended: its final settlement completes it. */
  SETTLING("settling", "SalePayout: the deal ended; its final settlement completes it"),
  /** Completed and paid in full. */
  FINISHED("finished", "SaleFinished: completed and paid in full"),
  /** The market ended the deal against the provider, or refused it. */
  FAILED(
      "failed",
      "SaleFailed: the market ended the deal against the provider (timed out, sector terminated)"
          + " or refused it"),
  /** The client withdrew the request (or it expired) before publication. */
  CANCELLED(
      "cancelled",
      "SaleCancelled: the client withdrew the request, or it expired, before the deal was"
          + " published"),
  /** Not taken: no availability fits (re-queued as seen) or the piece is no longer offered. */
  IGNORED(
      "ignored",
      "SaleIgnored: an opportunity not taken; no availability fits it (it is re-queued as seen)"
          + " or the piece is no longer offered"),
  /** An extrinsic failed unexpectedly. */
  ERRORED("errored", "SaleErrored: an extrinsic failed unexpectedly; the sale was abandoned");

  private final String metricName;
  private final String description;

  SalePhase(String metricName, String description) {
    this.metricName = metricName;
    this.description = description;
  }

  /** Which states make the phase and what a sale in it is doing (reports, {@code list metrics}). */
  public String description() {
    return description;
  }

  /** The phase's name in metrics ({@code sales.<name>}) and status lines. */
  public String metricName() {
    return metricName;
  }

  /** Whether a sale in this phase is over (its reservation released). */
  public boolean isTerminal() {
    return this == FINISHED
        || this == FAILED
        || this == CANCELLED
        || this == IGNORED
        || this == ERRORED;
  }
}
