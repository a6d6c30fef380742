package dev.palletsim.collatorselection;

import static dev.palletsim.collatorselection.CollatorSelectionStorage.CANDIDACY_BOND;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.CANDIDATES;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.DESIRED_CANDIDATES;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.INVULNERABLES;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.LAST_AUTHORED_BLOCK;
import static dev.palletsim.collatorselection.Fixture.ALICE;
import static dev.palletsim.collatorselection.Fixture.BALANCE;
import static dev.palletsim.collatorselection.Fixture.BOB;
import static dev.palletsim.collatorselection.Fixture.BOND;
import static dev.palletsim.collatorselection.Fixture.CHARLIE;
import static dev.palletsim.collatorselection.Fixture.DAVE;
import static dev.palletsim.collatorselection.Fixture.EVE;
import static dev.palletsim.collatorselection.Fixture.FERDIE;
import static dev.palletsim.collatorselection.Fixture.GENESIS_INVULNERABLES;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorselection.CollatorSelectionCall.AddInvulnerable;
import dev.palletsim.collatorselection.CollatorSelectionCall.LeaveIntent;
import dev.palletsim.collatorselection.CollatorSelectionCall.RegisterAsCandidate;
import dev.palletsim.collatorselection.CollatorSelectionCall.RemoveInvulnerable;
import dev.palletsim.collatorselection.CollatorSelectionCall.ReportOffence;
import dev.palletsim.collatorselection.CollatorSelectionCall.SetCandidacyBond;
import dev.palletsim.collatorselection.CollatorSelectionCall.SetDesiredCandidates;
import dev.palletsim.collatorselection.CollatorSelectionCall.SetInvulnerables;
import dev.palletsim.collatorselection.CollatorSelectionCall.UpdateBond;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateAdded;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateBondUpdated;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateRemoved;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateSlashed;
import dev.palletsim.collatorselection.CollatorSelectionEvent.InvalidInvulnerableSkipped;
import dev.palletsim.collatorselection.CollatorSelectionEvent.InvulnerableAdded;
import dev.palletsim.collatorselection.CollatorSelectionEvent.InvulnerableRemoved;
import dev.palletsim.collatorselection.CollatorSelectionEvent.NewCandidacyBond;
import dev.palletsim.collatorselection.CollatorSelectionEvent.NewDesiredCandidates;
import dev.palletsim.collatorselection.CollatorSelectionEvent.NewInvulnerables;
import dev.palletsim.collatorselection.FakeCollatorPower.Removal;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesError;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionCall;
import dev.palletsim.frame.session.SessionKeys;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every extrinsic: success with its state and events, and every failure without effect. */
class CollatorSelectionCallsTest {
  private static final Origin ROOT = Origin.root();

  private static Origin signed(AccountId who) {
    return Origin.signed(who);
  }

  private static Chain register(Chain chain, AccountId... who) {
    for (AccountId a : who) assertThat(chain.dispatch(a, new RegisterAsCandidate())).isSuccess();
    return chain;
  }

  @Nested
  class RegisterAsCandidateCall {
    @Test
    void reservesTheBondAndGrantsAGracePeriod() {
      Chain chain = Fixture.chain();
      chain.runToBlock(3);
      var outcome = chain.dispatch(CHARLIE, new RegisterAsCandidate());
      assertThat(outcome)
          .isSuccess()
          .emitted(CandidateAdded.class, e -> e.equals(new CandidateAdded(CHARLIE, BOND)));
      assertThat(chain).hasReserved(CHARLIE, BOND).hasFree(CHARLIE, BALANCE - BOND);
      assertThat(chain.query(CANDIDATES, CHARLIE)).contains(new CandidateInfo(BOND));
      assertThat(chain.query(LAST_AUTHORED_BLOCK, CHARLIE)).contains(3L + 10);
      assertThat(Fixture.pallet(chain).isCandidate(chain.world(), CHARLIE)).isTrue();
    }

