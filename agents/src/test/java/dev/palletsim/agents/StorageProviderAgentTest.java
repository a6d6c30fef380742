package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.sales.Sale;
import dev.palletsim.agents.sales.SalePhase;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Step;
import dev.palletsim.storageprovider.StorageProviderEvent;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The storage provider agent on the testnet runtime, against client agents, with every pallet's and
 * the cross-pallet invariants checked after every block: the happy path with payments reconciled
 * against escrow, each terminal state driven deliberately with its cleanup, the proving duties and
 * the injected failures.
 */
class StorageProviderAgentTest {
  static final Vector<SalePhase> HAPPY_PATH =
      Vector.of(
          SalePhase.PREPARING,
          SalePhase.PUBLISHING,
          SalePhase.PRE_COMMITTING,
          SalePhase.PROVING,
          SalePhase.ACTIVE,
          SalePhase.SETTLING,
          SalePhase.FINISHED);

  static void assertCleanedUp(StorageProviderAgent sp, long slashed) {
    assertThat(sp.reservations().reservations()).isEmpty();
    for (var a : sp.reservations().availabilities()) {
      assertThat(a.freeSize()).isEqualTo(a.totalSize());
    }
    long budget =
        sp.reservations().availabilities().map(a -> a.totalCollateral()).sum().longValue();
    long remaining =
        sp.reservations().availabilities().map(a -> a.remainingCollateral()).sum().longValue();
    assertThat(budget - remaining).isEqualTo(slashed);
  }

  private static Step command(long block, String agent, String command, Map<String, Object> args) {
    return new Step(
        new Step.AtBlock(block),
        agent + " " + command + " @" + block,
        new Step.Command(agent, command, args));
  }

  static MarketPallet market(AgentNetwork n) {
    return n.runtime.pallet(MarketPallet.class);
  }

  static Vector<Long> published(AgentNetwork n) {
    return n.events(MarketEvent.DealPublished.class).map(MarketEvent.DealPublished::dealId);
  }

  static long settledFor(AgentNetwork n, long dealId) {
    return n.events(MarketEvent.DealSettled.class)
        .filter(e -> e.dealId() == dealId)
        .map(MarketEvent.DealSettled::payment)
        .sum()
        .longValue();
  }

