package dev.palletsim.frame.session;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Vector;

/** Events of Session. */
public sealed interface SessionEvent extends Event.Of<SessionPallet> {
  /**
   * Session {@code sessionIndex} has begun with {@code validators}; {@code queued} will follow it.
   */
  record NewSession(long sessionIndex, Vector<AccountId> validators, Vector<AccountId> queued)
      implements SessionEvent {}
}
