package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.storageprovider.StorageProviderEvent.PartitionsCompacted;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/compact_partitions_test.rs} under {@link
 * StorageProviderConfig#filecoin()} (32 GiB sectors): which deadlines may be compacted when, and
 * what compaction keeps. The Rust sectors carry deal ids the mocked market never checks; these are
 * committed-capacity sectors.
 */
class CompactPartitionsPortTest {
  static final long PERIOD_OFFSET = 100;

  MinerHarness h = MinerHarness.start(PERIOD_OFFSET);

  StorageProviderCall compact(int deadline, Integer... partitions) {
    return new StorageProviderCall.CompactPartitions(deadline, List.of(partitions));
  }

  void fails(StorageProviderError e, StorageProviderCall call) {
    assertFailsWithoutEffect(h.sp.chain, Origin.signed(MINER), call, e);
  }

  void waitDisputeWindow() {
    h.sp.chain.runToBlock(h.now() + h.config.wPoStDisputeWindow());
  }

  void assertSectorAt(long sector, int partition, int deadline) {
    SectorOnChainInfo s = h.sector(sector);
    assertThat(s.deadline()).isEqualTo(deadline);
    assertThat(s.partition()).isEqualTo(partition);
    assertThat(h.partition(deadline, partition).live()).contains(sector);
  }

  @Test
  void compactingAPartitionWithBothLiveAndDeadSectorsRemovesDeadSectorsRetainsLiveSectors() {
    h.sp.chain.runToBlock(200);
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(4, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(sectors);
    assertThat(sectors.map(SectorOnChainInfo::deadline).distinct()).containsExactly(0);
    h.sp.chain.runToBlock(h.now() + 100);
    SectorOnChainInfo dead = sectors.head();
    long fee = TerminateSectorsPortTest.expectedFee(h, dead);
    long issuance = h.issuance();
    SpHarness.require(h.terminateSectors(List.of(dead)));
    assertThat(h.issuance()).isEqualTo(issuance - fee);
    waitDisputeWindow();
    var outcome = h.sp.chain.dispatch(MINER, compact(0, 0));
    assertThat(outcome)
        .isSuccess()
        .emitted(
            PartitionsCompacted.class,
            e ->
                e.deadline() == 0
                    && e.removed().contains(0)
                    && e.moved().head().sectors().containsAll(List.of(1L, 2L, 3L)));
    assertThat(h.pallet().findSector(h.sp.chain.world(), MINER, dead.sectorNumber())).isEmpty();
    assertThat(h.partition(0, 0).sectors()).doesNotContain(dead.sectorNumber());
    for (SectorOnChainInfo s : sectors.tail()) assertSectorAt(s.sectorNumber(), 0, 0);
    assertThat(h.deadlineState(0).totalSectors()).isEqualTo(3);
    assertThat(h.deadlineState(0).liveSectors()).isEqualTo(3);
    // compacted sectors stay proven: their next PoSt keeps their power
    assertThat(h.partition(0, 0).active()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void failToCompactPartitionsWithFaults() {
    h.sp.chain.runToBlock(200);
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(2, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(sectors);
    SpHarness.require(h.declareFaults(sectors.take(1)));
    waitDisputeWindow();
    fails(StorageProviderError.PartitionHasFaults, compact(0, 0));
  }

  @Test
  void failsToCompactPartitionsWithUnprovenSectors() {
    DeadlineInfo zero =
        h.pallet().deadlineInfo(h.sp.chain.world(), MINER, 0, h.now()).get().nextNotElapsed();
    h.sp.chain.runToBlock(zero.close());
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(2, DEFAULT_SECTOR_EXPIRATION);
    assertThat(sectors.head().deadline()).isZero();
    waitDisputeWindow();
    fails(StorageProviderError.PartitionHasUnprovenSectors, compact(0, 0));
  }

  @Test
  void failsIfDeadlineOutOfRange() {
    fails(StorageProviderError.InvalidDeadline, compact(48));
  }

  @Test
  void failsIfDeadlineIsOpenForChallenging() {
    h.sp.chain.runToBlock(PERIOD_OFFSET);
    assertThat(h.deadline().index()).isZero();
    fails(StorageProviderError.DeadlineNotCompactable, compact(0));
  }

  @Test
  void failsIfDeadlineIsNextUpToBeChallenged() {
    h.sp.chain.runToBlock(PERIOD_OFFSET);
    fails(StorageProviderError.DeadlineNotCompactable, compact(h.deadline().index() + 1));
  }

  @Test
  void deadlineAfterNextDeadlineShouldStillBeOpenForCompaction() {
    h.sp.chain.runToBlock(PERIOD_OFFSET);
    int index = h.deadline().index() + 2;
    Deadline before = h.deadlineState(index);
    // nothing to compact is a success that changes nothing
    assertThat(h.sp.chain.dispatch(MINER, compact(index)))
        .isSuccess()
        .emittedNo(PartitionsCompacted.class);
    assertThat(h.deadlineState(index)).isEqualTo(before);
  }

  @Test
  void deadlinesChallengedLastProvingPeriodShouldStillBeInDisputeWindow() {
    h.sp.chain.runToBlock(PERIOD_OFFSET);
    fails(StorageProviderError.DeadlineNotCompactable, compact(47));
  }

  @Test
  void compactionShouldBeForbiddenDuringTheDisputeWindow() {
    h.sp.chain.runToBlock(PERIOD_OFFSET + 60 + 1800 - 1);
    fails(StorageProviderError.DeadlineNotCompactable, compact(0));
  }

  @Test
  void compactionShouldBeAllowedFollowingTheDisputeWindow() {
    h.sp.chain.runToBlock(PERIOD_OFFSET + 60 + 1800);
    SpHarness.require(h.sp.chain.dispatch(MINER, compact(0)));
  }

  /**
   * The limit is {@code load_partitions_sectors_max}: ⌊25,000 / 2,349⌋ = 10 partitions of 32 GiB
   * sectors. (The Rust case names five partitions and fails on the first index out of range.)
   */
  @Test
  void failsIfPartitionCountIsAboveLimit() {
    Seq<Integer> eleven = List.range(0, 11);
    fails(
        StorageProviderError.TooManyPartitions,
        new StorageProviderCall.CompactPartitions(1, eleven));
    fails(StorageProviderError.PartitionNotFound, compact(1, 1, 2, 3, 4, 5));
  }
}
