package dev.palletsim.collatorselection;

import static dev.palletsim.collatorselection.Fixture.ALICE;
import static dev.palletsim.collatorselection.Fixture.CHARLIE;
import static dev.palletsim.collatorselection.Fixture.EVE;
import static dev.palletsim.collatorselection.Fixture.GENESIS_INVULNERABLES;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorselection.CollatorSelectionCall.RegisterAsCandidate;
import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.session.SessionStorage;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The invariants are checked after every block of every chain test (MockRuntime); here each is
 * shown to catch the corruption it guards against.
 */
class CollatorSelectionInvariantsTest {

  private static Seq<String> violations(Chain chain, Consumer<Tx> corrupt) {
    Tx tx = Tx.begin(chain.world(), BlockContext.genesis(H256.ZERO), new WeightMeter());
    corrupt.accept(tx);
    var world = tx.commit();
    return Fixture.pallet(chain)
        .invariants()
        .flatMap(i -> i.check(world).map(m -> i.name() + ": " + m));
  }

  private static Chain healthy() {
    Chain chain = Fixture.chain();
    assertThat(chain.dispatch(CHARLIE, new RegisterAsCandidate())).isSuccess();
    chain.runToBlock(25);
    return chain;
  }

  @Test
  void aHealthyChainViolatesNothing() {
    Chain chain = healthy();
    assertThat(Fixture.pallet(chain).invariants().flatMap(i -> i.check(chain.world()))).isEmpty();
    assertThat(Fixture.pallet(chain).invariants().map(Invariant::name)).hasSize(5);
  }

  @Test
  void anUnreservedBondIsCaught() {
    assertThat(
            violations(
                healthy(),
                tx -> CollatorSelectionStorage.CANDIDATES.insert(tx, EVE, new CandidateInfo(10))))
        .singleElement()
        .asString()
        .contains("reserved");
  }

  @Test
  void unsortedInvulnerablesAreCaught() {
    assertThat(
            violations(
                healthy(),
                tx ->
                    CollatorSelectionStorage.INVULNERABLES.put(
                        tx, GENESIS_INVULNERABLES.reverse())))
        .anySatisfy(v -> assertThat(v).contains("sorted"));
  }

  @Test
  void tooManyDesiredCandidatesAreCaught() {
    assertThat(violations(healthy(), tx -> CollatorSelectionStorage.DESIRED_CANDIDATES.put(tx, 21)))
        .singleElement()
        .asString()
        .contains("MaxCandidates");
  }

  @Test
  void aDuplicateOrAnInvulnerableOutOfPlaceInAnAssembledSetIsCaught() {
    Chain chain = healthy();
    AuctionRecord queued = CollatorSelectionStorage.AUCTIONS.get(chain.world(), 3L);
    assertThat(
            violations(
                chain,
                tx ->
                    CollatorSelectionStorage.AUCTIONS.insert(
                        tx,
                        3L,
                        new AuctionRecord(
                            3,
                            queued.assembledAt(),
                            queued.seed(),
                            queued.strategy(),
                            queued.seats(),
                            queued.invulnerables(),
                            queued.bids(),
                            queued.elected().append(ALICE),
                            queued.exposures()))))
        .anySatisfy(v -> assertThat(v).contains("duplicates"));
  }

  @Test
  void authoritiesThatAreNotTheAssembledSetAreCaught() {
    Chain chain = healthy();
    Vector<dev.palletsim.frame.primitives.AccountId> authorities =
        chain.query(SessionStorage.AUTHORITIES);
    assertThat(violations(chain, tx -> SessionStorage.VALIDATORS.put(tx, authorities.reverse())))
        .anySatisfy(v -> assertThat(v).contains("validators"));
    assertThat(violations(chain, tx -> SessionStorage.AUTHORITIES.put(tx, authorities.reverse())))
        .anySatisfy(v -> assertThat(v).contains("do not start with"));
  }
}
