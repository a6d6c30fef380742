package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.storageprovider.StorageProviderCall.ProveCommitSectors;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorActivationFailed;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsProven;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Prove-commit activates deals sector by sector, as Filecoin's ProveCommitSectors3 does: a sector
 * whose deals the market cannot activate is not committed and stays pre-committed; the others are
 * committed; if none activates, the call fails with the market's error.
 */
class ProveCommitSectorActivationTest {
  SpHarness h;

  /** Sectors 1 and 2 both hold deal 1 (pre-committed apart, so each passed verification). */
  @BeforeEach
  void preCommitTwoSectorsSharingADeal() {
    h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(3);
    SpHarness.require(
        h.preCommit(Dev.ALICE, h.preCommitInfo(Dev.ALICE, 1, List.of(1L), h.defaultExpiration())));
    SpHarness.require(
        h.preCommit(Dev.ALICE, h.preCommitInfo(Dev.ALICE, 2, List.of(1L), h.defaultExpiration())));
    SpHarness.require(
        h.preCommit(Dev.ALICE, h.preCommitInfo(Dev.ALICE, 3, List.of(2L), h.defaultExpiration())));
    h.runToProvable(Dev.ALICE, 3);
  }

  @Test
  void aSectorWhoseDealsFailIsDroppedAndTheOthersAreCommitted() {
    long reservedBefore = h.chain.reserved(Dev.ALICE);
    long deposit = h.pallet.preCommit(h.chain.world(), Dev.ALICE, 2).get().preCommitDeposit();
    var outcome = h.proveCommit(Dev.ALICE, 1, 2, 3);
    assertThat(outcome)
        .isSuccess()
        .emitted(
            SectorActivationFailed.class,
            e ->
                e.sectorNumber() == 2
                    && e.error()
                        .equals(DispatchError.module(FakeMarket.FakeMarketError.DealNotPending)))
        .emitted(
            SectorsProven.class,
            e ->
                e.sectors()
                    .flatMap(SectorLocation::sectors)
                    .toSortedSet()
                    .toJavaList()
                    .equals(java.util.List.of(1L, 3L)));
    assertThat(h.sector(Dev.ALICE, 1).dealIds().toVector()).containsExactly(1L);
    assertThat(h.sector(Dev.ALICE, 3).dealIds().toVector()).containsExactly(2L);
    assertThat(h.pallet.preCommit(h.chain.world(), Dev.ALICE, 2)).isNotEmpty();
    assertThat(h.pallet.findSector(h.chain.world(), Dev.ALICE, 2)).isEmpty();
    assertThat(h.state(Dev.ALICE).liveSectors()).isEqualTo(2);
    assertThat(h.state(Dev.ALICE).preCommitDeposits()).isEqualTo(deposit);
    long pledge = h.sector(Dev.ALICE, 1).initialPledge();
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(reservedBefore - 2 * deposit + 2 * pledge);
    assertThat(FakeMarket.deal(h.chain.world(), 1L).get().sector()).isEqualTo(1);
  }

  @Test
  void whenNoSectorActivatesTheCallFailsWithTheMarketsError() {
    SpHarness.require(h.proveCommit(Dev.ALICE, 1));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new ProveCommitSectors(List.of(h.validProof(Dev.ALICE, 2))),
        FakeMarket.FakeMarketError.DealNotPending);
  }
}
