package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;

/**
 * Which collators may receive delegated power: implemented by collator selection, called by the
 * collator power pallet before accepting a delegation (issue: "the collator must be a candidate
 * known to collator selection").
 */
public interface CollatorCandidates {
  /** Whether {@code who} is currently a registered candidate. */
  boolean isCandidate(StateView view, AccountId who);
}
