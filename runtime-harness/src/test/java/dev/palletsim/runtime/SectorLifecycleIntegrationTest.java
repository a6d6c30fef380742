package dev.palletsim.runtime;

import static dev.palletsim.runtime.StorageNetwork.CLIENT_ID;
import static dev.palletsim.runtime.StorageNetwork.SP_ID;
import static dev.palletsim.runtime.StorageNetwork.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.storageprovider.PenaltyKind;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.TerminationReason;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's "a sector's full life in one test", across the real market, storage provider, collator
 * power and collator selection pallets: every step is an extrinsic or a hook, and every pallet's
 * invariants and the cross-pallet ones are checked after every block.
 */
class SectorLifecycleIntegrationTest {
  static final long PRICE = 1_000_000;
  static final long PROVIDER_COLLATERAL = Units.TOKEN;
  static final long CLIENT_COLLATERAL = Units.TOKEN / 2;

  @Test
  void aSectorsWholeLifeFromPreCommitToTerminationAtFaultMaxAgeReachesTheMarket() {
    StorageNetwork n = StorageNetwork.testnet(1);
    n.register(SP_ID);
    assertThat(n.power.isMinerRegistered(n.chain.world(), SP_ID)).isTrue();
    n.addBalance(CLIENT_ID, 100 * Units.TOKEN);
    n.addBalance(SP_ID, 100 * Units.TOKEN);
    long start = n.now() + 100;
    long end = start + 400;
    long deal =
        n.publish(SP_ID, "piece-1", start, end, PRICE, PROVIDER_COLLATERAL, CLIENT_COLLATERAL);
    long clientLocked = n.market.lockedBalance(n.chain.world(), CLIENT_ID);
    assertThat(clientLocked).isEqualTo(PRICE * 400 + CLIENT_COLLATERAL);

    // pre-commit and prove-commit: the deal activates, but no power before the first PoSt
    n.preCommit(SP_ID, 1, List.of(deal), n.now() + 590);
    n.proveCommit(SP_ID, 1);
    assertThat(n.events(MarketEvent.DealActivated.class))
        .extracting(MarketEvent.DealActivated::dealId)
        .containsExactly(deal);
    assertThat(n.minerPower(SP_ID)).isZero();

    // first PoSt: power reaches collator power
    n.runToDeadlineOf(SP_ID, 1);
    n.submitPoSt(SP_ID);
    assertThat(n.minerPower(SP_ID)).isEqualTo(2048);

    // declared fault: power removed at once, the declared-fault fee charged
    n.runPastDeadlineOf(SP_ID, 1);
    require(
        n.chain.dispatch(
            SP_ID, new StorageProviderCall.DeclareFaults(List.of(n.declaration(SP_ID, 1)))));
    assertThat(n.minerPower(SP_ID)).isZero();
    assertThat(n.events(StorageProviderEvent.PenaltyCharged.class))
        .anyMatch(e -> e.kind() == PenaltyKind.DeclaredFaultFee);

    // declared recovery: power returns only with the next PoSt
    require(
        n.chain.dispatch(
            SP_ID,
            new StorageProviderCall.DeclareFaultsRecovered(List.of(n.declaration(SP_ID, 1)))));
    assertThat(n.minerPower(SP_ID)).isZero();
    n.runToDeadlineOf(SP_ID, 1);
    n.submitPoSt(SP_ID);
    assertThat(n.minerPower(SP_ID)).isEqualTo(2048);
    assertThat(n.events(StorageProviderEvent.SectorsRecovered.class)).isNotEmpty();

    // a missed PoSt: detected fault, power removed, the heavier penalty
    n.runPastDeadlineOf(SP_ID, 1);
    n.runPastDeadlineOf(SP_ID, 1);
    assertThat(n.events(StorageProviderEvent.FaultsDetected.class)).isNotEmpty();
    assertThat(n.events(StorageProviderEvent.PenaltyCharged.class))
        .anyMatch(e -> e.kind() == PenaltyKind.DetectedFaultPenalty);
    assertThat(n.minerPower(SP_ID)).isZero();

    // still faulty at FaultMaxAge: terminated, and its deal terminated in the market
    long escrowClientBefore = n.market.escrowBalance(n.chain.world(), CLIENT_ID);
    while (n.sp.findSector(n.chain.world(), SP_ID, 1).isDefined()) n.chain.nextBlock();
    assertThat(n.now()).isLessThan(end);
    var terminated = n.events(StorageProviderEvent.SectorsTerminated.class);
    assertThat(terminated).hasSize(1);
    assertThat(terminated.head().reason()).isEqualTo(TerminationReason.FaultMaxAge);
    var dealTerminated = n.events(MarketEvent.DealTerminated.class);
    assertThat(dealTerminated).hasSize(1);
    assertThat(dealTerminated.head().dealId()).isEqualTo(deal);

    // client refunded: nothing locked, escrow only lost what was paid for storage
    var w = n.chain.world();
    assertThat(n.market.lockedBalance(w, CLIENT_ID)).isZero();
    assertThat(n.market.lockedBalance(w, SP_ID)).isZero();
    long paid = dealTerminated.head().payment();
    assertThat(n.market.escrowBalance(w, CLIENT_ID)).isEqualTo(escrowClientBefore - paid);
    long clientPaid = 100 * Units.TOKEN - n.market.escrowBalance(w, CLIENT_ID);
    // paid for every block from the deal's start to the block whose deadline cron terminated it
    assertThat(clientPaid).isEqualTo(PRICE * (n.chain.lastBlock().number() - start)).isPositive();
    // provider collateral slashed
    assertThat(dealTerminated.head().slashed()).isEqualTo(PROVIDER_COLLATERAL);
    assertThat(n.market.escrowBalance(w, SP_ID))
        .isEqualTo(100 * Units.TOKEN - PROVIDER_COLLATERAL + clientPaid);
    assertThat(n.market.proposal(w, deal)).isEmpty();
    assertThat(n.minerPower(SP_ID)).isZero();
    assertThat(n.chain.reserved(SP_ID)).isZero();
  }

