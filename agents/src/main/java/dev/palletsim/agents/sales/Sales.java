package dev.palletsim.agents.sales;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceRef;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.board.DealBoard.StorageRequest;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.storageprovider.SectorPreCommitOnChainInfo;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A storage provider's sales: seed 003's sales module (nim-codex {@code sales.nim}) without the
 * slot queue and reservations, which its agent keeps and hands over. It starts a sale per
 * opportunity the agent takes from its queue ({@link #prepare}) and per deal a restarted agent
 * finds on chain ({@link #resume}), runs each state's per-block action in the order of the deal
 * flow ({@link #advance}), hands each sale what the chain tells about its deal ({@link
 * #reconcile}), and moves sales between states ({@link #move}), counting each phase entered ({@code
 * sales.<phase>}) and cleaning up when a sale ends.
 */
public final class Sales {
  /** How many ended sales {@link #sales()} keeps (the oldest are forgotten beyond it). */
  public static final int RETAINED_ENDED_SALES = 1_000;

  /**
   * The terms of the provider's deals.
   *
   * @param transferBlocks blocks between taking a piece and publishing its deal (data transfer)
   * @param startDelay blocks from publication to the deal's start; −1 derives it from the runtime
   * @param dealsPerSector deals packed into one sector (1: one sector per deal)
   * @param escrowBuffer planck added to escrow beyond what the next deal's collateral needs
   */
  public record Terms(
      long transferBlocks, long startDelay, int dealsPerSector, long escrowBuffer) {}

  /**
   * What the sales record, with units and meanings: {@code sales.<phase>} at every entry into a
   * phase, the reasons of failures, and the counters of the states' own extrinsics; summed over all
   * providers. Part of the storage provider agent type's declarations.
   */
  public static final java.util.List<MetricInfo> METRICS = metrics();

  private static java.util.List<MetricInfo> metrics() {
    java.util.List<MetricInfo> m = new java.util.ArrayList<>();
    for (SalePhase p : SalePhase.values()) {
      m.add(
          MetricInfo.counter(
              "sales." + p.metricName(),
              "sales",
              "sales that entered phase " + p.metricName() + ", " + p.description()));
    }
    m.add(
        MetricInfo.counter(
            "sales.failed.market-refused",
            "sales",
            "sales failed because the market refused the client's side of the deal"));
    m.add(
        MetricInfo.counter(
            "sales.failed.deal-timed-out",
            "sales",
            "sales failed because the deal was not activated by its start block (collateral"
                + " slashed by the market's timeout penalty)"));
    m.add(
        MetricInfo.counter(
            "sales.failed.sector-terminated",
            "sales",
            "sales failed because their sector was terminated (provider collateral slashed)"));
    m.add(
        MetricInfo.counter("deals.published", "deals", "deals published (publish_storage_deals)"));
    m.add(
        MetricInfo.counter(
            "porep.invalid",
            "extrinsics",
            "prove-commits submitted with an invalid PoRep on purpose (invalid-porep-every,"
                + " invalid-porep-probability); the chain rejects each and the provider proves"
                + " again in the next block"));
    m.add(
        MetricInfo.counter(
            "sp.escrow_added_planck",
            MetricInfo.PLANCK,
            "planck the providers added to their market escrow for provider collateral"));
    m.add(
        MetricInfo.counter(
            "sp.signature_refused",
            "proposals",
            "proposals the client refused to sign (terms no longer match, or the request"
                + " expired)"));
    m.add(
        MetricInfo.counter(
            "sp.too_late_to_seal",
            "deals",
            "published deals that could not be sealed before their start block (the market times"
                + " them out)"));
    m.add(MetricInfo.counter("sp.sectors_pre_committed", "sectors", "sectors pre-committed"));
    m.add(
        MetricInfo.counter(
            "sp.sectors_proven", "sectors", "sectors prove-committed (their deals activated)"));
    return java.util.List.copyOf(m);
  }

  private final AccountId me;
  private final Reservations reservations;
  private final OpportunityQueue queue;
  private final Terms terms;
  private final InvalidProofs invalidProofs;

  private final TreeMap<Long, Sale> sales = new TreeMap<>();
  // the sales not yet ended, by state and then number: every block reads them by state
  private final Map<SaleState, TreeMap<Long, Sale>> liveByState = new LinkedHashMap<>();
  private final TreeMap<Long, Sale> byDeal = new TreeMap<>();
  private final TreeMap<Long, Sale> everyDeal = new TreeMap<>();
  private final TreeSet<PieceRef> gaveUp = new TreeSet<>();
  private final ArrayDeque<Long> ended = new ArrayDeque<>();
  private final TreeMap<SalePhase, Long> endedCounts = new TreeMap<>();
  private final TreeMap<Long, SaleEvent.DealEnded> endedOnChain = new TreeMap<>();
  private long nextSaleId = 1;
  private long nextSector = 1;

  private ProviderOps ops;
  private DealBoard board;
  private long startDelay;

  /**
   * The sales of provider {@code me}, reserving on {@code reservations}, re-queueing on {@code
   * queue}, on {@code terms}, making the invalid proofs {@code invalidProofs} asks for.
   */
  public Sales(
      AccountId me,
      Reservations reservations,
      OpportunityQueue queue,
      Terms terms,
      InvalidProofs invalidProofs) {
    this.me = me;
    this.reservations = reservations;
    this.queue = queue;
    this.terms = terms;
    this.invalidProofs = invalidProofs;
  }

  /** Finds the pallets of {@code runtime} and the run's {@code board}: before anything else. */
  public void connect(Runtime runtime, DealBoard board) {
    this.ops = new ProviderOps(runtime);
    this.board = board;
    this.startDelay =
        terms.startDelay() >= 0
            ? terms.startDelay()
            : ops.storageProvider().config().preCommitChallengeDelay() + 11;
  }

  // ================================================================== what states use

  AccountId me() {
    return me;
  }

  ProviderOps ops() {
    return ops;
  }

  StorageProviderPallet sp() {
    return ops.storageProvider();
  }

  MarketPallet market() {
    return ops.market();
  }

  DealBoard board() {
    return board;
  }

  Reservations reservations() {
    return reservations;
  }

  OpportunityQueue queue() {
    return queue;
  }

  Terms terms() {
    return terms;
  }

  /** Blocks from publication to a deal's start. */
  long startDelay() {
    return startDelay;
  }

  InvalidProofs invalidProofs() {
    return invalidProofs;
  }

  /** The next sector number to pre-commit. */
  long nextSector() {
    return nextSector;
  }

  /** Sector {@code number} is allocated: the next one follows it. */
  public void sectorAllocated(long number) {
    nextSector = Math.max(nextSector, number + 1);
  }

  /** The deal {@code dealId} of {@code sale} was published. */
  void published(Sale sale, long dealId) {
    sale.dealId(dealId);
    byDeal.put(dealId, sale);
    everyDeal.put(dealId, sale);
  }

  // ================================================================== starting sales

  /** Starts a sale for {@code item}, the best of the queue, in {@link SalePreparing}. */
  public void prepare(SalesContext c, OpportunityQueue.Item item) {
    PieceRef ref = item.piece();
    StorageRequest r = board.request(ref.requestId()).get();
    start(c, Option.some(ref), Option.some(r), new SalePreparing(), null);
  }

  /**
   * Resumes deal {@code dealId} found on chain after a restart: a sale entering {@link SaleUnknown}
   * with its bytes and collateral reserved again and, if {@code preCommit} holds it, its sector.
   */
  public void resume(
      SalesContext c,
      long dealId,
      DealProposal proposal,
      Option<SectorPreCommitOnChainInfo> preCommit) {
    Option<PieceRef> ref = PieceRef.parseLabel(proposal.label());
    Option<StorageRequest> request = ref.flatMap(r -> board.request(r.requestId()));
    start(
        c,
        ref,
        request,
        new SaleUnknown(),
        sale -> {
          sale.proposal(proposal);
          published(sale, dealId);
          reservations.restore(
              sale.id(),
              proposal.pieceSize(),
              proposal.providerCollateral(),
              proposal.duration(),
              proposal.storagePricePerBlock(),
              proposal.endBlock());
          for (SectorPreCommitOnChainInfo pc : preCommit) {
            sale.sector(pc.sectorNumber());
            sale.provableAt(sp().interactiveSeedBlock(pc.preCommitBlock()) + 1);
          }
        });
  }

  private void start(
      SalesContext c,
      Option<PieceRef> ref,
      Option<StorageRequest> request,
      SaleState first,
      java.util.function.Consumer<Sale> known) {
    Sale s = new Sale(nextSaleId++, ref, request, first);
    sales.put(s.id(), s);
    liveByState.computeIfAbsent(first, k -> new TreeMap<>()).put(s.id(), s);
    c.count("sales." + first.phase().metricName());
    if (known != null) known.accept(s);
    first.enter(s, c);
  }

  // ================================================================== every block

  /**
   * Hands every sale holding a deal what the chain tells about it, in deal order: an activation it
   * did not make ({@link SaleEvent.DealActivated}), or the deal gone ({@link SaleEvent.DealEnded}:
   * completed, timed out or terminated, as the market's events said or, failing them, as the deal's
   * last known state tells).
   */
  public void reconcile(SalesContext c) {
    World view = c.view();
    long now = c.now();
    for (Sale s : new ArrayList<>(byDeal.values())) {
      if (!s.state().holdsDeal()) continue;
      if (market().proposal(view, s.dealId()).isDefined()) {
        if (!s.activated() && market().dealState(view, s.dealId()).isDefined()) {
          s.state().on(new SaleEvent.DealActivated(), s, c);
        }
        continue;
      }
      SaleEvent.DealEnded how = endedOnChain.remove(s.dealId());
      DealProposal p = s.proposal().get();
      if (how == null) {
        if (s.activated() && now >= p.endBlock()) {
          how = new SaleEvent.DealEnded(SaleEvent.DealEnded.COMPLETED, 0);
        } else if (!s.activated()) {
          long penalty =
              DealBoard.saturatingMul(
                      p.providerCollateral(), market().config().timeoutPenaltyPercent())
                  / 100;
          how = new SaleEvent.DealEnded("deal timed out", penalty);
        } else {
          how = new SaleEvent.DealEnded("sector terminated", p.providerCollateral());
        }
      }
      s.state().on(how, s, c);
    }
  }

  /**
   * The market ended deal {@code dealId} as {@code how} (from its events); the sale hears of it at
   * the next {@link #reconcile}. Deals of no live sale are ignored.
   */
  public void endedOnChain(long dealId, SaleEvent.DealEnded how) {
    if (byDeal.containsKey(dealId)) endedOnChain.put(dealId, how);
  }

  /**
   * Runs the per-block action of every state that waits for something, in the order of the deal
   * flow, so a sale may go through several in one block: publish ({@link SaleDownloading}),
   * pre-commit ({@link SaleInitialProving}), prove-commit ({@link SaleFilling}), end of term
   * ({@link SaleProving}, {@link SaleProvingSimulated}).
   */
  public void advance(SalesContext c) {
    for (SaleState s :
        Vector.of(
            new SaleDownloading(),
            new SaleInitialProving(),
            new SaleFilling(),
            new SaleProving(),
            new SaleProvingSimulated())) {
      Vector<Sale> waiting = live(s);
      if (!waiting.isEmpty()) s.run(waiting, c);
    }
  }

  /**
   * Hands {@code event} to the live sale holding deal {@code dealId}, if any (the outcome of a
   * settlement the agent made).
   */
  public void tell(SalesContext c, long dealId, SaleEvent event) {
    Sale s = byDeal.get(dealId);
    if (s != null) s.state().on(event, s, c);
  }

  /**
   * A settlement paid {@code amount} for deal {@code dealId}: noted on the sale that published it;
   * false if no sale of this provider did or nothing was paid.
   */
  public boolean paid(long dealId, long amount) {
    Sale s = everyDeal.get(dealId);
    if (s == null || amount <= 0) return false;
    s.addPaid(amount);
    return true;
  }

  // ================================================================== transitions

  /**
   * Moves {@code s} to {@code next} (recording {@code why}, if any), counts {@code sales.<phase>}
   * when the phase changes, and runs {@code next}'s entry action.
   */
  void move(SalesContext c, Sale s, SaleState next, String why) {
    SaleState from = s.state();
    TreeMap<Long, Sale> inFrom = liveByState.get(from);
    if (inFrom != null && inFrom.remove(s.id()) != null && !next.isTerminal()) {
      liveByState.computeIfAbsent(next, k -> new TreeMap<>()).put(s.id(), s);
    }
    s.moveTo(next, why);
    if (next.phase() != from.phase()) c.count("sales." + next.phase().metricName());
    if (next.isTerminal()) {
      endedCounts.merge(next.phase(), 1L, Long::sum);
      ended.addLast(s.id());
      while (ended.size() > RETAINED_ENDED_SALES) sales.remove(ended.pollFirst());
    }
    next.enter(s, c);
  }

  /**
   * Seed 003's clean-up, the entry action of every terminal state: the reservation released (its
   * bytes, and its collateral less what the market slashed), the queue resumed and its seen flags
   * cleared if an availability grew, the piece given up ({@code givesUpPiece}: not taken again by
   * this provider), the board piece released (before publication) or marked done (after).
   */
  void cleanUp(Sale s, SalesContext c, boolean givesUpPiece) {
    long held = reservations.of(s.id()).map(Reservations.Reservation::collateral).getOrElse(0L);
    if (reservations.release(s.id(), held - s.slashed())) queue.availabilityGrew();
    if (s.dealId() >= 0) byDeal.remove(s.dealId());
    if (givesUpPiece) s.piece().forEach(gaveUp::add);
    long now = c.now();
    String outcome = s.phase().metricName() + (s.reason().isEmpty() ? "" : ": " + s.reason());
    for (PieceRef ref : s.piece()) {
      Option<DealBoard.Piece> p = board.piece(ref);
      if (p.isEmpty() || !p.get().provider().contains(me)) continue;
      if (p.get().state() == PieceState.TAKEN) board.release(ref, me, now);
      if (p.get().state() == PieceState.PUBLISHED) board.done(ref, me, outcome, now);
    }
  }

  // ================================================================== reading

  /** The live sales in {@code state}, by number. */
  public Vector<Sale> live(SaleState state) {
    TreeMap<Long, Sale> inState = liveByState.get(state);
    return inState == null ? Vector.empty() : Vector.ofAll(inState.values());
  }

  /** The live sales in {@code phase}, by number. */
  public Vector<Sale> live(SalePhase phase) {
    TreeMap<Long, Sale> out = new TreeMap<>();
    liveByState.forEach(
        (state, inState) -> {
          if (state.phase() == phase) out.putAll(inState);
        });
    return Vector.ofAll(out.values());
  }

  /** How many live sales are in {@code phase}. */
  public int liveCount(SalePhase phase) {
    int n = 0;
    for (var e : liveByState.entrySet()) if (e.getKey().phase() == phase) n += e.getValue().size();
    return n;
  }

  /** The sales in progress and the last {@value #RETAINED_ENDED_SALES} that ended, by number. */
  public Vector<Sale> sales() {
    return Vector.ofAll(sales.values());
  }

  /**
   * Whether this provider gave up {@code piece} (a cancelled or errored sale): it is not retaken.
   */
  public boolean gaveUp(PieceRef piece) {
    return gaveUp.contains(piece);
  }

  /** Sales per phase: those in it now, and those that ended in it (for the status line). */
  public TreeMap<SalePhase, Long> countsByPhase() {
    TreeMap<SalePhase, Long> out = new TreeMap<>(endedCounts);
    liveByState.forEach(
        (state, inState) -> {
          if (!inState.isEmpty()) out.merge(state.phase(), (long) inState.size(), Long::sum);
        });
    return out;
  }

  // ================================================================== saved runs

  /**
   * The sales as a storable value, for a saved run: every sale referred to, once; the retained ones
   * and the indexes by deal, by sale number (the live ones follow from the sales' states).
   *
   * @param sales every sale referred to, by number
   * @param retained the numbers of the sales {@link #sales()} lists
   * @param byDeal deal → number of the live sale holding it
   * @param everyDeal deal → number of the sale that published it
   * @param gaveUp the pieces given up
   * @param ended the numbers of the ended sales still retained, oldest first
   * @param endedCounts sales ended per terminal phase
   * @param endedOnChain deals the market ended, not yet reconciled
   * @param nextSaleId the next sale's number
   * @param nextSector the next sector number
   */
  public record Memory(
      Vector<Sale.Memory> sales,
      Vector<Long> retained,
      io.vavr.collection.TreeMap<Long, Long> byDeal,
      io.vavr.collection.TreeMap<Long, Long> everyDeal,
      Vector<PieceRef> gaveUp,
      Vector<Long> ended,
      io.vavr.collection.TreeMap<SalePhase, Long> endedCounts,
      io.vavr.collection.TreeMap<Long, SaleEvent.DealEnded> endedOnChain,
      long nextSaleId,
      long nextSector) {}

  /** The sales as they stand. */
  public Memory memory() {
    TreeMap<Long, Sale> every = new TreeMap<>(sales);
    for (Sale s : everyDeal.values()) every.put(s.id(), s);
    for (Sale s : byDeal.values()) every.put(s.id(), s);
    for (TreeMap<Long, Sale> inState : liveByState.values()) every.putAll(inState);
    return new Memory(
        Vector.ofAll(every.values()).map(Sale::memory),
        Vector.ofAll(sales.keySet()),
        ids(byDeal),
        ids(everyDeal),
        Vector.ofAll(gaveUp),
        Vector.ofAll(ended),
        io.vavr.collection.TreeMap.ofAll(endedCounts),
        io.vavr.collection.TreeMap.ofAll(endedOnChain),
        nextSaleId,
        nextSector);
  }

  private static io.vavr.collection.TreeMap<Long, Long> ids(TreeMap<Long, Sale> byKey) {
    io.vavr.collection.TreeMap<Long, Long> out = io.vavr.collection.TreeMap.empty();
    for (var e : byKey.entrySet()) out = out.put(e.getKey(), e.getValue().id());
    return out;
  }

  /** Replaces the sales by what {@code m} holds. */
  public void restore(Memory m) {
    TreeMap<Long, Sale> every = new TreeMap<>();
    for (Sale.Memory s : m.sales()) every.put(s.id(), Sale.restore(s));
    sales.clear();
    m.retained().forEach(id -> sales.put(id, every.get(id)));
    liveByState.clear();
    for (Sale s : every.values()) {
      if (!s.state().isTerminal()) {
        liveByState.computeIfAbsent(s.state(), k -> new TreeMap<>()).put(s.id(), s);
      }
    }
    byDeal.clear();
    m.byDeal().forEach((deal, id) -> byDeal.put(deal, every.get(id)));
    everyDeal.clear();
    m.everyDeal().forEach((deal, id) -> everyDeal.put(deal, every.get(id)));
    gaveUp.clear();
    m.gaveUp().forEach(gaveUp::add);
    ended.clear();
    m.ended().forEach(ended::addLast);
    endedCounts.clear();
    m.endedCounts().forEach(endedCounts::put);
    endedOnChain.clear();
    m.endedOnChain().forEach(endedOnChain::put);
    nextSaleId = m.nextSaleId();
    nextSector = m.nextSector();
  }
}
