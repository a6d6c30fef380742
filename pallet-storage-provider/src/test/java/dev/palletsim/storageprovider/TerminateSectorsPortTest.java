package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.storageprovider.StorageProviderEvent.MarketTerminationFailed;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsTerminated;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/terminate_sectors_test.rs} under {@link
 * StorageProviderConfig#filecoin()}: the FIP-0098 fee of each terminated sector (its pledge, age
 * and fault fee), pledge released, the market told, a market failure fatal from a call and
 * tolerated from the cron.
 */
class TerminateSectorsPortTest {
  static final long PERIOD_OFFSET = 100;

  /** {@code calc_expected_fee_for_termination} at the current block. */
  static long expectedFee(MinerHarness h, SectorOnChainInfo s) {
    long ff = Monies.continuedFaultFee(h.config, h.network(), s.power());
    return Monies.terminationFee(h.config, s.initialPledge(), h.now() - s.activation(), ff);
  }

  /**
   * Without the Rust test's replica update of the third sector (snap deals are not modelled): the
   * fee of an extended sector is unchanged all the same. Forty proving periods are 115,000 blocks:
   * invariants are checked at every period's start rather than every block.
   */
  @Test
  void removesSectorsWithCorrectAccounting() {
    MinerHarness h =
        MinerHarness.start(
            PERIOD_OFFSET,
            StorageProviderConfig.filecoin(),
            b -> b.config(c -> c.invariantCheckInterval(2880)));
    // a reward such that the fee does not bottom out at the fault fee multiple: 10^12 attoFIL
    h.setReward(FilterEstimate.constant(10_000));
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(3, DEFAULT_SECTOR_EXPIRATION);
    // old enough that the duration component is above the minimum bound
    for (int i = 0; i < 40; i++) h.advanceAndSubmitPosts(sectors);
    SectorOnChainInfo second = h.sector(sectors.get(1).sectorNumber());
    SpHarness.require(
        h.sp.chain.dispatch(
            MINER,
            new StorageProviderCall.ExtendSectorExpiration(
                List.of(
                    new ExpirationExtension(
                        second.deadline(),
                        second.partition(),
                        List.of(second.sectorNumber()),
                        second.expiration() + 42 * 2880)))));
    sectors = sectors.map(s -> h.sector(s.sectorNumber()));
    long expected = 3 * expectedFee(h, sectors.head());
    for (SectorOnChainInfo s : sectors) assertThat(expectedFee(h, s)).isEqualTo(expected / 3);
    long issuance = h.issuance();
    var outcome = h.terminateSectors(sectors);
    SpHarness.require(outcome);
    assertThat(h.issuance()).isEqualTo(issuance - expected);
    Partition p = h.partition(sectors.head().deadline(), sectors.head().partition());
    assertThat(p.terminated()).containsAll(sectors.map(SectorOnChainInfo::sectorNumber));
    assertThat(h.state().initialPledge()).isZero();
  }

  @Test
  void removesSectorWithWithoutDeals() {
    MinerHarness h =
        MinerHarness.start(
            PERIOD_OFFSET,
            StorageProviderConfig.filecoin(),
            FakeMarket.withDeals(MINER, 8, 300),
            b -> b);
    long expiration =
        h.deadline().periodEnd() + DEFAULT_SECTOR_EXPIRATION * h.config.wPoStProvingPeriod();
    SpHarness.require(
        h.sp.preCommit(
            MINER,
            h.sp.preCommitInfo(MINER, 0, List.empty(), expiration),
            h.sp.preCommitInfo(MINER, 1, List.of(1L), expiration),
            h.sp.preCommitInfo(MINER, 2, List.of(2L), expiration)));
    h.sp.runToProvable(MINER, 0);
    SpHarness.require(h.sp.proveCommit(MINER, 0, 1, 2));
    Vector<SectorOnChainInfo> sectors = Vector.of(0L, 1L, 2L).map(h::sector);
    h.advanceAndSubmitPosts(sectors);
    long expected = 0;
    for (SectorOnChainInfo s : sectors) expected += expectedFee(h, s);
    long issuance = h.issuance();
    SpHarness.require(h.terminateSectors(sectors));
    assertThat(h.issuance()).isEqualTo(issuance - expected);
    assertThat(h.state().initialPledge()).isZero();
    // only the sectors with deals are reported to the market
    assertThat(FakeMarket.calls(h.sp.chain.world(), FakeMarket.Kind.Terminate).last().sectors())
        .containsExactly(1L, 2L);
  }

  @Test
  void cannotTerminateASectorWhenTheChallengeWindowIsOpen() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(sectors);
    h.advanceToDeadline(sectors.head().deadline());
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(MINER),
        new StorageProviderCall.TerminateSectors(sectors.map(SpHarness::declaration)),
        StorageProviderError.CannotTerminateImmutableDeadline);
  }

  @Test
  void ownerCannotTerminateIfMarketFails() {
    MinerHarness h =
        MinerHarness.start(
            PERIOD_OFFSET,
            StorageProviderConfig.filecoin(),
            FakeMarket.withDeals(MINER, 8, 300).refusingTerminations(),
            b -> b);
    Vector<SectorOnChainInfo> sectors = Vector.of(h.commitAndProveWithDeals(0, List.of(1L)));
    h.advanceAndSubmitPosts(sectors);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(MINER),
        new StorageProviderCall.TerminateSectors(sectors.map(SpHarness::declaration)),
        FakeMarket.FakeMarketError.Refused);
  }

  /**
   * The cron terminates even when the market refuses (builtin-actors swallows the market's error
   * when the origin is the system actor). Here the cron's early terminations are sectors faulty for
   * {@code FaultMaxAge}, shortened to three proving periods to reach it in 9,000 blocks.
   */
  @Test
  void systemCanTerminateIfMarketCronFails() {
    StorageProviderConfig quick =
        StorageProviderConfig.builder()
            .from(StorageProviderConfig.filecoin())
            .faultMaxAge(3 * 2880)
            .build();
    MinerHarness h =
        MinerHarness.start(
            PERIOD_OFFSET,
            quick,
            FakeMarket.withDeals(MINER, 8, 300).refusingTerminations(),
            b -> b);
    Vector<SectorOnChainInfo> sectors = Vector.of(h.commitAndProveWithDeals(0, List.of(1L)));
    h.advanceAndSubmitPosts(sectors);
    // never proven again: faulty until fault max age terminates it from the cron
    Vector<MarketTerminationFailed> failed = Vector.empty();
    Vector<SectorsTerminated> terminated = Vector.empty();
    while (h.pallet().findSector(h.sp.chain.world(), MINER, 0).isDefined()) {
      var record = h.sp.chain.nextBlock();
      failed = failed.appendAll(record.eventsOf(MarketTerminationFailed.class));
      terminated = terminated.appendAll(record.eventsOf(SectorsTerminated.class));
    }
    assertThat(terminated)
        .singleElement()
        .satisfies(e -> assertThat(e.sectors()).containsExactly(0L));
    assertThat(failed).singleElement().satisfies(e -> assertThat(e.sectors()).containsExactly(0L));
    assertThat(h.state().initialPledge()).isZero();
  }
}
