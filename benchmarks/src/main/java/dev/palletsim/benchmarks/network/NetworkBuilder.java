package dev.palletsim.benchmarks.network;

import dev.palletsim.collatorpower.CollatorPowerCall;
import dev.palletsim.collatorselection.CollatorSelectionCall;
import dev.palletsim.collatorselection.CollatorSelectionConfig;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Ed25519;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainState;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.session.SessionCall;
import dev.palletsim.frame.session.SessionKeys;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.storageprovider.ProveCommitSector;
import dev.palletsim.storageprovider.RegisteredSealProof;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderConfig;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Builds a {@link Network} of {@link NetworkSpec}'s shape on the mainnet-like storage runtime, the
 * way its actors would, so that the state is one the pallets produce:
 *
 * <ol>
 *   <li>genesis endows every account with what its role needs; one invulnerable collator;
 *   <li>providers register, candidates set session keys and bid, clients and providers escrow:
 *       extrinsics;
 *   <li>every deal is signed by its client (Ed25519) and published by its provider ({@code
 *       publishStorageDeals}, the market verifying every signature: {@link SignedDeals}); or, with
 *       {@link Publication#BULK}, written by {@link BulkDeals} (the market's own writes, without
 *       the signatures, events and nonces: a setup shortcut for benchmarks that measure what comes
 *       after publication);
 *   <li>every sector is pre-committed with its deals ({@code preCommitSectors}, 32 per call, CommD
 *       from the market, CommR from the seal ticket), and after the interactive seal delay
 *       prove-committed ({@code proveCommitSectors}, which activates the deals in the market):
 *       extrinsics, spread over blocks by the block weight limit;
 *   <li>the chain runs, every block an honest one ({@link HonestProviders} PoSt every deadline),
 *       until every deal has started and the market's cron has met each once (at its id's slot of
 *       the update interval after its start, builtin-actors' {@code next_update_epoch}: the legacy
 *       regime's schedule is then in its steady state) and a full proving period has passed since
 *       the last prove-commit (every sector proven, all power reported);
 *   <li>each provider delegates half its power to one candidate (extrinsic), so the session
 *       auctions draw on real power.
 * </ol>
 *
 * Invariant checks are off ({@code invariantCheckInterval(0)}): they scan the whole state, which at
 * 10^6 deals costs more than the blocks; {@link #checkInvariants} runs them once on demand.
 */
public final class NetworkBuilder {
  /** Sectors per pre-commit or prove-commit call (the mainnet-like maximum). */
  public static final int SECTORS_PER_CALL = 32;

  /**
   * Sectors pre-committed per block at most. A pre-commit's expiry is indexed in one set per block
   * ({@code PreCommitExpiries}), and each write rehashes that set, so packing a whole network's
   * onboarding into a few blocks would cost time quadratic in the sectors per block; Filecoin
   * onboards a few sectors per epoch.
   */
  public static final int PRE_COMMITS_PER_BLOCK = 256;

  /** Sectors prove-committed per block at most (the block weight limit binds first anyway). */
  public static final int PROVE_COMMITS_PER_BLOCK = 512;

  /** Proposals bulk-published per transaction ({@link BulkDeals}). */
  private static final int BULK_CHUNK = 1 << 16;

  /**
   * Proposals bulk-published per block at most: a block's writes wait in its log until its state
   * hash, so 10^7 deals in one block would hold tens of millions of log entries at once; networks
   * of up to about 10^6 deals still publish in one block, as before.
   */
  private static final int BULK_PER_BLOCK = 16 * BULK_CHUNK;

  /** The storage price of every deal, planck per block. */
  public static final long PRICE_PER_BLOCK = 1_000;

  /** The client collateral of every deal, planck. */
  public static final long CLIENT_COLLATERAL = Units.MILLI_TOKEN;

  /** How the builder publishes the deals. */
  public enum Publication {
    /** Signed by each client, published by each provider through the extrinsic: the default. */
    SIGNED,
    /** Written by {@link BulkDeals}: no signatures, events or nonces (a setup shortcut). */
    BULK
  }

  private final NetworkSpec spec;
  private final Publication publication;
  private final Consumer<String> log;

  private NetworkBuilder(NetworkSpec spec, Publication publication, Consumer<String> log) {
    this.spec = spec;
    this.publication = publication;
    this.log = log;
  }

  /**
   * Builds a network of {@code spec}'s shape with signed deals, reporting progress to {@code log}.
   */
  public static Network build(NetworkSpec spec, Consumer<String> log) {
    return build(spec, Publication.SIGNED, log);
  }

  /** Builds a network of {@code spec}'s shape, publishing as {@code publication} says. */
  public static Network build(NetworkSpec spec, Publication publication, Consumer<String> log) {
    return new NetworkBuilder(spec, publication, log).build();
  }

  /** The runtime configs of a network of {@code spec}'s shape. */
  public static StorageRuntime.Configs configs(NetworkSpec spec) {
    StorageRuntime.Configs base = StorageRuntime.Configs.mainnetLike();
    return base.withRuntime(
            RuntimeConfig.builder()
                .from(base.runtime())
                .invariantCheckInterval(0)
                .historyDepth(8)
                .build())
        .withMarket(
            MarketConfig.builder()
                .from(base.market())
                .fip0074ActivationBlock(spec.fip0074() ? 0 : Long.MAX_VALUE)
                .dealUpdatesInterval(spec.dealUpdatesInterval())
                .build())
        .withCollatorSelection(
            CollatorSelectionConfig.builder()
                .from(base.collatorSelection())
                .maxCandidates(
                    Math.max(base.collatorSelection().maxCandidates(), spec.candidates()))
                .build())
        .withStorageProvider(
            StorageProviderConfig.builder()
                .from(base.storageProvider())
                .optimisticWindowPoSt(spec.optimisticPoSts())
                .build());
  }

  /** A sector of the build: its provider, number and deals. */
  private record Sector(int provider, long number, long[] deals) {}

  /** The proposal of deal {@code k} of sector {@code s}, starting at {@code start}. */
  @FunctionalInterface
  private interface DealFactory {
    DealProposal proposal(Sector s, long k, long start);
  }

  /** The deals of each run of consecutive sectors of one provider, in order. */
  private static long[] providerRuns(java.util.List<Sector> sectors) {
    ArrayList<Long> runs = new ArrayList<>();
    int provider = -1;
    for (Sector s : sectors) {
      if (s.provider() != provider) {
        runs.add(0L);
        provider = s.provider();
      }
      runs.set(runs.size() - 1, runs.get(runs.size() - 1) + s.deals().length);
    }
    return toArray(runs);
  }

  private Network build() {
    long t0 = System.nanoTime();
    Runtime runtime = StorageRuntime.build(configs(spec));
    ProviderOps ops = new ProviderOps(runtime);
    StorageProviderPallet sp = ops.storageProvider();
    MarketConfig mc = ops.market().config();
    long sectorSize = ops.sectorSize();
    RegisteredSealProof sealProof = RegisteredSealProof.forPoSt(ops.postProofType());

    Vector<AccountId> providers = accounts("bench-sp-", spec.providers());
    Vector<AccountId> clients = accounts("bench-client-", spec.clients());
    java.util.Map<AccountId, Ed25519.SigningKey> clientKeys = new java.util.HashMap<>();
    for (int c = 0; c < spec.clients(); c++) {
      clientKeys.put(clients.get(c), Keyring.signingKey("bench-client-" + c));
    }
    Vector<AccountId> candidates = accounts("bench-collator-", spec.candidates());
    AccountId invulnerable = Keyring.account("bench-invulnerable");
    log.accept(String.format("accounts derived in %s", clock(t0)));

    // ------------------------------------------------------------ the deals and their sectors
    int perSector = Math.max(1, spec.dealsPerSector());
    long pieceSize = Math.max(128, Long.highestOneBit(sectorSize / perSector));
    long providerCollateral =
        mc.minProviderCollateral(
                pieceSize,
                runtime.couplings().require(NetworkEconomics.class).inputs(World.empty()))
            .longValueExact();
    long duration = mc.dealMinDuration();
    long fee = Math.multiplyExact(PRICE_PER_BLOCK, duration);

    ArrayList<Sector> sectors = new ArrayList<>();
    long nextDeal = 0;
    long[] sectorCount = new long[spec.providers()];
    for (int i = 0; i < spec.providers(); i++) {
      for (int s = 0; s < spec.sectorsPerProvider(); s++) {
        long[] deals = new long[spec.dealsPerSector()];
        for (int d = 0; d < deals.length; d++) deals[d] = nextDeal++;
        sectors.add(new Sector(i, sectorCount[i]++, deals));
      }
    }
    long mainDeals = nextDeal;
    for (long j = 0; j < spec.inflowDeals(); j += perSector) {
      int i = (int) ((j / perSector) % spec.providers());
      long[] deals = new long[(int) Math.min(perSector, spec.inflowDeals() - j)];
      for (int d = 0; d < deals.length; d++) deals[d] = nextDeal++;
      sectors.add(new Sector(i, sectorCount[i]++, deals));
    }
    long totalDeals = nextDeal;
    if (spec.labelBytes() <= Long.toString(totalDeals).length()) {
      throw new IllegalArgumentException("labels must be longer than the deal count's digits");
    }

    long[] clientNeeds = new long[spec.clients()];
    long[] providerEscrow = new long[spec.providers()];
    int[] dealCount = new int[spec.providers()];
    int[] sectorOfDeal = new int[(int) totalDeals];
    for (int i = 0; i < sectors.size(); i++) {
      Sector s = sectors.get(i);
      for (long k : s.deals()) {
        clientNeeds[(int) (k % spec.clients())] += fee + CLIENT_COLLATERAL;
        providerEscrow[s.provider()] += providerCollateral;
        dealCount[s.provider()]++;
        sectorOfDeal[(int) k] = i;
      }
    }
    long[][] dealsOf = new long[spec.providers()][];
    for (int i = 0; i < dealsOf.length; i++) dealsOf[i] = new long[dealCount[i]];
    int[] filled = new int[spec.providers()];
    for (Sector s : sectors) {
      for (long k : s.deals()) dealsOf[s.provider()][filled[s.provider()]++] = k;
    }

    // ------------------------------------------------------------ genesis
    // the network inputs are constants of the preset: any state gives the same amounts
    long pledge = sp.initialPledge(dev.palletsim.frame.World.empty(), sectorSize, 0);
    long deposit = sp.preCommitDeposit(dev.palletsim.frame.World.empty(), sealProof);
    long bond = 10 * Units.TOKEN;
    var genesis =
        StorageRuntime.genesis(spec.seed(), List.of(invulnerable), bond, spec.desiredCandidates())
            .balance(invulnerable, 100 * Units.TOKEN);
    for (int i = 0; i < spec.providers(); i++) {
      long need =
          Math.addExact(
              Math.multiplyExact(sectorCount[i], Math.addExact(pledge, deposit)),
              Math.addExact(providerEscrow[i], 100 * Units.TOKEN));
      genesis.balance(providers.get(i), need);
    }
    for (int c = 0; c < spec.clients(); c++) {
      genesis.balance(clients.get(c), Math.addExact(clientNeeds[c], 10 * Units.TOKEN));
    }
    for (AccountId c : candidates) genesis.balance(c, 100 * Units.TOKEN);
    Chain chain = runtime.start(genesis.build());
    Network net =
        new Network(spec, runtime, chain, providers, clients, candidates, Vector.of(dealsOf));

    // ------------------------------------------------------------ registration and escrow
    for (AccountId p : providers) net.submit(p, ops.register(p));
    for (AccountId c : candidates) {
      net.submit(c, new SessionCall.SetKeys(new SessionKeys(c)));
      net.submit(c, new CollatorSelectionCall.RegisterAsCandidate());
    }
    for (int c = 0; c < spec.clients(); c++) {
      if (clientNeeds[c] > 0) net.submit(clients.get(c), new MarketCall.AddBalance(clientNeeds[c]));
    }
    for (int i = 0; i < spec.providers(); i++) {
      if (providerEscrow[i] > 0) {
        net.submit(providers.get(i), new MarketCall.AddBalance(providerEscrow[i]));
      }
    }
    log.accept(String.format("registered and escrowed by block %d (%s)", net.now(), clock(t0)));

    // ------------------------------------------------------------ publication
    long challengeDelay = sp.config().preCommitChallengeDelay();
    long onboarding =
        challengeDelay
            + 600
            + sectors.size() / PRE_COMMITS_PER_BLOCK
            + 2L * sectors.size() / PROVE_COMMITS_PER_BLOCK;
    DealFactory deals =
        (s, k, start) -> {
          String label = label(k, spec.labelBytes());
          return new DealProposal(
              Commitments.piece(label),
              pieceSize,
              false,
              clients.get((int) (k % spec.clients())),
              providers.get(s.provider()),
              label,
              start,
              start + duration,
              PRICE_PER_BLOCK,
              providerCollateral,
              CLIENT_COLLATERAL);
        };
    long publishing = 0;
    if (publication == Publication.SIGNED && totalDeals > 0) {
      Sector s0 = sectors.get(0);
      ArrayList<DealProposal> sample = new ArrayList<>();
      for (Sector s : sectors) {
        if (s.provider() != s0.provider()) break;
        for (long k : s.deals()) sample.add(deals.proposal(s, k, net.now() + 10 * onboarding));
      }
      long calls = SignedDeals.calls(net, providerRuns(sectors));
      publishing = SignedDeals.blocksFor(net, calls, sample, clientKeys::get);
    } else if (publication == Publication.BULK) {
      publishing = (totalDeals - 1) / BULK_PER_BLOCK;
    }
    long startBase = net.now() + publishing + onboarding;
    long afterSpread = startBase + Math.max(spec.startSpread(), sp.schedule().provingPeriod());
    // proposals are made when publication asks for them: 10^7 of them would take gigabytes
    long spread = spec.startSpread();
    java.util.function.LongUnaryOperator startOf =
        k ->
            k < mainDeals
                ? startBase + k * spread / Math.max(1, mainDeals)
                : afterSpread + 1 + (k - mainDeals) / Math.max(1, spec.inflowPerBlock());
    java.util.List<DealProposal> all =
        new java.util.AbstractList<>() {
          @Override
          public DealProposal get(int k) {
            return deals.proposal(sectors.get(sectorOfDeal[k]), k, startOf.applyAsLong(k));
          }

          @Override
          public int size() {
            return (int) totalDeals;
          }
        };
    // the block after which the market's cron has met every main deal once (its first visit:
    // at its start under seed 002's schedule, at its id's slot after it under builtin-actors')
    long lastFirstVisit = 0;
    long maxEnd = 0;
    for (long k = 0; k < totalDeals; k++) {
      long start = startOf.applyAsLong(k);
      if (k < mainDeals) lastFirstVisit = Math.max(lastFirstVisit, mc.firstUpdateBlock(k, start));
      maxEnd = Math.max(maxEnd, start + duration);
    }
    long first;
    if (publication == Publication.SIGNED) {
      first = SignedDeals.publish(net, all, clientKeys::get);
    } else {
      first = MarketStorage.NEXT_DEAL_ID.get(chain.world());
      for (int from = 0; from < totalDeals; from += BULK_CHUNK) {
        if (from > 0 && from % BULK_PER_BLOCK == 0) net.step();
        BulkDeals.publish(
            chain, Vector.ofAll(all.subList(from, (int) Math.min(totalDeals, from + BULK_CHUNK))));
      }
    }
    if (first != 0) throw new IllegalStateException("deal ids must start at 0, got " + first);
    log.accept(
        String.format(
            "%d deals %s by block %d, starting from %d (%s)",
            totalDeals,
            publication == Publication.SIGNED ? "signed and published" : "bulk-published",
            net.now(),
            startBase,
            clock(t0)));

    // ------------------------------------------------------------ pre-commit
    long lastPreCommit = net.now();
    int inBlock = 0;
    long nextLog = sectors.size() / 10 + 1;
    for (int from = 0; from < sectors.size(); ) {
      if (inBlock >= PRE_COMMITS_PER_BLOCK) {
        net.step();
        inBlock = 0;
      }
      int provider = sectors.get(from).provider();
      int to = from;
      Vector<SectorPreCommitInfo> batch = Vector.empty();
      long now = net.now();
      long expiration = Math.max(ops.minimumExpiration(now) + Units.DAYS, maxEnd + 1);
      while (to < sectors.size()
          && sectors.get(to).provider() == provider
          && to - from < SECTORS_PER_CALL) {
        Sector s = sectors.get(to++);
        batch =
            batch.append(
                ops.preCommit(
                    chain.world(),
                    providers.get(provider),
                    s.number(),
                    Vector.ofAll(s.deals()),
                    expiration,
                    now));
      }
      long before = net.now();
      net.submit(providers.get(provider), new StorageProviderCall.PreCommitSectors(batch));
      inBlock = net.now() == before ? inBlock + batch.size() : batch.size();
      lastPreCommit = net.now();
      from = to;
      if (from >= nextLog) {
        nextLog += sectors.size() / 10 + 1;
        log.accept(
            String.format(
                "  pre-committed %d/%d sectors, block %d (%s)",
                from, sectors.size(), net.now(), clock(t0)));
      }
    }
    log.accept(
        String.format(
            "%d sectors pre-committed by block %d (%s)", sectors.size(), lastPreCommit, clock(t0)));
    net.runTo(lastPreCommit + challengeDelay + 1);

    // ------------------------------------------------------------ prove-commit
    inBlock = 0;
    for (int from = 0; from < sectors.size(); ) {
      if (inBlock >= PROVE_COMMITS_PER_BLOCK) {
        net.step();
        inBlock = 0;
      }
      int provider = sectors.get(from).provider();
      AccountId who = providers.get(provider);
      int to = from;
      Vector<ProveCommitSector> batch = Vector.empty();
      while (to < sectors.size()
          && sectors.get(to).provider() == provider
          && to - from < SECTORS_PER_CALL) {
        Sector s = sectors.get(to++);
        var proof = ops.proveCommit(chain.world(), who, s.number(), net.now());
        if (proof.isEmpty()) {
          net.runTo(ops.firstProvableBlock(chain.world(), who, s.number()).get());
          proof = ops.proveCommit(chain.world(), who, s.number(), net.now());
        }
        batch = batch.append(proof.get());
      }
      long before = net.now();
      net.submit(who, new StorageProviderCall.ProveCommitSectors(batch));
      inBlock = net.now() == before ? inBlock + batch.size() : batch.size();
      if (to == sectors.size() || sectors.get(to).provider() != provider) {
        net.honest().track(chain.world(), who, net.now());
      }
      from = to;
    }
    long proven = net.now();
    if (proven > startBase) {
      throw new IllegalStateException(
          "onboarding ran to block " + proven + ", past the first deal start " + startBase);
    }
    log.accept(
        String.format(
            "%d sectors prove-committed by block %d, %d PoSt duties (%s)",
            sectors.size(), proven, net.honest().duties(), clock(t0)));

    // ------------------------------------------------------------ run until steady
    long steady =
        Math.max(
            Math.max(afterSpread, lastFirstVisit + 1), proven + sp.schedule().provingPeriod() + 1);
    long lastLog = System.nanoTime();
    while (net.now() < steady) {
      net.step();
      if (System.nanoTime() - lastLog > 10_000_000_000L) {
        lastLog = System.nanoTime();
        log.accept(
            String.format(
                "  block %d of %d, %d PoSts (%s)",
                net.now(), steady, net.honest().posts(), clock(t0)));
      }
    }
    if (!candidates.isEmpty()) {
      for (int i = 0; i < spec.providers(); i++) {
        AccountId who = providers.get(i);
        long power = sp.provider(chain.world(), who).get().power();
        if (power / 2
            >= runtime
                .pallet(dev.palletsim.collatorpower.CollatorPowerPallet.class)
                .config()
                .minDelegation()) {
          net.submit(
              who,
              new CollatorPowerCall.DelegatePower(
                  candidates.get(i % candidates.size()), power / 2));
        }
      }
    }
    net.step();
    log.accept(
        String.format(
            "built at block %d: %d providers, %d sectors, %d deals (%s)",
            net.now(), spec.providers(), sectors.size(), totalDeals, clock(t0)));
    return net;
  }

  /**
   * Runs every invariant of the runtime once, as the chain would after producing the open block: on
   * the state after every pallet's {@code onFinalize} (run here on a copy; the chain is left as it
   * is). Returns the failures.
   */
  public static Vector<String> checkInvariants(Network net) {
    World world = finalized(net.runtime(), net.chain().snapshot());
    Vector<String> failures = Vector.empty();
    for (var inv : net.runtime().invariants()) {
      var f = inv.check(world);
      if (f.isDefined()) failures = failures.append(inv.name() + ": " + f.get());
    }
    return failures;
  }

  /** The world of {@code state}'s open block after the {@code onFinalize} of every pallet. */
  public static World finalized(Runtime runtime, ChainState state) {
    return beforeFinalizeOf(runtime, state, null);
  }

  /**
   * The world of {@code state}'s open block after the {@code onFinalize} of the pallets that run
   * before {@code pallet} (all of them if {@code null}), each in its own transaction, as the
   * executive runs them.
   */
  public static World beforeFinalizeOf(Runtime runtime, ChainState state, Pallet pallet) {
    World w = state.world();
    for (Pallet p : runtime.pallets()) {
      if (p == pallet) break;
      Tx tx = Tx.begin(w, state.block().context(), new WeightMeter());
      p.onFinalize(tx);
      w = tx.commit();
    }
    return w;
  }

  private static Vector<AccountId> accounts(String prefix, int n) {
    Vector<AccountId> out = Vector.empty();
    for (int i = 0; i < n; i++) out = out.append(Keyring.account(prefix + i));
    return out;
  }

  /** The label of deal {@code k}: its index, padded to {@code bytes} characters. */
  static String label(long k, int bytes) {
    StringBuilder b = new StringBuilder(bytes).append(k).append(':');
    while (b.length() < bytes) b.append('x');
    return b.length() > bytes ? b.substring(0, bytes) : b.toString();
  }

  private static long[] toArray(ArrayList<Long> list) {
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) out[i] = list.get(i);
    return out;
  }

  /** Wall time since {@code t0} and the process's CPU time (all its threads), for the log. */
  private static String clock(long t0) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return String.format(
        java.util.Locale.ROOT,
        "%.1f s, %.1f s of CPU",
        (System.nanoTime() - t0) / 1e9,
        os.getProcessCpuTime() / 1e9);
  }
}
