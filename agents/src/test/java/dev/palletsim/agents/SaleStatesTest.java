package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static dev.palletsim.agents.StorageProviderAgentTest.assertCleanedUp;
import static dev.palletsim.agents.StorageProviderAgentTest.market;
import static dev.palletsim.agents.StorageProviderAgentTest.published;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.sales.Sale;
import dev.palletsim.agents.sales.SaleCancelled;
import dev.palletsim.agents.sales.SaleDownloading;
import dev.palletsim.agents.sales.SaleErrored;
import dev.palletsim.agents.sales.SaleFailed;
import dev.palletsim.agents.sales.SaleFilled;
import dev.palletsim.agents.sales.SaleFilling;
import dev.palletsim.agents.sales.SaleFinished;
import dev.palletsim.agents.sales.SaleIgnored;
import dev.palletsim.agents.sales.SaleInitialProving;
import dev.palletsim.agents.sales.SalePayout;
import dev.palletsim.agents.sales.SalePreparing;
import dev.palletsim.agents.sales.SaleProving;
import dev.palletsim.agents.sales.SaleProvingSimulated;
import dev.palletsim.agents.sales.SaleSlotReserving;
import dev.palletsim.agents.sales.SaleState;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Step;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderConfig;
import dev.palletsim.storageprovider.StorageProviderError;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.storageprovider.TerminationReason;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every transition of seed 003's sales state machine (the "State Machine" section: one paragraph
 * per state, each naming where it moves on success, on {@code RequestFailed}, on the cancellation
 * timer and on its own errors), on the testnet runtime with every pallet's and the cross-pallet
 * invariants checked after every block. Each test is named after the transition it drives; where
 * seed 003's transition cannot happen on Filecoin's deal flow, the test shows why.
 */
class SaleStatesTest {
  static final Vector<SaleState> HAPPY_PATH =
      Vector.of(
          new SalePreparing(),
          new SaleSlotReserving(),
          new SaleDownloading(),
          new SaleInitialProving(),
          new SaleFilling(),
          new SaleFilled(),
          new SaleProving(),
          new SalePayout(),
          new SaleFinished());

  /** One client posting {@code requests} single-piece requests of {@code duration} blocks. */
  static AgentNetwork network(long seed, long blocks, int requests, long duration) {
    return new AgentNetwork(seed, blocks, java.util.List.of("client-1", "sp-1", "sp-2"))
        .agent(
            "client-1",
            "client",
            Map.of("max-requests", requests, "post-every", 10, "duration", duration));
  }

  static Sale onlySale(AgentNetwork n) {
    Vector<Sale> sales = n.provider("sp-1").sales();
    assertThat(sales).hasSize(1);
    return sales.head();
  }

  /** The blocks in which {@code sale} was left in {@code state} at the block's end. */
  static Vector<Long> blocksIn(
      TreeMap<Long, TreeMap<Long, SaleState>> timeline, Sale sale, SaleState state) {
    Vector<Long> out = Vector.empty();
    for (var e : timeline.entrySet()) {
      if (state.equals(e.getValue().get(sale.id()))) out = out.append(e.getKey());
    }
    return out;
  }

  static Step command(long block, String agent, String command, Map<String, Object> args) {
    return new Step(
        new Step.AtBlock(block),
        agent + " " + command + " @" + block,
        new Step.Command(agent, command, args));
  }

  /** A step setting {@code who}'s free balance as Root, at the start of {@code block}. */
  static Step setBalance(long block, String who, long free) {
    return new Step(
        new Step.AtBlock(block),
        "balance of " + who + " @" + block,
        new Step.Dispatch(Origin.root(), new BalancesCall.ForceSetBalance(id(who), free)));
  }

  /**
   * Seed 003 lets a request event (RequestFailed, the cancellation timer) reach a sale in {@code
   * state}; here {@code state} moves on within the block it is entered, so no sale is ever left in
   * it at a block's end, where such an event would reach it.
   */
  static void assertNeverWaitsIn(SaleState state) {
    AgentNetwork n = network(7, 200, 3, 60).agent("sp-1", "storage-provider", Map.of());
    var timeline = n.watch("sp-1");
    assertThat(n.run().failure()).isEmpty();
    assertThat(n.provider("sp-1").sales().filter(s -> s.history().contains(state))).hasSize(3);
    for (var states : timeline.values()) assertThat(states.values()).doesNotContain(state);
  }

  @Test
  @DisplayName("a sale goes through seed 003's happy path, waiting only where the chain makes it")
  void aSaleGoesThroughSeed003sHappyPath() {
    AgentNetwork n = network(7, 200, 2, 60).agent("sp-1", "storage-provider", Map.of());
    var timeline = n.watch("sp-1");
    assertThat(n.run().failure()).isEmpty();
    Vector<Sale> sales = n.provider("sp-1").sales();
    assertThat(sales).hasSize(2).allSatisfy(s -> assertThat(s.history()).isEqualTo(HAPPY_PATH));
    // the others wait for the chain: the transfer, the seed, the deal's term
    for (Sale s : sales) {
      assertThat(blocksIn(timeline, s, new SaleDownloading())).hasSize(2); // transfer-blocks 2
      assertThat(blocksIn(timeline, s, new SaleFilling())).isNotEmpty();
      assertThat(blocksIn(timeline, s, new SaleProving())).isNotEmpty();
    }
  }

