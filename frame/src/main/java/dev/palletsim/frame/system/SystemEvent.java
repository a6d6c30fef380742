package dev.palletsim.frame.system;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;

/** Events of System: the outcome of every extrinsic, as frame-system records it. */
public sealed interface SystemEvent extends Event.Of<SystemPallet> {
  /** Extrinsic {@code index} of the block succeeded. */
  record ExtrinsicSuccess(int index) implements SystemEvent {}

  /**
   * Extrinsic {@code index} of the block failed with {@code error}; its other events were dropped.
   */
  record ExtrinsicFailed(int index, DispatchError error) implements SystemEvent {}

  /** A remark was made with an event. */
  record Remarked(String remark) implements SystemEvent {}

  /**
   * An exception escaped a hook or call and the runtime is configured to record bugs rather than
   * throw; the hook's effects were discarded.
   */
  record BugReported(String where, String detail) implements SystemEvent {}
}
