package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesStorage;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/apply_rewards.rs} and the vesting half of {@code
 * deadline_cron.rs::test_vesting_on_cron} under {@link StorageProviderConfig#filecoin()}, with the
 * Rust numbers as planck (UNITS.md). The reward actor's {@code ApplyRewards} with funds sent along
 * is {@link StateDriver.ApplyRewards}: the reward minted into the miner's free balance, then
 * applied as the reward pallet applies it. The miner starts with {@code BIG_BALANCE} free.
 */
class ApplyRewardsPortTest {
  static final long PERIOD_OFFSET = 1808;

  /** The Rust harness's {@code BIG_REWARDS}: 1,000 FIL. */
  static final long BIG_REWARDS = 1_000 * FilecoinHarness.FIL;

  private static void applyRewards(MinerHarness h, long reward, long penalty) {
    SpHarness.require(
        h.sp.chain.dispatch(
            Origin.root(), new StateDriver.ApplyRewards(MinerHarness.MINER, reward, penalty)));
  }

  private static long free(MinerHarness h) {
    return h.sp.chain.free(MinerHarness.MINER);
  }

  private static long reserved(MinerHarness h) {
    return h.sp.chain.reserved(MinerHarness.MINER);
  }

  @Test
  void fundsAreLocked() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    applyRewards(h, 1_000_000, 0);
    assertThat(h.lockedFunds()).isEqualTo(750_000);
    // the locked share is reserved on the provider's account, the rest is free
    assertThat(reserved(h)).isEqualTo(750_000);
    assertThat(free(h)).isEqualTo(FilecoinHarness.BIG_BALANCE + 250_000);
  }

  @Test
  void fundsVest() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    assertThat(h.pallet().vestingFunds(h.sp.chain.world(), MinerHarness.MINER).isEmpty()).isTrue();
    assertThat(h.lockedFunds()).isZero();
    long now = h.now() + 1; // the block the reward is applied in
    applyRewards(h, 600_000, 0);
    VestingFunds funds = h.pallet().vestingFunds(h.sp.chain.world(), MinerHarness.MINER);
    assertThat(funds.funds()).hasSize(180);
    VestSpec spec = h.config.rewardVestingSpec();
    QuantSpec quant = new QuantSpec(spec.quantization(), PERIOD_OFFSET);
    for (int i = 0; i < funds.funds().size(); i++) {
      long step = spec.initialDelay() + (i + 1) * spec.stepDuration();
      assertThat(funds.funds().get(i).epoch()).isEqualTo(quant.quantizeUp(now + step));
      assertThat(funds.funds().get(i).epoch() % spec.quantization())
          .isEqualTo(PERIOD_OFFSET % spec.quantization());
    }
    assertThat(h.lockedFunds()).isEqualTo(600_000 * 3 / 4);
  }

  @Test
  void penaltyIsBurnt() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    long issuance = h.issuance();
    applyRewards(h, 600_000, 300_000);
    // the penalty is paid from the vesting funds first
    assertThat(h.lockedFunds()).isEqualTo(600_000 * 3 / 4 - 300_000);
    assertThat(h.state().feeDebt()).isZero();
    assertThat(h.issuance()).isEqualTo(issuance + 600_000 - 300_000);
    assertThat(BalancesStorage.BURNT.get(h.sp.chain.world())).isEqualTo(300_000);
  }

  @Test
  void penaltyIsPartiallyBurntAndStoredAsFeeDebt() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    long amt = free(h);
    long issuance = h.issuance();
    applyRewards(h, amt, 3 * amt);
    // the initial balance and the reward are burnt, 2 · amt; the rest is fee debt
    assertThat(issuance + amt - h.issuance()).isEqualTo(2 * amt);
    assertThat(h.state().feeDebt()).isEqualTo(amt);
    assertThat(h.lockedFunds()).isZero();
  }

  @Test
  void rewardsPayBackFeeDebt() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    long amt = free(h);
    long availableBefore =
        h.pallet().funds(h.sp.chain.world(), MinerHarness.MINER).get().available();
    assertThat(availableBefore).isPositive();
    long initFeeDebt = 2 * amt;
    SpHarness.require(
        h.sp.chain.dispatch(
            Origin.root(), new StateDriver.SetFeeDebt(MinerHarness.MINER, initFeeDebt)));
    assertThat(h.pallet().funds(h.sp.chain.world(), MinerHarness.MINER).get().available())
        .isNegative();
    long reward = 3 * amt;
    long remainingLocked = reward * 3 / 4 - initFeeDebt;
    assertThat(remainingLocked).isPositive();
    long issuance = h.issuance();
    applyRewards(h, reward, 0);
    assertThat(issuance + reward - h.issuance()).isEqualTo(initFeeDebt);
    long available = h.pallet().funds(h.sp.chain.world(), MinerHarness.MINER).get().available();
    assertThat(available).isEqualTo(availableBefore + reward - initFeeDebt - remainingLocked);
    assertThat(h.state().feeDebt()).isZero();
    assertThat(h.lockedFunds()).isEqualTo(remainingLocked);
  }

  @Test
  void vestedRewardsUnlockAtDeadlineCron() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    var sectors = h.commitAndProveSectors(2, 220);
    h.advanceAndSubmitPosts(sectors);
    long first = h.now() + 1;
    applyRewards(h, BIG_REWARDS, 0);
    h.sp.chain.runToBlock(first + 2_880 / 2 + 100 - 1);
    long lockedBefore = h.lockedFunds();
    // a daily fee charged at a deadline close in between is paid from the vesting funds first
    assertThat(lockedBefore).isLessThanOrEqualTo(BIG_REWARDS * 3 / 4);
    applyRewards(h, BIG_REWARDS, 0);
    VestingFunds funds = h.pallet().vestingFunds(h.sp.chain.world(), MinerHarness.MINER);
    assertThat(funds.funds()).hasSize(360);
    assertThat(h.lockedFunds()).isEqualTo(lockedBefore + BIG_REWARDS * 3 / 4);
    // the first entry vests after its block: the first deadline close after it unlocks it
    VestingFunds.VestingFund head = funds.funds().head();
    h.sp.chain.runToBlock(head.epoch());
    long lockedAtVest = h.lockedFunds();
    // daily fees charged since were taken from the soonest entry first
    VestingFunds.VestingFund due =
        h.pallet().vestingFunds(h.sp.chain.world(), MinerHarness.MINER).funds().head();
    assertThat(due.epoch()).isEqualTo(head.epoch());
    assertThat(due.amount()).isLessThanOrEqualTo(head.amount());
    DeadlineInfo dl =
        h.pallet().currentDeadline(h.sp.chain.world(), MinerHarness.MINER, head.epoch() + 1).get();
    h.sp.chain.runToBlock(dl.close());
    // the close unlocked the vested entry (and any fee it charged came from the vesting funds)
    assertThat(
            h.pallet().vestingFunds(h.sp.chain.world(), MinerHarness.MINER).funds().head().epoch())
        .isGreaterThan(head.epoch());
    assertThat(h.lockedFunds()).isLessThanOrEqualTo(lockedAtVest - due.amount());
    assertThat(h.state().deadlineCronActive()).isTrue();
  }

  @Test
  void aSavedChainKeepsTheVestingTable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    applyRewards(h, 600_000, 0);
    java.nio.file.Path file = dir.resolve("vesting.psim");
    h.sp.chain.save(file);
    var loaded = dev.palletsim.frame.executive.Chain.load(h.sp.chain.runtime(), file);
    assertThat(loaded.stateHash()).isEqualTo(h.sp.chain.stateHash());
    assertThat(h.pallet().vestingFunds(loaded.world(), MinerHarness.MINER))
        .isEqualTo(h.pallet().vestingFunds(h.sp.chain.world(), MinerHarness.MINER));
  }
}
