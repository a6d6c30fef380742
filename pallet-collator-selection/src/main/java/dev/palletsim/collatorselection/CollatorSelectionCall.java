package dev.palletsim.collatorselection;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;

/**
 * The calls of collator selection: upstream's (call indices 0–7; {@code take_candidate_slot} is
 * deliberately absent, see {@link CollatorSelectionPallet}) and palletsim's Root-only {@code
 * report_offence}.
 */
public sealed interface CollatorSelectionCall extends Call<CollatorSelectionPallet> {
  @Override
  default Class<CollatorSelectionPallet> palletType() {
    return CollatorSelectionPallet.class;
  }

  /**
   * Root: replaces the invulnerables, skipping accounts without keys ({@code set_invulnerables}).
   */
  record SetInvulnerables(Seq<AccountId> invulnerables) implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.setInvulnerables(tx, origin, invulnerables);
    }
  }

  /** Root: sets the seats auctioned each session ({@code set_desired_candidates}). */
  record SetDesiredCandidates(int max) implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.setDesiredCandidates(tx, origin, max);
    }
  }

  /** Root: sets the bond; raising it removes and refunds candidates below it. */
  record SetCandidacyBond(long bond) implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.setCandidacyBond(tx, origin, bond);
    }
  }

  /** Signed: registers the caller, reserving the candidacy bond ({@code register_as_candidate}). */
  record RegisterAsCandidate() implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.registerAsCandidate(tx, origin);
    }
  }

  /** Signed: the caller stops being a candidate; its bond is returned ({@code leave_intent}). */
  record LeaveIntent() implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.leaveIntent(tx, origin);
    }
  }

  /** Root: adds an invulnerable, removing it from the candidates ({@code add_invulnerable}). */
  record AddInvulnerable(AccountId who) implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.addInvulnerable(tx, origin, who);
    }
  }

  /** Root: removes an invulnerable ({@code remove_invulnerable}). */
  record RemoveInvulnerable(AccountId who) implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.removeInvulnerable(tx, origin, who);
    }
  }

  /** Signed candidate: changes its bond to {@code newDeposit} ({@code update_bond}). */
  record UpdateBond(long newDeposit) implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.updateBond(tx, origin, newDeposit);
    }
  }

  /**
   * Root: slashes {@code slashFraction} parts per billion of a candidate's bond (burnt) and removes
   * it; the collator power pallet decides what happens to the power delegated to it.
   */
  record ReportOffence(AccountId collator, long slashFraction) implements CollatorSelectionCall {
    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.reportOffence(tx, origin, collator, slashFraction);
    }
  }
}
