package dev.palletsim.collatorselection;

import static dev.palletsim.collatorselection.CollatorSelectionStorage.AUCTIONS;
import static dev.palletsim.collatorselection.CollatorSelectionStorage.LAST_AUTHORED_BLOCK;
import static dev.palletsim.collatorselection.Fixture.ALICE;
import static dev.palletsim.collatorselection.Fixture.BOB;
import static dev.palletsim.collatorselection.Fixture.BOND;
import static dev.palletsim.collatorselection.Fixture.CHARLIE;
import static dev.palletsim.collatorselection.Fixture.DAVE;
import static dev.palletsim.collatorselection.Fixture.EVE;
import static dev.palletsim.collatorselection.Fixture.GENESIS_INVULNERABLES;
import static dev.palletsim.collatorselection.Fixture.MINER_1;
import static dev.palletsim.collatorselection.Fixture.MINER_2;
import static dev.palletsim.collatorselection.Fixture.authorities;
import static dev.palletsim.collatorselection.Fixture.isCandidate;
import static dev.palletsim.collatorselection.Fixture.queued;
import static dev.palletsim.collatorselection.Fixture.validators;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorselection.CollatorSelectionCall.RegisterAsCandidate;
import dev.palletsim.collatorselection.CollatorSelectionCall.SetDesiredCandidates;
import dev.palletsim.collatorselection.CollatorSelectionCall.SetInvulnerables;
import dev.palletsim.collatorselection.CollatorSelectionCall.UpdateBond;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CandidateRemoved;
import dev.palletsim.collatorselection.CollatorSelectionEvent.CollatorsSelected;
import dev.palletsim.collatorselection.FakeCollatorPower.Removal;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.frame.session.SessionCall;
import dev.palletsim.frame.session.SessionKeys;
import dev.palletsim.frame.system.BlockRandomness;
import dev.palletsim.frame.traits.Backing;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.frame.traits.RandomnessDomain;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session rotation: the one-session delay, kicking, invulnerables leaving the candidates, and the
 * auction's snapshot, seed and replay (upstream's session tests, reference §1.5, §1.7, §2).
 */
class SessionRotationTest {

  private static void register(Chain chain, AccountId... who) {
    for (AccountId a : who) assertThat(chain.dispatch(a, new RegisterAsCandidate())).isSuccess();
  }

  @Test
  void genesisServesTheSortedInvulnerablesInTheFirstTwoSessions() {
    Chain chain = Fixture.chain();
    assertThat(validators(chain)).isEqualTo(GENESIS_INVULNERABLES);
    assertThat(queued(chain)).isEqualTo(GENESIS_INVULNERABLES);
    assertThat(authorities(chain)).isEqualTo(GENESIS_INVULNERABLES);
  }

  @Test
  void aCandidateRegisteredAtBlockFourIsQueuedAtTenAndActiveAtTwenty() {
    Chain chain = Fixture.chain();
    chain.runToBlock(4);
    register(chain, CHARLIE);
    assertThat(authorities(chain)).isEqualTo(GENESIS_INVULNERABLES);

    chain.runToBlock(9);
    assertThat(queued(chain)).isEqualTo(GENESIS_INVULNERABLES);

    chain.runToBlock(10);
    assertThat(chain.sessionIndex()).isEqualTo(1);
    assertThat(validators(chain))
        .as("pallet-session's one-session delay")
        .isEqualTo(GENESIS_INVULNERABLES);
    assertThat(queued(chain)).isEqualTo(GENESIS_INVULNERABLES.append(CHARLIE));
    assertThat(authorities(chain)).isEqualTo(GENESIS_INVULNERABLES);
    assertThat(chain).hasEventInOpenBlock(CollatorsSelected.class, e -> e.session() == 2);

    chain.runToBlock(19);
    assertThat(authorities(chain)).isEqualTo(GENESIS_INVULNERABLES);
    chain.runToBlock(20);
    assertThat(validators(chain)).isEqualTo(GENESIS_INVULNERABLES.append(CHARLIE));
    assertThat(authorities(chain)).isEqualTo(GENESIS_INVULNERABLES.append(CHARLIE));

    // block 20's author was chosen from the old set; Charlie authors from block 21 on
    chain.runToBlock(24);
    assertThat(chain.history().filter(r -> r.number() <= 20).flatMap(BlockRecord::author))
        .doesNotContain(CHARLIE);
    assertThat(chain.history().filter(r -> r.number() > 20).flatMap(BlockRecord::author))
        .contains(CHARLIE);
  }

