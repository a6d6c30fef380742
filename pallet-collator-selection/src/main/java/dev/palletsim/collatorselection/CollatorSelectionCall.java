package dev.palletsim.collatorselection;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;

/**
 * The calls of collator selection: upstream's (call indices 0–7; {@code take_candidate_slot} is
 * deliberately absent, see {@link CollatorSelectionPallet}) and palletsim's Root-only {@code
 * report_offence}.
 */
public sealed interface CollatorSelectionCall extends Call<CollatorSelectionPallet> {
  /**
   * Removing one candidate: its record, bond and last-authored entry, and the collator power pallet
   * returning (or locking) the delegations of its backers, declared for up to 8 backers (the
   * metered worst case over the tests and example scenarios is 3): the weights follow upstream's
   * {@code WeightInfo} in being the cost of a bounded case, and the test kit's check of declared
   * weights catches a call that outgrows it.
   */
  java.util.function.Function<WeightCosts, Weight> REMOVAL =
      w -> w.readsWrites(8, 5).plus(w.readsWrites(8, 4).plus(w.items(1)).times(8));

  /**
   * Root: replaces the invulnerables, skipping accounts without keys ({@code set_invulnerables}).
   */
  record SetInvulnerables(Seq<AccountId> invulnerables) implements CollatorSelectionCall {
    @Override
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(2, 1).plus(w.reads(2).times(Weight.countOf(invulnerables)));
    }

    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.setInvulnerables(tx, origin, invulnerables);
    }
  }

  /** Root: sets the seats auctioned each session ({@code set_desired_candidates}). */
  record SetDesiredCandidates(int max) implements CollatorSelectionCall {
    @Override
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(1, 1);
    }

    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.setDesiredCandidates(tx, origin, max);
    }
  }

  /** Root: sets the bond; raising it removes and refunds candidates below it. */
  record SetCandidacyBond(long bond) implements CollatorSelectionCall {
    @Override
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(4, 2).plus(REMOVAL.apply(w));
    }

    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.setCandidacyBond(tx, origin, bond);
    }
  }

  /** Signed: registers the caller, reserving the candidacy bond ({@code register_as_candidate}). */
  record RegisterAsCandidate() implements CollatorSelectionCall {
    @Override
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(12, 5);
    }

    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.registerAsCandidate(tx, origin);
    }
  }

  /** Signed: the caller stops being a candidate; its bond is returned ({@code leave_intent}). */
  record LeaveIntent() implements CollatorSelectionCall {
    @Override
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(4, 2).plus(REMOVAL.apply(w));
    }

    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.leaveIntent(tx, origin);
    }
  }

  /** Root: adds an invulnerable, removing it from the candidates ({@code add_invulnerable}). */
  record AddInvulnerable(AccountId who) implements CollatorSelectionCall {
    @Override
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(6, 3).plus(REMOVAL.apply(w));
    }

    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.addInvulnerable(tx, origin, who);
    }
  }

  /** Root: removes an invulnerable ({@code remove_invulnerable}). */
  record RemoveInvulnerable(AccountId who) implements CollatorSelectionCall {
    @Override
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(4, 2);
    }

    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.removeInvulnerable(tx, origin, who);
    }
  }

  /** Signed candidate: changes its bond to {@code newDeposit} ({@code update_bond}). */
  record UpdateBond(long newDeposit) implements CollatorSelectionCall {
    @Override
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(10, 4);
    }

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
    public Weight weight(CollatorSelectionPallet p, WeightCosts w) {
      return w.readsWrites(6, 4).plus(REMOVAL.apply(w));
    }

    @Override
    public void dispatch(CollatorSelectionPallet p, Tx tx, Origin origin) {
      p.reportOffence(tx, origin, collator, slashFraction);
    }
  }
}
