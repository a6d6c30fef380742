package dev.palletsim.reward;

import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.PowerTable;
import dev.palletsim.reward.RewardEvent.BlockRewardForfeited;
import dev.palletsim.reward.RewardEvent.BlockRewardPaid;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The reward pallet in a mock runtime with a fixed power table: minting and issuance, the pro-rata
 * split, forfeited rewards, the {@code AwardBlockReward} call (builtin-actors' {@code
 * reward_actor_test.rs} award tests where palletsim can express them) and the leader election
 * measured over many blocks.
 */
class RewardPalletTest {
  static final AccountId A = Dev.ALICE;
  static final AccountId B = Dev.BOB;
  static final AccountId C = Dev.CHARLIE;

  static Chain chain(
      RewardConfig config, TreeMap<AccountId, Long> miners, Set<AccountId> refusing, long seed) {
    return chain(config, miners, refusing, HashSet.empty(), seed);
  }

  static Chain chain(
      RewardConfig config,
      TreeMap<AccountId, Long> miners,
      Set<AccountId> refusing,
      Set<AccountId> ineligible,
      long seed) {
    return MockRuntime.builder()
        .seed(seed)
        .pallet(c -> new RewardPallet(config, c))
        .coupling(PowerTable.class, new FakePowerTable(miners))
        .pallet(c -> new FakeRecipient(refusing, ineligible, c.lazy(Currency.class)))
        .balance(A, Units.TOKEN)
        .balance(B, Units.TOKEN)
        .balance(C, Units.TOKEN)
        .start();
  }

  static long issuance(Chain chain) {
    return BalancesStorage.TOTAL_ISSUANCE.get(chain.world());
  }

  @Test
  void totalIssuanceGrowsByExactlyWhatWasPaid() {
    Chain chain =
        chain(
            RewardConfig.fixed(1_000, BigInteger.ONE),
            TreeMap.of(A, 1L, B, 3L),
            HashSet.empty(),
            1);
    // the chain starts with block 1 open: its reward is already paid
    long before = issuance(chain);
    long a = chain.free(A);
    long b = chain.free(B);
    long minted = BalancesStorage.MINTED.get(chain.world());
    assertThat(a - Units.TOKEN).isEqualTo(250);
    chain.runBlocks(10);
    assertThat(issuance(chain) - before).isEqualTo(10 * 1_000);
    assertThat(chain.free(A) - a).isEqualTo(10 * 250);
    assertThat(chain.free(B) - b).isEqualTo(10 * 750);
    RewardState st = chain.runtime().pallet(RewardPallet.class).state(chain.world()).get();
    assertThat(st.totalStoragePowerReward()).isEqualTo(BigInteger.valueOf(11_000));
    assertThat(BalancesStorage.MINTED.get(chain.world()) - minted).isEqualTo(10_000);
  }

  @Test
  void proRataSharesRoundDownAndTheRemainderIsNotMinted() {
    Chain chain =
        chain(
            RewardConfig.fixed(1_000, BigInteger.ONE),
            TreeMap.of(A, 1L, B, 2L),
            HashSet.empty(),
            1);
    long before = issuance(chain);
    chain.nextBlock();
    assertThat(chain.lastBlock().eventsOf(BlockRewardPaid.class))
        .containsExactlyInAnyOrder(
            new BlockRewardPaid(A, 1, 1, 333, 0), new BlockRewardPaid(B, 1, 1, 666, 0));
    assertThat(issuance(chain) - before).isEqualTo(999);
  }

  @Test
  void aRewardTheProviderRefusesIsNotMinted() {
    Chain chain =
        chain(
            RewardConfig.fixed(1_000, BigInteger.ONE), TreeMap.of(A, 1L, B, 1L), HashSet.of(B), 1);
    long before = issuance(chain);
    chain.nextBlock();
    assertThat(chain.lastBlock().eventsOf(BlockRewardForfeited.class))
        .containsExactly(new BlockRewardForfeited(B, 1, 500));
    assertThat(issuance(chain) - before).isEqualTo(500);
    assertThat(chain.free(B)).isEqualTo(Units.TOKEN);
  }

  @Test
  void ineligibleProvidersWinNothing() {
    Chain chain =
        chain(
            RewardConfig.fixed(1_000, BigInteger.ONE),
            TreeMap.of(A, 1L, B, 1L),
            HashSet.empty(),
            HashSet.of(A),
            1);
    chain.nextBlock();
    assertThat(chain.lastBlock().eventsOf(BlockRewardPaid.class))
        .containsExactly(new BlockRewardPaid(B, 1, 1, 500, 0));
  }

  @Test
  void aDecayingScheduleHalvesThePayments() {
    RewardConfig halving =
        new RewardConfig(
            new Minting.Fixed(1_000, 5, 1, 2, BigInteger.ONE), new Distribution.ProRata(), 3);
    Chain chain = chain(halving, TreeMap.of(A, 1L), HashSet.empty(), 1);
    long before = issuance(chain);
    chain.runBlocks(12);
    // block 1 was paid at start; blocks 2-5 pay 1000, 6-10 pay 500, 11-13 pay 250
    assertThat(issuance(chain) - before).isEqualTo(4 * 1_000 + 5 * 500 + 3 * 250);
  }