  @Test
  void anIdleCandidateIsKickedAfterASessionWithASeatAndLeavesTheSetOneSessionLater() {
    Chain chain = Fixture.chain();
    register(chain, CHARLIE, DAVE); // block 1: LastAuthoredBlock = 11
    chain.setOnline(CHARLIE, false);

    chain.runToBlock(10); // elected for session 2
    assertThat(queued(chain)).contains(CHARLIE, DAVE);
    chain.runToBlock(20); // session 2 begins: both collate; neither could author before
    assertThat(isCandidate(chain, CHARLIE)).isTrue();
    assertThat(isCandidate(chain, DAVE)).isTrue();
    assertThat(validators(chain)).contains(CHARLIE, DAVE);

    chain.runToBlock(30); // session 2 ended: Dave authored in it, Charlie did not
    assertThat(chain)
        .hasEventInOpenBlock(
            CandidateRemoved.class,
            e -> e.equals(new CandidateRemoved(CHARLIE, CollatorRemoval.Kicked)))
        .hasReserved(CHARLIE, 0);
    assertThat(isCandidate(chain, CHARLIE)).isFalse();
    assertThat(isCandidate(chain, DAVE)).isTrue();
    assertThat(chain.query(LAST_AUTHORED_BLOCK, DAVE).get()).isBetween(20L, 29L);
    assertThat(FakeCollatorPower.removals(chain.world()))
        .containsExactly(new Removal(CHARLIE, CollatorRemoval.Kicked));
    assertThat(validators(chain)).as("kicked, but already queued").contains(CHARLIE);
    assertThat(queued(chain)).doesNotContain(CHARLIE).contains(DAVE);

    chain.runToBlock(40);
    assertThat(validators(chain)).isEqualTo(GENESIS_INVULNERABLES.append(DAVE));
  }

  @Test
  void aCandidateThatNeverWinsASeatIsNeverKicked() {
    FakeCollatorPower power = new FakeCollatorPower().power(CHARLIE, 1_000);
    Chain chain = Fixture.chain(power);
    assertThat(chain.dispatch(Origin.root(), new SetDesiredCandidates(1))).isSuccess();
    register(chain, CHARLIE, DAVE); // Dave has no power: Charlie wins every auction
    chain.runToBlock(80);
    assertThat(isCandidate(chain, DAVE)).isTrue();
    assertThat(isCandidate(chain, CHARLIE)).isTrue();
    assertThat(validators(chain)).isEqualTo(GENESIS_INVULNERABLES.append(CHARLIE));
  }

  @Test
  void upstreamsRuleKicksACandidateThatNeverWinsASeat() {
    FakeCollatorPower power = new FakeCollatorPower().power(CHARLIE, 1_000);
    Chain chain = Fixture.builder(power, c -> c.kickUnseatedCandidates(true)).start();
    assertThat(chain.dispatch(Origin.root(), new SetDesiredCandidates(1))).isSuccess();
    register(chain, CHARLIE, DAVE); // Dave has no power: Charlie wins every auction
    chain.runToBlock(80);
    assertThat(chain.history().flatMap(b -> b.eventsOf(CandidateRemoved.class)))
        .containsExactly(new CandidateRemoved(DAVE, CollatorRemoval.Kicked));
    assertThat(chain).hasReserved(DAVE, 0);
    assertThat(isCandidate(chain, DAVE)).isFalse();
    assertThat(isCandidate(chain, CHARLIE)).as("Charlie authors in its seat").isTrue();
    assertThat(FakeCollatorPower.removals(chain.world()))
        .contains(new FakeCollatorPower.Removal(DAVE, CollatorRemoval.Kicked));
  }