  @Nested
  @DisplayName("SalePreparing")
  class Preparing {
    @Test
    @DisplayName(
        "never switches to SaleFailed or SaleCancelled: it moves on in the block it is entered")
    void neverSwitchesToSaleFailedOrSaleCancelled() {
      assertNeverWaitsIn(new SalePreparing());
    }

    @Test
    @DisplayName(
        "switches to SaleIgnored when no availability matches; the item, re-queued as seen, is taken once a deal frees space")
    void switchesToSaleIgnoredWhenNoAvailabilityMatches() {
      java.util.List<String> samples = new ArrayList<>();
      AgentNetwork n =
          new AgentNetwork(2, 260, java.util.List.of("client-1", "sp-1"))
              .agent(
                  "client-1",
                  "client",
                  Map.of("max-requests", 1, "pieces", 2, "duration", 60, "expiry", 300))
              .agent("sp-1", "storage-provider", Map.of("capacity", "2 KIB"));
      n.actor(
          "probe",
          ctx -> {
            var q = n.provider("sp-1").queue();
            samples.add(
                ctx.blockNumber()
                    + ":"
                    + (q.isPaused() ? "paused" : "running")
                    + ":"
                    + q.items().map(i -> i.seen() ? "seen" : "unseen").mkString(","));
          });
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      Vector<Sale> sales = n.provider("sp-1").sales();
      assertThat(sales).hasSize(3);
      assertThat(sales.get(0).history()).isEqualTo(HAPPY_PATH);
      assertThat(sales.get(1).history()).containsExactly(new SalePreparing(), new SaleIgnored());
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
    @DisplayName("switches to SaleSlotReserving when an availability matches, the one that fits")
    void switchesToSaleSlotReservingWhenAnAvailabilityMatches() {
      AgentNetwork n =
          network(1, 3, 1, 60)
              .agent(
                  "sp-1",
                  "storage-provider",
                  Map.of(
                      "transfer-blocks",
                      5,
                      "availabilities",
                      java.util.List.of(
                          Map.of("capacity", "8 KIB", "min-duration", 100),
                          Map.of("capacity", "8 KIB"))));
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history())
          .containsExactly(new SalePreparing(), new SaleSlotReserving(), new SaleDownloading());
      // the first availability takes no 60-block deal: the second holds the reservation
      var reservations = n.provider("sp-1").reservations();
      assertThat(reservations.reservations()).hasSize(1);
      assertThat(reservations.reservations().head().availability()).isEqualTo(2);
      assertThat(reservations.availabilities().head().freeSize()).isEqualTo(8 * Units.KIB);
    }

