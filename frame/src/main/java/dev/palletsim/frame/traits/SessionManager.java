package dev.palletsim.frame.traits;

import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * Decides the validator (collator) set of future sessions: pallet-session's {@code SessionManager},
 * implemented by collator selection. During the rotation into session {@code i}, session calls
 * {@code newSession(i + 1)}; the set it returns becomes active one session later.
 */
public interface SessionManager {
  /** The set for session {@code newIndex}, or none to keep the current one. */
  Option<Seq<AccountId>> newSession(Tx tx, long newIndex);

  /** The set for session {@code index} at genesis (0 and 1); defaults to {@link #newSession}. */
  default Option<Seq<AccountId>> newSessionGenesis(Tx tx, long index) {
    return newSession(tx, index);
  }

  /** Session {@code index} has started. */
  default void startSession(Tx tx, long index) {}

  /** Session {@code index} is ending. */
  default void endSession(Tx tx, long index) {}
}