  @Test
  void kickingNeverGoesBelowTheMinimumOfEligibleCollatorsAndTakesTheLeastBondedFirst() {
    Chain chain = Fixture.builder(new FakeCollatorPower(), c -> c.minEligibleCollators(3)).start();
    register(chain, CHARLIE, DAVE);
    assertThat(chain.dispatch(DAVE, new UpdateBond(BOND + 5))).isSuccess();
    chain.setOnline(CHARLIE, false).setOnline(DAVE, false);
    chain.runToBlock(30);
    assertThat(isCandidate(chain, CHARLIE)).as("the lower bond goes").isFalse();
    assertThat(isCandidate(chain, DAVE)).as("the minimum of 3 keeps Dave").isTrue();
    chain.runToBlock(60);
    assertThat(isCandidate(chain, DAVE)).isTrue();
    assertThat(Fixture.pallet(chain).eligibleCollators(chain.world())).isEqualTo(3);
  }

  @Test
  void candidatesMadeInvulnerableLeaveTheCandidatesAtTheNextRotation() {
    Chain chain = Fixture.chain();
    register(chain, CHARLIE);
    chain.runToBlock(5);
    assertThat(chain.dispatch(Origin.root(), new SetInvulnerables(List.of(ALICE, BOB, CHARLIE))))
        .isSuccess();
    assertThat(isCandidate(chain, CHARLIE)).isTrue();
    chain.runToBlock(10);
    assertThat(chain)
        .hasEventInOpenBlock(
            CandidateRemoved.class,
            e -> e.equals(new CandidateRemoved(CHARLIE, CollatorRemoval.MadeInvulnerable)))
        .hasReserved(CHARLIE, 0);
    assertThat(isCandidate(chain, CHARLIE)).isFalse();
    assertThat(chain.query(LAST_AUTHORED_BLOCK, CHARLIE)).as("still a collator").contains(11L);
    assertThat(queued(chain)).isEqualTo(Vector.of(ALICE, BOB, CHARLIE).sorted());
    assertThat(FakeCollatorPower.removals(chain.world()))
        .containsExactly(new Removal(CHARLIE, CollatorRemoval.MadeInvulnerable));
  }

  @Test
  void theAuctionRecordsThePowerSnapshotTheSeedAndTheExposures() {
    FakeCollatorPower power =
        new FakeCollatorPower()
            .back(CHARLIE, MINER_1, 300)
            .back(CHARLIE, MINER_2, 100)
            .power(DAVE, 50);
    Chain chain = Fixture.chain(power);
    register(chain, CHARLIE, DAVE, EVE);
    chain.runToBlock(10);
    AuctionRecord record = chain.query(AUCTIONS, 2L).get();
    assertThat(record.assembledAt()).isEqualTo(10);
    assertThat(record.strategy()).isEqualTo("proportional");
    assertThat(record.seats()).isEqualTo(2);
    assertThat(record.invulnerables()).isEqualTo(GENESIS_INVULNERABLES);
    assertThat(record.bids().toJavaList())
        .containsExactlyInAnyOrder(new Bid(CHARLIE, 400), new Bid(DAVE, 50), new Bid(EVE, 0));
    // the seed is the rotation block's randomness, drawn for this session
    assertThat(record.seed())
        .isEqualTo(
            BlockRandomness.INSTANCE.draw(
                chain.world(), RandomnessDomain.CollatorSelection, 10, Bytes.ofLong(2)));
    // anyone can replay the auction from the record
    assertThat(
            AuctionStrategy.proportional()
                .select(record.bids(), record.seats(), record.seed().firstLong()))
        .isEqualTo(record.elected());
    // Charlie (400 of 450) is certain; Eve has no power and 2 candidates have power
    assertThat(record.elected()).contains(CHARLIE).doesNotContain(EVE).hasSize(2);
    assertThat(record.exposureOf(CHARLIE).get().backers())
        .as("ordered by miner")
        .containsExactlyElementsOf(
            List.of(new Backing(MINER_1, 300), new Backing(MINER_2, 100)).sortBy(Backing::miner));
    assertThat(queued(chain)).isEqualTo(record.collators());
  }

