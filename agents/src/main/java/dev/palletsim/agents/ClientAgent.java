package dev.palletsim.agents;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceState;
import dev.palletsim.agents.board.DealBoard.StorageRequest;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.market.PendingWithdrawal;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.MetricInfo;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Map;

/**
 * A storage client: posts storage requests on the {@link DealBoard} with terms drawn from its
 * configured {@link Distribution}s, keeps its market escrow funded for the fees and collateral of
 * the pieces it has on offer ({@code add_balance}), signs with its keyring key the proposals that
 * match its requests ({@link DealBoard#checkTerms}), withdraws its requests once they expire, and
 * optionally withdraws escrow it no longer needs ({@code withdraw_balance}, completing a delayed
 * withdrawal when it is ready).
 *
 * <h2>Per block</h2>
 *
 * Register its signer on the board (again after a restart: its requests live on the board);
 * withdraw expired requests; draw the next request's terms if one is due (every {@code post-every}
 * blocks from {@code first-post}, while fewer than {@code max-open-requests} requests have pieces
 * on offer and fewer than {@code max-requests} were posted); top up escrow to cover every piece on
 * offer (open or taken) plus the new request; post it; withdraw unused escrow if configured.
 *
 * <h2>Metrics</h2>
 *
 * Declared with their units and meanings in {@link #METRICS}. Counters {@code requests.posted},
 * {@code requests.expired} (withdrawn at expiry), {@code requests.skipped_full} (a post due while
 * {@code max-open-requests} were on offer), {@code pieces.posted}, {@code pieces.expired}, {@code
 * signatures.given}, {@code signatures.refused}, {@code client.escrow_added_planck}, {@code
 * client.escrow_withdrawn_planck}, {@code client.funding_failed}; series {@code
 * client.<agent>.escrow} and {@code client.<agent>.locked}.
 *
 * <h2>Commands</h2>
 *
 * {@code post {count}} (post now, default one request), {@code pause} and {@code resume} (periodic
 * posting), {@code withdraw-requests} (withdraw every request with pieces on offer).
 */
public final class ClientAgent implements Agent {

  /**
   * What a client agent is configured with (see {@link ClientAgentType}).
   *
   * @param accountName the keyring name of its account and signing key
   * @param postEvery blocks between two requests (0: only on command)
   * @param firstPost the first block it posts
   * @param maxRequests the most requests it posts in the run (0: no limit)
   * @param maxOpenRequests the most requests with pieces on offer at once
   * @param pieceSize piece sizes (none: the runtime's sector size)
   * @param pieces pieces per request
   * @param duration deal durations (none: uniform over [m, 3m], m = max(100, the market's minimum))
   * @param pricePerBlock price per block and piece
   * @param providerCollateral provider collateral required (none: the market's minimum for the
   *     piece)
   * @param clientCollateral the client's collateral per piece
   * @param expiry blocks a request stays on offer
   * @param maxStartDelay a deal must start at most this many blocks after it is signed; −1 derives
   *     it from the runtime (the pre-commit challenge delay + 100)
   * @param fundEscrow top up escrow for the pieces on offer
   * @param escrowBuffer extra planck added whenever escrow is topped up
   * @param withdrawUnused withdraw available escrow while nothing is on offer
   */
  public record Settings(
      String accountName,
      long postEvery,
      long firstPost,
      long maxRequests,
      int maxOpenRequests,
      Option<Distribution> pieceSize,
      Distribution pieces,
      Option<Distribution> duration,
      Distribution pricePerBlock,
      Option<Distribution> providerCollateral,
      Distribution clientCollateral,
      long expiry,
      long maxStartDelay,
      boolean fundEscrow,
      long escrowBuffer,
      boolean withdrawUnused) {
    /** Checks the settings. */
    public Settings {
      if (postEvery < 0) throw new IllegalArgumentException("post-every must not be negative");
      if (maxRequests < 0) throw new IllegalArgumentException("max-requests must not be negative");
      if (maxOpenRequests < 1)
        throw new IllegalArgumentException("max-open-requests must be at least 1");
      if (pieces.min() < 1) throw new IllegalArgumentException("pieces must be at least 1");
      if (pieceSize.exists(d -> d.min() < 128)) {
        throw new IllegalArgumentException("piece-size must be at least 128 bytes");
      }
      if (duration.exists(d -> d.min() < 1))
        throw new IllegalArgumentException("duration must be at least 1");
      if (pricePerBlock.min() < 0 || clientCollateral.min() < 0) {
        throw new IllegalArgumentException("prices and collateral must not be negative");
      }
      if (providerCollateral.exists(d -> d.min() < 0)) {
        throw new IllegalArgumentException("provider-collateral must not be negative");
      }
      if (expiry < 1) throw new IllegalArgumentException("expiry must be at least 1 block");
      if (maxStartDelay < 1 && maxStartDelay != -1) {
        throw new IllegalArgumentException("max-start-delay must be at least 1");
      }
      if (escrowBuffer < 0)
        throw new IllegalArgumentException("escrow-buffer must not be negative");
    }
  }

