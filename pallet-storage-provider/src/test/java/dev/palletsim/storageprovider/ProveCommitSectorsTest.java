package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.storageprovider.StorageProviderCall.ProveCommitSectors;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsProven;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProveCommitSectorsTest {
  SpHarness h;
  long deposit;
  long pledge;

  @BeforeEach
  void preCommitTwoSectors() {
    h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(3);
    SpHarness.require(
        h.preCommit(
            Dev.ALICE,
            h.preCommitInfo(Dev.ALICE, 1, List.of(1L), h.defaultExpiration()),
            h.preCommitInfo(Dev.ALICE, 2, List.empty(), h.defaultExpiration())));
    deposit = Monies.preCommitDeposit(h.config, NetworkInputs.DEFAULT, 2048);
    pledge = Monies.initialPledge(h.config, NetworkInputs.DEFAULT, 2048, 0);
  }

  void fails(PalletError error, ProveCommitSector... sectors) {
    assertFailsWithoutEffect(
        h.chain, Origin.signed(Dev.ALICE), new ProveCommitSectors(List.of(sectors)), error);
  }

  @Test
  void provenSectorsAreAssignedReleaseTheirDepositLockPledgeAndHaveNoPowerYet() {
    h.runToProvable(Dev.ALICE, 1);
    long reservedBefore = h.chain.reserved(Dev.ALICE);
    var outcome = h.proveCommit(Dev.ALICE, 2, 1);
    assertThat(outcome)
        .isSuccess()
        .emitted(
            SectorsProven.class,
            e -> e.depositReleased() == 2 * deposit && e.initialPledge() == 2 * pledge)
        .emitted(BalancesEvent.Unreserved.class, e -> e.amount() == 2 * deposit)
        .emitted(BalancesEvent.Reserved.class, e -> e.amount() == 2 * pledge)
        .emittedNo(PowerUpdated.class);
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(reservedBefore - 2 * deposit + 2 * pledge);

    SectorOnChainInfo s1 = h.sector(Dev.ALICE, 1);
    SectorOnChainInfo s2 = h.sector(Dev.ALICE, 2);
    assertThat(s1.dealIds().toVector()).containsExactly(1L);
    assertThat(s1.activation()).isEqualTo(h.now());
    assertThat(s1.initialPledge()).isEqualTo(pledge);
    assertThat(s1.power()).isEqualTo(2048);
    assertThat(s1.deadline()).isEqualTo(s2.deadline());
    assertThat(s1.partition()).isEqualTo(0);
    assertThat(s2.partition()).isEqualTo(0);
    // the deadline was mutable: neither open nor next
    DeadlineInfo dl =
        h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, s1.deadline(), h.now()).get();
    assertThat(dl.open() - h.config.wPoStChallengeWindow()).isGreaterThan(h.now());

    Partition p = h.partitionOf(Dev.ALICE, 1);
    assertThat(p.unproven()).containsExactly(1L, 2L);
    assertThat(p.activePower(2048)).isZero();
    assertThat(h.power(Dev.ALICE)).isZero();

    StorageProviderState st = h.state(Dev.ALICE);
    assertThat(st.preCommitDeposits()).isZero();
    assertThat(st.initialPledge()).isEqualTo(2 * pledge);
    assertThat(st.liveSectors()).isEqualTo(2);
    assertThat(st.deadlineCronActive()).isTrue();
    assertThat(h.pallet.preCommit(h.chain.world(), Dev.ALICE, 1)).isEmpty();
    assertThat(StorageProviderStorage.PRE_COMMIT_EXPIRIES.entries(h.chain.world())).isEmpty();
    assertThat(FakeMarket.deal(h.chain.world(), 1L).get().sector()).isEqualTo(1);
    assertThat(FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Activate).last().sectors())
        .containsExactly(1L, 2L);
  }

  @Test
  void sectorsBeyondAPartitionOpenTheNextPartitionOfTheSameDeadline() {
    SpHarness.require(h.preCommitCc(Dev.ALICE, 3));
    h.runToProvable(Dev.ALICE, 3);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1, 2, 3));
    assertThat(h.sector(Dev.ALICE, 3).partition()).isEqualTo(1);
    assertThat(h.sector(Dev.ALICE, 3).deadline()).isEqualTo(h.sector(Dev.ALICE, 1).deadline());
  }

  @Test
  void provingBeforeTheInteractiveSeedOrAfterTheDeadlineFails() {
    long pc = h.pallet.preCommit(h.chain.world(), Dev.ALICE, 1).get().preCommitBlock();
    h.chain.runToBlock(h.pallet.interactiveSeedBlock(pc));
    fails(StorageProviderError.ProveCommitTooEarly, h.validProof(Dev.ALICE, 1));
    h.chain.runToBlock(pc + h.config.maxProveCommitDuration());
    SpHarness.require(h.proveCommit(Dev.ALICE, 2));
    h.chain.nextBlock();
    fails(StorageProviderError.ProveCommitTooLate, h.validProof(Dev.ALICE, 1));
  }

  @Test
  void anInvalidOrOverlongProofFailsTheWholeBatch() {
    h.runToProvable(Dev.ALICE, 1);
    ProveCommitSector good = h.validProof(Dev.ALICE, 1);
    ProveCommitSector bad = h.validProof(Dev.ALICE, 2);
    fails(
        StorageProviderError.InvalidProof,
        good,
        new ProveCommitSector(2, bad.proof().withByteFlipped(0)));
    fails(
        StorageProviderError.InvalidProof,
        new ProveCommitSector(2, h.validProof(Dev.ALICE, 1).proof()));
    fails(
        StorageProviderError.InvalidProof,
        new ProveCommitSector(1, ProofBytes.of(new byte[h.config.maxPoRepProofBytes() + 1])));
  }

  @Test
  void unknownDuplicateEmptyOrOversizedBatchesFail() {
    h.runToProvable(Dev.ALICE, 1);
    fails(
        StorageProviderError.PreCommitNotFound,
        new ProveCommitSector(9, ProofBytes.of(new byte[32])));
    ProveCommitSector one = h.validProof(Dev.ALICE, 1);
    fails(StorageProviderError.DuplicateSectorNumber, one, one);
    fails(StorageProviderError.EmptyBatch);
    ProveCommitSector[] many = new ProveCommitSector[33];
    for (int i = 0; i < 33; i++) many[i] = one;
    fails(StorageProviderError.TooManySectors, many);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.BOB),
        new ProveCommitSectors(List.of(one)),
        StorageProviderError.StorageProviderNotFound);
  }

  @Test
  void aDealTheMarketNoLongerAcceptsFailsTheProveCommit() {
    SpHarness.require(
        h.preCommit(Dev.ALICE, h.preCommitInfo(Dev.ALICE, 3, List.of(1L), h.defaultExpiration())));
    h.runToProvable(Dev.ALICE, 3);
    SpHarness.require(h.proveCommit(Dev.ALICE, 3));
    fails(FakeMarket.FakeMarketError.DealNotPending, h.validProof(Dev.ALICE, 1));
  }

  @Test
  void aPledgeTheFreeBalanceCannotCoverFails() {
    long pc = Monies.preCommitDeposit(StorageProviderConfig.testnet(), NetworkInputs.DEFAULT, 2048);
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.testnet(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300),
            b -> b.balance(Dev.ALICE, pc + pledge / 2));
    SpHarness.require(s.register(Dev.ALICE));
    s.chain.runToBlock(2);
    SpHarness.require(s.preCommitCc(Dev.ALICE, 1));
    s.runToProvable(Dev.ALICE, 1);
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new ProveCommitSectors(List.of(s.validProof(Dev.ALICE, 1))),
        StorageProviderError.InsufficientFunds);
  }

  @Test
  void noRoomInAnyMutableDeadlineFails() {
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.builder().maxPartitionsPerDeadline(1).build(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300));
    SpHarness.require(s.register(Dev.ALICE));
    s.chain.runToBlock(2);
    SpHarness.require(s.preCommitCc(Dev.ALICE, 1, 2, 3));
    s.runToProvable(Dev.ALICE, 1);
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new ProveCommitSectors(
            List.of(
                s.validProof(Dev.ALICE, 1),
                s.validProof(Dev.ALICE, 2),
                s.validProof(Dev.ALICE, 3))),
        StorageProviderError.NoDeadlineAvailable);
  }

  @Test
  void aMarketActivatingAnotherCommitmentFails() {
    FakeMarket inner = FakeMarket.withDeals(Dev.ALICE, 1, 300);
    Market lying =
        new Market() {
          @Override
          public Seq<SectorDealInfo> verifyDealsForActivation(
              Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
            return inner.verifyDealsForActivation(tx, provider, sectors);
          }

          @Override
          public Seq<SectorDealInfo> activateDeals(
              Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
            return inner
                .activateDeals(tx, provider, sectors)
                .map(
                    i ->
                        new SectorDealInfo(
                            i.sectorNumber(),
                            i.dealWeight(),
                            i.verifiedDealWeight(),
                            i.dealSpace(),
                            Commitments.piece("other")));
          }

          @Override
          public void onSectorsTerminate(Tx tx, AccountId provider, Seq<Long> sectorNumbers) {}

          @Override
          public Cid computeDataCommitment(StateView view, Seq<Long> dealIds, long sectorSize) {
            return inner.computeDataCommitment(view, dealIds, sectorSize);
          }
        };
    SpHarness s =
        SpHarness.start(
            StorageProviderConfig.testnet(), inner, b -> b.coupling(Market.class, lying));
    SpHarness.require(s.register(Dev.ALICE));
    s.chain.runToBlock(2);
    SpHarness.require(s.preCommitCc(Dev.ALICE, 1));
    s.runToProvable(Dev.ALICE, 1);
    assertFailsWithoutEffect(
        s.chain,
        Origin.signed(Dev.ALICE),
        new ProveCommitSectors(List.of(s.validProof(Dev.ALICE, 1))),
        StorageProviderError.UnsealedCidMismatch);
  }

  @Test
  void malformedInputIsATypedFailure() {
    Origin alice = Origin.signed(Dev.ALICE);
    assertBadInputWithoutEffect(h.chain, alice, new ProveCommitSectors(null));
    assertBadInputWithoutEffect(
        h.chain, alice, new ProveCommitSectors(List.of((ProveCommitSector) null)));
    assertBadInputWithoutEffect(
        h.chain, alice, new ProveCommitSectors(List.of(new ProveCommitSector(1, null))));
  }
}
