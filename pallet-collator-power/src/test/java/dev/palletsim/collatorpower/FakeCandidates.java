package dev.palletsim.collatorpower;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.CollatorCandidates;
import io.vavr.collection.TreeSet;

/**
 * Collator selection's candidate list as the collator power pallet sees it, faked: a set the test
 * edits directly. Kept outside the world on purpose (the real list lives in collator selection).
 */
final class FakeCandidates implements CollatorCandidates {
  private TreeSet<AccountId> candidates;

  FakeCandidates(Iterable<AccountId> initial) {
    this.candidates = TreeSet.ofAll(initial);
  }

  void add(AccountId who) {
    candidates = candidates.add(who);
  }

  void remove(AccountId who) {
    candidates = candidates.remove(who);
  }

  TreeSet<AccountId> all() {
    return candidates;
  }

  @Override
  public boolean isCandidate(StateView view, AccountId who) {
    return who != null && candidates.contains(who);
  }
}
