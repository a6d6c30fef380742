package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.storageprovider.StorageProviderEvent.PreCommitsExpired;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsExpired;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsTerminated;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for each defect polka-storage's storage provider pallet has (polka-storage.md
 * §1.5, §1.9, §4.1), which this pallet must not repeat.
 */
class PolkaStorageDefectsTest {

  /** polka-storage returned from the pre-commit hook at the first provider with none expired. */
  @Test
  void everyProviderWithExpiredPreCommitsLosesItsDepositsNotJustTheFirst() {
    List<AccountId> sorted = List.of(Dev.ALICE, Dev.BOB, Dev.CHARLIE).sorted();
    AccountId provesInTime = sorted.get(0); // iterated first: has nothing expired
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    // one offset for all: their pre-commits expire in the same block, as in polka-storage
    for (AccountId a : sorted) SpHarness.require(h.register(a, 7));
    h.chain.runToBlock(3);
    for (AccountId a : sorted) SpHarness.require(h.preCommitCc(a, 1));
    h.runToProvable(provesInTime, 1);
    SpHarness.require(h.proveCommit(provesInTime, 1));
    long expiry = h.preCommitBurnBlock(Dev.ALICE, 3);
    h.chain.runToBlock(expiry);
    BlockRecord r = h.chain.nextBlock();
    assertThat(r.eventsOf(PreCommitsExpired.class).map(PreCommitsExpired::owner))
        .containsExactly(sorted.get(1), sorted.get(2));
    for (AccountId a : sorted.tail()) {
      assertThat(h.state(a).preCommitDeposits()).isZero();
      assertThat(h.chain.reserved(a)).isZero();
    }
    assertThat(h.sector(provesInTime, 1)).isNotNull();
  }

