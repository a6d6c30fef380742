package dev.palletsim.collatorselection;

import static dev.palletsim.collatorselection.CollatorSelectionStorage.LAST_AUTHORED_BLOCK;
import static dev.palletsim.collatorselection.Fixture.ALICE;
import static dev.palletsim.collatorselection.Fixture.BOB;
import static dev.palletsim.collatorselection.Fixture.CHARLIE;
import static dev.palletsim.collatorselection.Fixture.DAVE;
import static dev.palletsim.collatorselection.Fixture.MINER_1;
import static dev.palletsim.collatorselection.Fixture.MINER_2;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorselection.CollatorSelectionCall.RegisterAsCandidate;
import dev.palletsim.collatorselection.CollatorSelectionEvent.AuthorRewarded;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.CollatorPower;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** The pot, authorship rewards and their split with backing miners (reference §1.6, §4.5). */
class AuthorshipRewardsTest {

  @Test
  void theAuthorTakesHalfOfThePotAboveTheExistentialDeposit() {
    // upstream's worked example: pot 105, ED 5 → the author gets 50, the pot keeps 55
    Chain chain =
        Fixture.builder(new FakeCollatorPower(), c -> c)
            .config(c -> c.existentialDeposit(5))
            .start();
    AccountId pot = Fixture.pallet(chain).potAccount();
    assertThat(chain).hasFree(pot, 5);
    assertThat(chain.dispatch(CHARLIE, new BalancesCall.TransferAllowDeath(pot, 100))).isSuccess();
    chain.nextBlock();
    AccountId author = chain.author().get();
    assertThat(chain).hasFree(pot, 55).hasFree(author, Fixture.BALANCE + 50);
    assertThat(chain)
        .hasEventInOpenBlock(
            AuthorRewarded.class, e -> e.equals(new AuthorRewarded(author, 50, 0)));
    assertThat(chain.query(LAST_AUTHORED_BLOCK, author)).contains(2L);
  }

  @Test
  void aPotAtTheExistentialDepositPaysNothingButTheBlockIsStillNoted() {
    Chain chain = Fixture.chain();
    chain.nextBlock();
    AccountId author = chain.author().get();
    assertThat(chain).hasNoEventInOpenBlock(AuthorRewarded.class).hasFree(author, Fixture.BALANCE);
    assertThat(chain.query(LAST_AUTHORED_BLOCK, author)).contains(2L);
  }

  @Test
  void perBlockIssuanceFundsThePotAndAuthorsEarnItInSteadyState() {
    long perBlock = 1_000;
    Chain chain =
        Fixture.builder(new FakeCollatorPower(), c -> c.potIssuancePerBlock(perBlock)).start();
    chain.runToBlock(30);
    long issuance = chain.query(BalancesStorage.TOTAL_ISSUANCE);
    chain.nextBlock();
    assertThat(chain.query(BalancesStorage.TOTAL_ISSUANCE)).isEqualTo(issuance + perBlock);
    AccountId author = chain.author().get();
    assertThat(chain)
        .hasEventInOpenBlock(
            AuthorRewarded.class, e -> e.equals(new AuthorRewarded(author, perBlock, 0)));
    // the pot's excess settles at twice the issuance, paid out half per block
    assertThat(chain.free(Fixture.pallet(chain).potAccount())).isEqualTo(1 + perBlock);
  }

  @Test
  void withBackerRewardsTheCollatorsMinersShareAfterTheCommission() {
    FakeCollatorPower power =
        new FakeCollatorPower().back(CHARLIE, MINER_1, 300).back(CHARLIE, MINER_2, 100);
    Chain chain =
        Fixture.builder(power, c -> c.potIssuancePerBlock(10_000).rewardBackers(true)).start();
    assertThat(chain.dispatch(CHARLIE, new RegisterAsCandidate())).isSuccess();
    chain.runToBlock(20);
    chain.setOnline(ALICE, false).setOnline(BOB, false);

    AccountId pot = Fixture.pallet(chain).potAccount();
    long reward = (chain.free(pot) + 10_000 - 1) / 2; // this block's mint, then half the excess
    long charlie = chain.free(CHARLIE);
    chain.nextBlock();
    assertThat(chain.author()).contains(CHARLIE);

    long commission = reward / 10;
    long shared = reward - commission;
    long toMiner1 = shared * 3 / 4;
    long toMiner2 = shared / 4;
    assertThat(chain)
        .hasFree(MINER_1, toMiner1)
        .hasFree(MINER_2, toMiner2)
        .hasFree(CHARLIE, charlie + reward - toMiner1 - toMiner2)
        .hasEventInOpenBlock(
            AuthorRewarded.class,
            e ->
                e.equals(
                    new AuthorRewarded(
                        CHARLIE, reward - toMiner1 - toMiner2, toMiner1 + toMiner2)));
  }

  @Test
  void aRotationBlocksAuthorIsPaidWithThePreviousSessionsExposure() {
    FakeCollatorPower power = new FakeCollatorPower().back(CHARLIE, MINER_1, 100);
    Chain chain =
        Fixture.builder(power, c -> c.potIssuancePerBlock(10_000).rewardBackers(true)).start();
    assertThat(chain.dispatch(CHARLIE, new RegisterAsCandidate())).isSuccess();
    chain.runToBlock(15); // session 2's snapshot (block 10): Miner 1 backs Charlie
    power.clear(CHARLIE).back(CHARLIE, MINER_2, 100);
    chain.runToBlock(20); // session 3's snapshot (block 20): Miner 2 backs Charlie
    chain.setOnline(ALICE, false).setOnline(BOB, false);
    chain.runToBlock(29);
    long miner1 = chain.free(MINER_1);
    long miner2 = chain.free(MINER_2);

    chain.nextBlock(); // block 30: rotation into session 3, authored by session 2's Charlie
    assertThat(chain.author()).contains(CHARLIE);
    assertThat(chain.free(MINER_1)).isGreaterThan(miner1);
    assertThat(chain.free(MINER_2)).isEqualTo(miner2);

    miner1 = chain.free(MINER_1);
    chain.nextBlock(); // block 31: session 3's exposure
    assertThat(chain.author()).contains(CHARLIE);
    assertThat(chain.free(MINER_1)).isEqualTo(miner1);
    assertThat(chain.free(MINER_2)).isGreaterThan(miner2);
  }

  @Test
  void aRewardThatCannotBePaidStaysInThePot() {
    // an invulnerable with no account: a reward below the existential deposit cannot create it
    AccountId ghost = Dev.account("ghost");
    Chain chain =
        MockRuntime.builder()
            .pallet(c -> new CollatorSelectionPallet(Fixture.config(), c))
            .coupling(CollatorPower.class, new FakeCollatorPower())
            .authorities(List.of(ghost, DAVE))
            .genesis(new CollatorSelectionGenesis(List.of(ghost), 10, 1))
            .config(c -> c.existentialDeposit(5))
            .start();
    AccountId pot = Fixture.pallet(chain).potAccount();
    assertThat(chain.dispatch(DAVE, new BalancesCall.TransferAllowDeath(pot, 4))).isSuccess();
    chain.nextBlock();
    assertThat(chain.author()).contains(ghost);
    assertThat(chain).hasFree(pot, 9).hasFree(ghost, 0).hasNoEventInOpenBlock(AuthorRewarded.class);
    assertThat(chain.query(LAST_AUTHORED_BLOCK, ghost)).contains(2L);
  }
}
