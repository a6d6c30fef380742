package dev.palletsim.frame;

/**
 * Why a call failed: Substrate's {@code DispatchError}. A failed call leaves the world unchanged,
 * drops its events and is recorded with one of these (ARCHITECTURE §5). {@link #exitCode()} gives
 * the Filecoin exit code of the same meaning, so traces compare with Filecoin's.
 */
public sealed interface DispatchError {
  /** A one-line description, e.g. {@code Market::EmptyBatch}. */
  String describe();

  /** The Filecoin exit code of the same meaning (docs/filecoin-parity.md, "Exit codes"). */
  ExitCode exitCode();

  /** An error declared by a pallet (FRAME's {@code DispatchError::Module}). */
  record Module(PalletError error) implements DispatchError {
    /** The pallet that declared the error. */
    public String pallet() {
      return error.pallet();
    }

    /** The variant's name. */
    public String variant() {
      return error.name();
    }

    @Override
    public String describe() {
      return error.pallet() + "::" + error.name();
    }

    /** The pallet error's own code. */
    @Override
    public ExitCode exitCode() {
      return error.exitCode();
    }
  }

  /** The origin is not allowed to make this call (e.g. a signed account calling a Root call). */
  record BadOrigin() implements DispatchError {
    @Override
    public String describe() {
      return "BadOrigin";
    }

    /** Filecoin's caller validation fails with {@code USR_FORBIDDEN}. */
    @Override
    public ExitCode exitCode() {
      return ExitCode.USR_FORBIDDEN;
    }
  }

  /** Checked arithmetic failed. */
  record Arithmetic(ArithmeticError kind) implements DispatchError {
    @Override
    public String describe() {
      return "Arithmetic::" + kind;
    }

    /**
     * An amount past what the arithmetic holds is an illegal argument (builtin-actors' bounds on
     * amounts); a division by zero is a broken state.
     */
    @Override
    public ExitCode exitCode() {
      return switch (kind) {
        case Overflow, Underflow -> ExitCode.USR_ILLEGAL_ARGUMENT;
        case DivisionByZero -> ExitCode.USR_ILLEGAL_STATE;
      };
    }
  }

  /**
   * An argument outside its type's domain: a missing value, a negative amount, a malformed
   * identifier. Substrate's types make most of these unrepresentable; Java's do not, so they are
   * rejected here with the argument named.
   */
  record BadInput(String detail) implements DispatchError {
    @Override
    public String describe() {
      return "BadInput(" + detail + ")";
    }

    /**
     * builtin-actors rejects a malformed or negative parameter with {@code USR_ILLEGAL_ARGUMENT}.
     */
    @Override
    public ExitCode exitCode() {
      return ExitCode.USR_ILLEGAL_ARGUMENT;
    }
  }

  /** The block has no weight left for this call (Substrate's {@code Exhausted}). */
  record Exhausted() implements DispatchError {
    @Override
    public String describe() {
      return "Exhausted";
    }

    /** Out of weight is Filecoin's out of gas. */
    @Override
    public ExitCode exitCode() {
      return ExitCode.SYS_OUT_OF_GAS;
    }
  }

  /**
   * The extrinsic is invalid and was refused before its call ran (Substrate's {@code
   * TransactionValidityError::Invalid}): it is not charged, its call does not run, its sender's
   * nonce does not move, and the world is unchanged. The block record keeps the refusal (with no
   * weight), as it keeps an {@link Exhausted} one, so a simulation can count what was turned away.
   */
  record Invalid(InvalidTransaction kind) implements DispatchError {
    @Override
    public String describe() {
      return "InvalidTransaction::" + kind;
    }

    /**
     * A sender unable to pay is Filecoin's {@code SYS_SENDER_STATE_INVALID}: a message whose sender
     * cannot cover its gas is refused before it runs.
     */
    @Override
    public ExitCode exitCode() {
      return switch (kind) {
        case Payment -> ExitCode.SYS_SENDER_STATE_INVALID;
      };
    }
  }

  /**
   * An exception escaped the pallet: always a bug in palletsim or in a pallet, never a user error.
   * The world is left unchanged and the bug is reported (see {@code RuntimeConfig.failOnBug}).
   */
  record Bug(String exception, String message) implements DispatchError {
    @Override
    public String describe() {
      return "Bug(" + exception + ": " + message + ")";
    }

    /** A bug, as builtin-actors reports its own broken assumptions. */
    @Override
    public ExitCode exitCode() {
      return ExitCode.USR_ASSERTION_FAILED;
    }
  }

  /** The module error for {@code error}. */
  static DispatchError module(PalletError error) {
    return new Module(error);
  }

  /** {@link BadOrigin}. */
  static DispatchError badOrigin() {
    return new BadOrigin();
  }

  /** {@link BadInput} naming the argument and what is wrong with it. */
  static DispatchError badInput(String detail) {
    return new BadInput(detail);
  }

  /** {@link Arithmetic} of the given kind. */
  static DispatchError arithmetic(ArithmeticError kind) {
    return new Arithmetic(kind);
  }

  /** Whether this is the module error {@code error}. */
  default boolean is(PalletError error) {
    return this instanceof Module m && m.error().equals(error);
  }
}
