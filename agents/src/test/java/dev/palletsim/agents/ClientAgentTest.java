package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.board.DealBoard.StorageRequest;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client agent: its draws, its escrow, its expiries and its withdrawals. */
class ClientAgentTest {
  @Test
  void requestsAreDrawnFromTheConfiguredDistributionsWithinTheMarketsRules() {
    AgentNetwork n =
        new AgentNetwork(51, 120, List.of("client-1"))
            .agent(
                "client-1",
                "client",
                Map.of(
                    "post-every", 3,
                    "max-open-requests", 100,
                    "piece-size", Map.of("uniform", List.of(128, 5000)),
                    "pieces", Map.of("choice", List.of(1, 3)),
                    "duration", Map.of("uniform", List.of(50, 70)),
                    "price-per-block", Map.of("choice", List.of(10, 20, 30))));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    var requests = n.board().requests();
    assertThat(requests).hasSize(40);
    for (StorageRequest r : requests) {
      assertThat(Long.bitCount(r.pieceSize())).isEqualTo(1);
      assertThat(r.pieceSize()).isBetween(128L, 2048L);
      assertThat(r.pieces()).isIn(1, 3);
      assertThat(r.duration()).isBetween(50L, 70L);
      assertThat(r.pricePerBlock()).isIn(10L, 20L, 30L);
      // the market's minimum provider collateral for the piece, by default: testnet's token per GiB
      assertThat(r.providerCollateral()).isEqualTo(r.pieceSize() * Units.TOKEN / Units.GIB);
      assertThat(r.expiry()).isEqualTo(r.postedAt() + 30);
    }
    assertThat(requests.map(StorageRequest::pieceSize).distinct().size()).isGreaterThan(2);
    assertThat(requests.map(StorageRequest::pieces).distinct()).hasSize(2);
  }

  @Test
  void escrowAlwaysCoversWhatIsOnOfferAndExpiredRequestsAreWithdrawn() {
    List<String> shortfalls = new ArrayList<>();
    AgentNetwork n =
        new AgentNetwork(52, 100, List.of("client-1"))
            .agent(
                "client-1",
                "client",
                Map.of(
                    "post-every", 4,
                    "max-open-requests", 3,
                    "pieces", 2,
                    "duration", 100,
                    "client-collateral", "1 MILLI_TOKEN",
                    "expiry", 14));
    n.builder.agent(
        "probe",
        () ->
            new Agent() {
              @Override
              public String name() {
                return "probe";
              }

              @Override
              public void act(AgentContext ctx) {
                var board = ctx.shared(DealBoard.class, DealBoard::new);
                long needed = 0;
                for (StorageRequest r : board.requestsOf("client-1")) {
                  for (DealBoard.Piece p : board.pieces(r.id())) {
                    if (p.state() == PieceState.OPEN) needed += r.clientRequirement();
                  }
                }
                long available =
                    ctx.chain()
                        .runtime()
                        .pallet(MarketPallet.class)
                        .availableBalance(ctx.view(), id("client-1"));
                if (available < needed)
                  shortfalls.add(ctx.blockNumber() + ": " + available + " < " + needed);
              }
            });
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    assertThat(shortfalls).isEmpty();
    // no provider: every request expired and was withdrawn; never more than 3 on offer at once
    long due = n.board().requests().filter(r -> r.expiry() <= 100).size();
    assertThat(result.metrics().counter("requests.expired")).isEqualTo(due).isPositive();
    assertThat(result.metrics().counter("requests.skipped_full")).isPositive();
    for (StorageRequest r : n.board().requests()) {
      if (r.expiry() <= 100) {
        assertThat(n.board().pieces(r.id()))
            .extracting(DealBoard.Piece::state)
            .containsOnly(PieceState.EXPIRED);
      }
    }
  }

  @Test
  void commandsPostOnDemandAndPausePeriodicPosting() {
    AgentNetwork n =
        new AgentNetwork(54, 60, List.of("client-1", "client-2"))
            .agent("client-1", "client", Map.of("post-every", 0))
            .agent("client-2", "client", Map.of("post-every", 10));
    n.builder.step(
        new Step(
            new Step.AtBlock(5), "post", new Step.Command("client-1", "post", Map.of("count", 2))));
    n.builder.step(
        new Step(new Step.AtBlock(15), "pause", new Step.Command("client-2", "pause", Map.of())));
    n.builder.step(
        new Step(new Step.AtBlock(35), "resume", new Step.Command("client-2", "resume", Map.of())));
    assertThat(n.run().failure()).isEmpty();
    assertThat(n.board().requestsOf("client-1").map(StorageRequest::postedAt))
        .containsExactly(5L, 5L);
    assertThat(n.board().requestsOf("client-2").map(StorageRequest::postedAt))
        .containsExactly(1L, 11L, 41L, 51L);
  }

  @Test
  void unusedEscrowIsWithdrawnOnceNothingIsOnOfferAndNoRequestIsDue() {
    AgentNetwork n =
        new AgentNetwork(53, 140, List.of("client-1", "sp-1"))
            .agent(
                "client-1",
                "client",
                Map.of(
                    "max-requests",
                    1,
                    "duration",
                    60,
                    "client-collateral",
                    "1 MILLI_TOKEN",
                    "withdraw-unused",
                    true))
            .agent("sp-1", "storage-provider", Map.of());
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    assertThat(n.events(MarketEvent.DealCompleted.class)).hasSize(1);
    var withdrawn =
        n.events(MarketEvent.BalanceWithdrawn.class).filter(e -> e.who().equals(id("client-1")));
    assertThat(withdrawn).isNotEmpty();
    MarketPallet market = n.runtime.pallet(MarketPallet.class);
    assertThat(market.escrowBalance(n.recorder.world, id("client-1"))).isZero();
    long added =
        n.events(MarketEvent.BalanceAdded.class)
            .filter(e -> e.who().equals(id("client-1")))
            .map(MarketEvent.BalanceAdded::amount)
            .sum()
            .longValue();
    long paid =
        n.events(MarketEvent.DealSettled.class)
            .map(MarketEvent.DealSettled::payment)
            .sum()
            .longValue();
    assertThat(withdrawn.map(MarketEvent.BalanceWithdrawn::amount).sum().longValue())
        .isEqualTo(added - paid);
  }
}