  @Test
  void awardBlockRewardPaysTheWinsShareAndTracksThePenalty() {
    Chain chain =
        chain(RewardConfig.filecoin(), TreeMap.of(A, 1L), HashSet.empty(), HashSet.of(A), 1);
    chain.nextBlock();
    RewardState st = chain.runtime().pallet(RewardPallet.class).state(chain.world()).get();
    long perWin = st.thisEpochReward().longValueExact() / RewardConfig.EXPECTED_LEADERS_PER_EPOCH;
    long issuance = issuance(chain);
    var out = chain.dispatch(Origin.root(), new RewardCall.AwardBlockReward(A, 100, 1));
    assertThat(out.isSuccess()).isTrue();
    assertThat(out.eventsOf(BlockRewardPaid.class))
        .containsExactly(new BlockRewardPaid(A, 2, 1, perWin, 300));
    // the reward was minted and the scaled penalty burnt
    assertThat(issuance(chain) - issuance).isEqualTo(perWin - 300);
    RewardState after = chain.runtime().pallet(RewardPallet.class).state(chain.world()).get();
    assertThat(after.totalStoragePowerReward().subtract(st.totalStoragePowerReward()))
        .isEqualTo(BigInteger.valueOf(perWin));
  }

  @Test
  void totalMinedTracksEveryAward() {
    Chain chain =
        chain(RewardConfig.filecoin(), TreeMap.of(A, 1L), HashSet.empty(), HashSet.of(A), 1);
    chain.nextBlock();
    RewardState st = chain.runtime().pallet(RewardPallet.class).state(chain.world()).get();
    long perWin = st.thisEpochReward().longValueExact() / 5;
    for (int i = 0; i < 4; i++) {
      assertThat(
              chain.dispatch(Origin.root(), new RewardCall.AwardBlockReward(A, 0, 2)).isSuccess())
          .isTrue();
    }
    RewardState after = chain.runtime().pallet(RewardPallet.class).state(chain.world()).get();
    assertThat(after.totalStoragePowerReward())
        .isEqualTo(st.totalStoragePowerReward().add(BigInteger.valueOf(4 * (2 * perWin / 1))));
  }

  @Test
  void awardBlockRewardFailuresChangeNothing() {
    Chain chain =
        chain(RewardConfig.filecoin(), TreeMap.of(A, 1L), HashSet.empty(), HashSet.of(A), 1);
    chain.nextBlock();
    assertFailsWithoutEffect(
        chain,
        Origin.root(),
        new RewardCall.AwardBlockReward(A, 0, 0),
        RewardError.InvalidWinCount);
    assertFailsWithoutEffect(
        chain,
        Origin.signed(A),
        new RewardCall.AwardBlockReward(A, 0, 1),
        DispatchError.badOrigin());
    assertThat(chain.dispatch(Origin.root(), new RewardCall.AwardBlockReward(A, -1, 1)).isSuccess())
        .isFalse();
    assertThat(
            chain.dispatch(Origin.root(), new RewardCall.AwardBlockReward(null, 0, 1)).isSuccess())
        .isFalse();
  }

  @Test
  void aRefusedAwardIsForfeitedNotMinted() {
    Chain chain =
        chain(RewardConfig.filecoin(), TreeMap.of(A, 1L), HashSet.of(B), HashSet.of(A), 1);
    chain.nextBlock();
    RewardState st = chain.runtime().pallet(RewardPallet.class).state(chain.world()).get();
    long perWin = st.thisEpochReward().longValueExact() / 5;
    long issuance = issuance(chain);
    var out = chain.dispatch(Origin.root(), new RewardCall.AwardBlockReward(B, 0, 1));
    assertThat(out.isSuccess()).isTrue();
    assertThat(out.eventsOf(BlockRewardForfeited.class))
        .containsExactly(new BlockRewardForfeited(B, 2, perWin));
    assertThat(issuance(chain)).isEqualTo(issuance);
  }

  @Test
  void theSameSeedGivesTheSameChain() {
    RewardConfig config = RewardConfig.filecoin();
    TreeMap<AccountId, Long> miners = TreeMap.of(A, 1L, B, 2L, C, 7L);
    Chain one = chain(config, miners, HashSet.empty(), 42).runBlocks(200);
    Chain two = chain(config, miners, HashSet.empty(), 42).runBlocks(200);
    Chain other = chain(config, miners, HashSet.empty(), 43).runBlocks(200);
    assertThat(one.stateHash()).isEqualTo(two.stateHash());
    assertThat(one.stateHash()).isNotEqualTo(other.stateHash());
  }

  @Test
  void aSavedChainKeepsTheRewardState(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    Chain chain =
        chain(RewardConfig.filecoin(), TreeMap.of(A, 1L, B, 3L), HashSet.empty(), 3).runBlocks(25);
    java.nio.file.Path file = dir.resolve("reward.psim");
    chain.save(file);
    Chain loaded = Chain.load(chain.runtime(), file);
    assertThat(loaded.stateHash()).isEqualTo(chain.stateHash());
    RewardPallet p = chain.runtime().pallet(RewardPallet.class);
    assertThat(p.state(loaded.world())).isEqualTo(p.state(chain.world()));
    // and the loaded chain goes on as the saved one does
    assertThat(loaded.runBlocks(10).stateHash()).isEqualTo(chain.runBlocks(10).stateHash());
  }
}