  private final String name;
  private final Settings settings;
  private final AccountId me;
  private MarketPallet market;
  private DealBoard board;
  private long sectorSize;
  private long maxStartDelay;
  private boolean started;
  private boolean paused;
  private long posted;
  private long pendingPosts;
  private final java.util.TreeSet<Long> live = new java.util.TreeSet<>();

  /** A client agent {@code name} with {@code settings}. */
  public ClientAgent(String name, Settings settings) {
    this.name = name;
    this.settings = settings;
    this.me = Keyring.account(settings.accountName());
  }

  @Override
  public String name() {
    return name;
  }

  /** The client's account. */
  public AccountId account() {
    return me;
  }

  @Override
  public void act(AgentContext ctx) {
    if (!started) start(ctx);
    long now = ctx.blockNumber();
    withdrawExpired(ctx, now);
    boolean due =
        !paused
            && settings.postEvery() > 0
            && now >= settings.firstPost()
            && (now - settings.firstPost()) % settings.postEvery() == 0;
    if (due) pendingPosts++;
    while (pendingPosts > 0) {
      pendingPosts--;
      if (settings.maxRequests() > 0 && posted >= settings.maxRequests()) {
        pendingPosts = 0;
        break;
      }
      if (requestsOnOffer(now) >= settings.maxOpenRequests()) {
        ctx.metrics().count("requests.skipped_full");
        continue;
      }
      postOne(ctx, now);
    }
    fund(ctx, 0);
    withdrawUnused(ctx, now);
    long escrow = market.escrowBalance(ctx.view(), me);
    ctx.metrics().record("client." + name + ".escrow", now, escrow);
    ctx.metrics().record("client." + name + ".locked", now, market.lockedBalance(ctx.view(), me));
  }

  private void start(AgentContext ctx) {
    connect(ctx);
    for (StorageRequest r : board.requestsOf(settings.accountName())) {
      posted++;
      if (board.hasPiecesOnOffer(r.id())) live.add(r.id());
    }
  }

  /** Finds the pallets and the board and registers the signer: what any instance does first. */
  private void connect(AgentContext ctx) {
    started = true;
    ProviderOps ops = new ProviderOps(ctx.chain().runtime());
    market = ops.market();
    sectorSize = ops.sectorSize();
    maxStartDelay =
        settings.maxStartDelay() > 0
            ? settings.maxStartDelay()
            : ops.storageProvider().config().preCommitChallengeDelay() + 100;
    board = ctx.shared(DealBoard.class, DealBoard::new);
    String key = settings.accountName();
    var metrics = ctx.metrics();
    board.register(
        key,
        (request, piece, provider, proposal, now) -> {
          Option<String> mismatch = DealBoard.checkTerms(request, piece, provider, proposal, now);
          if (mismatch.isDefined()) {
            metrics.count("signatures.refused");
            return new DealBoard.Signing.Refused(mismatch.get());
          }
          metrics.count("signatures.given");
          return new DealBoard.Signing.Signed(ClientDealProposal.signedBy(proposal, key));
        });
  }

  private void postOne(AgentContext ctx, long now) {
    MarketConfig mc = market.config();
    var random = ctx.random();
    long size = roundPieceSize(settings.pieceSize().map(d -> d.draw(random)).getOrElse(sectorSize));
    int pieces = (int) Math.max(1, Math.min(Integer.MAX_VALUE, settings.pieces().draw(random)));
    long base = Math.max(100, mc.dealMinDuration());
    long duration =
        settings
            .duration()
            .map(d -> d.draw(random))
            .getOrElse(
                () ->
                    new Distribution.Uniform(
                            base, Math.max(base, Math.min(3 * base, mc.dealMaxDuration())))
                        .draw(random));
    long price = settings.pricePerBlock().draw(random);
    long providerCollateral =
        settings
            .providerCollateral()
            .map(d -> d.draw(random))
            .getOrElse(() -> market.minProviderCollateral(ctx.view(), size));
    long clientCollateral = settings.clientCollateral().draw(random);
    long need =
        DealBoard.saturatingMul(
            DealBoard.saturatingAdd(clientCollateral, DealBoard.saturatingMul(price, duration)),
            pieces);
    fund(ctx, need);
    StorageRequest r =
        board.post(
            settings.accountName(),
            me,
            size,
            pieces,
            duration,
            price,
            providerCollateral,
            clientCollateral,
            now,
            now + settings.expiry(),
            maxStartDelay);
    posted++;
    live.add(r.id());
    ctx.metrics().count("requests.posted");
    ctx.metrics().add("pieces.posted", r.pieces());
  }

