package dev.palletsim.frame;

/**
 * Filecoin's exit codes ({@code fvm_shared::error::ExitCode} and builtin-actors' actor-specific
 * codes), so that a failed palletsim call can be compared with the Filecoin message that fails for
 * the same reason: every {@link PalletError} and every {@link DispatchError} names the code of the
 * same meaning (docs/filecoin-parity.md, "Exit codes").
 */
public enum ExitCode {
  /** Success. */
  OK(0),
  /**
   * The sender cannot cover the message's gas (Lotus refuses it before execution): here, an
   * extrinsic whose sender cannot pay its fee.
   */
  SYS_SENDER_STATE_INVALID(2),
  /** The message ran out of gas: here, the block has no weight left for the call. */
  SYS_OUT_OF_GAS(7),
  /** A parameter is invalid: a bad value, a duplicate, a bound exceeded. */
  USR_ILLEGAL_ARGUMENT(16),
  /** Something named does not exist (never did). */
  USR_NOT_FOUND(17),
  /** The caller may not do this, or may not do it now. */
  USR_FORBIDDEN(18),
  /** A balance (or the resource standing for one) does not cover the request. */
  USR_INSUFFICIENT_FUNDS(19),
  /** The state is inconsistent: an invariant is broken. */
  USR_ILLEGAL_STATE(20),
  /** The parameters could not be decoded. */
  USR_SERIALIZATION(21),
  /** The method does not exist (here: not yet enabled). */
  USR_UNHANDLED_MESSAGE(22),
  /** An unspecified error. */
  USR_UNSPECIFIED(23),
  /** The actor's own assertion failed: a bug. */
  USR_ASSERTION_FAILED(24),
  /** The market's {@code EX_DEAL_EXPIRED}: a deal cleaned up, or past its start for activation. */
  EX_DEAL_EXPIRED(32),
  /** The market's {@code EX_DEAL_NOT_ACTIVATED}: a deal published but not activated. */
  EX_DEAL_NOT_ACTIVATED(33);

  private final int value;

  ExitCode(int value) {
    this.value = value;
  }

  /** The numeric code, as Filecoin traces show it. */
  public int value() {
    return value;
  }
}