  @Test
  void clientsAndProvidersCompleteDealsAndEveryPaymentReconcilesWithEscrow() {
    AgentNetwork n =
        new AgentNetwork(7, 400, List.of("client-1", "client-2", "sp-1", "sp-2"))
            .agent(
                "client-1",
                "client",
                Map.of(
                    "post-every",
                    15,
                    "max-requests",
                    4,
                    "duration",
                    Map.of("uniform", List.of(60, 120)),
                    "price-per-block",
                    Map.of("choice", List.of(1_000_000, 2_000_000)),
                    "client-collateral",
                    "1 MILLI_TOKEN"))
            .agent(
                "client-2",
                "client",
                Map.of(
                    "post-every", 30,
                    "max-requests", 2,
                    "pieces", 2,
                    "piece-size", "1 KIB",
                    "duration", 80))
            .agent("sp-1", "storage-provider", Map.of("capacity", "4 KIB", "settle-every", 40))
            .agent("sp-2", "storage-provider", Map.of("capacity", "8 KIB"));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();

    Vector<Long> deals = published(n);
    assertThat(deals).hasSize(8);
    assertThat(n.events(MarketEvent.DealCompleted.class).map(MarketEvent.DealCompleted::dealId))
        .containsExactlyInAnyOrderElementsOf(deals);
    assertThat(n.events(MarketEvent.DealTimedOut.class)).isEmpty();
    assertThat(n.events(MarketEvent.DealTerminated.class)).isEmpty();
    assertThat(n.events(StorageProviderEvent.FaultsDetected.class)).isEmpty();

    // every deal ran the whole machine and was paid price × duration
    TreeMap<Long, DealProposal> proposals = new TreeMap<>();
    for (String name : List.of("sp-1", "sp-2")) {
      StorageProviderAgent sp = n.provider(name);
      assertThat(sp.sales().filter(s -> s.phase() == SalePhase.FINISHED)).isNotEmpty();
      for (Sale s : sp.sales().filter(s -> s.dealId() >= 0)) {
        assertThat(s.phases()).isEqualTo(HAPPY_PATH);
        DealProposal p = s.proposal().get();
        proposals.put(s.dealId(), p);
        assertThat(settledFor(n, s.dealId())).isEqualTo(p.totalStorageFee());
        assertThat(s.paid()).isEqualTo(p.totalStorageFee());
      }
      assertCleanedUp(sp, 0);
    }
    assertThat(proposals.keySet()).containsExactlyInAnyOrderElementsOf(deals);

    // escrow: what each party added, minus (client) or plus (provider) the payments
    var world = n.recorder.world;
    MarketPallet market = market(n);
    long paidTotal = 0;
    for (String who : List.of("client-1", "client-2", "sp-1", "sp-2")) {
      AccountId a = id(who);
      long added =
          n.events(MarketEvent.BalanceAdded.class)
              .filter(e -> e.who().equals(a))
              .map(MarketEvent.BalanceAdded::amount)
              .sum()
              .longValue();
      long paid = 0;
      long received = 0;
      for (var e : proposals.entrySet()) {
        long settled = settledFor(n, e.getKey());
        if (e.getValue().client().equals(a)) paid += settled;
        if (e.getValue().provider().equals(a)) received += settled;
      }
      paidTotal += paid;
      assertThat(market.escrowBalance(world, a)).as(who).isEqualTo(added - paid + received);
      assertThat(market.lockedBalance(world, a)).as(who).isZero();
    }
    assertThat(result.metrics().counter("settlement.paid_planck")).isEqualTo(paidTotal);
    assertThat(result.metrics().counter("sales.finished")).isEqualTo(8);
    assertThat(n.board().requests().flatMap(r -> n.board().pieces(r.id())))
        .extracting(DealBoard.Piece::state)
        .containsOnly(PieceState.DONE);
  }

  @Test
  void anHonestProviderProvesEveryDeadlineItHasSectorsIn() {
    AgentNetwork n =
        new AgentNetwork(3, 520, List.of("client-1", "sp-1"))
            .agent(
                "client-1", "client", Map.of("post-every", 20, "max-requests", 3, "duration", 420))
            .agent("sp-1", "storage-provider", Map.of());
    assertThat(n.run().failure()).isEmpty();
    var posts =
        n.events(StorageProviderEvent.ValidPoStSubmitted.class)
            .filter(e -> e.owner().equals(id("sp-1")));
    assertThat(posts.map(StorageProviderEvent.ValidPoStSubmitted::deadline).distinct().size())
        .isGreaterThan(1);
    // every sector proven at each of its ~7 proving periods: never a detected fault
    assertThat(posts.size()).isGreaterThanOrEqualTo(3 * 6);
    assertThat(n.events(StorageProviderEvent.FaultsDetected.class)).isEmpty();
    assertThat(n.events(MarketEvent.DealCompleted.class)).hasSize(3);
  }

  @Test
  void onTheMainnetLikePresetTheDefaultsAgreeAndA32GibDealIsSealed() {
    AgentNetwork n =
        new AgentNetwork(StorageRuntime.mainnetLike(), 12, 800, List.of("client-1", "sp-1"), 2)
            .agent("client-1", "client", Map.of("max-requests", 1))
            .agent("sp-1", "storage-provider", Map.of("capacity", "64 GIB"));
    assertThat(n.run().failure()).isEmpty();
    Sale sale = n.provider("sp-1").sales().head();
    assertThat(sale.phases())
        .containsExactly(
            SalePhase.PREPARING,
            SalePhase.PUBLISHING,
            SalePhase.PRE_COMMITTING,
            SalePhase.PROVING,
            SalePhase.ACTIVE);
    DealProposal p = sale.proposal().get();
    assertThat(p.pieceSize()).isEqualTo(32L << 30);
    assertThat(p.duration()).isGreaterThanOrEqualTo(180 * 14_400L);
    assertThat(n.events(MarketEvent.DealActivated.class)).hasSize(1);
  }

