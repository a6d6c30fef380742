package dev.palletsim.agents;

import static dev.palletsim.agents.sales.SalesContext.exhausted;

import dev.palletsim.agents.sales.InvalidProofs;
import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.storageprovider.ProveCommitSector;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderConfig;
import io.vavr.collection.Vector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A bulk deal load: one storage provider and its one client onboarding a fixed number of deals as
 * fast as the chain's block weight allows, through the same extrinsics an honest pair submits, in
 * the order the benchmarks' network builder uses. The client escrows the fees once; every deal is
 * signed by the client (Ed25519) and published by the provider ({@code publish_storage_deals}, as
 * many as one call may carry); full sectors of deals are pre-committed ({@code pre_commit_sectors},
 * CommD from the market, CommR from the seal ticket) and, after the interactive seal delay,
 * prove-committed ({@code prove_commit_sectors}, which activates the deals), and the provider
 * submits a valid Window PoSt in every deadline ({@link ProvingDuties}). What a scenario of many
 * agents builds in tens of thousands of blocks, this builds in as few blocks as the weight limit
 * allows: the way to put 10^4 to 10^6 active deals on a chain to measure what they cost (the
 * FIP-0074 experiment, seeds 002 and 004).
 *
 * <p>The pipeline is kept short so that no deal starts before it is sealed: a batch is published
 * only while fewer than {@code max-deals-per-publish} deals wait for a sector, and each batch
 * starts {@code pre-commit-challenge-delay + start-margin} blocks after its publication. The
 * provider does not settle its deals by hand (under FIP-0074 nothing settles them: the cron's work
 * is what is measured). Any call that fails for another reason than a full block stops the run: a
 * load that does not build is a bug, not a result.
 */
final class DealLoadAgent implements Agent {
  /** The counters a deal load records, besides the proving counters of {@link ProvingDuties}. */
  static final java.util.List<MetricInfo> METRICS =
      java.util.List.of(
          MetricInfo.counter("load.published", "deals", "deals a deal-load agent published"),
          MetricInfo.counter(
              "load.sectors_proven", "sectors", "sectors a deal-load agent prove-committed"));

  /**
   * A deal-load agent's settings.
   *
   * @param account the provider's keyring name
   * @param client the client's keyring name (signs the deals, pays the fees)
   * @param deals how many deals to onboard
   * @param dealsPerSector deals per sector (0: as many as a sector may hold)
   * @param pricePerBlock each deal's price per block, planck
   * @param duration each deal's duration in blocks (0: the market's shortest)
   * @param startMargin blocks added to the interactive seal delay before a batch's deals start
   */
  record Settings(
      String account,
      String client,
      long deals,
      long dealsPerSector,
      long pricePerBlock,
      long duration,
      long startMargin) {}

  /** A pre-committed sector and the first block it may be proven at. */
  private record Sealing(long number, long provableAt) {}

  private final String name;
  private final Settings settings;
  private final AccountId me;
  private final AccountId client;
  private final ProvingDuties proving;
  private final ArrayDeque<Long> unsealed = new ArrayDeque<>();
  private final ArrayDeque<Sealing> sealing = new ArrayDeque<>();
  private ProviderOps ops;
  private long pieceSize;
  private long perSector;
  private long duration;
  private long providerCollateral;
  private boolean started;
  private long published;
  private long nextSector;
  private long proven;
  private long lastEnd;

