package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.storageprovider.StorageProviderCall.PreCommitSectors;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsPreCommitted;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreCommitSectorsTest {
  SpHarness h;
  long deposit;

  @BeforeEach
  void registerAlice() {
    h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(3);
    deposit = Monies.preCommitDeposit(h.config, NetworkInputs.DEFAULT, 2048);
  }

  SectorPreCommitInfo cc(long n) {
    return h.preCommitInfo(Dev.ALICE, n, List.empty(), h.defaultExpiration());
  }

  void fails(StorageProviderError error, SectorPreCommitInfo... infos) {
    assertFailsWithoutEffect(
        h.chain, Origin.signed(Dev.ALICE), new PreCommitSectors(List.of(infos)), error);
  }

  static SectorPreCommitInfo with(
      SectorPreCommitInfo i, long height, long expiration, Cid sealed, Cid unsealed) {
    return new SectorPreCommitInfo(
        i.sealProof(), i.sectorNumber(), sealed, height, i.dealIds(), expiration, unsealed);
  }

  @Test
  void aBatchIsStoredWithItsDepositsReservedAndIndexedForExpiry() {
    long reservedBefore = h.chain.reserved(Dev.ALICE);
    SectorPreCommitInfo withDeals =
        h.preCommitInfo(Dev.ALICE, 2, List.of(1L, 2L), h.defaultExpiration());
    var outcome = h.preCommit(Dev.ALICE, cc(1), withDeals);
    assertThat(outcome)
        .isSuccess()
        .emitted(
            SectorsPreCommitted.class,
            e ->
                e.owner().equals(Dev.ALICE)
                    && e.block() == 3
                    && e.sectorNumbers().equals(List.of(1L, 2L))
                    && e.deposit() == 2 * deposit)
        .emitted(BalancesEvent.Reserved.class, e -> e.amount() == 2 * deposit);
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(reservedBefore + 2 * deposit);
    assertThat(h.state(Dev.ALICE).preCommitDeposits()).isEqualTo(2 * deposit);
    SectorPreCommitOnChainInfo stored = h.pallet.preCommit(h.chain.world(), Dev.ALICE, 2).get();
    assertThat(stored.dealIds()).containsExactly(1L, 2L);
    assertThat(stored.preCommitBlock()).isEqualTo(3);
    assertThat(stored.preCommitDeposit()).isEqualTo(deposit);
    assertThat(stored.unsealedCid()).isEqualTo(h.market.commD(List.of(1L, 2L), 2048));
    long expiry = h.preCommitBurnBlock(Dev.ALICE, 3);
    assertThat(StorageProviderStorage.PRE_COMMIT_EXPIRIES.find(h.chain.world(), expiry).get())
        .containsExactly(new SectorRef(Dev.ALICE, 1), new SectorRef(Dev.ALICE, 2));
    assertThat(FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Verify).last().sectors())
        .containsExactly(1L, 2L);
  }

  @Test
  void anUnregisteredAccountCannotPreCommit() {
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.BOB),
        new PreCommitSectors(List.of(cc(1))),
        StorageProviderError.StorageProviderNotFound);
  }

  @Test
  void anEmptyOrOversizedBatchFails() {
    fails(StorageProviderError.EmptyBatch);
    SectorPreCommitInfo[] many = new SectorPreCommitInfo[33];
    for (int i = 0; i < 33; i++) many[i] = cc(i);
    fails(StorageProviderError.TooManySectors, many);
  }

  @Test
  void aSealProofOfAnotherSectorSizeFails() {
    SectorPreCommitInfo i = cc(1);
    fails(
        StorageProviderError.InvalidProofType,
        new SectorPreCommitInfo(
            RegisteredSealProof.StackedDRG32GiBV1P1,
            1,
            i.sealedCid(),
            i.sealRandomnessHeight(),
            i.dealIds(),
            i.expiration(),
            i.unsealedCid()));
  }

  @Test
  void sectorNumbersMustBeInRangeUniqueInTheBatchAndNeverUsedBefore() {
    fails(StorageProviderError.InvalidSectorNumber, cc(-1));
    fails(StorageProviderError.InvalidSectorNumber, cc(h.config.maxSectorNumber() + 1));
    fails(StorageProviderError.DuplicateSectorNumber, cc(4), cc(5), cc(4));
    SpHarness.require(h.preCommit(Dev.ALICE, cc(7)));
    fails(StorageProviderError.SectorNumberAlreadyUsed, cc(7));
  }

  @Test
  void allocatedNumbersAreOneBitFieldPerProviderThatOnlyGrows() {
    SpHarness.require(h.preCommit(Dev.ALICE, cc(7), cc(8), cc(3)));
    SpHarness.require(h.preCommit(Dev.ALICE, cc(9)));
    assertThat(h.pallet.allocatedSectors(h.chain.world(), Dev.ALICE).ranges())
        .containsExactly(new BitField.Run(3, 4), new BitField.Run(7, 10));
    assertThat(h.pallet.allocatedSectors(h.chain.world(), Dev.BOB).isEmpty()).isTrue();
    // a failed batch allocates nothing, not even its valid numbers
    fails(StorageProviderError.SectorNumberAlreadyUsed, cc(20), cc(8));
    assertThat(h.pallet.allocatedSectors(h.chain.world(), Dev.ALICE).contains(20)).isFalse();
    SpHarness.require(h.preCommit(Dev.ALICE, cc(20)));
    assertThat(h.pallet.allocatedSectors(h.chain.world(), Dev.ALICE))
        .containsExactly(3L, 7L, 8L, 9L, 20L);
  }

  @Test
  void commitmentsMustHaveTheRightPrefixesAndCommDMustMatchTheMarket() {
    SectorPreCommitInfo i = cc(1);
    fails(
        StorageProviderError.InvalidSealedCid,
        with(i, i.sealRandomnessHeight(), i.expiration(), i.unsealedCid(), i.unsealedCid()));
    fails(
        StorageProviderError.InvalidUnsealedCid,
        with(i, i.sealRandomnessHeight(), i.expiration(), i.sealedCid(), i.sealedCid()));
    SectorPreCommitInfo deals = h.preCommitInfo(Dev.ALICE, 2, List.of(1L), h.defaultExpiration());
    fails(
        StorageProviderError.UnsealedCidMismatch,
        with(
            deals,
            deals.sealRandomnessHeight(),
            deals.expiration(),
            deals.sealedCid(),
            Commitments.piece("something else")));
  }

  @Test
  void theSealRandomnessMustBeFromAPastBlockWithinTheLookBack() {
    h.chain.runToBlock(100);
    SectorPreCommitInfo i = cc(1);
    long now = h.now();
    for (long height : new long[] {now, now + 1, now - 91, -1}) {
      fails(
          StorageProviderError.InvalidSealRandomnessHeight,
          with(i, height, i.expiration(), i.sealedCid(), i.unsealedCid()));
    }
    SpHarness.require(
        h.preCommit(Dev.ALICE, with(i, now - 90, i.expiration(), i.sealedCid(), i.unsealedCid())));
  }

  @Test
  void theExpirationMustLieInsideTheAllowedWindow() {
    SectorPreCommitInfo i = cc(1);
    long activation = h.now() + h.config.maxProveCommitDuration();
    long min = activation + h.config.minSectorExpiration();
    fails(
        StorageProviderError.ExpirationBeforeActivation,
        with(i, i.sealRandomnessHeight(), activation, i.sealedCid(), i.unsealedCid()));
    fails(
        StorageProviderError.ExpirationTooSoon,
        with(i, i.sealRandomnessHeight(), min - 1, i.sealedCid(), i.unsealedCid()));
    fails(
        StorageProviderError.ExpirationTooLong,
        with(
            i,
            i.sealRandomnessHeight(),
            h.now() + h.config.maxSectorExpiration() + 1,
            i.sealedCid(),
            i.unsealedCid()));
    SpHarness.require(
        h.preCommit(
            Dev.ALICE, with(i, i.sealRandomnessHeight(), min, i.sealedCid(), i.unsealedCid())));
  }

  @Test
  void aLifetimeBeyondTheMaximumFails() {
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.builder().sectorMaximumLifetime(100).build(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300));
    SpHarness.require(s.register(Dev.ALICE));
    long activation = s.now() + s.config.maxProveCommitDuration();
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new PreCommitSectors(
            List.of(s.preCommitInfo(Dev.ALICE, 1, List.empty(), activation + 101))),
        StorageProviderError.MaxSectorLifetimeExceeded);
  }

  @Test
  void tooManyDealsInASectorFails() {
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.builder().maxDealsPerSector(1).build(),
            FakeMarket.withDeals(Dev.ALICE, 2, 300));
    SpHarness.require(s.register(Dev.ALICE));
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new PreCommitSectors(
            List.of(s.preCommitInfo(Dev.ALICE, 1, List.of(1L, 2L), s.defaultExpiration()))),
        StorageProviderError.TooManyDeals);
  }

  @Test
  void theMarketsRefusalFailsTheWholeBatch() {
    SectorPreCommitInfo good = cc(1);
    SectorPreCommitInfo foreign =
        new SectorPreCommitInfo(
            good.sealProof(),
            2,
            good.sealedCid(),
            good.sealRandomnessHeight(),
            List.of(99L),
            good.expiration(),
            good.unsealedCid());
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new PreCommitSectors(List.of(good, foreign)),
        FakeMarket.FakeMarketError.DealNotFound);
  }

  @Test
  void aMarketAnsweringForOtherSectorsFails() {
    Market silent =
        new Market() {
          @Override
          public Seq<SectorDealInfo> verifyDealsForActivation(
              Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
            return Vector.empty();
          }

          @Override
          public Seq<SectorDealInfo> activateDeals(
              Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
            return Vector.empty();
          }

          @Override
          public void onSectorsTerminate(Tx tx, AccountId provider, Seq<Long> sectorNumbers) {}

          @Override
          public Market.SectorContentChangedReturn sectorContentChanged(
              Tx tx, AccountId provider, Seq<Market.SectorChanges> sectors) {
            return new Market.SectorContentChangedReturn(Vector.empty());
          }

          @Override
          public Cid computeDataCommitment(StateView view, Seq<Long> dealIds, long sectorSize) {
            return Cid.UNDEFINED;
          }
        };
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.testnet(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300),
            b -> b.coupling(Market.class, silent));
    SpHarness.require(s.register(Dev.ALICE));
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new PreCommitSectors(
            List.of(s.preCommitInfo(Dev.ALICE, 1, List.empty(), s.defaultExpiration()))),
        StorageProviderError.MarketResponseMismatch);
  }

  @Test
  void aDepositTheFreeBalanceCannotCoverFails() {
    long oneDeposit =
        Monies.preCommitDeposit(StorageProviderConfig.testnet(), NetworkInputs.DEFAULT, 2048);
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.testnet(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300),
            b -> b.balance(Dev.ALICE, oneDeposit + oneDeposit / 2));
    SpHarness.require(s.register(Dev.ALICE));
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new PreCommitSectors(
            List.of(
                s.preCommitInfo(Dev.ALICE, 1, List.empty(), s.defaultExpiration()),
                s.preCommitInfo(Dev.ALICE, 2, List.empty(), s.defaultExpiration()))),
        StorageProviderError.InsufficientFunds);
    SpHarness.require(s.preCommitCc(Dev.ALICE, 1));
  }

  @Test
  void malformedInputIsATypedFailure() {
    SectorPreCommitInfo i = cc(1);
    Origin alice = Origin.signed(Dev.ALICE);
    assertBadInputWithoutEffect(h.chain, alice, new PreCommitSectors(null));
    assertBadInputWithoutEffect(
        h.chain, alice, new PreCommitSectors(List.of((SectorPreCommitInfo) null)));
    assertBadInputWithoutEffect(
        h.chain,
        alice,
        new PreCommitSectors(
            List.of(
                new SectorPreCommitInfo(
                    null, 1, i.sealedCid(), 2, List.empty(), i.expiration(), i.unsealedCid()))));
    assertBadInputWithoutEffect(
        h.chain,
        alice,
        new PreCommitSectors(
            List.of(
                new SectorPreCommitInfo(
                    i.sealProof(), 1, null, 2, List.empty(), i.expiration(), i.unsealedCid()))));
    assertBadInputWithoutEffect(
        h.chain,
        alice,
        new PreCommitSectors(
            List.of(
                new SectorPreCommitInfo(
                    i.sealProof(), 1, i.sealedCid(), 2, null, i.expiration(), i.unsealedCid()))));
    assertBadInputWithoutEffect(
        h.chain,
        alice,
        new PreCommitSectors(
            List.of(
                new SectorPreCommitInfo(
                    i.sealProof(),
                    1,
                    i.sealedCid(),
                    2,
                    List.of(-3L),
                    i.expiration(),
                    i.unsealedCid()))));
    assertFailsWithoutEffect(
        h.chain, Origin.none(), new PreCommitSectors(List.of(i)), DispatchError.badOrigin());
  }
}