  @Test
  void onTheFilecoinPresetTheDefaultsAgreeAndA32GibDealIsSealed() {
    AgentNetwork n =
        new AgentNetwork(StorageRuntime.filecoin(), 12, 800, List.of("client-1", "sp-1"), 2)
            .agent("client-1", "client", Map.of("max-requests", 1))
            .agent("sp-1", "storage-provider", Map.of("capacity", "64 GIB"));
    assertThat(n.run().failure()).isEmpty();
    Sale sale = n.provider("sp-1").sales().head();
    assertThat(sale.phases())
        .containsExactly(
            SalePhase.PREPARING,
            SalePhase.PUBLISHING,
            SalePhase.PRE_COMMITTING,
            SalePhase.PROVING,
            SalePhase.ACTIVE);
    DealProposal p = sale.proposal().get();
    assertThat(p.pieceSize()).isEqualTo(32L << 30);
    assertThat(p.duration()).isGreaterThanOrEqualTo(180 * 2_880L);
    assertThat(n.events(MarketEvent.DealActivated.class)).hasSize(1);
  }

  @Test
  void missingEveryOtherPoStIsRecoveredAutomaticallyAndTheDealCompletes() {
    AgentNetwork n =
        new AgentNetwork(4, 360, List.of("client-1", "sp-1"))
            .agent("client-1", "client", Map.of("max-requests", 1, "duration", 300))
            .agent("sp-1", "storage-provider", Map.of("miss-post-every", 2));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    assertThat(n.events(StorageProviderEvent.FaultsDetected.class)).isNotEmpty();
    assertThat(n.events(StorageProviderEvent.RecoveriesDeclared.class)).isNotEmpty();
    assertThat(n.events(StorageProviderEvent.SectorsRecovered.class)).isNotEmpty();
    assertThat(n.provider("sp-1").sales().head().phases()).isEqualTo(HAPPY_PATH);
    assertThat(result.metrics().counter("post.skipped")).isPositive();
    assertThat(result.metrics().counter("post.submitted")).isPositive();
  }

  @Test
  void faultsDeclaredOnCommandAreHeldUntilRecoverAndTheDealStillCompletes() {
    AgentNetwork n =
        new AgentNetwork(5, 380, List.of("client-1", "sp-1"))
            .agent("client-1", "client", Map.of("max-requests", 1, "duration", 300))
            .agent("sp-1", "storage-provider", Map.of());
    n.builder.step(command(60, "sp-1", "declare-faults", Map.of("count", 1)));
    n.builder.step(command(150, "sp-1", "recover", Map.of()));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    var declared = n.events(StorageProviderEvent.FaultsDeclared.class);
    assertThat(declared).hasSize(1);
    var recoveries = n.events(StorageProviderEvent.RecoveriesDeclared.class);
    assertThat(recoveries).hasSize(1);
    // held faulty until the command: no recovery declared before block 150
    long recoveredAt =
        n.blocks()
            .find(b -> !b.eventsOf(StorageProviderEvent.RecoveriesDeclared.class).isEmpty())
            .get()
            .number();
    assertThat(recoveredAt).isGreaterThanOrEqualTo(150);
    assertThat(n.events(StorageProviderEvent.SectorsRecovered.class)).isNotEmpty();
    assertThat(n.provider("sp-1").sales().head().phases()).isEqualTo(HAPPY_PATH);
    assertThat(result.metrics().counter("faults.declared")).isEqualTo(1);
  }

