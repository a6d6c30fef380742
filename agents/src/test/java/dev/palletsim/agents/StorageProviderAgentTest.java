package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.agents.DealBoard.PieceState;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Step;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.TerminationReason;
import io.vavr.collection.Vector;
import java.util.ArrayList;
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
  static final Vector<SaleState> HAPPY_PATH =
      Vector.of(
          SaleState.PREPARING,
          SaleState.PUBLISHING,
          SaleState.PRE_COMMITTING,
          SaleState.PROVING,
          SaleState.ACTIVE,
          SaleState.SETTLING,
          SaleState.FINISHED);

  private static void assertCleanedUp(StorageProviderAgent sp, long slashed) {
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

  private static MarketPallet market(AgentNetwork n) {
    return n.runtime.pallet(MarketPallet.class);
  }

  private static Vector<Long> published(AgentNetwork n) {
    return n.events(MarketEvent.DealPublished.class).map(MarketEvent.DealPublished::dealId);
  }

  private static long settledFor(AgentNetwork n, long dealId) {
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
      assertThat(sp.sales().filter(s -> s.state() == SaleState.FINISHED)).isNotEmpty();
      for (Sale s : sp.sales().filter(s -> s.dealId() >= 0)) {
        assertThat(s.history()).isEqualTo(HAPPY_PATH);
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
  void aClientThatNeverFundsItsEscrowFailsThePublicationAndTheCleanupReturnsEverything() {
    AgentNetwork n =
        new AgentNetwork(1, 30, List.of("client-1", "sp-1"))
            .agent(
                "client-1",
                "client",
                Map.of("max-requests", 1, "fund-escrow", false, "client-collateral", "1 TOKEN"))
            .agent("sp-1", "storage-provider", Map.of());
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    StorageProviderAgent sp = n.provider("sp-1");
    assertThat(sp.sales()).hasSize(1);
    Sale sale = sp.sales().head();
    assertThat(sale.history())
        .containsExactly(SaleState.PREPARING, SaleState.PUBLISHING, SaleState.FAILED);
    assertThat(sale.reason()).contains("market refused").contains("InsufficientClientFunds");
    assertCleanedUp(sp, 0);
    assertThat(sp.queue().size()).isZero();
    assertThat(published(n)).isEmpty();
    var piece = n.board().pieces(1).head();
    assertThat(piece.state()).isEqualTo(PieceState.DROPPED);
    assertThat(piece.note()).contains("InsufficientClientFunds");
    assertThat(result.metrics().counter("sales.failed.market-refused")).isEqualTo(1);
    // the provider's own collateral was put in escrow but never locked
    assertThat(market(n).lockedBalance(n.recorder.world, id("sp-1"))).isZero();
  }

  @Test
  void anUnexpectedPublicationFailureErrorsTheSaleAndAnotherProviderTakesThePiece() {
    AgentNetwork n =
        new AgentNetwork(1, 200, List.of("client-1", "sp-1", "sp-2"))
            .agent("client-1", "client", Map.of("max-requests", 1, "duration", 60))
            .agent("sp-1", "storage-provider", Map.of("register", false))
            .agent("sp-2", "storage-provider", Map.of());
    assertThat(n.run().failure()).isEmpty();
    StorageProviderAgent sp1 = n.provider("sp-1");
    assertThat(sp1.sales()).hasSize(1);
    Sale errored = sp1.sales().head();
    assertThat(errored.history())
        .containsExactly(SaleState.PREPARING, SaleState.PUBLISHING, SaleState.ERRORED);
    assertThat(errored.reason()).contains("ProviderNotRegistered");
    assertCleanedUp(sp1, 0);
    // released on the board: sp-2 took it, published and completed it; sp-1 does not retry it
    Sale taken = n.provider("sp-2").sales().head();
    assertThat(taken.piece()).isEqualTo(errored.piece());
    assertThat(taken.history()).isEqualTo(HAPPY_PATH);
    assertThat(n.events(MarketEvent.DealPublished.class).map(e -> e.provider()))
        .containsExactly(id("sp-2"));
    assertThat(sp1.queue().contains(errored.piece().get())).isFalse();
  }

  @Test
  void onTheMainnetLikePresetTheDefaultsAgreeAndA32GibDealIsSealed() {
    AgentNetwork n =
        new AgentNetwork(StorageRuntime.mainnetLike(), 12, 800, List.of("client-1", "sp-1"), 2)
            .agent("client-1", "client", Map.of("max-requests", 1))
            .agent("sp-1", "storage-provider", Map.of("capacity", "64 GIB"));
    assertThat(n.run().failure()).isEmpty();
    Sale sale = n.provider("sp-1").sales().head();
    assertThat(sale.history())
        .containsExactly(
            SaleState.PREPARING,
            SaleState.PUBLISHING,
            SaleState.PRE_COMMITTING,
            SaleState.PROVING,
            SaleState.ACTIVE);
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
    assertThat(sale.history())
        .containsExactly(
            SaleState.PREPARING,
            SaleState.PUBLISHING,
            SaleState.PRE_COMMITTING,
            SaleState.PROVING,
            SaleState.ACTIVE);
    DealProposal p = sale.proposal().get();
    assertThat(p.pieceSize()).isEqualTo(32L << 30);
    assertThat(p.duration()).isGreaterThanOrEqualTo(180 * 2_880L);
    assertThat(n.events(MarketEvent.DealActivated.class)).hasSize(1);
  }

  @Test
  void aRequestWithdrawnBeforePublicationCancelsTheSale() {
    AgentNetwork n =
        new AgentNetwork(1, 20, List.of("client-1", "sp-1"))
            .agent("client-1", "client", Map.of("max-requests", 1, "expiry", 3))
            .agent("sp-1", "storage-provider", Map.of("transfer-blocks", 5));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    Sale sale = n.provider("sp-1").sales().head();
    assertThat(sale.history())
        .containsExactly(SaleState.PREPARING, SaleState.PUBLISHING, SaleState.CANCELLED);
    assertThat(sale.reason()).isEqualTo("request withdrawn");
    assertCleanedUp(n.provider("sp-1"), 0);
    assertThat(n.board().pieces(1).head().state()).isEqualTo(PieceState.EXPIRED);
    assertThat(result.metrics().counter("requests.expired")).isEqualTo(1);
    assertThat(published(n)).isEmpty();
  }

  @Test
  void aRequestExpiringBeforeThePieceArrivesCancelsTheSaleAndExpiresThePiece() {
    // the provider acts before the client: it finds the request expired before the client
    // withdraws it
    AgentNetwork n =
        new AgentNetwork(1, 10, List.of("client-1", "sp-1"))
            .agent("sp-1", "storage-provider", Map.of("transfer-blocks", 2))
            .agent("client-1", "client", Map.of("max-requests", 1, "expiry", 3));
    assertThat(n.run().failure()).isEmpty();
    Sale sale = n.provider("sp-1").sales().head();
    assertThat(sale.history())
        .containsExactly(SaleState.PREPARING, SaleState.PUBLISHING, SaleState.CANCELLED);
    assertThat(sale.reason()).isEqualTo("request expired");
    assertCleanedUp(n.provider("sp-1"), 0);
    assertThat(n.board().pieces(1).head().state()).isEqualTo(PieceState.EXPIRED);
  }

  @Test
  void withoutAvailabilityAPieceIsIgnoredRequeuedAsSeenAndTakenOnceAnotherDealFrees() {
    List<String> samples = new ArrayList<>();
    AgentNetwork n =
        new AgentNetwork(2, 260, List.of("client-1", "sp-1"))
            .agent(
                "client-1",
                "client",
                Map.of("max-requests", 1, "pieces", 2, "duration", 60, "expiry", 300))
            .agent("sp-1", "storage-provider", Map.of("capacity", "2 KIB"));
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
                var q = n.provider("sp-1").queue();
                samples.add(
                    ctx.blockNumber()
                        + ":"
                        + (q.isPaused() ? "paused" : "running")
                        + ":"
                        + q.items().map(i -> i.seen() ? "seen" : "unseen").mkString(","));
              }
            });
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    Vector<Sale> sales = n.provider("sp-1").sales();
    assertThat(sales).hasSize(3);
    assertThat(sales.get(0).history()).isEqualTo(HAPPY_PATH);
    assertThat(sales.get(1).history()).containsExactly(SaleState.PREPARING, SaleState.IGNORED);
    assertThat(sales.get(1).reason()).isEqualTo("no availability");
    assertThat(sales.get(2).piece()).isEqualTo(sales.get(1).piece());
    assertThat(sales.get(2).history()).isEqualTo(HAPPY_PATH);
    assertThat(result.metrics().counter("sales.ignored")).isEqualTo(1);
    // paused on the seen item while the first deal ran; resumed when its bytes came back
    long firstEnd = sales.get(0).proposal().get().endBlock();
    assertThat(samples.get(1)).isEqualTo("2:paused:seen");
    assertThat(samples).contains((firstEnd - 1) + ":paused:seen");
    // block firstEnd: the final settlement returned the bytes, resuming the queue with the item
    // unseen again; the next block takes it
    assertThat(samples.get((int) firstEnd - 1)).isEqualTo(firstEnd + ":running:unseen");
    assertThat(samples.get((int) firstEnd)).isEqualTo((firstEnd + 1) + ":running:");
    assertCleanedUp(n.provider("sp-1"), 0);
  }

  @Test
  void aProviderMissingEveryPoStLosesItsSectorAndTheDealFailsWithTheMarketsTermination() {
    AgentNetwork n =
        new AgentNetwork(4, 400, List.of("client-1", "sp-1"))
            .agent("client-1", "client", Map.of("max-requests", 1, "duration", 400))
            .agent("sp-1", "storage-provider", Map.of("miss-post-every", 1, "auto-recover", false));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    Sale sale = n.provider("sp-1").sales().head();
    assertThat(sale.history())
        .containsExactly(
            SaleState.PREPARING,
            SaleState.PUBLISHING,
            SaleState.PRE_COMMITTING,
            SaleState.PROVING,
            SaleState.ACTIVE,
            SaleState.FAILED);
    assertThat(sale.reason()).isEqualTo("sector terminated");
    var terminated = n.events(StorageProviderEvent.SectorsTerminated.class);
    assertThat(terminated).hasSize(1);
    assertThat(terminated.head().reason()).isEqualTo(TerminationReason.FaultMaxAge);
    var dealTerminated = n.events(MarketEvent.DealTerminated.class);
    assertThat(dealTerminated)
        .extracting(MarketEvent.DealTerminated::dealId)
        .containsExactly(sale.dealId());
    long collateral = sale.proposal().get().providerCollateral();
    assertThat(dealTerminated.head().slashed()).isEqualTo(collateral);
    assertCleanedUp(n.provider("sp-1"), collateral);
    assertThat(result.metrics().counter("post.submitted")).isZero();
    assertThat(result.metrics().counter("post.skipped")).isPositive();
    assertThat(result.metrics().counter("sales.failed.sector-terminated")).isEqualTo(1);
    assertThat(n.board().pieces(1).head().state()).isEqualTo(PieceState.DONE);
    assertThat(n.board().pieces(1).head().note()).isEqualTo("failed: sector terminated");
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
    assertThat(n.provider("sp-1").sales().head().history()).isEqualTo(HAPPY_PATH);
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
    assertThat(n.provider("sp-1").sales().head().history()).isEqualTo(HAPPY_PATH);
    assertThat(result.metrics().counter("faults.declared")).isEqualTo(1);
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
    assertThat(n.provider("sp-1").sales().head().history()).isEqualTo(HAPPY_PATH);
  }

  @Test
  void aDealNotProvenBeforeItsStartTimesOutAndItsSlashedCollateralLeavesTheBudget() {
    AgentNetwork n =
        new AgentNetwork(8, 120, List.of("client-1", "sp-1"))
            .agent("client-1", "client", Map.of("max-requests", 1, "duration", 60))
            .agent("sp-1", "storage-provider", Map.of());
    // published and pre-committed at block 3; offline before the seed allows the prove-commit,
    // and until the deal (id 0) has timed out at its first cron visit, next_update_epoch(0, 100,
    // start) = block 100
    n.builder.step(command(4, "sp-1", "go-offline", Map.of("blocks", 100)));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    Sale sale = n.provider("sp-1").sales().head();
    assertThat(sale.history())
        .containsExactly(
            SaleState.PREPARING,
            SaleState.PUBLISHING,
            SaleState.PRE_COMMITTING,
            SaleState.PROVING,
            SaleState.FAILED);
    assertThat(sale.reason()).isEqualTo("deal timed out");
    var timedOut = n.events(MarketEvent.DealTimedOut.class);
    assertThat(timedOut)
        .extracting(MarketEvent.DealTimedOut::dealId)
        .containsExactly(sale.dealId());
    assertCleanedUp(n.provider("sp-1"), timedOut.head().slashed());
    assertThat(result.metrics().counter("sales.failed.deal-timed-out")).isEqualTo(1);
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
    assertThat(sales).hasSize(4).allSatisfy(s -> assertThat(s.history()).isEqualTo(HAPPY_PATH));
    assertThat(sales.map(Sale::sector).distinct()).hasSize(1);
    assertThat(n.events(MarketEvent.DealCompleted.class)).hasSize(4);
  }

  @Test
  void underTheLegacyRegimeCronSettlesAndTheProviderOnlyWatches() {
    var configs = StorageRuntime.Configs.testnet();
    configs =
        configs.withMarket(
            MarketConfig.builder()
                .from(configs.market())
                .fip0074ActivationBlock(Long.MAX_VALUE)
                .build());
    AgentNetwork n =
        // cron visits each deal every 100 blocks at its id's offset: the last visit after both
        // deals end (by block ~200) comes by block 301
        new AgentNetwork(StorageRuntime.build(configs), 10, 310, List.of("client-1", "sp-1"), 2)
            .agent(
                "client-1", "client", Map.of("max-requests", 2, "post-every", 10, "duration", 80))
            .agent("sp-1", "storage-provider", Map.of("settle-every", 20));
    assertThat(n.run().failure()).isEmpty();
    for (BlockRecord b : n.blocks()) {
      assertThat(b.extrinsics().filter(x -> x.call() instanceof MarketCall.SettleDealPayments))
          .isEmpty();
    }
    Vector<Sale> sales = n.provider("sp-1").sales();
    assertThat(sales).hasSize(2);
    for (Sale s : sales) {
      assertThat(s.history()).isEqualTo(HAPPY_PATH);
      assertThat(s.paid()).isEqualTo(s.proposal().get().totalStorageFee());
    }
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
