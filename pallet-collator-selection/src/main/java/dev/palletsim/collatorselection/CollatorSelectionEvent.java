package dev.palletsim.collatorselection;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.CollatorRemoval;
import io.vavr.collection.Vector;

/**
 * Events of collator selection: upstream's, with the reason added to {@code CandidateRemoved}, and
 * palletsim's {@code CandidateSlashed}, {@code CollatorsSelected} and {@code AuthorRewarded}.
 */
public sealed interface CollatorSelectionEvent extends Event.Of<CollatorSelectionPallet> {
  /** New invulnerables were set. */
  record NewInvulnerables(Vector<AccountId> invulnerables) implements CollatorSelectionEvent {}

  /** An invulnerable was added. */
  record InvulnerableAdded(AccountId accountId) implements CollatorSelectionEvent {}

  /** An invulnerable was removed. */
  record InvulnerableRemoved(AccountId accountId) implements CollatorSelectionEvent {}

  /** The number of desired candidates was set. */
  record NewDesiredCandidates(int desiredCandidates) implements CollatorSelectionEvent {}

  /** The candidacy bond was set. */
  record NewCandidacyBond(long bondAmount) implements CollatorSelectionEvent {}

  /** A candidate registered, reserving {@code deposit}. */
  record CandidateAdded(AccountId accountId, long deposit) implements CollatorSelectionEvent {}

  /** A candidate's bond is now {@code deposit}. */
  record CandidateBondUpdated(AccountId accountId, long deposit)
      implements CollatorSelectionEvent {}

  /** A candidate left the list, for {@code reason}; what it still had reserved was returned. */
  record CandidateRemoved(AccountId accountId, CollatorRemoval reason)
      implements CollatorSelectionEvent {}

  /** An account without session keys was left out of {@code set_invulnerables}. */
  record InvalidInvulnerableSkipped(AccountId accountId) implements CollatorSelectionEvent {}

  /** {@code amount} of a candidate's bond was slashed (burnt) for an offence. */
  record CandidateSlashed(AccountId accountId, long amount) implements CollatorSelectionEvent {}

  /**
   * The set for {@code session} was assembled: {@code collators} (invulnerables first), of which
   * {@code elected} were drawn by {@code strategy} among {@code bidders} candidates.
   */
  record CollatorsSelected(
      long session,
      String strategy,
      int bidders,
      Vector<AccountId> elected,
      Vector<AccountId> collators)
      implements CollatorSelectionEvent {}

  /**
   * The author of the block was paid {@code toAuthor} from the pot and its backers {@code
   * toBackers}.
   */
  record AuthorRewarded(AccountId author, long toAuthor, long toBackers)
      implements CollatorSelectionEvent {}
}
