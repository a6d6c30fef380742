package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.storageprovider.StorageProviderEvent.FaultsDetected;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsRecovered;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsTerminated;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * One sector's whole life against a fake market and a fake collator power pallet (seed 000 mapped
 * onto deadlines): pre-commit → prove-commit → first PoSt → power → declared fault → recovery →
 * missed PoSt → detected fault → continued faults → termination at {@code FaultMaxAge} → its deals
 * terminated in the market. The mock runtime checks the pallet's invariants (power = Σ active
 * sectors, deposits and pledges match their sectors) and token conservation after every block.
 */
class SectorLifeTest {

  @Test
  void aSectorFromPreCommitToTerminationAtFaultMaxAge() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    StorageProviderConfig c = h.config;
    long issuanceAtStart = BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world());
    Vector<PenaltyCharged> charges = Vector.empty();
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);

    // pre-commit: deals verified with the market, CommD matched, deposit reserved
    long deposit = Monies.preCommitDeposit(c, NetworkInputs.DEFAULT, 2048);
    SpHarness.require(
        h.preCommit(Dev.ALICE, h.preCommitInfo(Dev.ALICE, 1, List.of(1L, 2L), h.now() + 500)));
    assertThat(FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Verify)).hasSize(1);
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(deposit);

    // prove-commit: deals activated, deposit released, pledge locked, no power (seed 000 step 4)
    h.runToProvable(Dev.ALICE, 1);
    SpHarness.require(h.proveCommit(Dev.ALICE, 1));
    long pledge = Monies.initialPledge(c, NetworkInputs.DEFAULT, 2048, 0);
    assertThat(FakeMarket.deal(h.chain.world(), 1L).get().sector()).isEqualTo(1);
    assertThat(FakeMarket.deal(h.chain.world(), 2L).get().sector()).isEqualTo(1);
    assertThat(h.chain.reserved(Dev.ALICE)).isEqualTo(pledge);
    assertThat(h.power(Dev.ALICE)).isZero();
    int dl = h.sector(Dev.ALICE, 1).deadline();
    long activation = h.sector(Dev.ALICE, 1).activation();

    // first PoSt: power
    h.proveDeadlineOf(Dev.ALICE, 1);
    assertThat(h.power(Dev.ALICE)).isEqualTo(2048);
    h.runPastDeadline(Dev.ALICE, dl);
    charges = charges.appendAll(h.chain.lastBlock().eventsOf(PenaltyCharged.class));
    assertThat(h.power(Dev.ALICE)).isEqualTo(2048);

    // declared fault: power removed at once, declared fee
    var declared =
        SpHarness.require(
            h.chain.dispatch(
                Dev.ALICE,
                new StorageProviderCall.DeclareFaults(
                    List.of(SpHarness.declaration(h.sector(Dev.ALICE, 1))))));
    charges = charges.appendAll(declared.eventsOf(PenaltyCharged.class));
    assertThat(h.power(Dev.ALICE)).isZero();
    assertThat(charges.map(PenaltyCharged::kind)).containsExactly(PenaltyKind.DeclaredFaultFee);

    // recovery declared, proven at the next PoSt: power back
    SpHarness.require(
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.DeclareFaultsRecovered(
                List.of(SpHarness.declaration(h.sector(Dev.ALICE, 1))))));
    assertThat(h.power(Dev.ALICE)).isZero();
    h.runToDeadlineOpen(Dev.ALICE, dl);
    var recovered = SpHarness.require(h.submitPoSt(Dev.ALICE, dl, 0));
    assertThat(recovered.eventsOf(SectorsRecovered.class)).hasSize(1);
    assertThat(h.power(Dev.ALICE)).isEqualTo(2048);
    h.runPastDeadline(Dev.ALICE, dl);
    charges = charges.appendAll(h.chain.lastBlock().eventsOf(PenaltyCharged.class));

    // missed PoSt: detected fault, power removed, detected penalty
    h.runPastDeadline(Dev.ALICE, dl);
    BlockRecord detection = h.chain.lastBlock();
    charges = charges.appendAll(detection.eventsOf(PenaltyCharged.class));
    assertThat(detection.eventsOf(FaultsDetected.class)).hasSize(1);
    assertThat(h.power(Dev.ALICE)).isZero();
    assertThat(charges.last().kind()).isEqualTo(PenaltyKind.DetectedFaultPenalty);

    // still faulty: continued fees, then terminated at FaultMaxAge with its deals
    long faultKey = detection.number() + c.faultMaxAge();
    BlockRecord termination = null;
    while (h.pallet.findSector(h.chain.world(), Dev.ALICE, 1).isDefined()) {
      BlockRecord r = h.chain.nextBlock();
      charges = charges.appendAll(r.eventsOf(PenaltyCharged.class));
      if (!r.eventsOf(SectorsTerminated.class).isEmpty()) termination = r;
    }
    assertThat(termination).isNotNull();
    assertThat(termination.number()).isEqualTo(faultKey);
    assertThat(termination.eventsOf(SectorsTerminated.class).head().reason())
        .isEqualTo(TerminationReason.FaultMaxAge);
    assertThat(charges.map(PenaltyCharged::kind))
        .containsExactly(
            PenaltyKind.DeclaredFaultFee,
            PenaltyKind.DetectedFaultPenalty,
            PenaltyKind.ContinuedFaultFee,
            PenaltyKind.ContinuedFaultFee,
            PenaltyKind.ContinuedFaultFee,
            PenaltyKind.TerminationFee);

    // the market was told at the termination block, and both deals are terminated
    var terminations = FakeMarket.calls(h.chain.world(), FakeMarket.Kind.Terminate);
    assertThat(terminations).hasSize(1);
    assertThat(terminations.head().sectors()).containsExactly(1L);
    assertThat(terminations.head().block()).isEqualTo(termination.number());
    assertThat(FakeMarket.deal(h.chain.world(), 1L).get().terminated()).isTrue();
    assertThat(FakeMarket.deal(h.chain.world(), 2L).get().terminated()).isTrue();

    // nothing left reserved, no power, and every planck accounted for
    assertThat(h.chain.reserved(Dev.ALICE)).isZero();
    assertThat(h.state(Dev.ALICE).initialPledge()).isZero();
    assertThat(h.power(Dev.ALICE)).isZero();
    long paid = charges.map(PenaltyCharged::paid).sum().longValue();
    assertThat(charges.map(PenaltyCharged::debt).sum().longValue()).isZero();
    assertThat(h.chain.free(Dev.ALICE)).isEqualTo(MockRuntime.DEFAULT_BALANCE - paid);
    assertThat(BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world()))
        .isEqualTo(issuanceAtStart - paid);
    assertThat(charges.filter(p -> p.kind() == PenaltyKind.TerminationFee).head().amount())
        .isEqualTo(
            Monies.terminationFeeForSector(
                c, NetworkInputs.DEFAULT, pledge, termination.number() - activation, 2048));
  }

  @Test
  void theSameSeedAndCallsGiveTheSameStateAndAForkDoesNotLeak() {
    assertThat(scriptedRun()).isEqualTo(scriptedRun());
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1, 2);
    var fork = h.chain.fork();
    long before = h.chain.stateHash();
    fork.runBlocks(200);
    assertThat(h.chain.stateHash()).isEqualTo(before);
    assertThat(h.pallet.findSector(fork.world(), Dev.ALICE, 1)).isNotEmpty();
    assertThat(
            h.pallet
                .partition(fork.world(), Dev.ALICE, h.sector(Dev.ALICE, 1).deadline(), 0)
                .get()
                .faults())
        .containsExactly(1L, 2L);
    assertThat(h.partitionOf(Dev.ALICE, 1).faults()).isEmpty();
  }

  private static long scriptedRun() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    SpHarness.require(h.register(Dev.BOB));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1, 2, 3);
    h.onboardCc(Dev.BOB, 7);
    h.proveDeadlineOf(Dev.ALICE, 1);
    h.chain.runBlocks(150);
    return h.chain.stateHash();
  }
}
