package dev.palletsim.frame;

import dev.palletsim.frame.primitives.AccountId;

/**
 * Who makes a call (FRAME's {@code RawOrigin}): a signed account, Root (governance), or None (an
 * unsigned call such as an inherent). Calls between pallets through coupling interfaces carry no
 * origin: they are trusted in-runtime calls (ARCHITECTURE §5).
 */
public sealed interface Origin {
  /** Signed by {@code who}. */
  record Signed(AccountId who) implements Origin {
    @Override
    public String toString() {
      return "Signed(" + who + ")";
    }
  }

  /** The Root origin (sudo / governance). */
  record Root() implements Origin {
    @Override
    public String toString() {
      return "Root";
    }
  }

  /** No origin: an unsigned call. */
  record None() implements Origin {
    @Override
    public String toString() {
      return "None";
    }
  }

  /** An origin signed by {@code who}. */
  static Origin signed(AccountId who) {
    return new Signed(who);
  }

  /** The Root origin. */
  static Origin root() {
    return new Root();
  }

  /** The None origin. */
  static Origin none() {
    return new None();
  }

  /** The signer, or a {@code BadOrigin} failure (FRAME's {@code ensure_signed}). */
  static AccountId ensureSigned(Origin origin) {
    if (origin instanceof Signed s && s.who() != null) return s.who();
    throw new DispatchException(DispatchError.badOrigin());
  }

  /**
   * Returns if the origin is Root, fails with {@code BadOrigin} otherwise ({@code ensure_root}).
   */
  static void ensureRoot(Origin origin) {
    if (!(origin instanceof Root)) throw new DispatchException(DispatchError.badOrigin());
  }

  /**
   * Returns if the origin is None, fails with {@code BadOrigin} otherwise ({@code ensure_none}).
   */
  static void ensureNone(Origin origin) {
    if (!(origin instanceof None)) throw new DispatchException(DispatchError.badOrigin());
  }
}