  @Test
  void anOnTimeExpirationReleasesPledgeAndPowerAfterTheDealCompletes() {
    StorageNetwork n = StorageNetwork.testnet(2);
    n.register(SP_ID);
    n.addBalance(CLIENT_ID, 100 * Units.TOKEN);
    n.addBalance(SP_ID, 100 * Units.TOKEN);
    long start = n.now() + 60;
    long end = start + 60;
    long deal =
        n.publish(SP_ID, "piece-2", start, end, PRICE, PROVIDER_COLLATERAL, CLIENT_COLLATERAL);
    long expiration = Math.max(n.ops.minimumExpiration(n.now()), end) + 10;
    n.preCommit(SP_ID, 1, List.of(deal), expiration);
    n.proveCommit(SP_ID, 1);
    // an honest provider proves every deadline until the sector expires
    while (n.sp.findSector(n.chain.world(), SP_ID, 1).isDefined()) {
      n.ops
          .windowPost(n.chain.world(), SP_ID, n.now())
          .forEach(c -> require(n.chain.dispatch(SP_ID, c)));
      if (n.now() == end + 1) {
        require(
            n.chain.dispatch(
                SP_ID, new dev.palletsim.market.MarketCall.SettleDealPayments(List.of(deal))));
      }
      n.chain.nextBlock();
    }
    assertThat(n.events(StorageProviderEvent.SectorsExpired.class)).hasSize(1);
    assertThat(n.events(StorageProviderEvent.FaultsDetected.class)).isEmpty();
    assertThat(n.events(MarketEvent.DealCompleted.class))
        .extracting(MarketEvent.DealCompleted::dealId)
        .containsExactly(deal);
    var w = n.chain.world();
    assertThat(n.minerPower(SP_ID)).isZero();
    assertThat(n.chain.reserved(SP_ID)).isZero();
    assertThat(n.market.lockedBalance(w, CLIENT_ID)).isZero();
    assertThat(n.market.lockedBalance(w, SP_ID)).isZero();
    assertThat(n.market.escrowBalance(w, CLIENT_ID)).isEqualTo(100 * Units.TOKEN - PRICE * 60);
    assertThat(n.market.escrowBalance(w, SP_ID)).isEqualTo(100 * Units.TOKEN + PRICE * 60);
  }

  @Test
  void aVoluntaryTerminationChargesTheFeeAndTerminatesTheDealInTheMarket() {
    StorageNetwork n = StorageNetwork.testnet(3);
    n.register(SP_ID);
    n.addBalance(CLIENT_ID, 100 * Units.TOKEN);
    n.addBalance(SP_ID, 100 * Units.TOKEN);
    long start = n.now() + 60;
    long deal =
        n.publish(
            SP_ID, "piece-3", start, start + 300, PRICE, PROVIDER_COLLATERAL, CLIENT_COLLATERAL);
    n.preCommit(SP_ID, 7, List.of(deal), n.now() + 590);
    n.proveCommit(SP_ID, 7);
    n.runToDeadlineOf(SP_ID, 7);
    n.submitPoSt(SP_ID);
    n.runPastDeadlineOf(SP_ID, 7);
    while (!n.deadline(SP_ID, n.sector(SP_ID, 7).deadline()).isMutable()) n.chain.nextBlock();
    long issuance = n.runtime.balances().totalIssuance(n.chain.world());
    var out =
        require(
            n.chain.dispatch(
                SP_ID, new StorageProviderCall.TerminateSectors(List.of(n.declaration(SP_ID, 7)))));
    var fee =
        out.eventsOf(StorageProviderEvent.PenaltyCharged.class)
            .filter(e -> e.kind() == PenaltyKind.TerminationFee);
    assertThat(fee).hasSize(1);
    assertThat(out.eventsOf(StorageProviderEvent.SectorsTerminated.class).head().reason())
        .isEqualTo(TerminationReason.Voluntary);
    var terminated = out.eventsOf(MarketEvent.DealTerminated.class);
    assertThat(terminated).extracting(MarketEvent.DealTerminated::dealId).containsExactly(deal);
    assertThat(terminated.head().slashed()).isEqualTo(PROVIDER_COLLATERAL);
    assertThat(n.minerPower(SP_ID)).isZero();
    // burnt: the termination fee and the provider's deal collateral
    assertThat(n.runtime.balances().totalIssuance(n.chain.world()))
        .isEqualTo(issuance - fee.head().paid() - PROVIDER_COLLATERAL);
    assertThat(n.market.lockedBalance(n.chain.world(), CLIENT_ID)).isZero();
  }
}
