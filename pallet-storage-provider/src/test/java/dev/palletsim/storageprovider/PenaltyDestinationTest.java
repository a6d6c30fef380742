package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.storageprovider.StorageProviderEvent.FeeDebtRepaid;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** Where fees, penalties and burnt deposits go, and fee debt when free funds fall short. */
class PenaltyDestinationTest {
  static final AccountId TREASURY = AccountId.pallet("py/trsry");

  @Test
  void withABeneficiaryFeesAndExpiredDepositsAreSentNotBurnt() {
    StorageProviderConfig config =
        StorageProviderConfig.builder().penaltyBeneficiary(TREASURY).build();
    SpHarness h = SpHarness.start(config, FakeMarket.withDeals(Dev.ALICE, 1, 300));
    long issuance = BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world());
    long treasury = h.chain.free(TREASURY);
    assertThat(treasury).isPositive();
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1);
    SpHarness.require(h.preCommitCc(Dev.ALICE, 2));
    int dl = h.sector(Dev.ALICE, 1).deadline();
    h.proveDeadlineOf(Dev.ALICE, 1);
    h.runPastDeadline(Dev.ALICE, dl);
    SpHarness.require(
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.DeclareFaults(
                List.of(SpHarness.declaration(h.sector(Dev.ALICE, 1))))));
    long fee = Monies.declaredFaultFee(config, NetworkInputs.DEFAULT, 2048);
    h.chain.runBlocks(config.maxProveCommitDuration() + config.expiredPreCommitCleanUpDelay());
    assertThat(h.pallet.preCommit(h.chain.world(), Dev.ALICE, 2)).isEmpty();
    long deposit = Monies.preCommitDeposit(config, NetworkInputs.DEFAULT, 2048);
    long continued = 0;
    for (BlockRecord r : h.chain.history()) {
      continued +=
          r.eventsOf(PenaltyCharged.class)
              .filter(p -> p.kind() == PenaltyKind.ContinuedFaultFee)
              .map(PenaltyCharged::paid)
              .sum()
              .longValue();
    }
    assertThat(h.chain.free(TREASURY)).isEqualTo(treasury + fee + deposit + continued);
    assertThat(BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world())).isEqualTo(issuance);
  }

  @Test
  void penaltiesBeyondTheFreeBalanceBecomeDebtRepaidFromReleasedPledge() {
    long pledge =
        Monies.initialPledge(StorageProviderConfig.testnet(), NetworkInputs.DEFAULT, 2048, 0);
    long spare = 1_000_000;
    SpHarness h =
        SpHarness.start(
            StorageProviderConfig.testnet(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300),
            b -> b.balance(Dev.ALICE, pledge + spare));
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    SpHarness.require(
        h.preCommit(Dev.ALICE, h.preCommitInfo(Dev.ALICE, 1, List.empty(), h.now() + 500)));
    h.runToProvable(Dev.ALICE, 1);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1));
    int dl = h.sector(Dev.ALICE, 1).deadline();
    h.runPastDeadline(Dev.ALICE, dl);
    BlockRecord detection = h.chain.lastBlock();
    PenaltyCharged detected = detection.eventsOf(PenaltyCharged.class).head();
    assertThat(detected.kind()).isEqualTo(PenaltyKind.DetectedFaultPenalty);
    assertThat(detected.paid()).isEqualTo(spare);
    assertThat(detected.debt()).isEqualTo(detected.amount() - spare);
    assertThat(h.state(Dev.ALICE).feeDebt()).isEqualTo(detected.debt());

    h.chain.runBlocks(h.config.faultMaxAge() + 1);
    Vector<FeeDebtRepaid> repaid = Vector.empty();
    for (BlockRecord r : h.chain.history())
      repaid = repaid.appendAll(r.eventsOf(FeeDebtRepaid.class));
    assertThat(h.pallet.findSector(h.chain.world(), Dev.ALICE, 1)).isEmpty();
    assertThat(repaid).isNotEmpty();
    assertThat(h.state(Dev.ALICE).feeDebt()).isZero();
    assertThat(h.chain.reserved(Dev.ALICE)).isZero();
  }
}
