package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.sales.SaleFilled;
import dev.palletsim.agents.sales.SaleFilling;
import dev.palletsim.agents.sales.SaleInitialProving;
import dev.palletsim.agents.sales.SalePayout;
import dev.palletsim.agents.sales.SalePhase;
import dev.palletsim.agents.sales.SaleProving;
import dev.palletsim.agents.sales.SaleState;
import dev.palletsim.agents.sales.SaleUnknown;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Step;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's {@code SaleUnknown}: a storage provider agent restarted mid-run (its memory lost, the
 * chain and the network's deal board kept) rebuilds its work from the chain and loses no deal.
 */
class RestartRecoveryTest {
  private static Step restart(long block) {
    return new Step(new Step.AtBlock(block), "restart@" + block, new Step.RestartAgent("sp-1"));
  }

  private static Vector<SalePhase> firstStatesAfterRecovery(StorageProviderAgent sp) {
    return sp.sales()
        .filter(s -> s.phases().head() == SalePhase.UNKNOWN)
        .map(s -> s.phases().get(1));
  }

  /** The states each recovered sale went through from SaleUnknown to the first it waits in. */
  private static Vector<Vector<SaleState>> statesAfterUnknown(StorageProviderAgent sp) {
    return sp.sales()
        .filter(s -> s.history().head() instanceof SaleUnknown)
        .map(
            s -> {
              Vector<SaleState> h = s.history();
              int waits = 1;
              while (waits < h.size() && h.get(waits) instanceof SaleFilled) waits++;
              return h.take(waits + 1);
            });
  }

  @Test
  @DisplayName(
      "SaleUnknown switches to the state the chain shows (SaleFilled, SaleFilling,"
          + " SaleInitialProving, SalePayout) and a restarted provider loses no deal")
  void aProviderRestartedInEveryPhaseOfItsDealsLosesNoDeal() {
    AgentNetwork n =
        new AgentNetwork(11, 260, java.util.List.of("client-1", "sp-1"))
            .agent(
                "client-1", "client", Map.of("post-every", 10, "max-requests", 8, "duration", 60))
            .agent("sp-1", "storage-provider", Map.of());
    // a deal its operator published by hand (not from the board): adopted at the next restart
    DealProposal manual =
        new DealProposal(
            Commitments.piece("manual-1"),
            1024,
            false,
            id("client-1"),
            id("sp-1"),
            "manual-1",
            60,
            150,
            0,
            1_000_000,
            0);
    // block 2: a piece taken, its publication due at 3 (lost negotiation: released, taken again)
    n.builder.step(restart(2));
    // block 18: one deal active, the next pre-committed and waiting for its seed
    n.builder.step(restart(18));
    n.builder.step(
        new Step(
            new Step.AtBlock(30),
            "escrow",
            new Step.Dispatch(Origin.signed(id("sp-1")), new MarketCall.AddBalance(1_000_000))));
    n.builder.step(
        new Step(
            new Step.AtBlock(30),
            "manual",
            new Step.Dispatch(
                Origin.signed(id("sp-1")),
                new MarketCall.PublishStorageDeals(
                    List.of(ClientDealProposal.signedBy(manual, "client-1"))))));
    // block 31: the hand-published deal is waiting for its pre-commit
    n.builder.step(restart(31));
    // offline from 86 and restarted at 95: a deal ended meanwhile and awaits its settlement
    n.builder.step(
        new Step(
            new Step.AtBlock(86),
            "offline",
            new Step.Command("sp-1", "go-offline", Map.of("blocks", 15))));
    n.builder.step(restart(95));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();

    var instances = n.providerInstances("sp-1");
    assertThat(instances).hasSize(5);
    assertThat(firstStatesAfterRecovery(instances.get(1))).isEmpty();
    assertThat(result.metrics().counter("sp.released_on_restart")).isEqualTo(1);
    assertThat(firstStatesAfterRecovery(instances.get(2)))
        .containsExactly(SalePhase.ACTIVE, SalePhase.PROVING);
    assertThat(firstStatesAfterRecovery(instances.get(3))).contains(SalePhase.PRE_COMMITTING);
    assertThat(firstStatesAfterRecovery(instances.get(4))).contains(SalePhase.SETTLING);
    // seed 003's SaleUnknown jumps to the state the chain shows: activated → SaleFilled (then
    // SaleProving), pre-committed → SaleFilling, published only → SaleInitialProving, activated
    // and ended → SalePayout
    assertThat(statesAfterUnknown(instances.get(2)))
        .containsExactly(
            Vector.of(new SaleUnknown(), new SaleFilled(), new SaleProving()),
            Vector.of(new SaleUnknown(), new SaleFilling()));
    assertThat(statesAfterUnknown(instances.get(3)))
        .contains(Vector.of(new SaleUnknown(), new SaleInitialProving()));
    assertThat(statesAfterUnknown(instances.get(4)))
        .contains(Vector.of(new SaleUnknown(), new SalePayout()));

    // no deal lost: every published deal (the hand-published one included) completed and was paid
    var published =
        n.events(MarketEvent.DealPublished.class).map(MarketEvent.DealPublished::dealId);
    assertThat(published).hasSize(9);
    assertThat(n.events(MarketEvent.DealCompleted.class).map(MarketEvent.DealCompleted::dealId))
        .containsExactlyInAnyOrderElementsOf(published);
    assertThat(n.events(MarketEvent.DealTimedOut.class)).isEmpty();
    assertThat(n.events(MarketEvent.DealTerminated.class)).isEmpty();
    for (var d : n.events(MarketEvent.DealPublished.class)) {
      long paid =
          n.events(MarketEvent.DealSettled.class)
              .filter(e -> e.dealId() == d.dealId())
              .map(MarketEvent.DealSettled::payment)
              .sum()
              .longValue();
      long fee =
          instances.stream()
              .flatMap(sp -> sp.sales().toJavaStream())
              .filter(s -> s.dealId() == d.dealId())
              .findFirst()
              .flatMap(s -> s.proposal().toJavaOptional())
              .map(DealProposal::totalStorageFee)
              .orElseThrow();
      assertThat(paid).as("deal " + d.dealId()).isEqualTo(fee);
    }

    // the last instance finished everything it recovered and holds nothing
    StorageProviderAgent last = instances.get(4);
    assertThat(last.sales()).allSatisfy(s -> assertThat(s.phase()).isEqualTo(SalePhase.FINISHED));
    assertThat(last.reservations().reservations()).isEmpty();
    assertThat(n.board().requests().flatMap(r -> n.board().pieces(r.id())))
        .extracting(DealBoard.Piece::state)
        .containsOnly(PieceState.DONE);
  }

  @Test
  void aRestartedClientKeepsSigningAndItsRequestCount() {
    AgentNetwork n =
        new AgentNetwork(12, 160, java.util.List.of("client-1", "sp-1"))
            .agent(
                "client-1", "client", Map.of("post-every", 10, "max-requests", 3, "duration", 40))
            .agent("sp-1", "storage-provider", Map.of("transfer-blocks", 4));
    n.builder.step(
        new Step(new Step.AtBlock(3), "restart-client", new Step.RestartAgent("client-1")));
    n.builder.step(
        new Step(new Step.AtBlock(15), "restart-client-2", new Step.RestartAgent("client-1")));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    assertThat(result.metrics().counter("requests.posted")).isEqualTo(3);
    assertThat(n.events(MarketEvent.DealCompleted.class)).hasSize(3);
  }
}
