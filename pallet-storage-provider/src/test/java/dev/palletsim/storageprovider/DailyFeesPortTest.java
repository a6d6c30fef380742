package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/daily_fees_test.rs} under {@link
 * StorageProviderConfig#filecoin()}: the FIP-0100 daily fee charged at each close of a sector's
 * deadline, paid from free balance or left as fee debt, and capped at half the day's expected
 * reward. The Rust test repays debt with {@code ApplyRewards}; palletsim has no block rewards, so
 * the port sends the funds and lets the next close repay.
 */
class DailyFeesPortTest {
  static final long PERIOD_OFFSET = 100;

  MinerHarness h = MinerHarness.start(PERIOD_OFFSET);

  long balance() {
    return h.sp.chain.free(MINER) + h.sp.chain.reserved(MINER);
  }

  void setNetwork(BigInteger supply, FilterEstimate reward) {
    h.setSupply(supply);
    h.setReward(reward);
  }

  @Test
  void feePaidAtDeadline() {
    // 696.7M FIL: the 5.56e-15 per 32 GiB reference fee is 3,873,652,000,000 attoFIL
    setNetwork(
        BigInteger.valueOf(696_700_000L * FilecoinHarness.FIL), h.network().rewardEstimate());
    Vector<SectorOnChainInfo> one = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    long dailyFee = one.head().dailyFee();
    // just under the reference (38,736.52 planck), within a planck of it
    assertThat(dailyFee).isEqualTo(38_736);
    long before = balance();
    h.advanceAndSubmitPosts(one);
    assertThat(balance()).isEqualTo(before - dailyFee);

    // a balance of the pledge plus just the fee
    long pledge = h.state().initialPledge();
    transferOut(h.sp.chain.free(MINER) - dailyFee);
    h.advanceAndSubmitPosts(one);
    assertThat(balance()).isEqualTo(pledge);
    assertThat(h.state().feeDebt()).isZero();
    // nothing left to pay with: the fee becomes debt
    h.advanceAndSubmitPosts(one);
    assertThat(balance()).isEqualTo(pledge);
    assertThat(h.state().feeDebt()).isEqualTo(dailyFee);
    // funds for the debt and half the next fee
    long extra = dailyFee / 2;
    SpHarness.require(
        h.sp.chain.dispatch(Dev.BOB, new BalancesCall.TransferAllowDeath(MINER, dailyFee + extra)));
    h.advanceAndSubmitPosts(one);
    assertThat(balance()).isEqualTo(pledge);
    assertThat(h.state().feeDebt()).isEqualTo(dailyFee - extra);
  }

  void transferOut(long amount) {
    SpHarness.require(
        h.sp.chain.dispatch(MINER, new BalancesCall.TransferAllowDeath(Dev.BOB, amount)));
  }

  @Test
  void feeCappedByRewardCappedUpfrontSingleSector() {
    feeCappedByReward(true, 1);
  }

  @Test
  void feeCappedByRewardCappedUpfrontManySectors() {
    feeCappedByReward(true, 55);
  }

  @Test
  void feeCappedByRewardCappedLaterSingleSector() {
    feeCappedByReward(false, 1);
  }

  @Test
  void feeCappedByRewardCappedLaterManySectors() {
    feeCappedByReward(false, 55);
  }

  /** {@code test_fee_capped_by_reward}: a reward of 5·10^13 attoFIL makes the cap bind. */
  void feeCappedByReward(boolean cappedUpfront, int numSectors) {
    FilterEstimate original = h.network().rewardEstimate();
    FilterEstimate low = FilterEstimate.constant(500_000);
    BigInteger supply = BigInteger.valueOf(500_000_000L * FilecoinHarness.FIL);
    setNetwork(supply, cappedUpfront ? low : original);
    Vector<SectorOnChainInfo> sectors =
        h.commitAndProveSectors(numSectors, DEFAULT_SECTOR_EXPIRATION);
    int dl = sectors.head().deadline();
    int p = sectors.head().partition();
    assertThat(sectors.map(SectorOnChainInfo::deadline).distinct()).containsExactly(dl);
    long dailyFee = sectors.map(SectorOnChainInfo::dailyFee).sum().longValue();
    if (!cappedUpfront) {
      // a standard PoSt pays the full fee; then the reward falls
      long before = balance();
      h.advanceAndSubmitPosts(sectors);
      assertThat(balance()).isEqualTo(before - dailyFee);
      setNetwork(supply, low);
    }
    long dayReward = Monies.expectedReward(h.network(), numSectors * h.sectorSize(), 2880);
    assertThat(dailyFee).isLessThan(dayReward).isGreaterThan(dayReward / 2);
    long burnt = dayReward / 2;

    // 1. a PoSt, capped by the reward
    h.advanceToDeadline(dl);
    SpHarness.require(h.submitPoSt(dl, p));
    assertThat(closeCosts()).isEqualTo(burnt);
    // 2. a missed PoSt: faulty power counts in the cap all the same
    h.advanceToDeadline(dl);
    assertThat(closeCosts()).isEqualTo(burnt);
    assertThat(h.power()).isZero();
    // 3. recovered by a PoSt: the same capped fee
    SpHarness.require(h.declareRecoveries(dl, p, sectors.map(SectorOnChainInfo::sectorNumber)));
    h.advanceToDeadline(dl);
    SpHarness.require(h.submitPoSt(dl, p));
    assertThat(h.power()).isEqualTo(numSectors * h.sectorSize());
    assertThat(closeCosts()).isEqualTo(burnt);
    if (numSectors > 1) {
      // 4. a terminated sector leaves a cap proportional to the remaining power
      SectorOnChainInfo gone = sectors.head();
      long fee = TerminateSectorsPortTest.expectedFee(h, gone);
      long before = balance();
      SpHarness.require(h.terminateSectors(List.of(gone)));
      // the fee is burnt; the released pledge stays in the balance, now free
      assertThat(balance()).isEqualTo(before - fee);
      sectors = sectors.tail();
      h.advanceToDeadline(dl);
      SpHarness.require(h.submitPoSt(dl, p));
      long remaining =
          Monies.expectedReward(h.network(), sectors.size() * h.sectorSize(), 2880) / 2;
      assertThat(closeCosts()).isEqualTo(remaining);
    }
    // 5. the original reward: the plain daily fee again
    setNetwork(supply, original);
    long fees = sectors.map(SectorOnChainInfo::dailyFee).sum().longValue();
    long before = balance();
    h.advanceAndSubmitPosts(sectors);
    assertThat(balance()).isEqualTo(before - fees);
  }

  /** What the open deadline's close takes from the miner's balance. */
  long closeCosts() {
    long before = balance();
    h.advanceDeadline();
    return before - balance();
  }
}