  DealLoadAgent(String name, Settings settings) {
    this.name = name;
    this.settings = settings;
    this.me = Keyring.account(settings.account());
    this.client = Keyring.account(settings.client());
    this.proving = new ProvingDuties(me, 0, true, new InvalidProofs(InvalidProofs.Settings.NONE));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void act(AgentContext ctx) {
    if (!started) {
      start(ctx);
      return;
    }
    proving.act(ctx);
    if (!proveCommit(ctx)) return;
    // as many publications and their pre-commits as the block holds
    while (preCommit(ctx) && publish(ctx)) {}
  }

  /** Registers the provider and escrows every deal's collateral and fees, in one block. */
  private void start(AgentContext ctx) {
    ops = new ProviderOps(ctx.chain().runtime());
    proving.connect(ops);
    World view = ctx.view();
    if (ops.storageProvider().provider(view, me).isDefined()) {
      throw new IllegalStateException(
          name + ": " + settings.account() + " is already registered: a deal load starts afresh");
    }
    MarketConfig mc = ops.market().config();
    StorageProviderConfig sc = ops.storageProvider().config();
    long sectorSize = ops.sectorSize();
    // no more deals than the sector's limit, nor than pieces of the smallest size (128 bytes) fit
    long most = Math.min(sc.maxDealsFor(sectorSize), sectorSize / 128);
    perSector = settings.dealsPerSector() == 0 ? most : settings.dealsPerSector();
    if (perSector > most) {
      throw new IllegalArgumentException(
          name
              + ": deals-per-sector "
              + perSector
              + " is more than a sector may hold ("
              + most
              + ")");
    }
    pieceSize = Math.max(128, Long.highestOneBit(sectorSize / perSector));
    duration = settings.duration() == 0 ? mc.dealMinDuration() : settings.duration();
    var inputs = ctx.chain().runtime().couplings().require(NetworkEconomics.class).inputs(view);
    providerCollateral = mc.minProviderCollateral(pieceSize, inputs).longValueExact();
    long fees = Math.multiplyExact(settings.pricePerBlock(), duration);
    require(ctx, me, ops.register(me));
    require(
        ctx,
        me,
        new MarketCall.AddBalance(Math.multiplyExact(providerCollateral, settings.deals())));
    require(ctx, client, new MarketCall.AddBalance(Math.multiplyExact(fees, settings.deals())));
    started = true;
  }

  /** Prove-commits the sealed sectors whose seed exists; false if the block is full. */
  private boolean proveCommit(AgentContext ctx) {
    long now = ctx.blockNumber();
    int max = ops.storageProvider().config().maxSectorsPerCall();
    while (!sealing.isEmpty() && sealing.peekFirst().provableAt() <= now) {
      List<Sealing> batch = new ArrayList<>();
      Vector<ProveCommitSector> proofs = Vector.empty();
      for (Sealing s : sealing) {
        if (s.provableAt() > now || batch.size() == max) break;
        batch.add(s);
        proofs = proofs.append(ops.proveCommit(ctx.view(), me, s.number(), now).get());
      }
      if (!submit(ctx, me, new StorageProviderCall.ProveCommitSectors(proofs))) return false;
      for (int i = 0; i < batch.size(); i++) sealing.removeFirst();
      proven += batch.size();
      ctx.metrics().add("load.sectors_proven", batch.size());
    }
    return true;
  }

  /**
   * Pre-commits every full sector of published deals (and the last, partial one); false if full.
   */
  private boolean preCommit(AgentContext ctx) {
    int max = ops.storageProvider().config().maxSectorsPerCall();
    boolean allPublished = published == settings.deals();
    while (unsealed.size() >= perSector || (allPublished && !unsealed.isEmpty())) {
      long now = ctx.blockNumber();
      long expiration = Math.max(ops.minimumExpiration(now), lastEnd + 1);
      List<Long> taken = new ArrayList<>();
      Vector<SectorPreCommitInfo> batch = Vector.empty();
      var it = unsealed.iterator();
      for (int s = 0; s < max && it.hasNext(); s++) {
        Vector<Long> deals = Vector.empty();
        while (it.hasNext() && deals.size() < perSector) deals = deals.append(it.next());
        if (deals.size() < perSector && !allPublished) break;
        taken.addAll(deals.toJavaList());
        batch = batch.append(ops.preCommit(ctx.view(), me, nextSector + s, deals, expiration, now));
      }
      if (batch.isEmpty()) return true;
      if (!submit(ctx, me, new StorageProviderCall.PreCommitSectors(batch))) return false;
      for (int i = 0; i < taken.size(); i++) unsealed.removeFirst();
      long provableAt = ops.firstProvableBlock(ctx.view(), me, nextSector).get();
      for (SectorPreCommitInfo s : batch)
        sealing.addLast(new Sealing(s.sectorNumber(), provableAt));
      nextSector += batch.size();
    }
    return true;
  }

  /**
   * Publishes the next batch of deals while few wait for a sector: true if it did, false if there
   * was nothing to publish or the block is full.
   */
  private boolean publish(AgentContext ctx) {
    int max = ops.market().config().maxDealsPerPublish();
    if (published == settings.deals() || unsealed.size() >= max) return false;
    long now = ctx.blockNumber();
    long start =
        now + ops.storageProvider().config().preCommitChallengeDelay() + settings.startMargin();
    int n = (int) Math.min(max, settings.deals() - published);
    Vector<ClientDealProposal> deals = Vector.empty();
    for (int i = 0; i < n; i++) {
      String label = name + "/" + (published + i);
      DealProposal p =
          new DealProposal(
              Commitments.piece(label),
              pieceSize,
              false,
              client,
              me,
              label,
              start,
              start + duration,
              settings.pricePerBlock(),
              providerCollateral,
              0);
      deals = deals.append(ClientDealProposal.signedBy(p, settings.client()));
    }
    DispatchOutcome out = ctx.submit(me, new MarketCall.PublishStorageDeals(deals));
    if (exhausted(out)) return false;
    check(out);
    for (var e : out.events()) {
      if (e instanceof MarketEvent.DealPublished d) unsealed.addLast(d.dealId());
    }
    published += n;
    lastEnd = start + duration;
    ctx.metrics().add("load.published", n);
    return true;
  }

  /** Submits {@code call} from {@code who}: true if done, false if the block is full. */
  private static boolean submit(AgentContext ctx, AccountId who, dev.palletsim.frame.Call<?> call) {
    DispatchOutcome out = ctx.submit(who, call);
    if (exhausted(out)) return false;
    check(out);
    return true;
  }

  private static void require(AgentContext ctx, AccountId who, dev.palletsim.frame.Call<?> call) {
    check(ctx.submit(who, call));
  }

  private static void check(DispatchOutcome out) {
    if (!out.isSuccess()) {
      throw new IllegalStateException(
          "deal load: "
              + out.call().getClass().getSimpleName()
              + " in block "
              + out.block()
              + " failed with "
              + out.error().get().describe());
    }
  }

  @Override
  public String status() {
    return String.format(
        "%s: %d/%d deals published, %d sectors pre-committed, %d proven",
        settings.account(), published, settings.deals(), nextSector, proven);
  }
}