  /** A power of two of at least 128 bytes, at most the sector size (rounded down). */
  private long roundPieceSize(long drawn) {
    long v = Math.min(Math.max(128, drawn), sectorSize);
    return Long.highestOneBit(v);
  }

  /** Tops up escrow so that it covers the pieces on offer plus {@code extra}. */
  private void fund(AgentContext ctx, long extra) {
    if (!settings.fundEscrow()) return;
    long now = ctx.blockNumber();
    long needed = extra;
    for (long id : live) {
      StorageRequest r = board.request(id).get();
      for (DealBoard.Piece p : board.pieces(id)) {
        if ((p.state() == PieceState.OPEN || p.state() == PieceState.TAKEN) && now < r.expiry()) {
          needed = DealBoard.saturatingAdd(needed, r.clientRequirement());
        }
      }
    }
    long available = market.availableBalance(ctx.view(), me);
    if (available >= needed) return;
    long add = DealBoard.saturatingAdd(needed - available, settings.escrowBuffer());
    DispatchOutcome out = ctx.submit(me, new MarketCall.AddBalance(add));
    if (out.isSuccess()) {
      ctx.metrics().add("client.escrow_added_planck", add);
    } else {
      ctx.metrics().count("client.funding_failed");
    }
  }

  /** Withdraws expired requests and forgets requests with nothing left on offer. */
  private void withdrawExpired(AgentContext ctx, long now) {
    for (long id : new java.util.ArrayList<>(live)) {
      StorageRequest r = board.request(id).get();
      if (now >= r.expiry()) {
        int n = board.withdraw(id, settings.accountName(), now);
        if (n > 0) {
          ctx.metrics().count("requests.expired");
          ctx.metrics().add("pieces.expired", n);
        }
      }
      if (!board.hasPiecesOnOffer(id)) live.remove(id);
    }
  }

  private int requestsOnOffer(long now) {
    int n = 0;
    for (long id : live) {
      if (now < board.request(id).get().expiry() && board.hasPiecesOnOffer(id)) n++;
    }
    return n;
  }

  private void withdrawUnused(AgentContext ctx, long now) {
    if (!settings.withdrawUnused()) return;
    Option<PendingWithdrawal> pending = MarketStorage.PENDING_WITHDRAWALS.find(ctx.view(), me);
    if (pending.isDefined()) {
      if (now >= pending.get().readyAt()) {
        DispatchOutcome out = ctx.submit(me, new MarketCall.CompleteWithdrawal());
        if (!out.isSuccess()) ctx.metrics().count("client.withdrawal_failed");
      }
      return;
    }
    if (requestsOnOffer(now) > 0) return;
    if (settings.postEvery() > 0
        && !paused
        && (settings.maxRequests() == 0 || posted < settings.maxRequests())) {
      return; // more requests to come: keep the funds
    }
    long available = market.availableBalance(ctx.view(), me);
    if (available <= 0) return;
    DispatchOutcome out = ctx.submit(me, new MarketCall.WithdrawBalance(available));
    if (out.isSuccess()) {
      ctx.metrics().add("client.escrow_withdrawn_planck", available);
    } else if (!out.error().exists(e -> e instanceof DispatchError.Exhausted)) {
      ctx.metrics().count("client.withdrawal_failed");
    }
  }

