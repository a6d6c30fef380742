package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.storageprovider.StorageProviderCall.CompactPartitions;
import dev.palletsim.storageprovider.StorageProviderEvent.PartitionsCompacted;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code compactPartitions} under the testnet constants (partitions of two 2 KiB sectors): the kept
 * partitions move down, the live sectors of removed ones fill the last partitions, every sector's
 * recorded location follows, power does not change.
 */
class CompactPartitionsTest {
  SpHarness h;
  int dl;

  /** Six proven sectors in one deadline: partitions [1, 2], [3, 4], [5, 6]. */
  @BeforeEach
  void sixProvenSectors() {
    h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1, 2, 3, 4, 5, 6);
    dl = h.sector(Dev.ALICE, 1).deadline();
    for (long n = 1; n <= 6; n++) {
      assertThat(h.sector(Dev.ALICE, n).deadline()).isEqualTo(dl);
      assertThat(h.sector(Dev.ALICE, n).partition()).isEqualTo((int) ((n - 1) / 2));
    }
    h.proveDeadlineOf(Dev.ALICE, 1);
    h.runPastDeadline(Dev.ALICE, dl);
  }

  /** Runs until the deadline is mutable and out of its dispute window. */
  void runToCompactable() {
    long limit = h.now() + h.config.wPoStProvingPeriod();
    while (!h.pallet.compaction().availableForCompaction(h.state(Dev.ALICE), dl, h.now())) {
      assertThat(h.now()).as("compactable within a period").isLessThan(limit);
      h.chain.nextBlock();
    }
  }

  @Test
  void removedPartitionsGoAndTheOthersMoveDown() {
    SpHarness.require(
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.TerminateSectors(
                List.of(
                    new SectorDeclaration(dl, 0, List.of(1L, 2L)),
                    new SectorDeclaration(dl, 1, List.of(3L))))));
    long power = h.power(Dev.ALICE);
    runToCompactable();
    var outcome = h.chain.dispatch(Dev.ALICE, new CompactPartitions(dl, List.of(0, 1)));
    assertThat(outcome)
        .isSuccess()
        .emitted(
            PartitionsCompacted.class,
            e ->
                e.deadline() == dl
                    && e.removed().equals(TreeSet.of(0, 1))
                    && e.moved().equals(List.of(new SectorLocation(dl, 1, TreeSet.of(4L)))))
        .emittedNo(StorageProviderEvent.PowerUpdated.class);
    assertThat(h.sector(Dev.ALICE, 5).partition()).isZero();
    assertThat(h.sector(Dev.ALICE, 6).partition()).isZero();
    assertThat(h.sector(Dev.ALICE, 4).partition()).isEqualTo(1);
    Deadline d = h.pallet.deadline(h.chain.world(), Dev.ALICE, dl);
    assertThat(d.partitionCount()).isEqualTo(2);
    assertThat(d.totalSectors()).isEqualTo(3);
    assertThat(d.liveSectors()).isEqualTo(3);
    assertThat(h.pallet.partition(h.chain.world(), Dev.ALICE, dl, 2)).isEmpty();
    assertThat(h.power(Dev.ALICE)).isEqualTo(power);
    // the moved sector is still proven: the next PoSt of both partitions keeps all the power
    h.proveDeadlineOf(Dev.ALICE, 4);
    assertThat(h.power(Dev.ALICE)).isEqualTo(power);
  }

  @Test
  void everyFailureIsTypedAndChangesNothing() {
    runToCompactable();
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CompactPartitions(dl, List.of(-1)),
        StorageProviderError.PartitionNotFound);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CompactPartitions(dl, List.of(3)),
        StorageProviderError.PartitionNotFound);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.BOB),
        new CompactPartitions(dl, List.of(0)),
        StorageProviderError.StorageProviderNotFound);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CompactPartitions(-1, List.of(0)),
        StorageProviderError.InvalidDeadline);
    DeadlineInfo open = h.runToDeadlineOpen(Dev.ALICE, dl);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CompactPartitions(open.index(), List.of(0)),
        StorageProviderError.DeadlineNotCompactable);
  }

  @Test
  void malformedInputIsATypedFailure() {
    Origin alice = Origin.signed(Dev.ALICE);
    assertBadInputWithoutEffect(h.chain, alice, new CompactPartitions(dl, null));
    assertBadInputWithoutEffect(h.chain, alice, new CompactPartitions(dl, List.of((Integer) null)));
  }
}