  /** polka-storage slashed the reserve and then withdrew the same amount from free funds. */
  @Test
  void anExpiredDepositIsSlashedExactlyOnceFromTheReserve() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(3);
    SpHarness.require(h.preCommitCc(Dev.ALICE, 1));
    long deposit = Monies.preCommitDeposit(h.config, NetworkInputs.DEFAULT, 2048);
    long expiry = h.preCommitBurnBlock(Dev.ALICE, 3);
    h.chain.runToBlock(expiry);
    long issuance = BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world());
    long free = h.chain.free(Dev.ALICE);
    BlockRecord r = h.chain.nextBlock();
    assertThat(r.eventsOf(BalancesEvent.Slashed.class))
        .containsExactly(new BalancesEvent.Slashed(Dev.ALICE, deposit));
    assertThat(r.eventsOf(BalancesEvent.Burned.class)).isEmpty();
    assertThat(h.chain.free(Dev.ALICE)).isEqualTo(free);
    h.chain.runBlocks(2 * h.config.wPoStProvingPeriod());
    assertThat(BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world())).isEqualTo(issuance - deposit);
    assertThat(h.chain.free(Dev.ALICE)).isEqualTo(free);
  }

  /**
   * polka-storage filtered out terminations recorded at the current block before telling the
   * market.
   */
  @Test
  void aVoluntaryTerminationReachesTheMarketInTheSameBlock() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    SpHarness.require(
        h.preCommit(
            Dev.ALICE, h.preCommitInfo(Dev.ALICE, 1, List.of(1L, 2L), h.defaultExpiration())));
    h.runToProvable(Dev.ALICE, 1);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1));
    int dl = h.sector(Dev.ALICE, 1).deadline();
    h.proveDeadlineOf(Dev.ALICE, 1);
    h.runPastDeadline(Dev.ALICE, dl);
    var outcome =
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.TerminateSectors(
                List.of(SpHarness.declaration(h.sector(Dev.ALICE, 1)))));
    assertThat(outcome).isSuccess().emitted(SectorsTerminated.class);
    var calls = FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Terminate);
    assertThat(calls)
        .containsExactly(
            new FakeMarket.MarketCall(
                FakeMarket.Kind.Terminate, Dev.ALICE, Vector.of(1L), h.now()));
    assertThat(FakeMarket.deal(h.chain.world(), 1L).get().terminated()).isTrue();
    assertThat(FakeMarket.deal(h.chain.world(), 2L).get().terminated()).isTrue();
  }

  /**
   * polka-storage kept one partition per expiration block in a deadline; the others never expired.
   */
  @Test
  void partitionsExpiringAtTheSameBlockAllExpire() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1, 2, 3, 4, 5, 6);
    int dl = h.sector(Dev.ALICE, 1).deadline();
    assertThat(
            List.of(1L, 2L, 3L, 4L, 5L, 6L).map(n -> h.sector(Dev.ALICE, n).deadline()).distinct())
        .containsExactly(dl);
    assertThat(h.pallet.deadline(h.chain.world(), Dev.ALICE, dl).partitionCount()).isEqualTo(3);
    while (h.state(Dev.ALICE).liveSectors() > 0) {
      h.proveDeadlineOf(Dev.ALICE, 1);
      h.runPastDeadline(Dev.ALICE, dl);
    }
    Vector<SectorsExpired> expired = h.chain.lastBlock().eventsOf(SectorsExpired.class);
    assertThat(expired).hasSize(1);
    assertThat(expired.head().sectors()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(h.power(Dev.ALICE)).isZero();
    assertThat(h.chain.reserved(Dev.ALICE)).isZero();
  }

  /** The same for faulty partitions reaching FaultMaxAge at the same block. */
  @Test
  void faultyPartitionsReachingFaultMaxAgeTogetherAreAllTerminated() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    long expiration = h.now() + 550;
    SectorPreCommitInfo[] infos = new SectorPreCommitInfo[4];
    for (int i = 0; i < 4; i++)
      infos[i] = h.preCommitInfo(Dev.ALICE, i + 1, List.empty(), expiration);
    SpHarness.require(h.preCommit(Dev.ALICE, infos));
    h.runToProvable(Dev.ALICE, 1);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1, 2, 3, 4));
    h.chain.runBlocks(h.config.wPoStProvingPeriod() + h.config.faultMaxAge() + 60);
    Vector<SectorsTerminated> terminated = Vector.empty();
    for (BlockRecord r : h.chain.history())
      terminated = terminated.appendAll(r.eventsOf(SectorsTerminated.class));
    assertThat(terminated).hasSize(1);
    assertThat(terminated.head().sectors()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(terminated.head().reason()).isEqualTo(TerminationReason.FaultMaxAge);
  }

  /** polka-storage never unreserved pre-commit deposits, nor pledges. */
  @Test
  void depositsAreReleasedAtProveCommitAndPledgesAtExpirationAndTermination() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    SpHarness.require(h.preCommitCc(Dev.ALICE, 1, 2));
    assertThat(h.chain.reserved(Dev.ALICE))
        .isEqualTo(2 * Monies.preCommitDeposit(h.config, NetworkInputs.DEFAULT, 2048));
    h.runToProvable(Dev.ALICE, 1);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1, 2));
    long pledge = Monies.initialPledge(h.config, NetworkInputs.DEFAULT, 2048, 0);
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(2 * pledge);
    int dl = h.sector(Dev.ALICE, 1).deadline();
    h.proveDeadlineOf(Dev.ALICE, 1);
    h.runPastDeadline(Dev.ALICE, dl);
    SpHarness.require(
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.TerminateSectors(
                List.of(SpHarness.declaration(h.sector(Dev.ALICE, 1))))));
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(pledge);
    while (h.state(Dev.ALICE).liveSectors() > 0) {
      h.proveDeadlineOf(Dev.ALICE, 2);
      h.runPastDeadline(Dev.ALICE, dl);
    }
    assertThat(h.chain.reserved(Dev.ALICE)).isZero();
  }

  /**
   * polka-storage kept 256 blocks of randomness, so with mainnet constants (a 750-block challenge
   * delay) no PoRep could ever be verified. Here a seal ticket over a thousand blocks old works.
   */
  @Test
  void mainnetConstantsCanProveACommitWithLongLookBacks() {
    StorageProviderConfig m = StorageProviderConfig.mainnetLike();
    // a network where sealing costs next to nothing: this test is about randomness, not money
    NetworkInputs cheap =
        new NetworkInputs(
            java.math.BigInteger.ZERO,
            java.math.BigInteger.ONE.shiftLeft(60),
            java.math.BigInteger.ONE.shiftLeft(60),
            dev.palletsim.frame.traits.FilterEstimate.constant(1),
            dev.palletsim.frame.traits.FilterEstimate.constant(1L << 60));
    SpHarness h =
        SpHarness.start(
            m,
            FakeMarket.withDeals(Dev.ALICE, 1, 300),
            b -> b.coupling(dev.palletsim.frame.traits.NetworkEconomics.class, cheap));
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(400);
    SectorPreCommitInfo base =
        h.preCommitInfo(
            Dev.ALICE,
            1,
            List.empty(),
            h.now() + m.maxProveCommitDuration() + m.minSectorExpiration() + 1);
    long height = 1;
    var sealed =
        dev.palletsim.frame.crypto.Commitments.sealedSector(
            base.unsealedCid(),
            h.pallet.sealRandomness(h.chain.world(), Dev.ALICE, height).toBytes(),
            Dev.ALICE.toBytes(),
            1);
    SpHarness.require(
        h.preCommit(
            Dev.ALICE,
            new SectorPreCommitInfo(
                base.sealProof(),
                1,
                sealed,
                height,
                List.empty(),
                base.expiration(),
                base.unsealedCid())));
    h.runToProvable(Dev.ALICE, 1);
    assertThat(h.now() - height).isGreaterThan(1_000);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1));
    assertThat(h.sector(Dev.ALICE, 1).power()).isEqualTo(32L << 30);
  }

  /** polka-storage's hooks iterated every provider every block. */
  @Test
  void theHookCostsTheSameWithOneIdleProviderOrForty() {
    long[] one = finalizeWork(1);
    long[] forty = finalizeWork(40);
    assertThat(one[0]).as("the hook reads its indexes every block").isPositive();
    assertThat(forty).containsExactly(one);
  }

  /** Reads, writes and items of the pallet's onFinalize in the 30 blocks after registration. */
  private static long[] finalizeWork(int providers) {
    MockRuntime.Builder b =
        MockRuntime.builder()
            .pallet(c -> new StorageProviderPallet(StorageProviderConfig.testnet(), c))
            .coupling(
                dev.palletsim.frame.traits.Market.class, FakeMarket.withDeals(Dev.ALICE, 1, 300))
            .coupling(dev.palletsim.frame.traits.StoragePower.class, new FakePower());
    var chain = b.start();
    for (int i = 0; i < providers; i++) {
      AccountId sp = Dev.account("sp-" + i);
      SpHarness.require(
          chain.dispatch(
              sp,
              new StorageProviderCall.RegisterStorageProvider(
                  new dev.palletsim.frame.primitives.PeerId("peer-" + i),
                  RegisteredPoStProof.StackedDRGWindow2KiBV1P1)));
    }
    long reads = 0;
    long writes = 0;
    long items = 0;
    for (int i = 0; i < 30; i++) {
      BlockRecord r = chain.nextBlock();
      for (var w : r.work()) {
        if (w.phase()
            .equals(
                new dev.palletsim.frame.executive.Phase.Finalization(StorageProviderPallet.NAME))) {
          reads += w.reads();
          writes += w.writes();
          items += w.items();
        }
      }
    }
    return new long[] {reads, writes, items};
  }
}
