package dev.palletsim.collatorselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.collatorselection.CollatorSelectionCall.RegisterAsCandidate;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.CollatorPower;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CollatorSelectionConfigTest {

  @Test
  void thePresetsAreValidAndThePotIsThePotStakePalletAccount() {
    assertThat(CollatorSelectionConfig.defaults().auction())
        .isSameAs(AuctionStrategy.proportional());
    assertThat(CollatorSelectionConfig.testnet().kickThreshold()).isEqualTo(10);
    assertThat(CollatorSelectionConfig.mainnetLike().rewardBackers()).isTrue();
    assertThat(CollatorSelectionConfig.defaults().potAccount())
        .isEqualTo(AccountId.pallet("PotStake"));
  }

  @Test
  void rejectsConfigurationsUpstreamsIntegrityTestRejects() {
    assertInvalid(c -> c.minEligibleCollators(0));
    assertInvalid(c -> c.maxInvulnerables(1).maxCandidates(1).minEligibleCollators(3));
    assertInvalid(c -> c.maxCandidates(-1));
    assertInvalid(c -> c.kickThreshold(-1));
    assertInvalid(c -> c.potIssuancePerBlock(-1));
    assertInvalid(c -> c.collatorCommissionPerbill(1_000_000_001L));
    assertInvalid(c -> c.potId("too-long-id"));
  }

  private static void assertInvalid(UnaryOperator<ImmutableCollatorSelectionConfig.Builder> f) {
    assertThatThrownBy(() -> f.apply(CollatorSelectionConfig.builder()).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void genesisSortsTheInvulnerables() {
    Chain chain = Fixture.chain();
    assertThat(chain.query(CollatorSelectionStorage.INVULNERABLES))
        .isEqualTo(Fixture.GENESIS_INVULNERABLES);
    assertThat(chain.query(CollatorSelectionStorage.CANDIDACY_BOND)).isEqualTo(Fixture.BOND);
    assertThat(chain.query(CollatorSelectionStorage.DESIRED_CANDIDATES)).isEqualTo(2);
  }

  @Test
  void genesisRejectsDuplicateInvulnerablesAndTooManyDesiredCandidates() {
    assertThatThrownBy(
            () -> start(new CollatorSelectionGenesis(List.of(Fixture.ALICE, Fixture.ALICE), 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate invulnerables in genesis.");
    assertThatThrownBy(() -> start(new CollatorSelectionGenesis(List.of(Fixture.ALICE), 1, 21)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutAGenesisConfigTheChainHasNoCollatorsUntilACandidateWinsASeat() {
    Chain chain =
        MockRuntime.builder()
            .pallet(c -> new CollatorSelectionPallet(Fixture.config(), c))
            .coupling(CollatorPower.class, new FakeCollatorPower())
            .start();
    assertThat(Fixture.validators(chain)).isEmpty();
    assertThat(chain.author()).isEmpty();
    chain.runToBlock(25);
    assertThat(Fixture.validators(chain)).isEmpty();
    // Alice has keys: once a seat exists she is elected, queued, then collating
    assertThat(chain.dispatch(Fixture.ALICE, new RegisterAsCandidate()).isSuccess()).isTrue();
    assertThat(
            chain
                .dispatch(
                    dev.palletsim.frame.Origin.root(),
                    new CollatorSelectionCall.SetDesiredCandidates(1))
                .isSuccess())
        .isTrue();
    chain.runToBlock(30);
    assertThat(Fixture.queued(chain)).containsExactly(Fixture.ALICE);
    chain.runToBlock(41);
    assertThat(Fixture.validators(chain)).containsExactly(Fixture.ALICE);
    assertThat(chain.author()).contains(Fixture.ALICE);
  }

  private static Chain start(CollatorSelectionGenesis genesis) {
    return MockRuntime.builder()
        .pallet(c -> new CollatorSelectionPallet(Fixture.config(), c))
        .coupling(CollatorPower.class, new FakeCollatorPower())
        .genesis(genesis)
        .start();
  }
}