  @Test
  void powerDelegatedAfterTheRotationWaitsForTheNextAuction() {
    FakeCollatorPower power = new FakeCollatorPower().power(CHARLIE, 10);
    Chain chain = Fixture.chain(power);
    register(chain, CHARLIE, DAVE, EVE);
    chain.runToBlock(10); // the snapshot for session 2 is taken
    power.power(DAVE, 1_000);
    assertThat(chain.query(AUCTIONS, 2L).get().bids()).contains(new Bid(DAVE, 0));
    chain.runToBlock(20);
    assertThat(chain.query(AUCTIONS, 3L).get().bids()).contains(new Bid(DAVE, 1_000));
  }

  @Test
  void candidatesWithoutKeysOrBelowTheBondDoNotBid() {
    Chain chain = Fixture.chain();
    register(chain, CHARLIE, DAVE);
    assertThat(chain.dispatch(DAVE, new SessionCall.PurgeKeys())).isSuccess();
    chain.runToBlock(10);
    assertThat(chain.query(AUCTIONS, 2L).get().bids().map(Bid::who)).containsExactly(CHARLIE);
    assertThat(queued(chain)).isEqualTo(GENESIS_INVULNERABLES.append(CHARLIE));
    // with keys again it bids at the next rotation
    assertThat(chain.dispatch(DAVE, new SessionCall.SetKeys(new SessionKeys(DAVE)))).isSuccess();
    chain.runToBlock(20);
    assertThat(chain.query(AUCTIONS, 3L).get().bids().map(Bid::who)).contains(DAVE);
  }

  @ParameterizedTest
  @MethodSource("strategies")
  void everySessionsAuctionReplaysFromItsRecordWithTheConfiguredStrategy(AuctionStrategy s) {
    FakeCollatorPower power =
        new FakeCollatorPower().power(CHARLIE, 30).power(DAVE, 20).power(EVE, 25);
    Chain chain = Fixture.builder(power, c -> c.auction(s)).start();
    register(chain, CHARLIE, DAVE, EVE);
    java.util.Set<Vector<AccountId>> drawn = new java.util.HashSet<>();
    for (long session = 2; session <= 25; session++) {
      chain.runToBlock(10 * (session - 1));
      AuctionRecord r = chain.query(AUCTIONS, session).get();
      assertThat(r.strategy()).isEqualTo(s.name());
      assertThat(r.elected()).hasSize(2);
      assertThat(s.select(r.bids(), r.seats(), r.seed().firstLong())).isEqualTo(r.elected());
      assertThat(queued(chain)).isEqualTo(r.collators());
      drawn.add(r.elected().sorted());
    }
    // the random strategies vary the set from session to session; top-power never does
    assertThat(drawn).hasSize(s == AuctionStrategy.topPower() ? 1 : 3);
  }

  static java.util.stream.Stream<AuctionStrategy> strategies() {
    return java.util.stream.Stream.of(
        AuctionStrategy.proportional(),
        AuctionStrategy.successiveSampling(),
        AuctionStrategy.topPower());
  }

  @Test
  void onlyThePreviousCurrentAndQueuedAuctionsAreKept() {
    Chain chain = Fixture.chain();
    chain.runToBlock(50);
    assertThat(AUCTIONS.keys(chain.world()).toJavaList()).containsExactly(4L, 5L, 6L);
  }

  @Test
  void theSameSeedGivesTheSameChainAndAnotherSeedAnotherDraw() {
    assertThat(run(7).stateHash()).isEqualTo(run(7).stateHash());
    java.util.Set<Vector<AccountId>> sets = new java.util.HashSet<>();
    for (long seed = 1; seed <= 8; seed++) sets.add(queued(run(seed)));
    assertThat(sets).as("different seeds draw different sets").hasSizeGreaterThan(1);
  }

  private static Chain run(long seed) {
    FakeCollatorPower power =
        new FakeCollatorPower().power(CHARLIE, 30).power(DAVE, 20).power(EVE, 25);
    Chain chain = Fixture.builder(power, c -> c).seed(seed).start();
    register(chain, CHARLIE, DAVE, EVE);
    chain.runToBlock(10);
    return chain;
  }
}