    @Test
    void failsWhenTheListIsFull() {
      Chain chain = Fixture.builder(new FakeCollatorPower(), c -> c.maxCandidates(2)).start();
      register(chain, CHARLIE, DAVE);
      assertFailsWithoutEffect(
          chain, signed(EVE), new RegisterAsCandidate(), CollatorSelectionError.TooManyCandidates);
    }

    @Test
    void failsForAnInvulnerable() {
      assertFailsWithoutEffect(
          Fixture.chain(),
          signed(ALICE),
          new RegisterAsCandidate(),
          CollatorSelectionError.AlreadyInvulnerable);
    }

    @Test
    void failsWithoutSessionKeys() {
      assertFailsWithoutEffect(
          Fixture.chain(),
          signed(FERDIE),
          new RegisterAsCandidate(),
          CollatorSelectionError.ValidatorNotRegistered);
    }

    @Test
    void failsForACandidate() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertFailsWithoutEffect(
          chain,
          signed(CHARLIE),
          new RegisterAsCandidate(),
          CollatorSelectionError.AlreadyCandidate);
    }

    @Test
    void failsWhenTheBondCannotBeReserved() {
      AccountId poor = Dev.account("poor");
      Chain chain = Fixture.builder(new FakeCollatorPower(), c -> c).balance(poor, 5).start();
      assertThat(chain.dispatch(poor, new SessionCall.SetKeys(new SessionKeys(poor)))).isSuccess();
      assertFailsWithoutEffect(
          chain, signed(poor), new RegisterAsCandidate(), BalancesError.InsufficientBalance);
    }

