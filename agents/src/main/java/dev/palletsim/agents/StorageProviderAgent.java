package dev.palletsim.agents;

import static dev.palletsim.agents.sales.SalesContext.exhausted;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceRef;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.board.DealBoard.StorageRequest;
import dev.palletsim.agents.sales.InvalidProofs;
import dev.palletsim.agents.sales.OpportunityQueue;
import dev.palletsim.agents.sales.Reservations;
import dev.palletsim.agents.sales.Sale;
import dev.palletsim.agents.sales.SaleEvent;
import dev.palletsim.agents.sales.SalePayout;
import dev.palletsim.agents.sales.SalePhase;
import dev.palletsim.agents.sales.Sales;
import dev.palletsim.agents.sales.SalesContext;
import dev.palletsim.collatorpower.CollatorPowerCall;
import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.collatorpower.MinerClaim;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.DealSettlement;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.market.Regime;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.storageprovider.SectorPreCommitOnChainInfo;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.storageprovider.StorageProviderStorage;
import io.vavr.Tuple2;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * A storage provider node after seed 003's sales module, on Filecoin's deal flow: it offers
 * {@linkplain Reservations availabilities}, ranks the board's pieces in an {@link
 * OpportunityQueue}, runs one {@link Sale} per piece through the states of package {@code
 * dev.palletsim.agents.sales} (one type per seed 003 state, driven by {@link Sales}), and carries
 * the provider-level duties every sale relies on. It acts only through extrinsics and reads the
 * chain only through its context's view and the pallets' read helpers.
 *
 * <h2>Per block (while online)</h2>
 *
 * <ol>
 *   <li>The first act of an instance is seed 003's {@code SaleUnknown} for every deal (see
 *       <i>Restart recovery</i>).
 *   <li>Register ({@code register_storage_provider}) if not yet registered.
 *   <li>Reconcile every sale holding a deal with the chain ({@link Sales#reconcile}): a deal
 *       activated, or gone by completion, activation timeout or termination of its sector.
 *   <li>Submit a Window PoSt in every open deadline that has partitions to prove (every deadline of
 *       every proving period, whatever sale it serves), except the injected misses, and with the
 *       injected invalid proofs.
 *   <li>Declare the faults asked for by command, and recoveries (of detected faults when {@code
 *       auto-recover}, of declared ones on {@code recover}), each before its deadline's cutoff.
 *   <li>Take new work: read the board's changes into the queue, then start sales from the queue
 *       while fewer than {@code max-workers} are negotiating (preparing or publishing).
 *   <li>Advance every sale ({@link Sales#advance}): publish, pre-commit, prove-commit once the
 *       interactive seed exists, move ended deals to payout.
 *   <li>Settle: under FIP-0074 the deals in payout, and every {@code settle-every} blocks the
 *       active ones, in {@code settle_deal_payments} calls (under the legacy regime cron settles
 *       and the agent only watches).
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
 * it.
 *
 * <h2>Restart recovery</h2>
 *
 * A new instance (at the start of a run, and after a restart, when everything the previous one kept
 * in memory is gone) reads its work from the chain: every deal the market holds for this provider
 * becomes a sale entering {@code SaleUnknown}, whose entry action jumps to the state the chain
 * shows. Bytes and collateral are reserved again on the availability whose terms the deal meets;
 * the board piece comes from the deal's label. The next sector number follows the highest allocated
 * one, the delegation policy starts from the current delegations, and every fault is treated as
 * detected (recovered when {@code auto-recover}). Board pieces this provider had taken but not yet
 * published (negotiations lost in the crash) are released for others; the queue is rebuilt from the
 * board's open pieces.
 *
 * <h2>Invalid proofs</h2>
 *
 * {@code invalid-post-every} / {@code invalid-post-probability} make every N-th Window PoSt, or
 * each with a probability, invalid (a byte flipped), as nim-codex's simulated proving does; the
 * sales of such a provider prove in {@code SaleProvingSimulated}. A rejected PoSt is not retried in
 * its deadline: the partitions go unproven and are detected faulty when the deadline closes. {@code
 * invalid-porep-every} / {@code invalid-porep-probability} do the same to prove-commits, which are
 * retried with a fresh proof in the next block. Counted {@code post.invalid} and {@code
 * porep.invalid}; the chain's answer is the {@code proofs} probe's.
 *
 * <h2>Metrics</h2>
 *
 * Declared with their units and meanings in {@link #METRICS}: {@code sales.<phase>} (every entry
 * into a phase, all providers; a phase groups seed 003 states, {@link SalePhase}), {@code
 * sales.failed.<reason>}, deals, settlement, proving, fault, delegation and housekeeping counters,
 * and per block the series {@code sp.<agent>.active_deals} and {@code sp.<agent>.reserved_bytes}.
 *
 * <h2>Commands</h2>
 *
 * {@code go-offline {blocks}} (no extrinsics at all for that many blocks, or until {@code
 * go-online}), {@code go-online}, {@code declare-faults {count}} (declare {@code count} healthy
 * sectors faulty, lowest numbers first, and hold them faulty), {@code recover} (declare every
 * faulty sector recovered), {@code miss-posts {every}} (skip every N-th PoSt from now on; 0 stops),
 * {@code add-availability {capacity, …}} (the keys of one availability), {@code equivocate
 * {reporter}} (sign two conflicting block headers at the last block, a double fork, and have the
 * keyring account {@code reporter}, who saw both, report the consensus fault).
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
   * @param invalidProofs which PoReps and Window PoSts it makes invalid on purpose
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
      boolean register,
      InvalidProofs.Settings invalidProofs) {
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
      if (invalidProofs == null) throw new IllegalArgumentException("invalid proofs: none given");
    }
  }

  private final String name;
  private final Settings settings;
  private final AccountId me;
  private final Reservations reservations = new Reservations();
  private final OpportunityQueue queue;
  private final InvalidProofs invalidProofs;
  private final Sales sales;
  private final ProvingDuties proving;

  private ProviderOps ops;
  private StorageProviderPallet sp;
  private MarketPallet market;
  private CollatorPowerPallet power;
  private DealBoard board;
  private boolean started;
  private int boardCursor;
  private long lastRegisterAttempt = Long.MIN_VALUE;
  private boolean offline;
  private long offlineUntil = -1;
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
    this.invalidProofs = new InvalidProofs(settings.invalidProofs());
    this.proving =
        new ProvingDuties(me, settings.missPostEvery(), settings.autoRecover(), invalidProofs);
    this.sales =
        new Sales(
            me,
            reservations,
            queue,
            new Sales.Terms(
                settings.transferBlocks(),
                settings.startDelay(),
                settings.dealsPerSector(),
                settings.escrowBuffer()),
            invalidProofs);
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
  public static final int RETAINED_ENDED_SALES = Sales.RETAINED_ENDED_SALES;

  /**
   * The sales this instance runs and the last {@value #RETAINED_ENDED_SALES} that ended, by number.
   */
  public Vector<Sale> sales() {
    return sales.sales();
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
    SalesContext c = new SalesContext(ctx, sales);
    if (!started) start(c);
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
    sales.reconcile(c);
    if (isRegistered(ctx.view())) proving.act(ctx);
    takeWork(c);
    sales.advance(c);
    settle(c);
    delegate(ctx);
    recordSeries(ctx);
  }

  private void start(SalesContext c) {
    connect(c.agent());
    recover(c);
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
    sales.connect(runtime, board);
    proving.connect(ops);
  }

  /**
   * Seed 003's {@code SaleUnknown}, run by every new instance (at the start of a run and after a
   * restart): rebuilds the work from the chain alone. Every deal the market holds for this provider
   * becomes a sale (counted {@code sales.unknown}) resumed in the state the chain shows ({@link
   * Sales#resume}). The next sector number follows the highest allocated one; the delegation policy
   * starts from the current delegations. Board pieces this provider had taken but not published
   * (negotiations lost in the crash) are released for others; the queue is rebuilt from the board's
   * open pieces.
   */
  private void recover(SalesContext c) {
    World view = c.view();
    long now = c.now();
    var allocated = sp.allocatedSectors(view, me).last();
    if (allocated.isPresent()) sales.sectorAllocated(allocated.getAsLong());
    TreeMap<Long, SectorPreCommitOnChainInfo> preCommitted = new TreeMap<>();
    for (var e : StorageProviderStorage.PRE_COMMITS.entriesOf(view, me)) {
      for (Long d : e._2.dealIds()) preCommitted.put(d, e._2);
    }
    for (Tuple2<Long, DealProposal> e : MarketStorage.PROPOSALS.entries(view)) {
      if (!e._2.provider().equals(me)) continue;
      sales.resume(c, e._1, e._2, Option.of(preCommitted.get(e._1)));
    }
    for (DealBoard.Piece p : board.piecesOf(me, PieceState.TAKEN)) {
      board.release(p.ref(), me, now);
      c.count("sp.released_on_restart");
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

  // ================================================================== the chain's events

  @Override
  public void observe(BlockRecord block, AgentContext ctx) {
    for (var e : block.eventsOf(MarketEvent.DealCompleted.class)) {
      if (e.provider().equals(me)) {
        sales.endedOnChain(e.dealId(), new SaleEvent.DealEnded(SaleEvent.DealEnded.COMPLETED, 0));
      }
    }
    for (var e : block.eventsOf(MarketEvent.DealTerminated.class)) {
      if (e.provider().equals(me)) {
        sales.endedOnChain(e.dealId(), new SaleEvent.DealEnded("sector terminated", e.slashed()));
      }
    }
    for (var e : block.eventsOf(MarketEvent.DealTimedOut.class)) {
      if (e.provider().equals(me)) {
        sales.endedOnChain(e.dealId(), new SaleEvent.DealEnded("deal timed out", e.slashed()));
      }
    }
    for (var e : block.eventsOf(MarketEvent.DealSettled.class)) {
      if (sales.paid(e.dealId(), e.payment())) {
        earned = DealBoard.saturatingAdd(earned, e.payment());
        ctx.metrics().add("settlement.paid_planck", e.payment());
        ctx.metrics().add("sp." + name + ".earned_planck", e.payment());
      }
    }
    for (var e : block.eventsOf(StorageProviderEvent.FaultsDetected.class)) {
      if (e.owner().equals(me)) {
        proving.faultsDetected();
        ctx.metrics().count("sp.faults_detected");
      }
    }
    // a disputed PoSt's sectors became faulty: they may be recovered as detected faults are
    for (var e : block.eventsOf(StorageProviderEvent.PoStDisputed.class)) {
      if (e.owner().equals(me)) proving.faultsDetected();
    }
  }

  // ================================================================== proving duties

  // ================================================================== new work

  private void takeWork(SalesContext c) {
    long now = c.now();
    for (DealBoard.Change ch : board.changesSince(boardCursor)) {
      if (ch.state() == PieceState.OPEN) {
        StorageRequest r = board.request(ch.requestId()).get();
        java.util.List<OpportunityQueue.Item> items = new ArrayList<>();
        for (int i : ch.pieces()) {
          PieceRef ref = new PieceRef(r.id(), i);
          if (board.isOpen(ref, now) && !queue.contains(ref) && !sales.gaveUp(ref)) {
            items.add(OpportunityQueue.Item.of(r, i));
          }
        }
        if (!items.isEmpty()) queue.pushRequest(items, c.random());
      } else {
        for (int i : ch.pieces()) queue.remove(new PieceRef(ch.requestId(), i));
      }
    }
    boardCursor = board.cursor();
    while (negotiating() < settings.maxWorkers()) {
      Option<OpportunityQueue.Item> next = queue.next();
      if (next.isEmpty()) break;
      sales.prepare(c, next.get());
    }
  }

  private int negotiating() {
    return sales.liveCount(SalePhase.PREPARING) + sales.liveCount(SalePhase.PUBLISHING);
  }

  // ================================================================== settlement

  /**
   * Under FIP-0074, settles the deals in {@link SalePayout} and, every {@code settle-every} blocks,
   * the active ones that have started, in calls of at most the market's batch; a deal the
   * settlement completes ends its sale. Under the legacy regime cron settles.
   */
  private void settle(SalesContext c) {
    long now = c.now();
    if (market.config().regimeAt(now) != Regime.Fip0074) return; // cron settles
    Vector<Sale> due = sales.live(new SalePayout());
    boolean periodic = settings.settleEvery() > 0 && now - lastSettlement >= settings.settleEvery();
    if (periodic) {
      lastSettlement = now;
      due =
          due.appendAll(
              sales.live(SalePhase.ACTIVE).filter(s -> now > s.proposal().get().startBlock()));
    }
    if (due.isEmpty()) return;
    int max = market.config().maxDealsPerSettlement();
    for (Seq<Sale> batch : due.grouped(max)) {
      DispatchOutcome out = c.submit(new MarketCall.SettleDealPayments(batch.map(Sale::dealId)));
      if (exhausted(out)) return;
      if (!out.isSuccess()) {
        c.count("settlement.failed");
        continue;
      }
      c.count("settlement.calls");
      for (var settled : out.eventsOf(MarketEvent.DealsSettled.class)) {
        for (DealSettlement d : settled.settlements()) {
          if (d.completed()) {
            sales.tell(c, d.dealId(), new SaleEvent.DealEnded(SaleEvent.DealEnded.COMPLETED, 0));
          }
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

  // ================================================================== commands

  /**
   * Runs a command (see the class comment); a command it does not know, or whose arguments are
   * malformed (counted {@code sp.command_rejected}), is refused.
   */
  @Override
  public boolean command(String command, Map<String, Object> args, AgentContext ctx) {
    if (!started) start(new SalesContext(ctx, sales));
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
        proving.declareFaultsCommand(ctx.view(), count);
        return true;
      }
      case "recover" -> {
        proving.recoverCommand();
        return true;
      }
      case "miss-posts" -> {
        proving.missPostsCommand(
            Distribution.amount(owner, "every", args.getOrDefault("every", 0)));
        return true;
      }
      case "equivocate" -> {
        Object reporter = args.get("reporter");
        if (!(reporter instanceof String who) || who.isBlank()) {
          throw new IllegalArgumentException(owner + ": reporter must be a keyring name");
        }
        ctx.submit(
            Keyring.account(who),
            ProviderOps.doubleFork(me, settings.accountName(), ctx.blockNumber() - 1));
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
   * What a storage provider agent keeps in memory, for a saved run: its sales, queue, reservations
   * and invalid-proof counts, and its provider-level duties' state.
   */
  record Memory(
      Sales.Memory sales,
      Reservations.Memory reservations,
      OpportunityQueue.Memory queue,
      InvalidProofs.Memory invalidProofs,
      ProvingDuties.Memory proving,
      boolean started,
      int boardCursor,
      long lastRegisterAttempt,
      boolean offline,
      long offlineUntil,
      long delegationSession,
      Vector<AccountId> chosen,
      long lastSettlement,
      long earned) {}

  @Override
  public Option<Object> memory() {
    return Option.some(
        new Memory(
            sales.memory(),
            reservations.memory(),
            queue.memory(),
            invalidProofs.memory(),
            proving.memory(),
            started,
            boardCursor,
            lastRegisterAttempt,
            offline,
            offlineUntil,
            delegationSession,
            chosen,
            lastSettlement,
            earned));
  }

  @Override
  public void restore(Object memory, AgentContext ctx) {
    Memory m = (Memory) memory;
    if (m.started()) connect(ctx);
    sales.restore(m.sales());
    reservations.restore(m.reservations());
    queue.restore(m.queue());
    invalidProofs.restore(m.invalidProofs());
    proving.restore(m.proving());
    boardCursor = m.boardCursor();
    lastRegisterAttempt = m.lastRegisterAttempt();
    offline = m.offline();
    offlineUntil = m.offlineUntil();
    delegationSession = m.delegationSession();
    chosen = m.chosen();
    lastSettlement = m.lastSettlement();
    earned = m.earned();
  }

  // ================================================================== metrics and status

  /**
   * What storage provider agents record, with units and meanings: their sales' ({@link
   * Sales#METRICS}) and their own, counters summed over all providers unless the name holds {@code
   * <agent>}, and two series per provider.
   */
  public static final java.util.List<MetricInfo> METRICS = metrics();

  /** How to read {@link #status()}. */
  static final String STATUS_HELP =
      "`<account> online|offline, N <phase>, …, queue N (paused), earned N planck`: the"
          + " provider's account; offline while a go-offline command holds; for each sale phase,"
          + " the sales in it now (preparing … settling) or ended in it (finished, failed,"
          + " cancelled, ignored, errored); the opportunity queue's length, with (paused) when"
          + " its best item was already evaluated and fits no availability, so the provider waits"
          + " until an availability grows or an unseen piece arrives; the planck settled to it so"
          + " far.";

  private static java.util.List<MetricInfo> metrics() {
    java.util.List<MetricInfo> m = new ArrayList<>(Sales.METRICS);
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
    m.add(
        counter(
            "post.failed",
            "extrinsics",
            "Window PoSt submissions that failed, other than the invalid ones made on purpose"));
    m.add(
        counter(
            "post.invalid",
            "extrinsics",
            "Window PoSts submitted with an invalid proof on purpose (invalid-post-every,"
                + " invalid-post-probability); the chain rejects each and the deadline's partitions"
                + " go unproven"));
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
            "sp.released_on_restart",
            "pieces",
            "board pieces a restarted provider had taken but not published, released for others"));
    m.add(counter("sp.offline_blocks", "blocks", "blocks providers spent offline (go-offline)"));
    m.add(counter("sp.command_rejected", "commands", "scripted commands with malformed arguments"));
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
    int active = sales.liveCount(SalePhase.ACTIVE) + sales.liveCount(SalePhase.SETTLING);
    ctx.metrics().record("sp." + name + ".active_deals", n, active);
    ctx.metrics().record("sp." + name + ".reserved_bytes", n, reservations.reservedBytes());
  }

  @Override
  public String status() {
    StringBuilder b = new StringBuilder(Keyring.nameOf(me));
    b.append(offline ? " offline" : " online");
    for (var e : sales.countsByPhase().entrySet()) {
      b.append(", ").append(e.getValue()).append(' ').append(e.getKey().metricName());
    }
    b.append(", queue ").append(queue.size()).append(queue.isPaused() ? " (paused)" : "");
    b.append(", earned ").append(earned).append(" planck");
    return b.toString();
  }
}
