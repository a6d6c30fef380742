package dev.palletsim.runtime.agents;

import dev.palletsim.collatorpower.CollatorPowerCall;
import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.collatorpower.MinerClaim;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.DealSettlement;
import dev.palletsim.market.DealState;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketError;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.market.Regime;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.agents.DealBoard.PieceRef;
import dev.palletsim.runtime.agents.DealBoard.PieceState;
import dev.palletsim.runtime.agents.DealBoard.StorageRequest;
import dev.palletsim.runtime.sim.Agent;
import dev.palletsim.runtime.sim.AgentContext;
import dev.palletsim.runtime.sim.MetricInfo;
import dev.palletsim.storageprovider.Partition;
import dev.palletsim.storageprovider.SectorDeclaration;
import dev.palletsim.storageprovider.SectorOnChainInfo;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.SectorPreCommitOnChainInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderError;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.storageprovider.StorageProviderStorage;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A storage provider node after seed 003's sales module, on Filecoin's deal flow: it offers
 * {@linkplain Reservations availabilities}, ranks the board's pieces in an {@link
 * OpportunityQueue}, runs one {@link Sale} per piece through {@link SaleState}'s machine, and
 * carries the provider-level duties every sale relies on. It acts only through extrinsics and reads
 * the chain only through its context's view and the pallets' read helpers.
 *
 * <h2>Per block (while online)</h2>
 *
 * <ol>
 *   <li>The first act of an instance is seed 003's {@code SaleUnknown} for every deal (see
 *       <i>Restart recovery</i>).
 *   <li>Register ({@code register_storage_provider}) if not yet registered.
 *   <li>Reconcile every sale holding a deal with the chain: a deal that disappeared ended by
 *       completion (→ finished), activation timeout (→ failed, collateral slashed) or termination
 *       of its sector (→ failed, collateral slashed), as the market's events or, failing them, the
 *       deal's last known state tell.
 *   <li>Submit a Window PoSt in every open deadline that has partitions to prove (every deadline of
 *       every proving period, whatever sale it serves), except the injected misses.
 *   <li>Declare the faults asked for by command, and recoveries (of detected faults when {@code
 *       auto-recover}, of declared ones on {@code recover}), each before its deadline's cutoff.
 *   <li>Take new work: read the board's changes into the queue, then start sales from the queue
 *       while fewer than {@code max-workers} are negotiating (preparing or publishing).
 *   <li>Advance every sale: publish (top up escrow, get the client's signature, {@code
 *       publish_storage_deals}), pre-commit (one sector per deal or packed), prove-commit once the
 *       interactive seed exists, move ended deals to settling and settle them; settle active deals
 *       every {@code settle-every} blocks (FIP-0074 makes settlement the provider's job; under the
 *       legacy regime cron settles and the agent only watches).
 *   <li>Once per session, move its delegations toward its {@link DelegationPolicy}'s target.
 * </ol>
 *
 * <p><b>Cleanup.</b> Every terminal state releases the sale's reservation: its bytes, and its
 * collateral except what the market slashed (a timed-out deal loses the market's timeout penalty, a
 * terminated one its whole collateral), as seed 003 returns only the returned collateral. A grown
 * availability resumes the queue and clears its seen flags. The board piece is dropped (the market
 * refused the client's side), released (cancelled, errored before publication: open again, or
 * expired), or marked done (the deal ended); an ignored item is re-queued as seen when no
 * availability fitted. A piece this instance gave up on (cancelled, errored) is not taken again by
 * it. A sale errored after publication leaves its deal on chain, where the market will time it out;
 * its collateral goes back to the budget at once (the later slash is not tracked), and a restarted
 * instance would adopt the deal again.
 *
 * <h2>Restart recovery</h2>
 *
 * A new instance (at the start of a run, and after a restart, when everything the previous one kept
 * in memory is gone) reads its work from the chain: every deal the market holds for this provider
 * becomes a sale entering {@link SaleState#UNKNOWN} and jumping to the state the chain shows —
 * activated and ended: settling; activated: active; in a pre-commit: proving; published only:
 * pre-committing (or, if it is too late to seal before the deal starts, waiting for the market to
 * time it out). Bytes and collateral are reserved again on the availability whose terms the deal
 * meets; the board piece comes from the deal's label. The next sector number follows the highest
 * allocated one, the delegation policy starts from the current delegations, and every fault is
 * treated as detected (recovered when {@code auto-recover}). Board pieces this provider had taken
 * but not yet published (negotiations lost in the crash) are released for others; the queue is
 * rebuilt from the board's open pieces.
 *
 * <h2>Metrics</h2>
 *
 * Declared with their units and meanings in {@link #METRICS}. Counters: {@code sales.<state>}
 * (every entry into a state, all providers), {@code sales.failed.<reason>} ({@code market-refused},
 * {@code deal-timed-out}, {@code sector-terminated}), {@code deals.published}, {@code
 * settlement.paid_planck} and {@code sp.<agent>.earned_planck} (payments settled to the provider,
 * by anyone), {@code settlement.calls}, {@code post.submitted}, {@code post.skipped} (injected),
 * {@code post.failed}, {@code faults.declared}, {@code recoveries.declared}, {@code
 * sp.faults_detected}, {@code delegation.changes}, {@code delegation.failed}, {@code
 * sp.registered}, {@code sp.escrow_added_planck}, {@code sp.sectors_pre_committed}, {@code
 * sp.sectors_proven}, {@code sp.released_on_restart}, {@code sp.offline_blocks}, {@code
 * queue.stale}. Series per block: {@code sp.<agent>.active_deals} (active and settling) and {@code
 * sp.<agent>.reserved_bytes}.
 *
 * <h2>Commands</h2>
 *
 * {@code go-offline {blocks}} (no extrinsics at all for that many blocks, or until {@code
 * go-online}), {@code go-online}, {@code declare-faults {count}} (declare {@code count} healthy
 * sectors faulty, lowest numbers first, and hold them faulty), {@code recover} (declare every
 * faulty sector recovered), {@code miss-posts {every}} (skip every N-th PoSt from now on; 0 stops),
 * {@code add-availability {capacity, …}} (the keys of one availability).
 */
public final class StorageProviderAgent implements Agent {

  /**
   * What a storage provider agent is configured with (see {@link StorageProviderAgentType} for the
   * scenario parameters).
   *
   * @param accountName the keyring name of its account
   * @param availabilities what it offers at start
   * @param maxWorkers how many sales may negotiate (prepare or publish) at once
   * @param queueSize the opportunity queue's capacity
   * @param transferBlocks blocks between taking a piece and publishing it (data transfer)
   * @param startDelay blocks from publication to the deal's start; −1 derives it from the runtime
   * @param dealsPerSector deals packed into one sector (1: one sector per deal)
   * @param escrowBuffer planck added to escrow beyond what the next deal's collateral needs
   * @param settleEvery blocks between periodic settlements of active deals (0: only at the end)
   * @param delegation how power is delegated to collators
   * @param missPostEvery skip every N-th Window PoSt (0: never)
   * @param autoRecover declare detected faults recovered
   * @param register register as a storage provider
   */
  public record Settings(
      String accountName,
      Vector<Reservations.Offer> availabilities,
      int maxWorkers,
      int queueSize,
      long transferBlocks,
      long startDelay,
      int dealsPerSector,
      long escrowBuffer,
      long settleEvery,
      DelegationPolicy delegation,
      long missPostEvery,
      boolean autoRecover,
      boolean register) {
    /** Checks the settings. */
    public Settings {
      if (maxWorkers < 1) throw new IllegalArgumentException("max-workers must be at least 1");
      if (queueSize < 1) throw new IllegalArgumentException("queue-size must be at least 1");
      if (transferBlocks < 0)
        throw new IllegalArgumentException("transfer-blocks must not be negative");
      if (startDelay < -1) throw new IllegalArgumentException("start-delay must not be negative");
      if (dealsPerSector < 1)
        throw new IllegalArgumentException("deals-per-sector must be at least 1");
      if (escrowBuffer < 0)
        throw new IllegalArgumentException("escrow-buffer must not be negative");
      if (settleEvery < 0) throw new IllegalArgumentException("settle-every must not be negative");
      if (missPostEvery < 0)
        throw new IllegalArgumentException("miss-post-every must not be negative");
    }
  }

  /** Market errors that mean the client's side of a deal is wrong: the piece is dropped. */
  private static final Set<MarketError> CLIENT_SIDE =
      EnumSet.of(
          MarketError.InsufficientClientFunds,
          MarketError.InvalidClientSignature,
          MarketError.InvalidLabel,
          MarketError.LabelTooLong,
          MarketError.InvalidPieceSize,
          MarketError.InvalidPieceCid,
          MarketError.UndefinedPieceCid,
          MarketError.DealEndNotAfterStart,
          MarketError.DurationOutOfBounds,
          MarketError.PriceOutOfBounds,
          MarketError.ProviderCollateralOutOfBounds,
          MarketError.ClientCollateralOutOfBounds,
          MarketError.InsufficientDataCap,
          MarketError.DuplicateProposal,
          MarketError.NoValidDeals);

  private record Ended(String how, long slashed) {}

  private final String name;
  private final Settings settings;
  private final AccountId me;
  private final Reservations reservations = new Reservations();
  private final OpportunityQueue queue;
  private final TreeMap<Long, Sale> sales = new TreeMap<>();
  // the sales not yet ended, by state and then number: every block reads them by state
  private final EnumMap<SaleState, TreeMap<Long, Sale>> liveByState =
      new EnumMap<>(SaleState.class);
  private final TreeMap<Long, Sale> byDeal = new TreeMap<>();
  private final TreeMap<Long, Sale> everyDeal = new TreeMap<>();
  private final TreeSet<PieceRef> gaveUp = new TreeSet<>();
  private final java.util.ArrayDeque<Long> ended = new java.util.ArrayDeque<>();
  private final TreeMap<SaleState, Long> endedCounts = new TreeMap<>();
  private final TreeMap<Long, Ended> endedOnChain = new TreeMap<>();
  private final TreeMap<Long, Boolean> postPlan = new TreeMap<>();
  private final TreeSet<Long> faultsToDeclare = new TreeSet<>();
  private final TreeSet<Long> heldFaults = new TreeSet<>();

  private ProviderOps ops;
  private StorageProviderPallet sp;
  private MarketPallet market;
  private CollatorPowerPallet power;
  private DealBoard board;
  private boolean started;
  private long startDelay;
  private long nextSaleId = 1;
  private int boardCursor;
  private long nextSector = 1;
  private long lastRegisterAttempt = Long.MIN_VALUE;
  private boolean offline;
  private long offlineUntil = -1;
  private long missPostEvery;
  private long postOpportunities;
  private boolean recoverHeld;
  private boolean faultsPossible = true;
  private long delegationSession = -1;
  private Vector<AccountId> chosen = Vector.empty();
  private long lastSettlement;
  private long earned;

  /** An agent {@code name} with {@code settings}. */
  public StorageProviderAgent(String name, Settings settings) {
    this.name = name;
    this.settings = settings;
    this.me = Keyring.account(settings.accountName());
    this.queue = new OpportunityQueue(settings.queueSize());
    this.missPostEvery = settings.missPostEvery();
    for (Reservations.Offer o : settings.availabilities()) reservations.add(o);
  }

  @Override
  public String name() {
    return name;
  }

  /** The provider's account. */
  public AccountId account() {
    return me;
  }

  /** How many ended sales {@link #sales} keeps (the oldest are forgotten beyond it). */
  public static final int RETAINED_ENDED_SALES = 1_000;

  /**
   * The sales this instance runs and the last {@value #RETAINED_ENDED_SALES} that ended, by number.
   */
  public Vector<Sale> sales() {
    return Vector.ofAll(sales.values());
  }

  /** The opportunity queue. */
  public OpportunityQueue queue() {
    return queue;
  }

  /** The availabilities and reservations. */
  public Reservations reservations() {
    return reservations;
  }

  /** Whether the node is offline (submits nothing). */
  public boolean isOffline() {
    return offline;
  }

  // ================================================================== act

  @Override
  public void act(AgentContext ctx) {
    long now = ctx.blockNumber();
    if (!started) start(ctx);
    if (offline && offlineUntil >= 0 && now >= offlineUntil) {
      offline = false;
      offlineUntil = -1;
    }
    if (offline) {
      ctx.metrics().count("sp.offline_blocks");
      recordSeries(ctx);
      return;
    }
    ensureRegistered(ctx);
    reconcile(ctx);
    if (isRegistered(ctx.view())) {
      submitPoSt(ctx);
      declareFaults(ctx);
      declareRecoveries(ctx);
    }
    takeWork(ctx);
    publish(ctx);
    preCommit(ctx);
    proveCommit(ctx);
    settle(ctx);
    delegate(ctx);
    recordSeries(ctx);
  }

  private void start(AgentContext ctx) {
    connect(ctx);
    recover(ctx);
  }

  /** Finds the pallets and the board: what any instance does first. */
  private void connect(AgentContext ctx) {
    started = true;
    var runtime = ctx.chain().runtime();
    ops = new ProviderOps(runtime);
    sp = ops.storageProvider();
    market = ops.market();
    power = runtime.pallet(CollatorPowerPallet.class);
    board = ctx.shared(DealBoard.class, DealBoard::new);
    var c = sp.config();
    startDelay =
        settings.startDelay() >= 0 ? settings.startDelay() : c.preCommitChallengeDelay() + 11;
  }

  /**
   * Seed 003's {@code SaleUnknown}, run by every new instance (at the start of a run and after a
   * restart): rebuilds the work from the chain alone. Every deal the market holds for this provider
   * becomes a sale (counted {@code sales.unknown}) in the state the chain shows: activated and
   * ended → settling, activated → active, in a pre-commit → proving, published only →
   * pre-committing (or, too late to seal, waiting for the market's timeout). Its bytes and
   * collateral are reserved again, its board piece recovered from the deal's label. The next sector
   * number follows the highest allocated one; the delegation policy starts from the current
   * delegations. Board pieces this provider had taken but not published (negotiations lost in the
   * crash) are released for others; the queue is rebuilt from the board's open pieces.
   */
  private void recover(AgentContext ctx) {
    World view = ctx.view();
    long now = ctx.blockNumber();
    for (var e : StorageProviderStorage.ALLOCATED_SECTORS.entriesOf(view, me)) {
      nextSector = Math.max(nextSector, e._1 + 1);
    }
    TreeMap<Long, SectorPreCommitOnChainInfo> preCommitted = new TreeMap<>();
    for (var e : StorageProviderStorage.PRE_COMMITS.entriesOf(view, me)) {
      for (Long d : e._2.dealIds()) preCommitted.put(d, e._2);
    }
    for (Tuple2<Long, DealProposal> e : MarketStorage.PROPOSALS.entries(view)) {
      DealProposal p = e._2;
      if (!p.provider().equals(me)) continue;
      long dealId = e._1;
      Option<PieceRef> ref = PieceRef.parseLabel(p.label());
      Option<StorageRequest> request = ref.flatMap(r -> board.request(r.requestId()));
      Sale sale = newSale(ctx, ref, request, SaleState.UNKNOWN);
      sale.proposal(p);
      sale.dealId(dealId);
      byDeal.put(dealId, sale);
      everyDeal.put(dealId, sale);
      reservations.restore(
          sale.id(),
          p.pieceSize(),
          p.providerCollateral(),
          p.duration(),
          p.storagePricePerBlock(),
          p.endBlock());
      Option<DealState> st = market.dealState(view, dealId);
      if (st.isDefined()) {
        sale.activated(true);
        sale.sector(st.get().sectorNumber());
        move(ctx, sale, now >= p.endBlock() ? SaleState.SETTLING : SaleState.ACTIVE, "");
      } else if (preCommitted.containsKey(dealId)) {
        SectorPreCommitOnChainInfo pc = preCommitted.get(dealId);
        sale.sector(pc.sectorNumber());
        sale.provableAt(sp.interactiveSeedBlock(pc.preCommitBlock()) + 1);
        move(ctx, sale, SaleState.PROVING, "");
      } else {
        move(ctx, sale, SaleState.PRE_COMMITTING, "");
      }
    }
    for (DealBoard.Piece p : board.piecesOf(me, PieceState.TAKEN)) {
      board.release(p.ref(), me, now);
      ctx.metrics().count("sp.released_on_restart");
    }
    for (DealBoard.Piece p : board.piecesOf(me, PieceState.PUBLISHED)) {
      if (market.proposal(view, p.dealId()).isEmpty()) {
        board.done(p.ref(), me, "ended while the provider was down", now);
      }
    }
    var claim = power.claim(view, me);
    if (claim.isDefined()) chosen = Vector.ofAll(claim.get().stakedPower().keySet());
    boardCursor = 0;
  }

  // ================================================================== registration

  private boolean isRegistered(World view) {
    return sp.provider(view, me).isDefined();
  }

  private void ensureRegistered(AgentContext ctx) {
    if (!settings.register() || isRegistered(ctx.view())) return;
    long now = ctx.blockNumber();
    if (now - lastRegisterAttempt < 10 && lastRegisterAttempt != Long.MIN_VALUE) return;
    lastRegisterAttempt = now;
    DispatchOutcome out = ctx.submit(me, ops.register(me));
    ctx.metrics().count(out.isSuccess() ? "sp.registered" : "sp.register_failed");
  }

  // ================================================================== reconcile

  private void reconcile(AgentContext ctx) {
    World view = ctx.view();
    long now = ctx.blockNumber();
    for (Sale s : new ArrayList<>(byDeal.values())) {
      if (!s.state().hasDeal()) continue;
      if (market.proposal(view, s.dealId()).isDefined()) {
        if (!s.activated() && market.dealState(view, s.dealId()).isDefined()) {
          s.activated(true);
          if (s.state() == SaleState.PROVING) move(ctx, s, SaleState.ACTIVE, "");
        }
        continue;
      }
      Ended how = endedOnChain.remove(s.dealId());
      DealProposal p = s.proposal().get();
      if (how == null) {
        if (s.activated() && now >= p.endBlock()) {
          how = new Ended("completed", 0);
        } else if (!s.activated()) {
          long penalty =
              DealBoard.saturatingMul(
                      p.providerCollateral(), market.config().timeoutPenaltyPercent())
                  / 100;
          how = new Ended("deal timed out", penalty);
        } else {
          how = new Ended("sector terminated", p.providerCollateral());
        }
      }
      if (how.how().equals("completed")) {
        end(ctx, s, SaleState.FINISHED, "", p.providerCollateral());
      } else {
        ctx.metrics().count("sales.failed." + how.how().replace(' ', '-'));
        end(ctx, s, SaleState.FAILED, how.how(), p.providerCollateral() - how.slashed());
      }
    }
  }

  @Override
  public void observe(BlockRecord block, AgentContext ctx) {
    for (var e : block.eventsOf(MarketEvent.DealCompleted.class)) {
      if (e.provider().equals(me) && byDeal.containsKey(e.dealId())) {
        endedOnChain.put(e.dealId(), new Ended("completed", 0));
      }
    }
    for (var e : block.eventsOf(MarketEvent.DealTerminated.class)) {
      if (e.provider().equals(me) && byDeal.containsKey(e.dealId())) {
        endedOnChain.put(e.dealId(), new Ended("sector terminated", e.slashed()));
      }
    }
    for (var e : block.eventsOf(MarketEvent.DealTimedOut.class)) {
      if (e.provider().equals(me) && byDeal.containsKey(e.dealId())) {
        endedOnChain.put(e.dealId(), new Ended("deal timed out", e.slashed()));
      }
    }
    for (var e : block.eventsOf(MarketEvent.DealSettled.class)) {
      Sale s = everyDeal.get(e.dealId());
      if (s != null && e.payment() > 0) {
        s.addPaid(e.payment());
        earned = DealBoard.saturatingAdd(earned, e.payment());
        ctx.metrics().add("settlement.paid_planck", e.payment());
        ctx.metrics().add("sp." + name + ".earned_planck", e.payment());
      }
    }
    for (var e : block.eventsOf(StorageProviderEvent.FaultsDetected.class)) {
      if (e.owner().equals(me)) {
        faultsPossible = true;
        ctx.metrics().count("sp.faults_detected");
      }
    }
  }

  // ================================================================== proving duties

  /** Submits the open deadline's PoSt, or skips it as the injected failure says. */
  private void submitPoSt(AgentContext ctx) {
    long now = ctx.blockNumber();
    World view = ctx.view();
    var calls = ops.windowPosts(view, me, now);
    if (calls.isEmpty()) return;
    long occurrence = sp.currentDeadline(view, me, now).get().open();
    Boolean plan = postPlan.get(occurrence);
    if (plan == null) {
      postOpportunities++;
      plan = !(missPostEvery > 0 && postOpportunities % missPostEvery == 0);
      postPlan.put(occurrence, plan);
      while (postPlan.size() > 16) postPlan.pollFirstEntry();
      if (!plan) ctx.metrics().count("post.skipped");
    }
    if (!plan) return;
    for (var call : calls) {
      DispatchOutcome out = ctx.submit(me, call);
      if (out.isSuccess()) {
        ctx.metrics().count("post.submitted");
      } else if (exhausted(out)) {
        return;
      } else {
        ctx.metrics().count("post.failed");
        postPlan.put(occurrence, false);
        return;
      }
    }
  }

  /** Declares the faults asked for by {@code declare-faults}, each before its cutoff. */
  private void declareFaults(AgentContext ctx) {
    if (faultsToDeclare.isEmpty()) return;
    World view = ctx.view();
    long now = ctx.blockNumber();
    TreeMap<Tuple2<Integer, Integer>, TreeSet<Long>> byPartition = new TreeMap<>(PARTITION_ORDER);
    for (Long s : new ArrayList<>(faultsToDeclare)) {
      Option<SectorOnChainInfo> info = sp.findSector(view, me, s);
      if (info.isEmpty()) {
        faultsToDeclare.remove(s);
        continue;
      }
      SectorOnChainInfo i = info.get();
      if (sp.partition(view, me, i.deadline(), i.partition()).exists(p -> p.faults().contains(s))) {
        faultsToDeclare.remove(s);
        heldFaults.add(s);
        continue;
      }
      if (!declarable(view, i.deadline(), now)) continue;
      byPartition
          .computeIfAbsent(new Tuple2<>(i.deadline(), i.partition()), k -> new TreeSet<>())
          .add(s);
    }
    if (byPartition.isEmpty()) return;
    DispatchOutcome out =
        ctx.submit(me, new StorageProviderCall.DeclareFaults(declarations(byPartition)));
    if (out.isSuccess()) {
      for (TreeSet<Long> set : byPartition.values()) {
        faultsToDeclare.removeAll(set);
        heldFaults.addAll(set);
        ctx.metrics().add("faults.declared", set.size());
      }
      faultsPossible = true;
    } else if (!exhausted(out)) {
      ctx.metrics().count("faults.declaration_failed");
      for (TreeSet<Long> set : byPartition.values()) faultsToDeclare.removeAll(set);
    }
  }

  /**
   * Declares recoveries of faulty sectors: detected faults when {@code auto-recover}, the faults it
   * declared itself after {@code recover}; each deadline's before its cutoff.
   */
  private void declareRecoveries(AgentContext ctx) {
    if (!faultsPossible) return;
    World view = ctx.view();
    long now = ctx.blockNumber();
    int deadlines = sp.config().wPoStPeriodDeadlines();
    boolean anyFault = false;
    TreeMap<Tuple2<Integer, Integer>, TreeSet<Long>> byPartition = new TreeMap<>(PARTITION_ORDER);
    for (int dl = 0; dl < deadlines; dl++) {
      int partitions = sp.deadline(view, me, dl).partitionCount();
      boolean open = declarable(view, dl, now);
      for (int p = 0; p < partitions; p++) {
        Option<Partition> part = sp.partition(view, me, dl, p);
        if (part.isEmpty() || part.get().faults().isEmpty()) continue;
        anyFault = true;
        if (!open) continue;
        for (Long s : part.get().faults().diff(part.get().recoveries())) {
          boolean held = heldFaults.contains(s);
          if ((held && recoverHeld) || (!held && settings.autoRecover())) {
            byPartition.computeIfAbsent(new Tuple2<>(dl, p), k -> new TreeSet<>()).add(s);
          }
        }
      }
    }
    if (!anyFault) {
      faultsPossible = false;
      heldFaults.clear();
      recoverHeld = false;
      return;
    }
    if (byPartition.isEmpty()) return;
    DispatchOutcome out =
        ctx.submit(me, new StorageProviderCall.DeclareFaultsRecovered(declarations(byPartition)));
    if (out.isSuccess()) {
      for (TreeSet<Long> set : byPartition.values()) {
        heldFaults.removeAll(set);
        ctx.metrics().add("recoveries.declared", set.size());
      }
      if (heldFaults.isEmpty()) recoverHeld = false;
    } else if (!exhausted(out)) {
      ctx.metrics().count("recoveries.declaration_failed");
    }
  }

  private static final Comparator<Tuple2<Integer, Integer>> PARTITION_ORDER =
      Comparator.<Tuple2<Integer, Integer>>comparingInt(Tuple2::_1).thenComparingInt(Tuple2::_2);

  private boolean declarable(World view, int deadline, long now) {
    return sp.deadlineInfo(view, me, deadline, now).exists(d -> !d.faultCutoffPassed());
  }

  private static Seq<SectorDeclaration> declarations(
      TreeMap<Tuple2<Integer, Integer>, TreeSet<Long>> byPartition) {
    Vector<SectorDeclaration> out = Vector.empty();
    for (Map.Entry<Tuple2<Integer, Integer>, TreeSet<Long>> e : byPartition.entrySet()) {
      out =
          out.append(new SectorDeclaration(e.getKey()._1, e.getKey()._2, List.ofAll(e.getValue())));
    }
    return out;
  }

  // ================================================================== new work

  private void takeWork(AgentContext ctx) {
    long now = ctx.blockNumber();
    for (DealBoard.Change c : board.changesSince(boardCursor)) {
      if (c.state() == PieceState.OPEN) {
        StorageRequest r = board.request(c.requestId()).get();
        java.util.List<OpportunityQueue.Item> items = new ArrayList<>();
        for (int i : c.pieces()) {
          PieceRef ref = new PieceRef(r.id(), i);
          if (board.isOpen(ref, now) && !queue.contains(ref) && !gaveUp.contains(ref)) {
            items.add(OpportunityQueue.Item.of(r, i));
          }
        }
        if (!items.isEmpty()) queue.pushRequest(items, ctx.random());
      } else {
        for (int i : c.pieces()) queue.remove(new PieceRef(c.requestId(), i));
      }
    }
    boardCursor = board.cursor();
    while (negotiating() < settings.maxWorkers()) {
      Option<OpportunityQueue.Item> next = queue.next();
      if (next.isEmpty()) break;
      prepare(ctx, next.get());
    }
  }

  private int negotiating() {
    return liveCount(SaleState.PREPARING) + liveCount(SaleState.PUBLISHING);
  }

  /** {@code SalePreparing}: match an availability, reserve, take the piece. */
  private void prepare(AgentContext ctx, OpportunityQueue.Item item) {
    long now = ctx.blockNumber();
    PieceRef ref = item.piece();
    if (!board.isOpen(ref, now)) {
      ctx.metrics().count("queue.stale");
      return;
    }
    StorageRequest r = board.request(ref.requestId()).get();
    Sale sale = newSale(ctx, Option.some(ref), Option.some(r), SaleState.PREPARING);
    long maxLife = sp.config().maxSectorExpiration();
    if (DealBoard.saturatingAdd(startDelay, r.duration()) > maxLife) {
      end(ctx, sale, SaleState.IGNORED, "longer than a sector may live", 0);
      return;
    }
    long end = now + settings.transferBlocks() + startDelay + r.duration();
    Option<Reservations.Availability> a =
        reservations.find(
            r.pieceSize(), r.duration(), r.pricePerBlock(), r.providerCollateral(), end);
    if (a.isEmpty()) {
      end(ctx, sale, SaleState.IGNORED, "no availability", 0);
      queue.requeueSeen(item);
      return;
    }
    if (!board.take(ref, me, now)) {
      end(ctx, sale, SaleState.IGNORED, "taken by another provider", 0);
      return;
    }
    reservations.reserve(sale.id(), a.get().id(), r.pieceSize(), r.providerCollateral());
    sale.readyAt(now + settings.transferBlocks());
    move(ctx, sale, SaleState.PUBLISHING, "");
  }

  // ================================================================== publishing

  private void publish(AgentContext ctx) {
    long now = ctx.blockNumber();
    for (Sale s : live(SaleState.PUBLISHING)) {
      if (now < s.readyAt()) continue;
      publishOne(ctx, s, now);
    }
  }

  private void publishOne(AgentContext ctx, Sale s, long now) {
    PieceRef ref = s.piece().get();
    StorageRequest r = s.request().get();
    DealBoard.Piece piece = board.piece(ref).get();
    if (piece.state() != PieceState.TAKEN || !piece.provider().contains(me)) {
      end(ctx, s, SaleState.CANCELLED, "request withdrawn", r.providerCollateral());
      return;
    }
    if (now >= r.expiry()) {
      end(ctx, s, SaleState.CANCELLED, "request expired", r.providerCollateral());
      return;
    }
    long start = now + startDelay;
    DealProposal proposal =
        new DealProposal(
            r.pieceCid(ref.index()),
            r.pieceSize(),
            false,
            r.clientAccount(),
            me,
            ref.label(),
            start,
            start + r.duration(),
            r.pricePerBlock(),
            r.providerCollateral(),
            r.clientCollateral());
    s.proposal(proposal);
    long available = market.availableBalance(ctx.view(), me);
    if (available < proposal.providerCollateral()) {
      long add =
          DealBoard.saturatingAdd(
              proposal.providerCollateral() - available, settings.escrowBuffer());
      DispatchOutcome top = ctx.submit(me, new MarketCall.AddBalance(add));
      if (exhausted(top)) return;
      if (!top.isSuccess()) {
        end(
            ctx,
            s,
            SaleState.ERRORED,
            "escrow top-up failed: " + describe(top),
            r.providerCollateral());
        return;
      }
      ctx.metrics().add("sp.escrow_added_planck", add);
    }
    DealBoard.Signing signing = board.requestSignature(ref, me, proposal, now);
    if (signing instanceof DealBoard.Signing.Refused refused) {
      ctx.metrics().count("sp.signature_refused");
      SaleState to = refused.reason().contains("expired") ? SaleState.CANCELLED : SaleState.ERRORED;
      end(ctx, s, to, "client refused: " + refused.reason(), r.providerCollateral());
      return;
    }
    ClientDealProposal signed = ((DealBoard.Signing.Signed) signing).deal();
    DispatchOutcome out = ctx.submit(me, new MarketCall.PublishStorageDeals(List.of(signed)));
    if (exhausted(out)) return;
    if (!out.isSuccess()) {
      Option<MarketError> err = marketError(out);
      if (err.isDefined() && CLIENT_SIDE.contains(err.get())) {
        board.drop(ref, me, describe(out), now);
        ctx.metrics().count("sales.failed.market-refused");
        end(ctx, s, SaleState.FAILED, "market refused: " + describe(out), r.providerCollateral());
      } else {
        end(ctx, s, SaleState.ERRORED, "publish failed: " + describe(out), r.providerCollateral());
      }
      return;
    }
    long dealId = out.eventsOf(MarketEvent.DealPublished.class).head().dealId();
    s.dealId(dealId);
    byDeal.put(dealId, s);
    everyDeal.put(dealId, s);
    board.published(ref, me, dealId, now);
    ctx.metrics().count("deals.published");
    move(ctx, s, SaleState.PRE_COMMITTING, "");
  }

  // ================================================================== sealing

  private void preCommit(AgentContext ctx) {
    long now = ctx.blockNumber();
    World view = ctx.view();
    long sealBy = now + sp.config().preCommitChallengeDelay() + 1;
    Vector<Sale> ready = Vector.empty();
    for (Sale s : live(SaleState.PRE_COMMITTING)) {
      if (s.waitingForTimeout()) continue;
      if (s.proposal().get().startBlock() < sealBy) {
        // too late to prove before the deal starts: the market will time it out
        s.waitingForTimeout(true);
        ctx.metrics().count("sp.too_late_to_seal");
        continue;
      }
      ready = ready.append(s);
    }
    if (ready.isEmpty() || !isRegistered(view)) return;
    for (Vector<Sale> sector : pack(ready)) {
      long number = nextSector;
      long maxEnd = sector.map(s -> s.proposal().get().endBlock()).max().get();
      long expiration = Math.max(maxEnd, ops.minimumExpiration(now));
      if (expiration > now + sp.config().maxSectorExpiration()) {
        for (Sale s : sector) {
          end(ctx, s, SaleState.ERRORED, "deal ends after the longest sector", s.collateral());
        }
        continue;
      }
      Seq<Long> deals = sector.map(Sale::dealId);
      SectorPreCommitInfo info = ops.preCommit(view, me, number, deals, expiration, now);
      DispatchOutcome out = ctx.submit(me, new StorageProviderCall.PreCommitSectors(List.of(info)));
      if (exhausted(out)) return;
      if (out.failedWith(StorageProviderError.SectorNumberAlreadyUsed)) {
        nextSector++;
        return;
      }
      if (!out.isSuccess()) {
        for (Sale s : sector) {
          end(ctx, s, SaleState.ERRORED, "pre-commit failed: " + describe(out), s.collateral());
        }
        continue;
      }
      nextSector++;
      long provable = sp.interactiveSeedBlock(now) + 1;
      for (Sale s : sector) {
        s.sector(number);
        s.provableAt(provable);
        move(ctx, s, SaleState.PROVING, "");
      }
      ctx.metrics().count("sp.sectors_pre_committed");
      view = ctx.view();
    }
  }

  /** Groups deals into sectors: one each, or first-fit by decreasing piece size. */
  private Vector<Vector<Sale>> pack(Vector<Sale> ready) {
    if (settings.dealsPerSector() == 1) return ready.map(s -> Vector.of(s));
    long size = ops.sectorSize();
    int perSector = Math.min(settings.dealsPerSector(), sp.config().maxDealsPerSector());
    java.util.List<Vector<Sale>> bins = new ArrayList<>();
    java.util.List<Long> used = new ArrayList<>();
    Vector<Sale> bySize =
        ready.sortBy(
            Comparator.comparingLong(Sale::pieceSize).reversed().thenComparingLong(Sale::id),
            s -> s);
    for (Sale s : bySize) {
      int placed = -1;
      for (int i = 0; i < bins.size() && placed < 0; i++) {
        if (bins.get(i).size() < perSector && used.get(i) + s.pieceSize() <= size) placed = i;
      }
      if (placed < 0) {
        bins.add(Vector.of(s));
        used.add(s.pieceSize());
      } else {
        bins.set(placed, bins.get(placed).append(s));
        used.set(placed, used.get(placed) + s.pieceSize());
      }
    }
    return Vector.ofAll(bins);
  }

  private void proveCommit(AgentContext ctx) {
    long now = ctx.blockNumber();
    TreeMap<Long, Vector<Sale>> bySector = new TreeMap<>();
    for (Sale s : live(SaleState.PROVING)) {
      if (now >= s.provableAt()) {
        bySector.merge(s.sector(), Vector.of(s), Vector::appendAll);
      }
    }
    for (var e : bySector.entrySet()) {
      long sector = e.getKey();
      var proof = ops.proveCommit(ctx.view(), me, sector, now);
      if (proof.isEmpty()) continue; // pre-commit gone: the deals time out, reconcile sees it
      DispatchOutcome out =
          ctx.submit(me, new StorageProviderCall.ProveCommitSectors(List.of(proof.get())));
      if (exhausted(out)) return;
      if (!out.isSuccess()) {
        for (Sale s : e.getValue()) {
          s.waitingForTimeout(true);
          end(ctx, s, SaleState.ERRORED, "prove-commit failed: " + describe(out), s.collateral());
        }
        continue;
      }
      ctx.metrics().count("sp.sectors_proven");
      for (Sale s : e.getValue()) {
        s.activated(true);
        move(ctx, s, SaleState.ACTIVE, "");
      }
    }
  }

  // ================================================================== settlement

  private void settle(AgentContext ctx) {
    long now = ctx.blockNumber();
    for (Sale s : live(SaleState.ACTIVE)) {
      if (now >= s.proposal().get().endBlock()) move(ctx, s, SaleState.SETTLING, "");
    }
    if (market.config().regimeAt(now) != Regime.Fip0074) return; // cron settles
    Vector<Sale> due = live(SaleState.SETTLING);
    boolean periodic = settings.settleEvery() > 0 && now - lastSettlement >= settings.settleEvery();
    if (periodic) {
      lastSettlement = now;
      due =
          due.appendAll(live(SaleState.ACTIVE).filter(s -> now > s.proposal().get().startBlock()));
    }
    if (due.isEmpty()) return;
    int max = market.config().maxDealsPerSettlement();
    for (Seq<Sale> batch : due.grouped(max)) {
      DispatchOutcome out =
          ctx.submit(me, new MarketCall.SettleDealPayments(batch.map(Sale::dealId)));
      if (exhausted(out)) return;
      if (!out.isSuccess()) {
        ctx.metrics().count("settlement.failed");
        continue;
      }
      ctx.metrics().count("settlement.calls");
      for (var settled : out.eventsOf(MarketEvent.DealsSettled.class)) {
        for (DealSettlement d : settled.settlements()) {
          Sale s = byDeal.get(d.dealId());
          if (s != null && d.completed()) end(ctx, s, SaleState.FINISHED, "", s.collateral());
        }
      }
    }
  }

  // ================================================================== delegation

  private void delegate(AgentContext ctx) {
    long session = ctx.sessionIndex();
    if (session == delegationSession) return;
    delegationSession = session;
    if (settings.delegation() instanceof DelegationPolicy.None) return;
    World view = ctx.view();
    Option<MinerClaim> claim = power.claim(view, me);
    if (claim.isEmpty()) return;
    Seq<AccountId> candidates = CollatorSelectionStorage.CANDIDATES.keys(view);
    chosen = Vector.ofAll(settings.delegation().choose(candidates, chosen, ctx.random()));
    long delegable = claim.get().rawBytePower() - power.lockedPower(view, me);
    var limits =
        new DelegationPolicy.Limits(
            power.config().minDelegation(), power.config().maxDelegationsPerMiner());
    var target = DelegationPolicy.split(delegable, chosen, limits);
    var current = claim.get().stakedPower();
    for (CollatorPowerCall call : DelegationPolicy.moves(current, target)) {
      DispatchOutcome out = ctx.submit(me, call);
      ctx.metrics().count(out.isSuccess() ? "delegation.changes" : "delegation.failed");
    }
  }

  // ================================================================== transitions

  /** The live sales in {@code state}, by number. */
  private Vector<Sale> live(SaleState state) {
    TreeMap<Long, Sale> inState = liveByState.get(state);
    return inState == null ? Vector.empty() : Vector.ofAll(inState.values());
  }

  private int liveCount(SaleState state) {
    TreeMap<Long, Sale> inState = liveByState.get(state);
    return inState == null ? 0 : inState.size();
  }

  private Sale newSale(
      AgentContext ctx, Option<PieceRef> ref, Option<StorageRequest> request, SaleState first) {
    Sale s = new Sale(nextSaleId++, ref, request, first);
    sales.put(s.id(), s);
    liveByState.computeIfAbsent(first, k -> new TreeMap<>()).put(s.id(), s);
    ctx.metrics().count("sales." + first.metricName());
    return s;
  }

  /** Moves {@code s} to {@code next}; a live sale moved to a terminal state is no longer live. */
  private void move(AgentContext ctx, Sale s, SaleState next, String why) {
    TreeMap<Long, Sale> from = liveByState.get(s.state());
    if (from != null && from.remove(s.id()) != null && !next.isTerminal()) {
      liveByState.computeIfAbsent(next, k -> new TreeMap<>()).put(s.id(), s);
    }
    s.moveTo(next, why);
    ctx.metrics().count("sales." + next.metricName());
  }

  /**
   * Moves {@code s} to a terminal state and cleans up: the reservation released with {@code
   * returnedCollateral}, the queue resumed if an availability grew, the board piece released
   * (before publication) or marked done (after).
   */
  private void end(
      AgentContext ctx, Sale s, SaleState terminal, String why, long returnedCollateral) {
    move(ctx, s, terminal, why);
    endedCounts.merge(terminal, 1L, Long::sum);
    ended.addLast(s.id());
    while (ended.size() > RETAINED_ENDED_SALES) sales.remove(ended.pollFirst());
    if (reservations.release(s.id(), returnedCollateral)) queue.availabilityGrew();
    if (s.dealId() >= 0) byDeal.remove(s.dealId());
    if (terminal == SaleState.ERRORED || terminal == SaleState.CANCELLED) {
      s.piece().forEach(gaveUp::add);
    }
    long now = ctx.blockNumber();
    for (PieceRef ref : s.piece()) {
      Option<DealBoard.Piece> p = board.piece(ref);
      if (p.isEmpty() || !p.get().provider().contains(me)) continue;
      if (p.get().state() == PieceState.TAKEN) board.release(ref, me, now);
      if (p.get().state() == PieceState.PUBLISHED) {
        board.done(ref, me, terminal.metricName() + (why.isEmpty() ? "" : ": " + why), now);
      }
    }
  }

  // ================================================================== commands

  /**
   * Runs a command (see the class comment); a command it does not know, or whose arguments are
   * malformed (counted {@code sp.command_rejected}), is refused.
   */
  @Override
  public boolean command(String command, Map<String, Object> args, AgentContext ctx) {
    if (!started) start(ctx);
    try {
      return run(command, args == null ? Map.of() : args, ctx);
    } catch (IllegalArgumentException e) {
      ctx.metrics().count("sp.command_rejected");
      return false;
    }
  }

  private boolean run(String command, Map<String, Object> args, AgentContext ctx) {
    String owner = "agent " + name + " command " + command;
    switch (command) {
      case "go-offline" -> {
        offline = true;
        offlineUntil =
            args.containsKey("blocks")
                ? ctx.blockNumber() + Distribution.amount(owner, "blocks", args.get("blocks"))
                : -1;
        return true;
      }
      case "go-online" -> {
        offline = false;
        offlineUntil = -1;
        return true;
      }
      case "declare-faults" -> {
        long count =
            args.containsKey("count") ? Distribution.amount(owner, "count", args.get("count")) : 1;
        World view = ctx.view();
        long picked = 0;
        for (SectorOnChainInfo s : sp.sectors(view, me)) {
          if (picked >= count) break;
          boolean faulty =
              sp.partition(view, me, s.deadline(), s.partition())
                  .exists(p -> p.faults().contains(s.sectorNumber()));
          if (faulty || faultsToDeclare.contains(s.sectorNumber())) continue;
          faultsToDeclare.add(s.sectorNumber());
          picked++;
        }
        return true;
      }
      case "recover" -> {
        faultsToDeclare.clear();
        recoverHeld = true;
        faultsPossible = true;
        return true;
      }
      case "miss-posts" -> {
        missPostEvery = Distribution.amount(owner, "every", args.getOrDefault("every", 0));
        if (missPostEvery < 0) missPostEvery = 0;
        postOpportunities = 0;
        return true;
      }
      case "add-availability" -> {
        reservations.add(StorageProviderAgentType.offer(owner, args));
        queue.availabilityGrew();
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  // ================================================================== saved runs

  /**
   * What a storage provider agent keeps in memory, for a saved run: every sale it refers to, once,
   * and the indexes over them by sale number.
   */
  record Memory(
      Vector<Sale.Memory> sales,
      Vector<Long> retained,
      io.vavr.collection.TreeMap<SaleState, Vector<Long>> live,
      io.vavr.collection.TreeMap<Long, Long> byDeal,
      io.vavr.collection.TreeMap<Long, Long> everyDeal,
      Vector<PieceRef> gaveUp,
      Vector<Long> ended,
      io.vavr.collection.TreeMap<SaleState, Long> endedCounts,
      io.vavr.collection.TreeMap<Long, Ended> endedOnChain,
      io.vavr.collection.TreeMap<Long, Boolean> postPlan,
      Vector<Long> faultsToDeclare,
      Vector<Long> heldFaults,
      Reservations.Memory reservations,
      OpportunityQueue.Memory queue,
      boolean started,
      long nextSaleId,
      int boardCursor,
      long nextSector,
      long lastRegisterAttempt,
      boolean offline,
      long offlineUntil,
      long missPostEvery,
      long postOpportunities,
      boolean recoverHeld,
      boolean faultsPossible,
      long delegationSession,
      Vector<AccountId> chosen,
      long lastSettlement,
      long earned) {}

  @Override
  public Option<Object> memory() {
    TreeMap<Long, Sale> every = new TreeMap<>(sales);
    for (Sale s : everyDeal.values()) every.put(s.id(), s);
    for (Sale s : byDeal.values()) every.put(s.id(), s);
    io.vavr.collection.TreeMap<SaleState, Vector<Long>> live = io.vavr.collection.TreeMap.empty();
    for (var e : liveByState.entrySet()) {
      for (Sale s : e.getValue().values()) every.put(s.id(), s);
      live = live.put(e.getKey(), Vector.ofAll(e.getValue().keySet()));
    }
    return Option.some(
        new Memory(
            Vector.ofAll(every.values()).map(Sale::memory),
            Vector.ofAll(sales.keySet()),
            live,
            ids(byDeal),
            ids(everyDeal),
            Vector.ofAll(gaveUp),
            Vector.ofAll(ended),
            io.vavr.collection.TreeMap.ofAll(endedCounts),
            io.vavr.collection.TreeMap.ofAll(endedOnChain),
            io.vavr.collection.TreeMap.ofAll(postPlan),
            Vector.ofAll(faultsToDeclare),
            Vector.ofAll(heldFaults),
            reservations.memory(),
            queue.memory(),
            started,
            nextSaleId,
            boardCursor,
            nextSector,
            lastRegisterAttempt,
            offline,
            offlineUntil,
            missPostEvery,
            postOpportunities,
            recoverHeld,
            faultsPossible,
            delegationSession,
            chosen,
            lastSettlement,
            earned));
  }

  private static io.vavr.collection.TreeMap<Long, Long> ids(TreeMap<Long, Sale> byKey) {
    io.vavr.collection.TreeMap<Long, Long> out = io.vavr.collection.TreeMap.empty();
    for (var e : byKey.entrySet()) out = out.put(e.getKey(), e.getValue().id());
    return out;
  }

  @Override
  public void restore(Object memory, AgentContext ctx) {
    Memory m = (Memory) memory;
    if (m.started()) connect(ctx);
    TreeMap<Long, Sale> every = new TreeMap<>();
    for (Sale.Memory s : m.sales()) every.put(s.id(), Sale.restore(s));
    sales.clear();
    m.retained().forEach(id -> sales.put(id, every.get(id)));
    liveByState.clear();
    m.live()
        .forEach(
            (state, ids) -> {
              TreeMap<Long, Sale> inState = new TreeMap<>();
              ids.forEach(id -> inState.put(id, every.get(id)));
              liveByState.put(state, inState);
            });
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
    postPlan.clear();
    m.postPlan().forEach(postPlan::put);
    faultsToDeclare.clear();
    m.faultsToDeclare().forEach(faultsToDeclare::add);
    heldFaults.clear();
    m.heldFaults().forEach(heldFaults::add);
    reservations.restore(m.reservations());
    queue.restore(m.queue());
    nextSaleId = m.nextSaleId();
    boardCursor = m.boardCursor();
    nextSector = m.nextSector();
    lastRegisterAttempt = m.lastRegisterAttempt();
    offline = m.offline();
    offlineUntil = m.offlineUntil();
    missPostEvery = m.missPostEvery();
    postOpportunities = m.postOpportunities();
    recoverHeld = m.recoverHeld();
    faultsPossible = m.faultsPossible();
    delegationSession = m.delegationSession();
    chosen = m.chosen();
    lastSettlement = m.lastSettlement();
    earned = m.earned();
  }

  // ================================================================== metrics and status

  /**
   * What storage provider agents record, with units and meanings (the class comment's list):
   * counters summed over all providers unless the name holds {@code <agent>}, and two series per
   * provider.
   */
  public static final java.util.List<MetricInfo> METRICS = metrics();

  /** How to read {@link #status()}. */
  static final String STATUS_HELP =
      "`<account> online|offline, N <state>, …, queue N (paused), earned N planck`: the"
          + " provider's account; offline while a go-offline command holds; for each sale state,"
          + " the sales in it now (preparing … settling) or ended in it (finished, failed,"
          + " cancelled, ignored, errored); the opportunity queue's length, with (paused) when"
          + " its best item was already evaluated and fits no availability, so the provider waits"
          + " until an availability grows or an unseen piece arrives; the planck settled to it so"
          + " far.";

  private static java.util.List<MetricInfo> metrics() {
    java.util.List<MetricInfo> m = new ArrayList<>();
    for (SaleState s : SaleState.values()) {
      m.add(
          MetricInfo.counter(
              "sales." + s.metricName(),
              "sales",
              "sales that entered state " + s.metricName() + ": " + s.description()));
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
    m.add(counter("deals.published", "deals", "deals published (publish_storage_deals)"));
    m.add(
        counter(
            "settlement.paid_planck",
            MetricInfo.PLANCK,
            "payments settled to the providers' deals (DealSettled), whoever settled them"));
    m.add(
        counter(
            "sp.<agent>.earned_planck",
            MetricInfo.PLANCK,
            "payments settled to this provider's deals"));
    m.add(
        counter(
            "settlement.calls",
            "extrinsics",
            "settle_deal_payments calls that succeeded (under FIP-0074 providers settle their own"
                + " deals)"));
    m.add(counter("settlement.failed", "extrinsics", "settle_deal_payments calls that failed"));
    m.add(
        counter(
            "post.submitted",
            "extrinsics",
            "Window PoSt submissions that succeeded (every open deadline with partitions)"));
    m.add(
        counter(
            "post.skipped",
            "deadlines",
            "deadlines whose Window PoSt was skipped on purpose (miss-post-every, miss-posts)"));
    m.add(counter("post.failed", "extrinsics", "Window PoSt submissions that failed"));
    m.add(counter("faults.declared", "sectors", "sectors declared faulty (declare-faults)"));
    m.add(counter("faults.declaration_failed", "extrinsics", "declare_faults calls that failed"));
    m.add(counter("recoveries.declared", "sectors", "faulty sectors declared recovered"));
    m.add(
        counter(
            "recoveries.declaration_failed",
            "extrinsics",
            "declare_faults_recovered calls that failed"));
    m.add(
        counter(
            "sp.faults_detected",
            "events",
            "FaultsDetected events about the providers (a missed Window PoSt); the sector-faults"
                + " probe's series of the same name counts sectors per block"));
    m.add(
        counter(
            "delegation.changes",
            "extrinsics",
            "delegate, undelegate and redelegate calls that moved power toward the delegation"
                + " policy's target"));
    m.add(counter("delegation.failed", "extrinsics", "delegation calls that failed"));
    m.add(counter("sp.registered", "providers", "providers registered as storage providers"));
    m.add(
        counter("sp.register_failed", "extrinsics", "register_storage_provider calls that failed"));
    m.add(
        counter(
            "sp.escrow_added_planck",
            MetricInfo.PLANCK,
            "planck the providers added to their market escrow for provider collateral"));
    m.add(
        counter(
            "sp.signature_refused",
            "proposals",
            "proposals the client refused to sign (terms no longer match, or the request"
                + " expired)"));
    m.add(
        counter(
            "sp.too_late_to_seal",
            "deals",
            "published deals that could not be sealed before their start block (the market times"
                + " them out)"));
    m.add(counter("sp.sectors_pre_committed", "sectors", "sectors pre-committed"));
    m.add(
        counter("sp.sectors_proven", "sectors", "sectors prove-committed (their deals activated)"));
    m.add(
        counter(
            "sp.released_on_restart",
            "pieces",
            "board pieces a restarted provider had taken but not published, released for others"));
    m.add(counter("sp.offline_blocks", "blocks", "blocks providers spent offline (go-offline)"));
    m.add(counter("sp.command_rejected", "commands", "scripted commands with malformed arguments"));
    m.add(
        counter(
            "queue.stale",
            "opportunities",
            "queue items dropped because their piece was no longer open (taken by another"
                + " provider, withdrawn or expired)"));
    m.add(
        MetricInfo.series(
            "sp.<agent>.active_deals",
            "deals",
            "the provider's deals that are active or settling"));
    m.add(
        MetricInfo.series(
            "sp.<agent>.reserved_bytes",
            MetricInfo.BYTES,
            "bytes of the provider's availabilities reserved by its live sales"));
    return java.util.List.copyOf(m);
  }

  private static MetricInfo counter(String name, String unit, String description) {
    return MetricInfo.counter(name, unit, description);
  }

  private void recordSeries(AgentContext ctx) {
    long n = ctx.blockNumber();
    int active = liveCount(SaleState.ACTIVE) + liveCount(SaleState.SETTLING);
    ctx.metrics().record("sp." + name + ".active_deals", n, active);
    ctx.metrics().record("sp." + name + ".reserved_bytes", n, reservations.reservedBytes());
  }

  @Override
  public String status() {
    TreeMap<SaleState, Long> byState = new TreeMap<>(endedCounts);
    liveByState.forEach(
        (state, inState) -> {
          if (!inState.isEmpty()) byState.merge(state, (long) inState.size(), Long::sum);
        });
    StringBuilder b = new StringBuilder(Keyring.nameOf(me));
    b.append(offline ? " offline" : " online");
    for (var e : byState.entrySet()) {
      b.append(", ").append(e.getValue()).append(' ').append(e.getKey().metricName());
    }
    b.append(", queue ").append(queue.size()).append(queue.isPaused() ? " (paused)" : "");
    b.append(", earned ").append(earned).append(" planck");
    return b.toString();
  }

  // ================================================================== helpers

  private static boolean exhausted(DispatchOutcome out) {
    return out.error().exists(e -> e instanceof DispatchError.Exhausted);
  }

  private static String describe(DispatchOutcome out) {
    return out.error().map(DispatchError::describe).getOrElse("ok");
  }

  private static Option<MarketError> marketError(DispatchOutcome out) {
    if (out.error().isEmpty() || !(out.error().get() instanceof DispatchError.Module m)) {
      return Option.none();
    }
    PalletError e = m.error();
    return e instanceof MarketError me ? Option.some(me) : Option.none();
  }
}