  @Test
  void anEquivocationOnCommandIsReportedAndPenalised() {
    AgentNetwork n =
        new AgentNetwork(9, 120, List.of("client-1", "sp-1"))
            .agent("client-1", "client", Map.of("max-requests", 1, "duration", 300))
            .agent("sp-1", "storage-provider", Map.of());
    n.builder.step(command(20, "sp-1", "equivocate", Map.of("reporter", "client-1")));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    var reports = n.events(StorageProviderEvent.ConsensusFaultReported.class);
    assertThat(reports).hasSize(1);
    var report = reports.head();
    assertThat(report.owner()).isEqualTo(id("sp-1"));
    assertThat(report.reporter()).isEqualTo(id("client-1"));
    assertThat(report.type())
        .isEqualTo(dev.palletsim.storageprovider.ConsensusFaultType.DoubleForkMining);
    assertThat(report.faultEpoch()).isEqualTo(19);
    assertThat(report.reward()).isPositive();
    assertThat(n.events(StorageProviderEvent.PenaltyCharged.class))
        .anyMatch(e -> e.kind() == dev.palletsim.storageprovider.PenaltyKind.ConsensusFaultPenalty);
  }

  @Test
  void anEquivocationWithoutAReporterIsRejectedAndSubmitsNothing() {
    AgentNetwork n =
        new AgentNetwork(9, 40, List.of("client-1", "sp-1"))
            .agent("client-1", "client", Map.of("max-requests", 1, "duration", 300))
            .agent("sp-1", "storage-provider", Map.of());
    n.builder.step(command(20, "sp-1", "equivocate", Map.of()));
    SimulationResult result = n.run();
    assertThat(result.metrics().counter("sp.command_rejected")).isEqualTo(1);
    assertThat(n.events(StorageProviderEvent.ConsensusFaultReported.class)).isEmpty();
  }

  @Test
  void anOfflineProviderSubmitsNothingThenRecoversItsDetectedFaults() {
    AgentNetwork n =
        new AgentNetwork(6, 380, List.of("client-1", "sp-1"))
            .agent("client-1", "client", Map.of("max-requests", 1, "duration", 300))
            .agent("sp-1", "storage-provider", Map.of());
    n.builder.step(command(50, "sp-1", "go-offline", Map.of("blocks", 70)));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    Origin sp = Origin.signed(id("sp-1"));
    for (BlockRecord b : n.blocks()) {
      boolean submitted = b.extrinsics().exists(x -> x.origin().equals(sp));
      if (b.number() >= 50 && b.number() < 120)
        assertThat(submitted).as("block " + b.number()).isFalse();
    }
    assertThat(result.metrics().counter("sp.offline_blocks")).isEqualTo(70);
    assertThat(n.events(StorageProviderEvent.FaultsDetected.class)).isNotEmpty();
    assertThat(n.events(StorageProviderEvent.SectorsRecovered.class)).isNotEmpty();
    assertThat(n.provider("sp-1").sales().head().phases()).isEqualTo(HAPPY_PATH);
  }

  @Test
  void severalSmallDealsArePackedIntoOneSector() {
    AgentNetwork n =
        new AgentNetwork(9, 200, List.of("client-1", "sp-1"))
            .agent(
                "client-1",
                "client",
                Map.of("max-requests", 1, "pieces", 4, "piece-size", 512, "duration", 80))
            .agent("sp-1", "storage-provider", Map.of("deals-per-sector", 4, "max-workers", 4));
    assertThat(n.run().failure()).isEmpty();
    var preCommits = n.events(StorageProviderEvent.SectorsPreCommitted.class);
    assertThat(preCommits).hasSize(1);
    Vector<Sale> sales = n.provider("sp-1").sales();
    assertThat(sales).hasSize(4).allSatisfy(s -> assertThat(s.phases()).isEqualTo(HAPPY_PATH));
    assertThat(sales.map(Sale::sector).distinct()).hasSize(1);
    assertThat(n.events(MarketEvent.DealCompleted.class)).hasSize(4);
  }

  @Test
  void malformedCommandArgumentsAreRefusedNotThrown() {
    AgentNetwork n =
        new AgentNetwork(1, 5, List.of("sp-1")).agent("sp-1", "storage-provider", Map.of());
    n.builder.step(command(2, "sp-1", "add-availability", Map.of("size", 5)));
    SimulationResult result = n.run();
    assertThat(result.failure().get()).contains("does not understand add-availability");
    assertThat(result.metrics().counter("sp.command_rejected")).isEqualTo(1);
  }
}
