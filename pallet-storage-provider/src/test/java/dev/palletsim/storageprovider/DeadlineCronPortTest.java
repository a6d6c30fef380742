package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.storageprovider.StorageProviderEvent.PreCommitsExpired;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/deadline_cron.rs} and {@code
 * deadline_cron_defers_stops_restarts.rs} under {@link StorageProviderConfig#filecoin()}: what a
 * deadline's cron burns, the power it removes, the pledge it releases, and when the miner's cron
 * runs. Amounts come from the harness's network inputs through the same formulas ({@code
 * pledge_penalty_for_continued_fault}, the daily fee), as in the Rust tests.
 */
class DeadlineCronPortTest {
  static final long PERIOD_OFFSET = 100;

  /**
   * builtin-actors' {@code max_prove_commit_duration} for the V1 seal proofs (one day + 150): the
   * pre-commit clean-up comes 4,000 blocks after a pre-commit instead of 87,500, which the chain
   * would have to produce one by one (the Rust tests set the epoch).
   */
  static StorageProviderConfig v1Seal() {
    return StorageProviderConfig.builder()
        .from(StorageProviderConfig.filecoin())
        .maxProveCommitDuration(StorageProviderConfig.FILECOIN_EPOCHS_IN_DAY + 150)
        .build();
  }

  /**
   * {@link #v1Seal()} with a one-day minimum sector life, so that a sector expires within a few
   * proving periods: the Rust tests rewrite the proving period start to jump 220 days ahead.
   */
  static StorageProviderConfig shortLived() {
    return StorageProviderConfig.builder()
        .from(v1Seal())
        .minSectorExpiration(StorageProviderConfig.FILECOIN_EPOCHS_IN_DAY)
        .build();
  }

