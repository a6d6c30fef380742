package dev.palletsim.runtime;

import static dev.palletsim.runtime.StorageNetwork.SP_ID;
import static dev.palletsim.runtime.StorageNetwork.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.reward.RewardConfig;
import dev.palletsim.reward.RewardEvent.BlockRewardPaid;
import dev.palletsim.reward.RewardPallet;
import dev.palletsim.storageprovider.Monies;
import dev.palletsim.storageprovider.StorageProviderEvent.RewardApplied;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The testnet with an economy, across the real pallets: providers with power earn the block reward,
 * its locked share vests on their account, issuance grows by exactly what was paid, and the money
 * formulas read the reward, power and circulating supply from state, so a pledge moves as the
 * network grows.
 */
class EconomyIntegrationTest {

  static Runtime economy() {
    return StorageRuntime.build(
        StorageRuntime.Configs.testnet(), Option.some(RewardConfig.testnet()), "testnet-economy");
  }

  /** Registers the provider and proves and posts {@code sectors} sectors. */
  static void provePower(StorageNetwork n, int sectors) {
    n.register(SP_ID);
    long expiration = n.ops.minimumExpiration(n.now()) + 300;
    for (long s = 1; s <= sectors; s++) n.preCommit(SP_ID, s, List.empty(), expiration);
    for (long s = 1; s <= sectors; s++) n.proveCommit(SP_ID, s);
    // one honest proving period: every partition posted once gains power
    long until = n.now() + 2 * n.sp.config().wPoStProvingPeriod();
    while (n.now() < until) {
      n.ops
          .windowPost(n.chain.world(), SP_ID, n.now())
          .forEach(c -> require(n.chain.dispatch(SP_ID, c)));
      n.chain.nextBlock();
    }
    assertThat(n.minerPower(SP_ID))
        .isEqualTo(sectors * n.sp.config().allowedPoStProofs().head().sectorSize());
  }

  @Test
  void providersWithPowerEarnVestingRewardsAndIssuanceGrowsByWhatWasPaid() {
    StorageNetwork n = new StorageNetwork(economy(), 5);
    assertThat(n.events(BlockRewardPaid.class)).isEmpty();
    provePower(n, 2);
    var reward = n.runtime.pallet(RewardPallet.class);
    long paidBefore =
        reward.state(n.chain.world()).get().totalStoragePowerReward().longValueExact();
    long sumEvents = 0;
    for (int i = 0; i < 50; i++) {
      n.ops
          .windowPost(n.chain.world(), SP_ID, n.now())
          .forEach(c -> require(n.chain.dispatch(SP_ID, c)));
      n.chain.nextBlock();
    }
    for (BlockRewardPaid p : n.events(BlockRewardPaid.class)) sumEvents += p.amount();
    long paid = reward.state(n.chain.world()).get().totalStoragePowerReward().longValueExact();
    assertThat(paid).isEqualTo(sumEvents);
    assertThat(paid - paidBefore).isEqualTo(50 * dev.palletsim.frame.primitives.Units.MILLI_TOKEN);
    // the only provider wins every block's whole reward, and three quarters of it vest
    long applied = 0;
    for (RewardApplied a : n.events(RewardApplied.class)) {
      assertThat(a.locked()).isEqualTo(a.reward() * 3 / 4);
      applied += a.reward();
    }
    assertThat(applied).isEqualTo(paid);
    assertThat(n.sp.lockedFunds(n.chain.world(), SP_ID)).isPositive();
    assertThat(n.chain.reserved(SP_ID))
        .isGreaterThanOrEqualTo(n.sp.lockedFunds(n.chain.world(), SP_ID));
  }

  @Test
  void moneyFormulasReadTheirInputsFromState() {
    StorageNetwork n = new StorageNetwork(economy(), 6);
    NetworkEconomics economics = n.runtime.couplings().require(NetworkEconomics.class);
    assertThat(economics).isInstanceOf(StateEconomics.class);
    NetworkInputs before = economics.inputs(n.chain.world());
    assertThat(before.networkRawPower()).isZero();
    provePower(n, 3);
    NetworkInputs after = economics.inputs(n.chain.world());
    long power = n.minerPower(SP_ID);
    assertThat(after.networkRawPower()).isEqualTo(BigInteger.valueOf(power));
    assertThat(after.rewardEstimate().estimate())
        .isEqualTo(BigInteger.valueOf(dev.palletsim.frame.primitives.Units.MILLI_TOKEN));
    // the circulating supply is the issuance less what providers and the market lock
    long issuance = BalancesStorage.TOTAL_ISSUANCE.get(n.chain.world());
    assertThat(after.circulatingSupply())
        .isEqualTo(BigInteger.valueOf(issuance - n.sp.lockedSupply(n.chain.world())));
  }

  @Test
  void aPledgeFallsAsNetworkPowerGrows() {
    StorageNetwork small = new StorageNetwork(economy(), 7);
    StorageNetwork large = new StorageNetwork(economy(), 7);
    provePower(small, 1);
    provePower(large, 6);
    // run both to the same block: same rewards minted, different network power
    long block = Math.max(small.now(), large.now()) + 1;
    small.chain.runToBlock(block);
    large.chain.runToBlock(block);
    long size = small.sp.config().allowedPoStProofs().head().sectorSize();
    NetworkEconomics economics = small.runtime.couplings().require(NetworkEconomics.class);
    NetworkInputs inSmall = economics.inputs(small.chain.world());
    NetworkInputs inLarge =
        large.runtime.couplings().require(NetworkEconomics.class).inputs(large.chain.world());
    assertThat(inLarge.qaPowerEstimate().estimate())
        .isGreaterThan(inSmall.qaPowerEstimate().estimate());
    long brSmall =
        Monies.expectedReward(inSmall, size, small.sp.config().initialPledgeProjectionPeriod());
    long brLarge =
        Monies.expectedReward(inLarge, size, large.sp.config().initialPledgeProjectionPeriod());
    // the same reward shared by more power: each byte's expected reward, and its pledge, falls
    assertThat(brLarge).isLessThan(brSmall);
    assertThat(small.sp.initialPledge(large.chain.world(), size, block))
        .isLessThan(small.sp.initialPledge(small.chain.world(), size, block));
  }

  @Test
  void filecoinEconomyMintsByBaselineAndSimpleMinting() {
    Runtime rt = StoragePresets.filecoinEconomy().build(java.util.Map.of());
    StorageNetwork n = new StorageNetwork(rt, 8);
    n.chain.runBlocks(3);
    var st = rt.pallet(RewardPallet.class).state(n.chain.world()).get();
    // one state update a block: the reward of the open block
    assertThat(st.epoch()).isEqualTo(n.now());
    // without power only simple minting, decaying: below epoch 0's 36.266… FIL
    assertThat(st.thisEpochReward()).isPositive().isLessThan(BigInteger.valueOf(362_662_642_937L));
    assertThat(st.thisEpochReward())
        .isEqualTo(
            dev.palletsim.reward.BaselineMinting.reward(
                st.epoch(),
                BigInteger.ZERO,
                BigInteger.ZERO,
                dev.palletsim.reward.Minting.Baseline.filecoin().simpleTotal(),
                dev.palletsim.reward.Minting.Baseline.filecoin().baselineTotal()));
    // the money formulas read the smoothed QA power from builtin-actors' launch estimate
    NetworkInputs in = rt.couplings().require(NetworkEconomics.class).inputs(n.chain.world());
    assertThat(in.qaPowerEstimate().estimate())
        .isGreaterThanOrEqualTo(BigInteger.valueOf(750_000L).shiftLeft(30));
  }
}