    @Test
    void failsForRootOrNone() {
      Chain chain = Fixture.chain();
      assertFailsWithoutEffect(chain, ROOT, new RegisterAsCandidate(), DispatchError.badOrigin());
      assertFailsWithoutEffect(
          chain, Origin.none(), new RegisterAsCandidate(), DispatchError.badOrigin());
    }
  }

  @Nested
  class LeaveIntentCall {
    @Test
    void returnsTheBondAndTheDelegations() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      var outcome = chain.dispatch(CHARLIE, new LeaveIntent());
      assertThat(outcome)
          .isSuccess()
          .emitted(
              CandidateRemoved.class,
              e -> e.equals(new CandidateRemoved(CHARLIE, CollatorRemoval.Left)));
      assertThat(chain).hasReserved(CHARLIE, 0).hasFree(CHARLIE, BALANCE);
      assertThat(Fixture.isCandidate(chain, CHARLIE)).isFalse();
      assertThat(chain.query(LAST_AUTHORED_BLOCK, CHARLIE)).isEmpty();
      assertThat(FakeCollatorPower.removals(chain.world()))
          .containsExactly(new Removal(CHARLIE, CollatorRemoval.Left));
    }

    @Test
    void failsWhenTooFewCollatorsWouldRemain() {
      Chain chain =
          register(
              Fixture.builder(new FakeCollatorPower(), c -> c.minEligibleCollators(3)).start(),
              CHARLIE);
      assertFailsWithoutEffect(
          chain,
          signed(CHARLIE),
          new LeaveIntent(),
          CollatorSelectionError.TooFewEligibleCollators);
    }

    @Test
    void failsForANonCandidate() {
      assertFailsWithoutEffect(
          Fixture.chain(), signed(DAVE), new LeaveIntent(), CollatorSelectionError.NotCandidate);
    }

    @Test
    void failsForRoot() {
      assertFailsWithoutEffect(
          register(Fixture.chain(), CHARLIE), ROOT, new LeaveIntent(), DispatchError.badOrigin());
    }
  }

  @Nested
  class UpdateBondCall {
    @Test
    void raisingReservesTheDifference() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertThat(chain.dispatch(CHARLIE, new UpdateBond(25)))
          .isSuccess()
          .emitted(
              CandidateBondUpdated.class, e -> e.equals(new CandidateBondUpdated(CHARLIE, 25)));
      assertThat(chain).hasReserved(CHARLIE, 25);
      assertThat(chain.query(CANDIDATES, CHARLIE)).contains(new CandidateInfo(25));
    }

    @Test
    void loweringReturnsTheDifferenceWhileHoldingNoSeat() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertThat(chain.dispatch(CHARLIE, new UpdateBond(25))).isSuccess();
      assertThat(chain.dispatch(CHARLIE, new UpdateBond(12))).isSuccess();
      assertThat(chain).hasReserved(CHARLIE, 12).hasFree(CHARLIE, BALANCE - 12);
    }

    @Test
    void loweringFailsWhileElectedIntoTheQueuedOrCurrentSet() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertThat(chain.dispatch(CHARLIE, new UpdateBond(25))).isSuccess();
      chain.runToBlock(10); // elected into the queued set
      assertFailsWithoutEffect(
          chain, signed(CHARLIE), new UpdateBond(12), CollatorSelectionError.InvalidUnreserve);
      chain.runToBlock(20); // now collating
      assertFailsWithoutEffect(
          chain, signed(CHARLIE), new UpdateBond(12), CollatorSelectionError.InvalidUnreserve);
      assertThat(chain.dispatch(CHARLIE, new UpdateBond(30))).isSuccess();
    }

    @Test
    void failsBelowTheCandidacyBond() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertFailsWithoutEffect(
          chain, signed(CHARLIE), new UpdateBond(BOND - 1), CollatorSelectionError.DepositTooLow);
    }

    @Test
    void failsForANonCandidate() {
      assertFailsWithoutEffect(
          Fixture.chain(), signed(DAVE), new UpdateBond(20), CollatorSelectionError.NotCandidate);
    }

    @Test
    void failsForTheSameBond() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertFailsWithoutEffect(
          chain, signed(CHARLIE), new UpdateBond(BOND), CollatorSelectionError.IdenticalDeposit);
    }

    @Test
    void failsWhenTheIncreaseCannotBeReserved() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertFailsWithoutEffect(
          chain, signed(CHARLIE), new UpdateBond(BALANCE + 1), BalancesError.InsufficientBalance);
    }

    @Test
    void failsForANegativeBondOrRoot() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertBadInputWithoutEffect(chain, signed(CHARLIE), new UpdateBond(-1));
      assertFailsWithoutEffect(chain, ROOT, new UpdateBond(20), DispatchError.badOrigin());
    }
  }

  @Nested
  class SetInvulnerablesCall {
    @Test
    void storesTheAccountsWithKeysSortedAndSkipsTheRest() {
      Chain chain = Fixture.chain();
      var outcome = chain.dispatch(ROOT, new SetInvulnerables(List.of(EVE, FERDIE, CHARLIE)));
      Vector<AccountId> expected = Vector.of(EVE, CHARLIE).sorted();
      assertThat(outcome)
          .isSuccess()
          .emittedExactly(new InvalidInvulnerableSkipped(FERDIE), new NewInvulnerables(expected));
      assertThat(chain.query(INVULNERABLES)).isEqualTo(expected);
    }

    @Test
    void leavesAnOverlappingCandidateUntilTheNextRotation() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertThat(chain.dispatch(ROOT, new SetInvulnerables(List.of(ALICE, CHARLIE)))).isSuccess();
      assertThat(Fixture.isCandidate(chain, CHARLIE)).isTrue();
      assertThat(chain).hasReserved(CHARLIE, BOND);
    }

    @Test
    void anEmptySetNeedsEnoughCandidates() {
      Chain chain =
          Fixture.builder(new FakeCollatorPower(), c -> c.minEligibleCollators(2)).start();
      register(chain, CHARLIE);
      assertFailsWithoutEffect(
          chain,
          ROOT,
          new SetInvulnerables(List.of()),
          CollatorSelectionError.TooFewEligibleCollators);
      // a set whose every member lacks keys ends up empty: the same rule applies
      assertFailsWithoutEffect(
          chain,
          ROOT,
          new SetInvulnerables(List.of(FERDIE)),
          CollatorSelectionError.TooFewEligibleCollators);
      register(chain, DAVE);
      assertThat(chain.dispatch(ROOT, new SetInvulnerables(List.of()))).isSuccess();
    }

    @Test
    void failsAboveMaxInvulnerables() {
      Chain chain = Fixture.builder(new FakeCollatorPower(), c -> c.maxInvulnerables(2)).start();
      assertFailsWithoutEffect(
          chain,
          ROOT,
          new SetInvulnerables(List.of(ALICE, BOB, CHARLIE)),
          CollatorSelectionError.TooManyInvulnerables);
    }

    @Test
    void rejectsMissingAndRepeatedAccountsAndSignedOrigins() {
      Chain chain = Fixture.chain();
      assertBadInputWithoutEffect(chain, ROOT, new SetInvulnerables(null));
      assertBadInputWithoutEffect(chain, ROOT, new SetInvulnerables(List.of(ALICE, null)));
      assertBadInputWithoutEffect(chain, ROOT, new SetInvulnerables(List.of(ALICE, ALICE)));
      assertFailsWithoutEffect(
          chain, signed(ALICE), new SetInvulnerables(List.of(ALICE)), DispatchError.badOrigin());
    }
  }

  @Nested
  class AddInvulnerableCall {
    @Test
    void insertsSortedAndRemovesTheCandidacyKeepingTheLastAuthoredBlock() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      var outcome = chain.dispatch(ROOT, new AddInvulnerable(CHARLIE));
      assertThat(outcome)
          .isSuccess()
          .emitted(
              CandidateRemoved.class,
              e -> e.equals(new CandidateRemoved(CHARLIE, CollatorRemoval.MadeInvulnerable)))
          .emitted(InvulnerableAdded.class, e -> e.accountId().equals(CHARLIE));
      assertThat(chain.query(INVULNERABLES))
          .isEqualTo(GENESIS_INVULNERABLES.append(CHARLIE).sorted());
      assertThat(chain).hasReserved(CHARLIE, 0);
      assertThat(chain.query(LAST_AUTHORED_BLOCK, CHARLIE)).contains(11L);
      assertThat(FakeCollatorPower.removals(chain.world()))
          .containsExactly(new Removal(CHARLIE, CollatorRemoval.MadeInvulnerable));
    }

    @Test
    void failsWithoutKeys() {
      assertFailsWithoutEffect(
          Fixture.chain(),
          ROOT,
          new AddInvulnerable(FERDIE),
          CollatorSelectionError.ValidatorNotRegistered);
    }

    @Test
    void failsForAnInvulnerable() {
      assertFailsWithoutEffect(
          Fixture.chain(),
          ROOT,
          new AddInvulnerable(BOB),
          CollatorSelectionError.AlreadyInvulnerable);
    }

    @Test
    void failsAboveMaxInvulnerables() {
      Chain chain = Fixture.builder(new FakeCollatorPower(), c -> c.maxInvulnerables(2)).start();
      assertFailsWithoutEffect(
          chain, ROOT, new AddInvulnerable(EVE), CollatorSelectionError.TooManyInvulnerables);
    }

    @Test
    void failsForAMissingAccountOrASignedOrigin() {
      Chain chain = Fixture.chain();
      assertBadInputWithoutEffect(chain, ROOT, new AddInvulnerable(null));
      assertFailsWithoutEffect(
          chain, signed(EVE), new AddInvulnerable(EVE), DispatchError.badOrigin());
    }
  }

  @Nested
  class RemoveInvulnerableCall {
    @Test
    void removesIt() {
      Chain chain = Fixture.chain();
      assertThat(chain.dispatch(ROOT, new RemoveInvulnerable(ALICE)))
          .isSuccess()
          .emittedExactly(new InvulnerableRemoved(ALICE));
      assertThat(chain.query(INVULNERABLES)).containsExactly(BOB);
    }

    @Test
    void failsWhenTooFewCollatorsWouldRemain() {
      Chain chain =
          Fixture.builder(new FakeCollatorPower(), c -> c.minEligibleCollators(2)).start();
      assertFailsWithoutEffect(
          chain,
          ROOT,
          new RemoveInvulnerable(ALICE),
          CollatorSelectionError.TooFewEligibleCollators);
    }

    @Test
    void failsForANonInvulnerable() {
      assertFailsWithoutEffect(
          Fixture.chain(),
          ROOT,
          new RemoveInvulnerable(EVE),
          CollatorSelectionError.NotInvulnerable);
    }

    @Test
    void failsForAMissingAccountOrASignedOrigin() {
      Chain chain = Fixture.chain();
      assertBadInputWithoutEffect(chain, ROOT, new RemoveInvulnerable(null));
      assertFailsWithoutEffect(
          chain, signed(ALICE), new RemoveInvulnerable(ALICE), DispatchError.badOrigin());
    }
  }

  @Nested
  class SetDesiredCandidatesCall {
    @Test
    void storesIt() {
      Chain chain = Fixture.chain();
      assertThat(chain.dispatch(ROOT, new SetDesiredCandidates(7)))
          .isSuccess()
          .emittedExactly(new NewDesiredCandidates(7));
      assertThat(chain.query(DESIRED_CANDIDATES)).isEqualTo(7);
    }

    @Test
    void failsAboveMaxCandidates() {
      assertFailsWithoutEffect(
          Fixture.chain(),
          ROOT,
          new SetDesiredCandidates(21),
          CollatorSelectionError.TooManyDesiredCandidates);
    }

    @Test
    void failsWhenInvulnerablesAndSeatsCannotMeetTheMinimum() {
      Chain chain =
          Fixture.builder(
                  new FakeCollatorPower(), c -> c.maxInvulnerables(2).minEligibleCollators(3))
              .start();
      assertFailsWithoutEffect(
          chain, ROOT, new SetDesiredCandidates(0), CollatorSelectionError.TooFewEligibleCollators);
      assertThat(chain.dispatch(ROOT, new SetDesiredCandidates(1))).isSuccess();
    }

    @Test
    void failsForANegativeNumberOrASignedOrigin() {
      Chain chain = Fixture.chain();
      assertBadInputWithoutEffect(chain, ROOT, new SetDesiredCandidates(-1));
      assertFailsWithoutEffect(
          chain, signed(ALICE), new SetDesiredCandidates(3), DispatchError.badOrigin());
    }
  }

  @Nested
  class SetCandidacyBondCall {
    @Test
    void raisingItRemovesAndRefundsTheCandidatesBelowIt() {
      Chain chain = register(Fixture.chain(), CHARLIE, DAVE, EVE);
      assertThat(chain.dispatch(DAVE, new UpdateBond(20))).isSuccess();
      assertThat(chain.dispatch(EVE, new UpdateBond(30))).isSuccess();
      var outcome = chain.dispatch(ROOT, new SetCandidacyBond(20));
      assertThat(outcome)
          .isSuccess()
          .emitted(
              CandidateRemoved.class,
              e -> e.equals(new CandidateRemoved(CHARLIE, CollatorRemoval.BondTooLow)))
          .emitted(NewCandidacyBond.class, e -> e.bondAmount() == 20);
      assertThat(outcome.eventsOf(CandidateRemoved.class)).hasSize(1);
      assertThat(Fixture.isCandidate(chain, CHARLIE)).isFalse();
      assertThat(Fixture.isCandidate(chain, DAVE)).as("a bond equal to the new one stays").isTrue();
      assertThat(chain).hasReserved(CHARLIE, 0).hasReserved(DAVE, 20).hasReserved(EVE, 30);
      assertThat(chain.query(LAST_AUTHORED_BLOCK, CHARLIE)).isEmpty();
      assertThat(FakeCollatorPower.removals(chain.world()))
          .containsExactly(new Removal(CHARLIE, CollatorRemoval.BondTooLow));
    }

    @Test
    void loweringItRemovesNobody() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertThat(chain.dispatch(ROOT, new SetCandidacyBond(3)))
          .isSuccess()
          .emittedExactly(new NewCandidacyBond(3));
      assertThat(chain.query(CANDIDACY_BOND)).isEqualTo(3L);
      assertThat(Fixture.isCandidate(chain, CHARLIE)).isTrue();
    }

    @Test
    void failsForANegativeBondOrASignedOrigin() {
      Chain chain = Fixture.chain();
      assertBadInputWithoutEffect(chain, ROOT, new SetCandidacyBond(-1));
      assertFailsWithoutEffect(
          chain, signed(ALICE), new SetCandidacyBond(3), DispatchError.badOrigin());
    }
  }

  @Nested
  class ReportOffenceCall {
    @Test
    void burnsTheFractionOfTheBondReturnsTheRestAndRemovesTheCandidate() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertThat(chain.dispatch(CHARLIE, new UpdateBond(1_000))).isSuccess();
      long issuance = chain.query(BalancesStorage.TOTAL_ISSUANCE);
      var outcome = chain.dispatch(ROOT, new ReportOffence(CHARLIE, 250_000_000L)); // 25%
      assertThat(outcome)
          .isSuccess()
          .emitted(CandidateSlashed.class, e -> e.equals(new CandidateSlashed(CHARLIE, 250)))
          .emitted(
              CandidateRemoved.class,
              e -> e.equals(new CandidateRemoved(CHARLIE, CollatorRemoval.Slashed)));
      assertThat(chain).hasReserved(CHARLIE, 0).hasFree(CHARLIE, BALANCE - 250);
      assertThat(chain.query(BalancesStorage.TOTAL_ISSUANCE)).isEqualTo(issuance - 250);
      assertThat(Fixture.isCandidate(chain, CHARLIE)).isFalse();
      assertThat(chain.query(LAST_AUTHORED_BLOCK, CHARLIE)).isEmpty();
      assertThat(FakeCollatorPower.removals(chain.world()))
          .containsExactly(new Removal(CHARLIE, CollatorRemoval.Slashed));
    }

    @Test
    void aFullSlashBurnsTheWholeBondEvenBelowTheMinimumOfCollators() {
      Chain chain =
          register(
              Fixture.builder(new FakeCollatorPower(), c -> c.minEligibleCollators(3)).start(),
              CHARLIE);
      assertThat(chain.dispatch(ROOT, new ReportOffence(CHARLIE, 1_000_000_000L))).isSuccess();
      assertThat(chain).hasReserved(CHARLIE, 0).hasFree(CHARLIE, BALANCE - BOND);
    }

    @Test
    void failsForANonCandidate() {
      Chain chain = Fixture.chain();
      assertFailsWithoutEffect(
          chain, ROOT, new ReportOffence(DAVE, 1), CollatorSelectionError.NotCandidate);
      assertFailsWithoutEffect(
          chain, ROOT, new ReportOffence(ALICE, 1), CollatorSelectionError.NotCandidate);
    }

    @Test
    void rejectsFractionsOutsideAPerbillAMissingAccountAndSignedOrigins() {
      Chain chain = register(Fixture.chain(), CHARLIE);
      assertBadInputWithoutEffect(chain, ROOT, new ReportOffence(CHARLIE, 1_000_000_001L));
      assertBadInputWithoutEffect(chain, ROOT, new ReportOffence(CHARLIE, -1));
      assertBadInputWithoutEffect(chain, ROOT, new ReportOffence(null, 5));
      assertFailsWithoutEffect(
          chain, signed(CHARLIE), new ReportOffence(CHARLIE, 5), DispatchError.badOrigin());
    }
  }
}