  @Test
  void cronOnInactiveState() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    StorageProviderState st = h.state();
    assertThat(st.provingPeriodStart()).isEqualTo(PERIOD_OFFSET - 2880);
    assertThat(DeadlineCron.continueCron(st, h.lockedFunds())).isFalse();
    assertThat(st.deadlineCronActive()).isFalse();
    // the deadline's end does nothing and enrols nothing
    long issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.state().deadlineCronActive()).isFalse();
    assertThat(StorageProviderStorage.DEADLINE_CRON.entries(h.sp.chain.world())).isEmpty();
    assertThat(h.issuance()).isEqualTo(issuance);
  }

  @Test
  void sectorExpires() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET, shortLived(), b -> b);
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(1, 3);
    h.advanceAndSubmitPosts(sectors);
    long activePower = h.sectorSize();
    assertThat(h.power()).isEqualTo(activePower);
    long pledge = h.state().initialPledge();
    assertThat(h.state().deadlineCronActive()).isTrue();
    SectorOnChainInfo s = sectors.head();
    long expiration =
        h.pallet().schedule().quantSpecFor(PERIOD_OFFSET, s.deadline()).quantizeUp(s.expiration());
    runToExpiringOccurrence(h, s, expiration);
    long reserved = h.sp.chain.reserved(MINER);
    long issuance = h.issuance();
    // the expiring close: power −active, pledge released, nothing burnt, cron not re-enrolled
    h.advanceDeadline();
    assertThat(h.power()).isZero();
    assertThat(h.state().initialPledge()).isZero();
    assertThat(h.sp.chain.reserved(MINER)).isEqualTo(reserved - pledge);
    assertThat(h.issuance()).isEqualTo(issuance);
    assertThat(h.state().deadlineCronActive()).isFalse();
  }

  @Test
  void sectorExpiresAndRepaysFeeDebt() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET, shortLived(), b -> b);
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(1, 3);
    h.advanceAndSubmitPosts(sectors);
    long pledge = h.state().initialPledge();
    SectorOnChainInfo s = sectors.head();
    long expiration =
        h.pallet().schedule().quantSpecFor(PERIOD_OFFSET, s.deadline()).quantizeUp(s.expiration());
    runToExpiringOccurrence(h, s, expiration);
    // lots of fee debt, and a balance of just the pledge
    h.setFeeDebt(400 * FilecoinHarness.FIL);
    SpHarness.require(
        h.sp.chain.dispatch(
            MINER, new BalancesCall.TransferAllowDeath(Dev.BOB, h.sp.chain.free(MINER))));
    assertThat(h.sp.chain.free(MINER)).isZero();
    long issuance = h.issuance();
    h.advanceDeadline();
    // the released pledge repays the debt: all of it is burnt
    assertThat(h.issuance()).isEqualTo(issuance - pledge);
    assertThat(h.state().feeDebt()).isEqualTo(400 * FilecoinHarness.FIL - pledge);
    assertThat(h.power()).isZero();
    assertThat(h.state().deadlineCronActive()).isFalse();
  }

  @Test
  void detectsAndPenalizesFaults() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    Vector<SectorOnChainInfo> active = h.commitAndProveSectors(2, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(active);
    assertThat(h.power()).isEqualTo(2 * h.sectorSize());
    Vector<SectorOnChainInfo> unproven = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    Vector<SectorOnChainInfo> all = active.appendAll(unproven).map(x -> h.sector(x.sectorNumber()));
    int dl = active.head().deadline();
    int p = active.head().partition();
    assertThat(all.map(SectorOnChainInfo::deadline).distinct()).containsExactly(dl);
    h.advanceToDeadline(dl);

    // the close detects every sector faulty: power of the active ones removed, only the daily fee
    long feePayable = h.dailyFeePayable(all);
    long issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - feePayable);
    assertThat(h.power()).isZero();
    assertThat(faultySectors(h, dl)).isEqualTo(3);

    h.advanceDeadline();
    h.advanceDeadline();
    h.advanceDeadline();
    SpHarness.require(h.declareRecoveries(dl, p, all.tail().map(SectorOnChainInfo::sectorNumber)));
    h.advanceToDeadline(dl);

    // un-recovered faults, failed recoveries included, pay the continued fault fee
    issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - feePayable - h.continuedFaultFee(3));
    assertThat(faultySectors(h, dl)).isEqualTo(3);
    assertThat(h.partition(dl, p).recoveries()).isEmpty();
  }

  @Test
  void testCronRunTriggerFaults() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(sectors);
    int dl = sectors.head().deadline();
    DeadlineInfo info = h.advanceToDeadline(dl);
    long issuance = h.issuance();
    h.advanceDeadline();
    // detected faulty, no penalty but the daily fee; the cron goes on one deadline later
    assertThat(h.issuance()).isEqualTo(issuance - h.dailyFeePayable(sectors));
    assertThat(h.power()).isZero();
    assertThat(h.state().deadlineCronActive()).isTrue();
    assertThat(enrolledAt(h, info.last() + 60)).isTrue();
  }

  /**
   * Keeps the sector proven until the occurrence of its deadline whose last block is its quantised
   * expiration is open, and proves it there too.
   */
  static void runToExpiringOccurrence(MinerHarness h, SectorOnChainInfo s, long expiration) {
    while (h.pallet().deadlineInfo(h.sp.chain.world(), MINER, s.deadline(), h.now()).get().last()
        < expiration) {
      h.advanceAndSubmitPosts(Vector.of(s));
    }
    h.advanceToDeadline(s.deadline());
    assertThat(h.deadline().last()).isEqualTo(expiration);
    SpHarness.require(h.submitPoSt(s.deadline(), s.partition()));
  }

  static boolean enrolledAt(MinerHarness h, long block) {
    return StorageProviderStorage.DEADLINE_CRON
        .find(h.sp.chain.world(), block)
        .exists(s -> s.contains(MINER));
  }

  static long faultySectors(MinerHarness h, int dl) {
    long n = 0;
    for (int p = 0; p < h.deadlineState(dl).partitionCount(); p++) {
      n += h.partition(dl, p).faults().count();
    }
    return n;
  }

  // ---------------------------------------------------- deadline_cron_defers_stops_restarts.rs

  /** The Rust test proves 499 more days; three show the cron re-enrolling every deadline. */
  @Test
  void cronEnrollsOnPrecommitProveCommitsAndContinuesEnrolling() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    requireCronInactive(h);
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(1, 500);
    requireCronActive(h);
    h.advanceAndSubmitPosts(sectors);
    for (int i = 0; i < 3; i++) {
      h.advanceAndSubmitPosts(sectors);
      requireCronActive(h);
    }
  }

  @Test
  void cronEnrollsOnPrecommitExpiresOnPcdExpirationReEnrollsOnNewPrecommitImmediately() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET, v1Seal(), b -> b);
    h.sp.chain.runToBlock(PERIOD_OFFSET + 1);
    CronControl c = new CronControl(h);
    long epoch = c.preCommitStartCronExpireStopCron(h.now());
    c.preCommitToStartCron(epoch);
  }

  /** The Rust test falls 200 proving periods out of date; two make the point here. */
  @Test
  void cronEnrollsOnPrecommitExpiresOnPcdExpirationReEnrollsOnNewPrecommitAfterFallingOutOfDate() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET, v1Seal(), b -> b);
    h.sp.chain.runToBlock(PERIOD_OFFSET + 1);
    CronControl c = new CronControl(h);
    long epoch = c.preCommitStartCronExpireStopCron(h.now());
    epoch += 2 * h.config.wPoStProvingPeriod();
    epoch = c.preCommitStartCronExpireStopCron(epoch);
    c.preCommitToStartCron(epoch + 1);
  }

  @Test
  void enrollPcdExpireReEnrollX3() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET, v1Seal(), b -> b);
    h.sp.chain.runToBlock(PERIOD_OFFSET + 1);
    CronControl c = new CronControl(h);
    long epoch = h.now();
    for (int i = 1; i < 3; i++) epoch = c.preCommitStartCronExpireStopCron(epoch) + 42;
  }

  static void requireCronInactive(MinerHarness h) {
    assertThat(h.state().deadlineCronActive()).isFalse();
    assertThat(DeadlineCron.continueCron(h.state(), h.lockedFunds())).isFalse();
  }

  static void requireCronActive(MinerHarness h) {
    assertThat(h.state().deadlineCronActive()).isTrue();
    assertThat(DeadlineCron.continueCron(h.state(), h.lockedFunds())).isTrue();
  }

  /** builtin-actors' {@code CronControl}. */
  static final class CronControl {
    final MinerHarness h;
    long preCommitNum = 0;

    CronControl(MinerHarness h) {
      this.h = h;
    }

    /** Pre-commits at {@code epoch}; returns the clean-up bound. */
    long preCommitToStartCron(long epoch) {
      h.sp.chain.runToBlock(epoch);
      requireCronInactive(h);
      DeadlineInfo dl = h.deadline();
      long expiration = dl.periodEnd() + DEFAULT_SECTOR_EXPIRATION * 2880;
      SpHarness.require(
          h.sp.preCommit(
              MINER, h.sp.preCommitInfo(MINER, preCommitNum++, List.empty(), expiration)));
      // PCD ≠ 0 so the cron must be active, enrolled at the open deadline's last block
      requireCronActive(h);
      assertThat(enrolledAt(h, dl.last())).isTrue();
      return epoch + h.config.maxProveCommitDuration() + h.config.expiredPreCommitCleanUpDelay();
    }

    /**
     * Runs deadline by deadline while they open at or before the clean-up bound (the cron re-enrols
     * each time), then the next close burns the deposit and stops the cron; returns the open of the
     * deadline after it.
     */
    long expirePreCommitStopCron(long cleanUpEpoch) {
      requireCronActive(h);
      long deposits = h.state().preCommitDeposits();
      DeadlineInfo dl = h.deadline();
      while (dl.open() <= cleanUpEpoch) {
        dl = h.advanceDeadline();
        requireCronActive(h);
      }
      long issuance = h.issuance();
      h.sp.chain.runToBlock(dl.last());
      var record = h.sp.chain.nextBlock();
      assertThat(record.eventsOf(PreCommitsExpired.class)).hasSize(1);
      assertThat(h.issuance()).isEqualTo(issuance - deposits);
      requireCronInactive(h);
      return h.now();
    }

    long preCommitStartCronExpireStopCron(long epoch) {
      return expirePreCommitStopCron(preCommitToStartCron(epoch));
    }
  }
}