  @Override
  public boolean command(String command, Map<String, Object> args, AgentContext ctx) {
    switch (command) {
      case "post" -> {
        try {
          long n =
              args.containsKey("count")
                  ? Distribution.amount("agent " + name, "count", args.get("count"))
                  : 1;
          pendingPosts += Math.max(0, n);
        } catch (IllegalArgumentException e) {
          ctx.metrics().count("client.command_rejected");
          return false;
        }
        return true;
      }
      case "pause" -> {
        paused = true;
        return true;
      }
      case "resume" -> {
        paused = false;
        return true;
      }
      case "withdraw-requests" -> {
        if (!started) start(ctx);
        for (long id : new java.util.ArrayList<>(live)) {
          int n = board.withdraw(id, settings.accountName(), ctx.blockNumber());
          if (n > 0) ctx.metrics().add("pieces.withdrawn", n);
          live.remove(id);
        }
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** What client agents record, with units and meanings (the class comment's list). */
  public static final java.util.List<MetricInfo> METRICS =
      java.util.List.of(
          MetricInfo.counter(
              "requests.posted", "requests", "storage requests posted on the deal board"),
          MetricInfo.counter(
              "requests.expired",
              "requests",
              "requests withdrawn at their expiry with pieces still on offer (no provider took"
                  + " them in time)"),
          MetricInfo.counter(
              "requests.skipped_full",
              "requests",
              "posts that were due while max-open-requests requests were on offer, so skipped"),
          MetricInfo.counter(
              "pieces.posted",
              "pieces",
              "pieces in the posted requests (a request asks for one deal per piece)"),
          MetricInfo.counter(
              "pieces.expired", "pieces", "pieces still on offer when their request expired"),
          MetricInfo.counter(
              "pieces.withdrawn", "pieces", "pieces withdrawn by a withdraw-requests command"),
          MetricInfo.counter(
              "signatures.given",
              "proposals",
              "deal proposals a client signed because they matched its request"),
          MetricInfo.counter(
              "signatures.refused",
              "proposals",
              "deal proposals a client refused: terms not matching its request, or it expired"),
          MetricInfo.counter(
              "client.escrow_added_planck",
              MetricInfo.PLANCK,
              "planck the clients added to their market escrow for fees and collateral"),
          MetricInfo.counter(
              "client.escrow_withdrawn_planck",
              MetricInfo.PLANCK,
              "planck the clients withdrew from escrow (withdraw-unused)"),
          MetricInfo.counter(
              "client.funding_failed", "extrinsics", "add_balance calls that failed"),
          MetricInfo.counter(
              "client.withdrawal_failed",
              "extrinsics",
              "withdraw_balance or complete_withdrawal calls that failed"),
          MetricInfo.counter(
              "client.command_rejected", "commands", "scripted commands with malformed arguments"),
          MetricInfo.series(
              "client.<agent>.escrow",
              MetricInfo.PLANCK,
              "the client's market escrow balance, locked and available"),
          MetricInfo.series(
              "client.<agent>.locked",
              MetricInfo.PLANCK,
              "the part of the client's escrow locked by deals: collateral and storage fees not"
                  + " yet paid"));

  /** How to read {@link #status()}. */
  static final String STATUS_HELP =
      "`<account>, N requests, N pieces in deals, N done, N expired or dropped`: the requests it"
          + " posted; pieces of its requests in published deals now; pieces whose deal ended;"
          + " pieces that expired on offer or whose deal the market refused.";

  /**
   * What a client agent keeps in memory, for a saved run (its requests live on the board).
   *
   * @param started whether it has acted (and registered its signer)
   * @param paused whether periodic posting is paused
   * @param posted requests posted
   * @param pendingPosts posts asked for and not yet made
   * @param live its requests that may still have pieces on offer, ascending
   */
  public record Memory(
      boolean started, boolean paused, long posted, long pendingPosts, Vector<Long> live) {}

  @Override
  public Option<Object> memory() {
    return Option.some(new Memory(started, paused, posted, pendingPosts, Vector.ofAll(live)));
  }

  @Override
  public void restore(Object memory, AgentContext ctx) {
    Memory m = (Memory) memory;
    if (m.started()) connect(ctx);
    paused = m.paused();
    posted = m.posted();
    pendingPosts = m.pendingPosts();
    live.clear();
    m.live().forEach(live::add);
  }

  @Override
  public String status() {
    if (board == null) return Keyring.nameOf(me) + ", not started";
    int published = 0;
    int done = 0;
    int lost = 0;
    for (StorageRequest r : board.requestsOf(settings.accountName())) {
      for (DealBoard.Piece p : board.pieces(r.id())) {
        switch (p.state()) {
          case PUBLISHED -> published++;
          case DONE -> done++;
          case EXPIRED, DROPPED -> lost++;
          default -> {}
        }
      }
    }
    return Keyring.nameOf(me)
        + ", "
        + posted
        + " requests, "
        + published
        + " pieces in deals, "
        + done
        + " done, "
        + lost
        + " expired or dropped";
  }
}