    @Test
    @DisplayName("switches to SaleIgnored when the deal would outlive the longest sector")
    void switchesToSaleIgnoredWhenTheDealWouldOutliveTheLongestSector() {
      long longest = StorageRuntime.Configs.testnet().storageProvider().maxSectorExpiration();
      AgentNetwork n = network(1, 5, 1, longest + 1).agent("sp-1", "storage-provider", Map.of());
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history()).containsExactly(new SalePreparing(), new SaleIgnored());
      assertThat(sale.reason()).isEqualTo("longer than a sector may live");
    }
  }

  @Nested
  @DisplayName("SaleSlotReserving")
  class SlotReserving {
    @Test
    @DisplayName(
        "never switches to SaleFailed or SaleCancelled: it moves on in the block it is entered")
    void neverSwitchesToSaleFailedOrSaleCancelled() {
      assertNeverWaitsIn(new SaleSlotReserving());
    }

    @Test
    @DisplayName(
        "switches to SaleDownloading once the piece is taken and bytes and collateral reserved")
    void switchesToSaleDownloadingOnceThePieceIsTaken() {
      AgentNetwork n =
          network(1, 3, 1, 60).agent("sp-1", "storage-provider", Map.of("transfer-blocks", 5));
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.state()).isEqualTo(new SaleDownloading());
      DealBoard.Piece piece = n.board().pieces(1).head();
      assertThat(piece.state()).isEqualTo(PieceState.TAKEN);
      assertThat(piece.provider()).contains(id("sp-1"));
      var reservation = n.provider("sp-1").reservations().reservations().head();
      DealBoard.StorageRequest request = sale.request().get();
      assertThat(reservation.size()).isEqualTo(request.pieceSize());
      assertThat(reservation.collateral()).isEqualTo(request.providerCollateral());
    }

    @Test
    @DisplayName("switches to SaleIgnored when the piece is no longer offered, reserving nothing")
    void switchesToSaleIgnoredWhenThePieceIsNoLongerOffered() {
      // the provider acts before the client. Block 2: it sees the piece posted at block 1, finds
      // no availability (1 KiB for a 2 KiB piece) and re-queues it as seen. Block 6 is the
      // request's expiry (posted at 1, expiry 5): an availability is added first, the queue
      // resumes, the piece is prepared again and fits, but it is no longer offered
      AgentNetwork n =
          new AgentNetwork(1, 8, java.util.List.of("client-1", "sp-1"))
              .agent("sp-1", "storage-provider", Map.of("capacity", "1 KIB"))
              .agent("client-1", "client", Map.of("max-requests", 1, "expiry", 5));
      n.builder.step(command(6, "sp-1", "add-availability", Map.of("capacity", "4 KIB")));
      assertThat(n.run().failure()).isEmpty();
      assertThat(n.board().request(1).get().expiry()).isEqualTo(6);
      Vector<Sale> sales = n.provider("sp-1").sales();
      assertThat(sales).hasSize(2);
      assertThat(sales.get(0).history()).containsExactly(new SalePreparing(), new SaleIgnored());
      assertThat(sales.get(1).history())
          .containsExactly(new SalePreparing(), new SaleSlotReserving(), new SaleIgnored());
      assertThat(sales.get(1).reason()).isEqualTo("piece no longer offered");
      assertThat(n.provider("sp-1").reservations().reservations()).isEmpty();
      assertThat(n.provider("sp-1").queue().size()).isZero();
      assertThat(n.board().pieces(1).head().state()).isEqualTo(PieceState.EXPIRED);
    }
  }

  @Nested
  @DisplayName("SaleDownloading")
  class Downloading {
    @Test
    @DisplayName("switches to SaleCancelled when the request expires before the piece arrives")
    void switchesToSaleCancelledWhenTheRequestExpires() {
      // the provider acts before the client: it finds the request expired before the client
      // withdraws it
      AgentNetwork n =
          new AgentNetwork(1, 10, java.util.List.of("client-1", "sp-1"))
              .agent("sp-1", "storage-provider", Map.of("transfer-blocks", 2))
              .agent("client-1", "client", Map.of("max-requests", 1, "expiry", 3));
      assertThat(n.run().failure()).isEmpty();
      Sale sale = n.provider("sp-1").sales().head();
      assertThat(sale.history())
          .containsExactly(
              new SalePreparing(),
              new SaleSlotReserving(),
              new SaleDownloading(),
              new SaleCancelled());
      assertThat(sale.reason()).isEqualTo("request expired");
      assertCleanedUp(n.provider("sp-1"), 0);
      assertThat(n.board().pieces(1).head().state()).isEqualTo(PieceState.EXPIRED);
    }

    @Test
    @DisplayName("switches to SaleCancelled when the request is withdrawn during the transfer")
    void switchesToSaleCancelledWhenTheRequestIsWithdrawn() {
      AgentNetwork n =
          new AgentNetwork(1, 20, java.util.List.of("client-1", "sp-1"))
              .agent("client-1", "client", Map.of("max-requests", 1, "expiry", 3))
              .agent("sp-1", "storage-provider", Map.of("transfer-blocks", 5));
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      Sale sale = n.provider("sp-1").sales().head();
      assertThat(sale.history())
          .containsExactly(
              new SalePreparing(),
              new SaleSlotReserving(),
              new SaleDownloading(),
              new SaleCancelled());
      assertThat(sale.reason()).isEqualTo("request withdrawn");
      assertCleanedUp(n.provider("sp-1"), 0);
      assertThat(n.board().pieces(1).head().state()).isEqualTo(PieceState.EXPIRED);
      assertThat(result.metrics().counter("requests.expired")).isEqualTo(1);
      assertThat(published(n)).isEmpty();
    }

    @Test
    @DisplayName(
        "switches to SaleErrored when the publication fails for the provider's own reason; another provider takes the piece")
    void switchesToSaleErroredWhenThePublicationFails() {
      AgentNetwork n =
          new AgentNetwork(1, 200, java.util.List.of("client-1", "sp-1", "sp-2"))
              .agent("client-1", "client", Map.of("max-requests", 1, "duration", 60))
              .agent("sp-1", "storage-provider", Map.of("register", false))
              .agent("sp-2", "storage-provider", Map.of());
      assertThat(n.run().failure()).isEmpty();
      StorageProviderAgent sp1 = n.provider("sp-1");
      assertThat(sp1.sales()).hasSize(1);
      Sale errored = sp1.sales().head();
      assertThat(errored.history())
          .containsExactly(
              new SalePreparing(),
              new SaleSlotReserving(),
              new SaleDownloading(),
              new SaleErrored());
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
    @DisplayName(
        "switches to SaleFailed when the market refuses the client's side of the deal (seed 003's RequestFailed)")
    void switchesToSaleFailedWhenTheMarketRefusesTheClientsSide() {
      AgentNetwork n =
          new AgentNetwork(1, 30, java.util.List.of("client-1", "sp-1"))
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
          .containsExactly(
              new SalePreparing(),
              new SaleSlotReserving(),
              new SaleDownloading(),
              new SaleFailed());
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
    @DisplayName(
        "switches to SaleInitialProving once the piece has arrived and the deal is published")
    void switchesToSaleInitialProvingOnceTheDealIsPublished() {
      AgentNetwork n = network(2, 4, 1, 60).agent("sp-1", "storage-provider", Map.of());
      var timeline = n.watch("sp-1");
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history())
          .startsWith(
              new SalePreparing(),
              new SaleSlotReserving(),
              new SaleDownloading(),
              new SaleInitialProving());
      // taken at block 1, published when the transfer ends (transfer-blocks 2)
      assertThat(blocksIn(timeline, sale, new SaleDownloading())).containsExactly(1L, 2L);
      var published = n.events(MarketEvent.DealPublished.class);
      assertThat(published)
          .extracting(MarketEvent.DealPublished::dealId)
          .containsExactly(sale.dealId());
      long publishedAt =
          n.blocks()
              .find(b -> !b.eventsOf(MarketEvent.DealPublished.class).isEmpty())
              .get()
              .number();
      assertThat(publishedAt).isEqualTo(3);
      assertThat(n.board().pieces(1).head().state()).isEqualTo(PieceState.PUBLISHED);
    }

    @Test
    @DisplayName("never jumps to SaleFilled: only the provider holding a piece can have it signed")
    void neverJumpsToSaleFilledBecauseOnlyTheHolderCanHaveThePieceSigned() {
      // seed 003 moves a downloading sale to SaleFilled when another host fills the slot; on the
      // board a taken piece is signed for its holder only, so no other provider can publish it
      AgentNetwork n =
          network(1, 2, 1, 60).agent("sp-1", "storage-provider", Map.of("transfer-blocks", 5));
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.state()).isEqualTo(new SaleDownloading());
      var proposal =
          new dev.palletsim.market.DealProposal(
              sale.request().get().pieceCid(0),
              sale.request().get().pieceSize(),
              false,
              id("client-1"),
              id("sp-2"),
              sale.piece().get().label(),
              50,
              110,
              sale.request().get().pricePerBlock(),
              sale.request().get().providerCollateral(),
              0);
      var signing = n.board().requestSignature(sale.piece().get(), id("sp-2"), proposal, 2);
      assertThat(signing).isInstanceOf(DealBoard.Signing.Refused.class);
      assertThat(((DealBoard.Signing.Refused) signing).reason())
          .contains("not taken by the caller");
    }
  }

  @Nested
  @DisplayName("SaleInitialProving")
  class InitialProving {
    @Test
    @DisplayName(
        "switches to SaleFilling once the sector is pre-committed, provable after the seed")
    void switchesToSaleFillingOnceTheSectorIsPreCommitted() {
      AgentNetwork n = network(2, 5, 1, 60).agent("sp-1", "storage-provider", Map.of());
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.state()).isEqualTo(new SaleFilling());
      var preCommitted = n.events(StorageProviderEvent.SectorsPreCommitted.class);
      assertThat(preCommitted).hasSize(1);
      assertThat(preCommitted.head().sectorNumbers()).containsExactly(sale.sector());
      // pre-committed in the block the deal was published
      assertThat(preCommitted.head().block()).isEqualTo(3);
    }

    @Test
    @DisplayName("switches to SaleFailed when the deal times out before its sector can be sealed")
    void switchesToSaleFailedWhenTheDealTimesOutBeforeItsSectorCanBeSealed() {
      // a deal starting 5 blocks after publication cannot be proven before it starts: the
      // interactive seed comes pre-commit-challenge-delay (10) blocks after a pre-commit
      AgentNetwork n =
          network(3, 120, 1, 60).agent("sp-1", "storage-provider", Map.of("start-delay", 5));
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history())
          .endsWith(new SaleDownloading(), new SaleInitialProving(), new SaleFailed());
      assertThat(sale.reason()).isEqualTo("deal timed out");
      assertThat(result.metrics().counter("sp.too_late_to_seal")).isEqualTo(1);
      assertThat(n.events(StorageProviderEvent.SectorsPreCommitted.class)).isEmpty();
      var timedOut = n.events(MarketEvent.DealTimedOut.class);
      assertThat(timedOut)
          .extracting(MarketEvent.DealTimedOut::dealId)
          .containsExactly(sale.dealId());
      MarketConfig market = n.runtime.pallet(MarketPallet.class).config();
      long collateral = sale.proposal().get().providerCollateral();
      assertThat(sale.slashed())
          .isEqualTo(timedOut.head().slashed())
          .isEqualTo(collateral * market.timeoutPenaltyPercent() / 100);
      // the slashed collateral left the availability's budget, the bytes came back
      var a = n.provider("sp-1").reservations().availabilities().head();
      assertThat(a.totalCollateral() - a.remainingCollateral()).isEqualTo(sale.slashed());
      assertThat(a.freeSize()).isEqualTo(a.totalSize());
    }

    @Test
    @DisplayName("switches to SaleErrored when the pre-commit is refused")
    void switchesToSaleErroredWhenThePreCommitIsRefused() {
      // published at block 3 with the escrow topped up; before that, Root leaves the provider
      // just the existential deposit, the deal's collateral and 0.05 TOKEN for transaction fees:
      // nothing for the pre-commit deposit
      AgentNetwork n =
          new AgentNetwork(1, 6, java.util.List.of("client-1", "sp-1"))
              .agent(
                  "client-1",
                  "client",
                  Map.of("max-requests", 1, "duration", 60, "provider-collateral", "1 TOKEN"))
              .agent("sp-1", "storage-provider", Map.of("collateral-budget", "100 TOKEN"));
      long ed = n.runtime.config().existentialDeposit();
      n.builder.step(setBalance(2, "sp-1", ed + Units.TOKEN + 5 * Units.TOKEN / 100));
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history())
          .endsWith(new SaleDownloading(), new SaleInitialProving(), new SaleErrored());
      assertThat(sale.reason()).startsWith("pre-commit failed").contains("InsufficientFunds");
      assertThat(n.events(MarketEvent.DealPublished.class)).hasSize(1);
      assertThat(n.provider("sp-1").reservations().reservations()).isEmpty();
    }

    @Test
    @DisplayName("is not cancelled by a request withdrawn after publication: the deal runs on")
    void isNotCancelledByARequestWithdrawnAfterPublication() {
      // seed 003 cancels a sale at the request's expiry in every state; a Filecoin deal once
      // published is the chain's: the client's withdrawal leaves it running
      AgentNetwork n = network(4, 160, 1, 60).agent("sp-1", "storage-provider", Map.of());
      n.builder.step(command(4, "client-1", "withdraw-requests", Map.of()));
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history()).isEqualTo(HAPPY_PATH);
      assertThat(n.events(MarketEvent.DealCompleted.class)).hasSize(1);
    }
  }

  @Nested
  @DisplayName("SaleFilling")
  class Filling {
    @Test
    @DisplayName(
        "switches to SaleFailed when the deal times out before it is proven; its slashed collateral leaves the budget")
    void switchesToSaleFailedWhenTheDealTimesOutBeforeItIsProven() {
      AgentNetwork n =
          new AgentNetwork(8, 120, java.util.List.of("client-1", "sp-1"))
              .agent("client-1", "client", Map.of("max-requests", 1, "duration", 60))
              .agent("sp-1", "storage-provider", Map.of());
      // published and pre-committed at block 3; offline before the seed allows the prove-commit,
      // and until the deal (id 0) has timed out at its first cron visit, next_update_epoch(0, 100,
      // start) = block 100
      n.builder.step(command(4, "sp-1", "go-offline", Map.of("blocks", 100)));
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      Sale sale = n.provider("sp-1").sales().head();
      assertThat(sale.history()).isEqualTo(HAPPY_PATH.take(5).append(new SaleFailed()));
      assertThat(sale.reason()).isEqualTo("deal timed out");
      var timedOut = n.events(MarketEvent.DealTimedOut.class);
      assertThat(timedOut)
          .extracting(MarketEvent.DealTimedOut::dealId)
          .containsExactly(sale.dealId());
      assertCleanedUp(n.provider("sp-1"), timedOut.head().slashed());
      assertThat(result.metrics().counter("sales.failed.deal-timed-out")).isEqualTo(1);
    }

    @Test
    @DisplayName("switches to SaleFilled once its prove-commit activates the deal")
    void switchesToSaleFilledOnceItsProveCommitActivatesTheDeal() {
      AgentNetwork n = network(2, 20, 1, 60).agent("sp-1", "storage-provider", Map.of());
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history())
          .containsSubsequence(new SaleFilling(), new SaleFilled(), new SaleProving());
      assertThat(sale.activated()).isTrue();
      StorageProviderConfig c = n.runtime.pallet(StorageProviderPallet.class).config();
      // pre-committed at block 3: proven in the first block after its interactive seed
      var activated = n.blocks().find(b -> !b.eventsOf(MarketEvent.DealActivated.class).isEmpty());
      assertThat(activated.get().number()).isEqualTo(3 + c.preCommitChallengeDelay() + 1);
      assertThat(result.metrics().counter("sp.sectors_proven")).isEqualTo(1);
    }

    @Test
    @DisplayName(
        "switches to SaleFilled when it finds its deal activated on chain (seed 003's SlotFilled)")
    void switchesToSaleFilledWhenItFindsItsDealActivatedOnChain() {
      // another node of the same provider (its operator by hand) proves the sector first, in the
      // block the seed allows it, before the agent acts
      AtomicReference<DispatchOutcome> byHand = new AtomicReference<>();
      AgentNetwork n = network(2, 20, 1, 60);
      n.actor(
          "operator",
          ctx -> {
            if (byHand.get() != null) return;
            ProviderOps ops = new ProviderOps(ctx.chain().runtime());
            for (Sale s : n.provider("sp-1").sales()) {
              if (!(s.state() instanceof SaleFilling)) continue;
              long now = ctx.blockNumber();
              var provable = ops.firstProvableBlock(ctx.view(), id("sp-1"), s.sector());
              if (!provable.exists(b -> now >= b)) continue;
              var proof = ops.proveCommit(ctx.view(), id("sp-1"), s.sector(), now);
              byHand.set(
                  ctx.submit(
                      id("sp-1"),
                      new StorageProviderCall.ProveCommitSectors(List.of(proof.get()))));
            }
          });
      n.agent("sp-1", "storage-provider", Map.of());
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      assertThat(byHand.get().isSuccess()).as(byHand.get().toString()).isTrue();
      Sale sale = onlySale(n);
      assertThat(sale.history())
          .containsSubsequence(new SaleFilling(), new SaleFilled(), new SaleProving());
      // the agent did not prove it itself
      assertThat(result.metrics().counter("sp.sectors_proven")).isZero();
      assertThat(n.events(StorageProviderEvent.SectorsProven.class)).hasSize(1);
    }

    @Test
    @DisplayName("switches to SaleErrored when the prove-commit is refused")
    void switchesToSaleErroredWhenTheProveCommitIsRefused() {
      // pre-committed at block 3; then Root leaves the provider only the existential deposit and
      // 0.1 TOKEN for transaction fees: the prove-commit cannot lock the initial pledge
      AgentNetwork n = network(2, 20, 1, 60).agent("sp-1", "storage-provider", Map.of());
      n.builder.step(
          setBalance(4, "sp-1", n.runtime.config().existentialDeposit() + Units.TOKEN / 10));
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history()).endsWith(new SaleFilling(), new SaleErrored());
      assertThat(sale.reason()).startsWith("prove-commit failed").contains("InsufficientFunds");
      assertThat(n.events(MarketEvent.DealActivated.class)).isEmpty();
    }

    @Test
    @DisplayName("stays in SaleFilling after an invalid PoRep and proves again in the next block")
    void staysInSaleFillingAfterAnInvalidPoRepAndProvesAgainInTheNextBlock() {
      // every second PoRep is invalid: sector 1's (the 1st) passes, sector 2's 2nd is rejected
      // and its 3rd passes, sector 3's 4th is rejected and its 5th passes
      AgentNetwork n =
          network(5, 60, 3, 60).agent("sp-1", "storage-provider", Map.of("invalid-porep-every", 2));
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      Vector<DispatchOutcome> attempts =
          n.blocks()
              .flatMap(BlockRecord::extrinsics)
              .filter(x -> x.call() instanceof StorageProviderCall.ProveCommitSectors);
      assertThat(attempts).hasSize(5);
      assertThat(attempts.map(DispatchOutcome::isSuccess))
          .containsExactly(true, false, true, false, true);
      for (int i : new int[] {1, 3}) {
        assertThat(attempts.get(i).failedWith(StorageProviderError.InvalidProof)).isTrue();
        assertThat(attempts.get(i + 1).block()).isEqualTo(attempts.get(i).block() + 1);
      }
      assertThat(result.metrics().counter("porep.invalid")).isEqualTo(2);
      assertThat(n.provider("sp-1").sales())
          .hasSize(3)
          .allSatisfy(
              s -> assertThat(s.history()).containsSubsequence(new SaleFilling(), new SaleFilled()))
          .allSatisfy(s -> assertThat(s.history()).doesNotContain(new SaleErrored()));
    }

    @Test
    @DisplayName(
        "switches to SaleErrored when every PoRep is invalid until the prove-commit window closes")
    void switchesToSaleErroredWhenEveryPoRepIsInvalid() {
      AgentNetwork n =
          network(5, 130, 1, 60)
              .agent("sp-1", "storage-provider", Map.of("invalid-porep-every", 1));
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      StorageProviderConfig c = n.runtime.pallet(StorageProviderPallet.class).config();
      // pre-committed at block 3: provable from the block after the seed, 3 + delay + 1, to 3 +
      // max-prove-commit-duration; one rejected attempt per block, then the window is closed
      long first = 3 + c.preCommitChallengeDelay() + 1;
      long last = 3 + c.maxProveCommitDuration();
      Vector<DispatchOutcome> attempts =
          n.blocks()
              .flatMap(BlockRecord::extrinsics)
              .filter(x -> x.call() instanceof StorageProviderCall.ProveCommitSectors);
      assertThat(attempts.filter(x -> x.failedWith(StorageProviderError.InvalidProof)))
          .extracting(DispatchOutcome::block)
          .isEqualTo(List.rangeClosed(first, last).toJavaList());
      assertThat(result.metrics().counter("porep.invalid")).isEqualTo(last - first + 2);
      Sale sale = onlySale(n);
      assertThat(sale.history()).endsWith(new SaleFilling(), new SaleErrored());
      assertThat(sale.reason()).contains("ProveCommitTooLate");
      // the chain burns the unproven pre-commit's deposit and times the deal out
      assertThat(n.events(StorageProviderEvent.PreCommitsExpired.class)).hasSize(1);
      assertThat(n.events(StorageProviderEvent.PreCommitsExpired.class).head().depositSlashed())
          .isPositive();
      assertThat(n.events(MarketEvent.DealTimedOut.class)).hasSize(1);
    }

    @Test
    @DisplayName("never switches to SaleIgnored: no other provider can fill its slot")
    void neverSwitchesToSaleIgnoredBecauseNoOtherProviderCanFillItsSlot() {
      // seed 003 ignores a sale whose slot another host filled first; a Filecoin deal names its
      // provider, and another provider's pre-commit of it is refused by the market
      AtomicReference<DispatchOutcome> stolen = new AtomicReference<>();
      AgentNetwork n =
          network(2, 20, 1, 60)
              .agent("sp-1", "storage-provider", Map.of())
              .agent("sp-2", "storage-provider", Map.of("capacity", 0));
      n.actor(
          "thief",
          ctx -> {
            if (stolen.get() != null || ctx.blockNumber() < 4) return;
            Sale s = n.provider("sp-1").sales().head();
            ProviderOps ops = new ProviderOps(ctx.chain().runtime());
            var info =
                ops.preCommit(
                    ctx.view(),
                    id("sp-2"),
                    1,
                    List.of(s.dealId()),
                    s.proposal().get().endBlock() + 60,
                    ctx.blockNumber());
            stolen.set(
                ctx.submit(id("sp-2"), new StorageProviderCall.PreCommitSectors(List.of(info))));
          });
      assertThat(n.run().failure()).isEmpty();
      assertThat(stolen.get().isSuccess()).isFalse();
      assertThat(stolen.get().error().get().describe()).startsWith("Market");
      assertThat(onlySale(n).history())
          .containsSubsequence(new SaleFilling(), new SaleFilled(), new SaleProving());
    }
  }

  @Nested
  @DisplayName("SaleFilled")
  class Filled {
    @Test
    @DisplayName(
        "never switches to SaleFailed or SaleCancelled: it moves on in the block it is entered")
    void neverSwitchesToSaleFailedOrSaleCancelled() {
      assertNeverWaitsIn(new SaleFilled());
    }

    @Test
    @DisplayName("switches to SaleProving when the provider makes every proof valid")
    void switchesToSaleProving() {
      AgentNetwork n = network(2, 20, 1, 60).agent("sp-1", "storage-provider", Map.of());
      assertThat(n.run().failure()).isEmpty();
      assertThat(onlySale(n).history()).containsSubsequence(new SaleFilled(), new SaleProving());
    }

    @Test
    @DisplayName("switches to SaleProvingSimulated when the provider makes Window PoSts invalid")
    void switchesToSaleProvingSimulated() {
      AgentNetwork n =
          network(2, 20, 1, 60)
              .agent("sp-1", "storage-provider", Map.of("invalid-post-probability", 0.25));
      assertThat(n.run().failure()).isEmpty();
      assertThat(onlySale(n).history())
          .containsSubsequence(new SaleFilled(), new SaleProvingSimulated())
          .doesNotContain(new SaleProving());
    }
  }

  @Nested
  @DisplayName("SaleProving")
  class Proving {
    @Test
    @DisplayName(
        "switches to SaleFailed when its sector is terminated (seed 003's SlotFreedError), the deal with it")
    void switchesToSaleFailedWhenItsSectorIsTerminated() {
      AgentNetwork n =
          new AgentNetwork(4, 400, java.util.List.of("client-1", "sp-1"))
              .agent("client-1", "client", Map.of("max-requests", 1, "duration", 400))
              .agent(
                  "sp-1", "storage-provider", Map.of("miss-post-every", 1, "auto-recover", false));
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      Sale sale = n.provider("sp-1").sales().head();
      assertThat(sale.history()).isEqualTo(HAPPY_PATH.take(7).append(new SaleFailed()));
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
    @DisplayName("switches to SalePayout at the deal's end block, and the settlement finishes it")
    void switchesToSalePayoutAtTheDealsEndBlock() {
      AgentNetwork n = network(2, 100, 1, 60).agent("sp-1", "storage-provider", Map.of());
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history()).endsWith(new SaleProving(), new SalePayout(), new SaleFinished());
      // under FIP-0074 the provider settles at once: the deal completes in its end block
      var completed = n.blocks().find(b -> !b.eventsOf(MarketEvent.DealCompleted.class).isEmpty());
      assertThat(completed.get().number()).isEqualTo(sale.proposal().get().endBlock());
      assertThat(sale.paid()).isEqualTo(sale.proposal().get().totalStorageFee());
    }
  }

  @Nested
  @DisplayName("SaleProvingSimulated")
  class ProvingSimulated {
    @Test
    @DisplayName(
        "makes every N-th Window PoSt invalid: rejected, detected faulty, penalised, recovered")
    void makesEveryNthWindowPoStInvalid() {
      AgentNetwork n =
          network(4, 360, 1, 300)
              .agent("sp-1", "storage-provider", Map.of("invalid-post-every", 2));
      SimulationResult result = n.run();
      assertThat(result.failure()).isEmpty();
      Vector<DispatchOutcome> posts =
          n.blocks()
              .flatMap(BlockRecord::extrinsics)
              .filter(x -> x.call() instanceof StorageProviderCall.SubmitWindowedPost);
      // the 2nd, 4th, 6th … are invalid and rejected; the others are accepted
      for (int i = 0; i < posts.size(); i++) {
        boolean invalid = (i + 1) % 2 == 0;
        assertThat(posts.get(i).isSuccess()).as("PoSt " + (i + 1)).isEqualTo(!invalid);
        if (invalid) {
          assertThat(posts.get(i).failedWith(StorageProviderError.InvalidProof)).isTrue();
        }
      }
      long rejected = posts.count(x -> !x.isSuccess());
      assertThat(rejected).isGreaterThan(2);
      assertThat(result.metrics().counter("post.invalid")).isEqualTo(rejected);
      assertThat(result.metrics().counter("post.failed")).isZero();
      // each rejected PoSt leaves its deadline unproven: detected faulty, penalised, recovered
      var detected = n.events(StorageProviderEvent.FaultsDetected.class);
      assertThat(detected).hasSize((int) rejected);
      assertThat(
              n.events(StorageProviderEvent.PenaltyCharged.class)
                  .filter(
                      e ->
                          e.kind()
                              == dev.palletsim.storageprovider.PenaltyKind.DetectedFaultPenalty))
          .hasSize((int) rejected);
      assertThat(n.events(StorageProviderEvent.SectorsRecovered.class)).isNotEmpty();
      assertThat(onlySale(n).history())
          .endsWith(
              new SaleFilled(), new SaleProvingSimulated(), new SalePayout(), new SaleFinished());
    }

    @Test
    @DisplayName(
        "switches to SaleFailed when every Window PoSt is invalid and the sector is terminated")
    void switchesToSaleFailedWhenEveryWindowPoStIsInvalid() {
      AgentNetwork n =
          network(4, 400, 1, 400)
              .agent("sp-1", "storage-provider", Map.of("invalid-post-every", 1));
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history()).endsWith(new SaleProvingSimulated(), new SaleFailed());
      assertThat(sale.reason()).isEqualTo("sector terminated");
      assertThat(n.events(StorageProviderEvent.SectorsTerminated.class).head().reason())
          .isEqualTo(dev.palletsim.storageprovider.TerminationReason.FaultMaxAge);
    }
  }

  @Nested
  @DisplayName("SalePayout")
  class Payout {
    @Test
    @DisplayName(
        "switches to SaleFinished when the market's cron completes the deal; under the legacy regime the provider only watches")
    void switchesToSaleFinishedWhenTheMarketsCronCompletesTheDeal() {
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
          new AgentNetwork(
                  StorageRuntime.build(configs), 10, 310, java.util.List.of("client-1", "sp-1"), 2)
              .agent(
                  "client-1", "client", Map.of("max-requests", 2, "post-every", 10, "duration", 80))
              .agent("sp-1", "storage-provider", Map.of("settle-every", 20));
      var timeline = n.watch("sp-1");
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
        // in payout from its end block until the cron completes it; finished at the next
        // block's reconcile
        long end = s.proposal().get().endBlock();
        long completed =
            n.blocks()
                .find(
                    b ->
                        b.eventsOf(MarketEvent.DealCompleted.class)
                            .exists(e -> e.dealId() == s.dealId()))
                .get()
                .number();
        assertThat(completed).isGreaterThan(end);
        assertThat(blocksIn(timeline, s, new SalePayout()))
            .containsExactlyElementsOf(List.rangeClosed(end, completed));
      }
    }
  }

  @Nested
  @DisplayName("SaleFailed")
  class Failed {
    @Test
    @DisplayName(
        "is terminal: the market already ended the deal, so it does not move on to SaleErrored")
    void isTerminal() {
      AgentNetwork n =
          network(3, 140, 1, 60).agent("sp-1", "storage-provider", Map.of("start-delay", 5));
      var timeline = n.watch("sp-1");
      assertThat(n.run().failure()).isEmpty();
      Sale sale = onlySale(n);
      assertThat(sale.history().last()).isEqualTo(new SaleFailed());
      assertThat(sale.history()).doesNotContain(new SaleErrored());
      long failedAt = blocksIn(timeline, sale, new SaleFailed()).head();
      // it stays failed to the end of the run
      assertThat(blocksIn(timeline, sale, new SaleFailed()))
          .containsExactlyElementsOf(List.rangeClosed(failedAt, 140L));
    }
  }
}
