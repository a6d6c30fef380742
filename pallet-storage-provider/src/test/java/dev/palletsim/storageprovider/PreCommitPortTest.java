package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.Cid;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/miner_actor_test_precommit_batch.rs} and {@code
 * precommit_expiry.rs} under {@link StorageProviderConfig#filecoin()}: a batch is all or nothing,
 * each sector deposits {@code pre_commit_deposit_for_power(qa_power_max(size))}, the clean-up is
 * quantised to a deadline, and the first pre-commit enrols the deadline cron.
 */
class PreCommitPortTest {
  static final long PERIOD_OFFSET = 100;

  /** One sector's deposit: BR(10 × 32 GiB, 20 days) under the harness network (see MoniesTest). */
  static final long DEPOSIT = 1_757_812_500_000L;

  MinerHarness h;

  /** {@code assert_simple_batch}: a balance of the batch's deposits plus {@code surplus}. */
  void assertSimpleBatch(int batchSize, long surplus, Seq<Seq<Long>> deals, Object error) {
    long total = DEPOSIT * batchSize;
    h =
        MinerHarness.start(
            PERIOD_OFFSET,
            StorageProviderConfig.filecoin(),
            FakeMarket.withDeals(MINER, 8, 300),
            b -> b.balance(MINER, total + surplus));
    long precommitEpoch = PERIOD_OFFSET + 1;
    h.sp.chain.runToBlock(precommitEpoch);
    DeadlineInfo dl = h.deadline();
    long expiration = dl.periodEnd() + DEFAULT_SECTOR_EXPIRATION * h.config.wPoStProvingPeriod();
    Vector<SectorPreCommitInfo> sectors = Vector.empty();
    for (int i = 0; i < batchSize; i++) {
      Seq<Long> ids = i < deals.size() ? deals.get(i) : List.empty();
      sectors = sectors.append(h.sp.preCommitInfo(MINER, 100 + i, ids, expiration));
    }
    var call = new StorageProviderCall.PreCommitSectors(sectors);
    if (error != null) {
      assertFailsWithoutEffect(
          h.sp.chain, Origin.signed(MINER), call, (dev.palletsim.frame.PalletError) error);
      assertThat(h.state().preCommitDeposits()).isZero();
      assertThat(StorageProviderStorage.PRE_COMMIT_EXPIRIES.entries(h.sp.chain.world())).isEmpty();
      return;
    }
    SpHarness.require(h.sp.chain.dispatch(MINER, call));
    for (int i = 0; i < batchSize; i++) {
      SectorPreCommitOnChainInfo pc =
          h.pallet().preCommit(h.sp.chain.world(), MINER, 100 + i).get();
      assertThat(pc.preCommitBlock()).isEqualTo(precommitEpoch);
      assertThat(pc.sectorNumber()).isEqualTo(100 + i);
      assertThat(pc.unsealedCid()).isEqualTo(sectors.get(i).unsealedCid());
      assertThat(pc.preCommitDeposit())
          .isEqualTo(Monies.preCommitDeposit(h.config, h.network(), h.sectorSize()))
          .isEqualTo(DEPOSIT);
    }
    assertThat(h.state().preCommitDeposits()).isPositive().isEqualTo(total);
    // the clean-up bound quantised up to a deadline opening; burnt at that deadline's close
    long bound = precommitEpoch + 86_550 + 960;
    long open = new QuantSpec(60, PERIOD_OFFSET).quantizeUp(bound);
    TreeSet<SectorRef> expected = TreeSet.empty();
    for (int i = 0; i < batchSize; i++) expected = expected.add(new SectorRef(MINER, 100 + i));
    assertThat(StorageProviderStorage.PRE_COMMIT_EXPIRIES.entries(h.sp.chain.world()).toList())
        .containsExactly(new io.vavr.Tuple2<>(open + 59, expected));
    // the first pre-commit enrols the cron at the open deadline's last block
    assertThat(h.state().deadlineCronActive()).isTrue();
    assertThat(DeadlineCronPortTest.enrolledAt(h, dl.last())).isTrue();
  }

  @Test
  void oneSector() {
    assertSimpleBatch(1, 0, List.empty(), null);
  }

  @Test
  void thirtyTwoSectors() {
    assertSimpleBatch(32, 0, List.empty(), null);
  }

  @Test
  void maxSectors() {
    assertSimpleBatch(256, 0, List.empty(), null);
  }

  @Test
  void oneDeal() {
    assertSimpleBatch(3, 0, List.of(List.of(1L)), null);
  }

  /** The Rust case gives the third sector deals 1 and 2 again; the fake market refuses reuse. */
  @Test
  void manyDeals() {
    assertSimpleBatch(3, 0, List.of(List.of(1L), List.of(2L), List.of(3L, 4L)), null);
  }

  /** A genesis account needs the existential deposit: one FIL stands for the Rust zero balance. */
  @Test
  void emptyBatch() {
    assertSimpleBatch(0, FilecoinHarness.FIL, List.empty(), StorageProviderError.EmptyBatch);
  }

  @Test
  void insufficientBalance() {
    assertSimpleBatch(10, -1, List.empty(), StorageProviderError.InsufficientFunds);
  }

  @Test
  void oneBadAppleRuinsBatch() {
    long expiration = startAtPrecommitEpoch();
    var call =
        new StorageProviderCall.PreCommitSectors(
            List.of(
                h.sp.preCommitInfo(MINER, 100, List.empty(), expiration),
                h.sp.preCommitInfo(MINER, 101, List.empty(), expiration),
                h.sp.preCommitInfo(MINER, 102, List.empty(), h.now())));
    assertFailsWithoutEffect(
        h.sp.chain, Origin.signed(MINER), call, StorageProviderError.ExpirationBeforeActivation);
  }

  @Test
  void duplicateSectorRejectsBatch() {
    long expiration = startAtPrecommitEpoch();
    var call =
        new StorageProviderCall.PreCommitSectors(
            List.of(
                h.sp.preCommitInfo(MINER, 100, List.empty(), expiration),
                h.sp.preCommitInfo(MINER, 101, List.empty(), expiration),
                h.sp.preCommitInfo(MINER, 100, List.empty(), expiration)));
    assertFailsWithoutEffect(
        h.sp.chain, Origin.signed(MINER), call, StorageProviderError.DuplicateSectorNumber);
  }

  @Test
  void mismatchOfCommd() {
    h =
        MinerHarness.start(
            PERIOD_OFFSET,
            StorageProviderConfig.filecoin(),
            FakeMarket.withDeals(MINER, 8, 300),
            b -> b);
    h.sp.chain.runToBlock(PERIOD_OFFSET + 1);
    long expiration =
        h.deadline().periodEnd() + DEFAULT_SECTOR_EXPIRATION * h.config.wPoStProvingPeriod();
    SectorPreCommitInfo good = h.sp.preCommitInfo(MINER, 100, List.of(1L), expiration);
    Cid other = Commitments.unsealedSector(List.empty(), h.sectorSize());
    var call =
        new StorageProviderCall.PreCommitSectors(
            List.of(
                new SectorPreCommitInfo(
                    good.sealProof(),
                    100,
                    good.sealedCid(),
                    good.sealRandomnessHeight(),
                    good.dealIds(),
                    expiration,
                    other)));
    assertFailsWithoutEffect(
        h.sp.chain, Origin.signed(MINER), call, StorageProviderError.UnsealedCidMismatch);
  }

  /** A harness at block 101 (offset 100); the usual expiration of a sector pre-committed there. */
  long startAtPrecommitEpoch() {
    h = MinerHarness.start(PERIOD_OFFSET);
    h.sp.chain.runToBlock(PERIOD_OFFSET + 1);
    return h.deadline().periodEnd() + DEFAULT_SECTOR_EXPIRATION * h.config.wPoStProvingPeriod();
  }

  // ------------------------------------------------------------------ precommit_expiry.rs

  /**
   * {@code simple_pre_commit_expiry_and_cleanup}: pre-commits whose clean-up bounds round up to the
   * same deadline share one entry; a later bound gets its own.
   */
  @Test
  void simplePreCommitExpiryAndCleanup() {
    h = MinerHarness.start(0);
    h.sp.chain.runToBlock(100);
    long expiration = h.deadline().periodEnd() + DEFAULT_SECTOR_EXPIRATION * 2880;
    SpHarness.require(
        h.sp.preCommit(MINER, h.sp.preCommitInfo(MINER, 1, List.empty(), expiration)));
    long first = expiryOf(h, 100);
    assertThat(entry(h, first)).containsExactly(new SectorRef(MINER, 1));
    SpHarness.require(
        h.sp.preCommit(MINER, h.sp.preCommitInfo(MINER, 2, List.empty(), expiration)));
    assertThat(entry(h, first)).containsExactly(new SectorRef(MINER, 1), new SectorRef(MINER, 2));
    h.sp.chain.runToBlock(200);
    SpHarness.require(
        h.sp.preCommit(MINER, h.sp.preCommitInfo(MINER, 3, List.empty(), expiration)));
    long second = expiryOf(h, 200);
    assertThat(second).isNotEqualTo(first);
    assertThat(entry(h, first)).containsExactly(new SectorRef(MINER, 1), new SectorRef(MINER, 2));
    assertThat(entry(h, second)).containsExactly(new SectorRef(MINER, 3));
  }

  /** {@code batch_pre_commit_expiry}: a batch lands in one entry, later batches join theirs. */
  @Test
  void batchPreCommitExpiry() {
    h = MinerHarness.start(0);
    h.sp.chain.runToBlock(100);
    long expiration = h.deadline().periodEnd() + DEFAULT_SECTOR_EXPIRATION * 2880;
    SpHarness.require(
        h.sp.preCommit(
            MINER,
            h.sp.preCommitInfo(MINER, 1, List.empty(), expiration),
            h.sp.preCommitInfo(MINER, 2, List.empty(), expiration)));
    h.sp.chain.runToBlock(105);
    SpHarness.require(
        h.sp.preCommit(MINER, h.sp.preCommitInfo(MINER, 3, List.empty(), expiration)));
    h.sp.chain.runToBlock(300);
    SpHarness.require(
        h.sp.preCommit(
            MINER,
            h.sp.preCommitInfo(MINER, 4, List.empty(), expiration),
            h.sp.preCommitInfo(MINER, 5, List.empty(), expiration)));
    // 100 and 105 round up to the same deadline (bounds 87 610 and 87 615 → 87 660)
    assertThat(expiryOf(h, 100)).isEqualTo(expiryOf(h, 105));
    assertThat(entry(h, expiryOf(h, 100)))
        .containsExactly(new SectorRef(MINER, 1), new SectorRef(MINER, 2), new SectorRef(MINER, 3));
    assertThat(entry(h, expiryOf(h, 300)))
        .containsExactly(new SectorRef(MINER, 4), new SectorRef(MINER, 5));
  }

  /** The burn block: the bound quantised to the every-deadline grid of offset 0, plus 59. */
  static long expiryOf(MinerHarness h, long precommitEpoch) {
    long bound = precommitEpoch + 86_550 + 960;
    return new QuantSpec(60, 0).quantizeUp(bound) + 59;
  }

  static TreeSet<SectorRef> entry(MinerHarness h, long block) {
    return StorageProviderStorage.PRE_COMMIT_EXPIRIES
        .find(h.sp.chain.world(), block)
        .getOrElse(TreeSet.empty());
  }
}
