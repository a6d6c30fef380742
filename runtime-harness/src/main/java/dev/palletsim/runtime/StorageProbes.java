package dev.palletsim.runtime;

import dev.palletsim.collatorselection.AuctionRecord;
import dev.palletsim.collatorselection.Bid;
import dev.palletsim.collatorselection.CollatorSelectionEvent;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.reward.RewardEvent;
import dev.palletsim.reward.RewardPallet;
import dev.palletsim.sim.MetricCatalog;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.MetricProbe;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.Stateful;
import dev.palletsim.storageprovider.PenaltyKind;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderError;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.storageprovider.StorageProviderState;
import dev.palletsim.storageprovider.StorageProviderStorage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metric probes of the storage runtime, registered in the {@link MetricCatalog} (by {@link
 * RuntimeExtension}, when the engine first needs its catalog) under the names a scenario's {@code
 * metrics:} list uses: storage power, market funds, sector faults, rejected, optimistic and
 * disputed proofs, penalties, and the collator auction's selection share against power share.
 */
public final class StorageProbes {
  private StorageProbes() {}

  /** Up to this many providers get a series each; more are summarised. */
  public static final int PER_PROVIDER_LIMIT = 16;

  /**
   * Registers every probe above in the {@link MetricCatalog} (replacing entries of the same name):
   * what {@link RuntimeExtension} does for the engine.
   */
  public static void register() {
    MetricCatalog.register(
        "storage-power",
        "storage power of active sectors: in total, inactive (faulty or unproven), and for up to 16"
            + " providers each one's",
        List.of(
            MetricInfo.series(
                "power.total_bytes",
                MetricInfo.BYTES,
                "storage power of every provider: the bytes of their active (proven, not faulty)"
                    + " sectors"),
            MetricInfo.series(
                "power.<provider>_bytes",
                MetricInfo.BYTES,
                "the provider's storage power (one series each while there are at most 16"
                    + " providers)"),
            MetricInfo.series(
                "power.inactive_bytes",
                MetricInfo.BYTES,
                "bytes of live sectors that give no power: faulty, or prove-committed but not yet"
                    + " through their first Window PoSt")),
        StorageProbes::storagePower);
    MetricCatalog.register(
        "market-funds",
        "market escrow and locked funds, deals held and active",
        List.of(
            MetricInfo.series(
                "market.escrow_tokens",
                MetricInfo.TOKEN,
                "tokens the market's pallet account holds in escrow for clients and providers"
                    + " (its free balance above the existential deposit)"),
            MetricInfo.series(
                "market.locked_tokens",
                MetricInfo.TOKEN,
                "escrow locked by deals: client and provider collateral plus client storage fees"
                    + " not yet paid"),
            MetricInfo.series(
                "market.client_fees_locked_tokens",
                MetricInfo.TOKEN,
                "client storage fees locked for deals and not yet paid to providers"),
            MetricInfo.series(
                "market.deals",
                "deals",
                "deals the market holds: published, whether activated or not"),
            MetricInfo.series(
                "market.active_deals", "deals", "deals activated (their sector proven)")),
        StorageProbes::marketFunds);
    MetricCatalog.register(
        "economy",
        "block rewards paid, the smoothed reward, rewards locked in vesting, the circulating"
            + " supply and the pledge of one sector (presets with an economy)",
        List.of(
            MetricInfo.series(
                "reward.paid_tokens",
                MetricInfo.TOKEN,
                "block rewards minted to providers in the block (BlockRewardPaid)"),
            MetricInfo.series(
                "reward.smoothed_tokens",
                MetricInfo.TOKEN,
                "the smoothed per-block reward estimate the money formulas read"),
            MetricInfo.series(
                "reward.vesting_tokens",
                MetricInfo.TOKEN,
                "rewards locked in the providers' vesting tables"),
            MetricInfo.series(
                "economy.circulating_tokens",
                MetricInfo.TOKEN,
                "the circulating supply: issuance less the providers' and the market's locks"),
            MetricInfo.series(
                "economy.sector_pledge_tokens",
                MetricInfo.TOKEN,
                "the initial pledge of one sector of the preset's size proven now")),
        StorageProbes::economy);
    MetricCatalog.register(
        "sector-faults",
        "sectors declared faulty, detected faulty, recovered and terminated in each block",
        List.of(
            MetricInfo.series(
                "sp.faults_declared",
                "sectors",
                "sectors the providers declared faulty in the block (FaultsDeclared)"),
            MetricInfo.series(
                "sp.faults_detected",
                "sectors",
                "sectors found faulty in the block because their Window PoSt was missed"
                    + " (FaultsDetected)"),
            MetricInfo.series(
                "sp.recovered",
                "sectors",
                "faulty sectors proven again in the block (SectorsRecovered)"),
            MetricInfo.series(
                "sp.terminated",
                "sectors",
                "sectors terminated in the block, e.g. faulty for longer than FaultMaxAge"
                    + " (SectorsTerminated)"),
            MetricInfo.series(
                "sp.expired",
                "sectors",
                "sectors that reached their expiration in the block (SectorsExpired)")),
        StorageProbes::sectorFaults);
    MetricCatalog.register(
        "collator-share",
        "per collator, over the auctions with power: its share of seats won and its mean share of"
            + " power",
        List.of(
            MetricInfo.series(
                "auction.selection_share.<collator>",
                MetricInfo.FRACTION,
                "the collator's share of all seats auctioned so far (auctions in which some"
                    + " bidder had power)"),
            MetricInfo.series(
                "auction.power_share.<collator>",
                MetricInfo.FRACTION,
                "the collator's mean share of the bidders' delegated power over those auctions"),
            MetricInfo.counter(
                "auction.sessions", "auctions", "auctions in which some bidder had power"),
            MetricInfo.counter(
                "auction.selected.<collator>",
                "seats",
                "seats the collator won in those auctions")),
        StorageProbes::collatorShare);
    MetricCatalog.register(
        "proofs",
        "Window PoSts and PoReps the chain rejected because the proof did not verify, Window PoSts"
            + " it accepted optimistically and PoSts disputed successfully, per block, with the"
            + " penalties and rewards of disputes so far: in total and for up to 16 providers each",
        PROOFS_METRICS,
        StorageProbes::proofs);
    MetricCatalog.register(
        "penalties",
        "fault fees, fault penalties and termination fees charged to providers so far: in total and"
            + " for up to 16 providers each",
        List.of(
            MetricInfo.series(
                "penalties.total_planck",
                MetricInfo.PLANCK,
                "every PenaltyCharged so far except FIP-0100's daily fee: declared-fault fees,"
                    + " detected-fault penalties, continued-fault fees and termination fees,"
                    + " paid or carried as fee debt"),
            MetricInfo.series(
                "penalties.<provider>_planck",
                MetricInfo.PLANCK,
                "the same, charged to the provider (one series each while there are at most 16"
                    + " providers)")),
        StorageProbes::penalties);
    MetricCatalog.registerWithArgument(
        "group-seats",
        MetricCatalog.Argument.TEXT,
        "prefix",
        "for the collators whose name starts with the argument: seats won per auction with power,"
            + " and their mean share of power",
        List.of(
            MetricInfo.series(
                "auction.group_seats.<prefix>",
                "seats per auction",
                "mean seats per auction won by the collators whose name starts with the prefix"
                    + " (one party's collators), over the auctions in which some bidder had power"),
            MetricInfo.series(
                "auction.group_power_share.<prefix>",
                MetricInfo.FRACTION,
                "those collators' mean combined share of the bidders' power")),
        StorageProbes::groupSeats);
  }

  /** What the {@code proofs} probe records. */
  private static final List<MetricInfo> PROOFS_METRICS =
      List.of(
          MetricInfo.series(
              "proofs.post_rejected",
              "extrinsics",
              "submit_windowed_post extrinsics of the block that failed with InvalidProof: the"
                  + " deadline's partitions stay unproven"),
          MetricInfo.series(
              "proofs.porep_rejected",
              "extrinsics",
              "prove_commit_sectors extrinsics of the block that failed with InvalidProof: the"
                  + " sector stays pre-committed"),
          MetricInfo.series(
              "proofs.post_optimistic",
              "extrinsics",
              "Window PoSts of the block accepted without verification and kept for disputes"
                  + " (PoStAcceptedOptimistically; optimistic-window-po-st presets), valid or not"),
          MetricInfo.series(
              "proofs.post_disputed",
              "extrinsics",
              "optimistically accepted PoSts proven invalid by a DisputeWindowedPoSt in the block"
                  + " (PoStDisputed): their sectors became faulty"),
          MetricInfo.series(
              "proofs.dispute_penalties_planck",
              MetricInfo.PLANCK,
              "penalties charged for disputed PoSts so far (PenaltyCharged InvalidPoStPenalty:"
                  + " the invalid-PoSt penalty plus the disputer's reward), paid or carried as fee"
                  + " debt"),
          MetricInfo.series(
              "proofs.dispute_rewards_planck",
              MetricInfo.PLANCK,
              "rewards paid to disputers so far out of those penalties (PoStDisputed.reward)"),
          MetricInfo.series(
              "proofs.<provider>.post_rejected",
              "extrinsics",
              "the provider's submit_windowed_post extrinsics of the block rejected with"
                  + " InvalidProof (one series each while there are at most 16 providers)"),
          MetricInfo.series(
              "proofs.<provider>.porep_rejected",
              "extrinsics",
              "the provider's prove_commit_sectors extrinsics of the block rejected with"
                  + " InvalidProof"),
          MetricInfo.series(
              "proofs.<provider>.post_optimistic",
              "extrinsics",
              "the provider's Window PoSts of the block accepted optimistically"),
          MetricInfo.series(
              "proofs.<provider>.post_disputed",
              "extrinsics",
              "the provider's PoSts disputed successfully in the block"),
          MetricInfo.series(
              "proofs.<provider>.dispute_penalties_planck",
              MetricInfo.PLANCK,
              "penalties charged to the provider for disputed PoSts so far"));

  /** Power per provider and in total; sampled every block. */
  public static MetricProbe storagePower() {
    return (rt, b, w, m) -> {
      long total = 0;
      long inactive = 0;
      var providers = StorageProviderStorage.PROVIDERS.entries(w);
      for (var e : providers) {
        StorageProviderState s = e._2;
        total += s.power();
        inactive += s.liveSectors() * s.sectorSize() - s.power();
        if (providers.size() <= PER_PROVIDER_LIMIT) {
          m.record("power." + Keyring.nameOf(e._1) + "_bytes", b.number(), s.power());
        }
      }
      m.record("power.total_bytes", b.number(), total);
      m.record("power.inactive_bytes", b.number(), inactive);
    };
  }

  /** Rewards, vesting, supply and pledge; nothing under a runtime without the reward pallet. */
  public static MetricProbe economy() {
    return (rt, b, w, m) -> {
      var reward = rt.palletFor(RewardPallet.class);
      if (reward.isEmpty()) return;
      long paid = 0;
      for (var e : b.eventsOf(RewardEvent.BlockRewardPaid.class)) paid += e.amount();
      m.record("reward.paid_tokens", b.number(), tokens(paid));
      RewardPallet r = (RewardPallet) reward.get();
      m.record(
          "reward.smoothed_tokens",
          b.number(),
          tokens(r.thisEpochRewardSmoothed(w).estimate().longValue()));
      StorageProviderPallet sp = rt.pallet(StorageProviderPallet.class);
      long vesting = 0;
      for (var e : StorageProviderStorage.PROVIDERS.entries(w)) {
        vesting += sp.lockedFunds(w, e._1);
      }
      m.record("reward.vesting_tokens", b.number(), tokens(vesting));
      var economics = rt.couplings().require(dev.palletsim.frame.traits.NetworkEconomics.class);
      if (economics instanceof StateEconomics se) {
        m.record(
            "economy.circulating_tokens", b.number(), tokens(se.circulatingSupply(w).longValue()));
      }
      long size = sp.config().allowedPoStProofs().head().sectorSize();
      m.record(
          "economy.sector_pledge_tokens",
          b.number(),
          tokens(sp.initialPledge(w, size, b.number())));
    };
  }

  /** Escrow, locked funds and deal counts, all read in O(1). */
  public static MetricProbe marketFunds() {
    return (rt, b, w, m) -> {
      long escrow =
          rt.balances().free(w, MarketPallet.PALLET_ACCOUNT) - rt.config().existentialDeposit();
      long locked =
          MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL.get(w)
              + MarketStorage.TOTAL_PROVIDER_LOCKED_COLLATERAL.get(w)
              + MarketStorage.TOTAL_CLIENT_STORAGE_FEE.get(w);
      m.record("market.escrow_tokens", b.number(), tokens(escrow));
      m.record("market.locked_tokens", b.number(), tokens(locked));
      m.record(
          "market.client_fees_locked_tokens",
          b.number(),
          tokens(MarketStorage.TOTAL_CLIENT_STORAGE_FEE.get(w)));
      m.record("market.deals", b.number(), MarketStorage.PROPOSALS.count(w));
      m.record("market.active_deals", b.number(), MarketStorage.STATES.count(w));
    };
  }

  /** Fault, recovery and termination activity, read from the block's events. */
  public static MetricProbe sectorFaults() {
    return (rt, b, w, m) -> {
      long declared = 0;
      long detected = 0;
      long recovered = 0;
      long terminated = 0;
      long expired = 0;
      for (var e : b.eventsOf(StorageProviderEvent.FaultsDeclared.class))
        declared += e.faults().size();
      for (var e : b.eventsOf(StorageProviderEvent.FaultsDetected.class))
        detected += e.faults().size();
      for (var e : b.eventsOf(StorageProviderEvent.SectorsRecovered.class))
        recovered += e.sectors().size();
      for (var e : b.eventsOf(StorageProviderEvent.SectorsTerminated.class))
        terminated += e.sectors().size();
      for (var e : b.eventsOf(StorageProviderEvent.SectorsExpired.class))
        expired += e.sectors().size();
      m.record("sp.faults_declared", b.number(), declared);
      m.record("sp.faults_detected", b.number(), detected);
      m.record("sp.recovered", b.number(), recovered);
      m.record("sp.terminated", b.number(), terminated);
      m.record("sp.expired", b.number(), expired);
    };
  }

  /**
   * Per block, from the block's extrinsic outcomes and events: Window PoSts and PoReps rejected
   * with {@code InvalidProof}, Window PoSts accepted optimistically ({@code
   * PoStAcceptedOptimistically}) and PoSts disputed successfully ({@code PoStDisputed}); and so
   * far, the penalties charged for disputed PoSts and the rewards paid to their disputers. In total
   * and per provider (the account that submitted, or the owner the event names), every block for
   * every registered provider while there are at most {@value #PER_PROVIDER_LIMIT}. The chain's
   * answer to a provider making invalid proofs (issue 21 points 1 and 4).
   */
  public static MetricProbe proofs() {
    return new Proofs();
  }

  /** The {@link #proofs()} probe: per-block counts, and dispute penalties summed so far. */
  private static final class Proofs implements MetricProbe, Stateful {
    private static final int REJECTED_POST = 0;
    private static final int REJECTED_POREP = 1;
    private static final int OPTIMISTIC = 2;
    private static final int DISPUTED = 3;
    private final Map<AccountId, long[]> penalties = new TreeMap<>();
    private long penaltyTotal;
    private long rewardTotal;

    /** The sums so far, for a saved run. */
    record Memory(
        io.vavr.collection.TreeMap<AccountId, Long> penalties,
        long penaltyTotal,
        long rewardTotal) {}

    @Override
    public void sample(Runtime rt, BlockRecord b, World w, Metrics m) {
      TreeMap<AccountId, long[]> counts = new TreeMap<>();
      long[] total = new long[4];
      for (DispatchOutcome x : b.extrinsics()) {
        if (!x.failedWith(StorageProviderError.InvalidProof)) continue;
        int kind;
        if (x.call() instanceof StorageProviderCall.SubmitWindowedPost) {
          kind = REJECTED_POST;
        } else if (x.call() instanceof StorageProviderCall.ProveCommitSectors) {
          kind = REJECTED_POREP;
        } else {
          continue;
        }
        total[kind]++;
        if (x.origin() instanceof Origin.Signed s) {
          counts.computeIfAbsent(s.who(), k -> new long[4])[kind]++;
        }
      }
      for (var e : b.eventsOf(StorageProviderEvent.PoStAcceptedOptimistically.class)) {
        total[OPTIMISTIC]++;
        counts.computeIfAbsent(e.owner(), k -> new long[4])[OPTIMISTIC]++;
      }
      for (var e : b.eventsOf(StorageProviderEvent.PoStDisputed.class)) {
        total[DISPUTED]++;
        counts.computeIfAbsent(e.owner(), k -> new long[4])[DISPUTED]++;
        rewardTotal += e.reward();
      }
      for (var e : b.eventsOf(StorageProviderEvent.PenaltyCharged.class)) {
        if (e.kind() != PenaltyKind.InvalidPoStPenalty) continue;
        penalties.computeIfAbsent(e.owner(), k -> new long[1])[0] += e.amount();
        penaltyTotal += e.amount();
      }
      m.record("proofs.post_rejected", b.number(), total[REJECTED_POST]);
      m.record("proofs.porep_rejected", b.number(), total[REJECTED_POREP]);
      m.record("proofs.post_optimistic", b.number(), total[OPTIMISTIC]);
      m.record("proofs.post_disputed", b.number(), total[DISPUTED]);
      m.record("proofs.dispute_penalties_planck", b.number(), penaltyTotal);
      m.record("proofs.dispute_rewards_planck", b.number(), rewardTotal);
      var providers = StorageProviderStorage.PROVIDERS.keys(w);
      if (providers.size() > PER_PROVIDER_LIMIT) return;
      for (AccountId p : providers) {
        long[] r = counts.getOrDefault(p, new long[4]);
        String name = "proofs." + Keyring.nameOf(p);
        m.record(name + ".post_rejected", b.number(), r[REJECTED_POST]);
        m.record(name + ".porep_rejected", b.number(), r[REJECTED_POREP]);
        m.record(name + ".post_optimistic", b.number(), r[OPTIMISTIC]);
        m.record(name + ".post_disputed", b.number(), r[DISPUTED]);
        m.record(
            name + ".dispute_penalties_planck",
            b.number(),
            penalties.getOrDefault(p, new long[1])[0]);
      }
    }

    @Override
    public Object memory() {
      io.vavr.collection.TreeMap<AccountId, Long> c = io.vavr.collection.TreeMap.empty();
      for (var e : penalties.entrySet()) c = c.put(e.getKey(), e.getValue()[0]);
      return new Memory(c, penaltyTotal, rewardTotal);
    }

    @Override
    public void restore(Object memory) {
      Memory mem = (Memory) memory;
      penalties.clear();
      mem.penalties().forEach((k, v) -> penalties.put(k, new long[] {v}));
      penaltyTotal = mem.penaltyTotal();
      rewardTotal = mem.rewardTotal();
    }
  }

  /**
   * The fault fees, fault penalties and termination fees charged so far ({@code PenaltyCharged}
   * except the daily fee, which every provider pays for its power), in total and per provider while
   * there are at most {@value #PER_PROVIDER_LIMIT}.
   */
  public static MetricProbe penalties() {
    return new Penalties();
  }

  /** The {@link #penalties()} probe: planck charged per provider so far. */
  private static final class Penalties implements MetricProbe, Stateful {
    private final Map<AccountId, long[]> charged = new TreeMap<>();
    private long total;

    /** The sums so far, for a saved run. */
    record Memory(io.vavr.collection.TreeMap<AccountId, Long> charged, long total) {}

    @Override
    public void sample(Runtime rt, BlockRecord b, World w, Metrics m) {
      for (var e : b.eventsOf(StorageProviderEvent.PenaltyCharged.class)) {
        if (e.kind() == PenaltyKind.DailyFee) continue;
        charged.computeIfAbsent(e.owner(), k -> new long[1])[0] += e.amount();
        total += e.amount();
      }
      m.record("penalties.total_planck", b.number(), total);
      var providers = StorageProviderStorage.PROVIDERS.keys(w);
      if (providers.size() > PER_PROVIDER_LIMIT) return;
      for (AccountId p : providers) {
        long sum = charged.getOrDefault(p, new long[1])[0];
        m.record("penalties." + Keyring.nameOf(p) + "_planck", b.number(), sum);
      }
    }

    @Override
    public Object memory() {
      io.vavr.collection.TreeMap<AccountId, Long> c = io.vavr.collection.TreeMap.empty();
      for (var e : charged.entrySet()) c = c.put(e.getKey(), e.getValue()[0]);
      return new Memory(c, total);
    }

    @Override
    public void restore(Object memory) {
      Memory mem = (Memory) memory;
      charged.clear();
      mem.charged().forEach((k, v) -> charged.put(k, new long[] {v}));
      total = mem.total();
    }
  }

  /**
   * At every auction (the block emitting {@code CollatorsSelected}): per bidding collator, the
   * share of all auctioned seats it has won so far and the mean of its share of the bidders' power.
   * Under a proportional auction the two converge for collators below the cap.
   */
  public static MetricProbe collatorShare() {
    return new CollatorShare();
  }

  /** The {@link #collatorShare()} probe: seats won and power shares summed over auctions. */
  private static final class CollatorShare implements MetricProbe, Stateful {
    private final Map<AccountId, long[]> won = new TreeMap<>();
    private final Map<AccountId, double[]> powerShareSum = new TreeMap<>();
    private long seats;
    private long auctions;

    /** The sums so far, for a saved run. */
    record Memory(
        io.vavr.collection.TreeMap<AccountId, Long> won,
        io.vavr.collection.TreeMap<AccountId, Double> powerShareSum,
        long seats,
        long auctions) {}

    @Override
    public void sample(Runtime rt, BlockRecord b, World w, Metrics m) {
      for (var e : b.eventsOf(CollatorSelectionEvent.CollatorsSelected.class)) {
        var record = CollatorSelectionStorage.AUCTIONS.find(w, e.session());
        if (record.isEmpty()) continue;
        AuctionRecord a = record.get();
        long totalPower = a.bids().map(Bid::power).sum().longValue();
        // an auction without power draws uniformly: it says nothing about proportionality
        if (totalPower == 0) continue;
        auctions++;
        seats += a.elected().size();
        m.count("auction.sessions");
        for (Bid bid : a.bids()) {
          double share = totalPower == 0 ? 0 : bid.power() / (double) totalPower;
          powerShareSum.computeIfAbsent(bid.who(), k -> new double[1])[0] += share;
          won.computeIfAbsent(bid.who(), k -> new long[1]);
        }
        for (AccountId c : a.elected()) {
          won.computeIfAbsent(c, k -> new long[1])[0]++;
          m.count("auction.selected." + Keyring.nameOf(c));
        }
        for (var c : won.entrySet()) {
          String name = Keyring.nameOf(c.getKey());
          double sel = seats == 0 ? 0 : c.getValue()[0] / (double) seats;
          double pow = powerShareSum.getOrDefault(c.getKey(), new double[1])[0] / auctions;
          m.record("auction.selection_share." + name, b.number(), sel);
          m.record("auction.power_share." + name, b.number(), pow);
        }
      }
    }

    @Override
    public Object memory() {
      io.vavr.collection.TreeMap<AccountId, Long> w = io.vavr.collection.TreeMap.empty();
      for (var e : won.entrySet()) w = w.put(e.getKey(), e.getValue()[0]);
      io.vavr.collection.TreeMap<AccountId, Double> p = io.vavr.collection.TreeMap.empty();
      for (var e : powerShareSum.entrySet()) p = p.put(e.getKey(), e.getValue()[0]);
      return new Memory(w, p, seats, auctions);
    }

    @Override
    public void restore(Object memory) {
      Memory m = (Memory) memory;
      won.clear();
      m.won().forEach((k, v) -> won.put(k, new long[] {v}));
      powerShareSum.clear();
      m.powerShareSum().forEach((k, v) -> powerShareSum.put(k, new double[] {v}));
      seats = m.seats();
      auctions = m.auctions();
    }
  }

  /**
   * For the collators whose keyring name starts with {@code prefix} (one party's collators, as in a
   * Sybil split): the mean number of seats they win per auction with power, and their mean combined
   * share of the bidders' power. Under a proportional auction the first is {@code k} times the
   * second while no collator is capped.
   */
  public static MetricProbe groupSeats(String prefix) {
    return new GroupSeats(prefix);
  }

  /** The {@link #groupSeats} probe: auctions, seats and power share summed so far. */
  private static final class GroupSeats implements MetricProbe, Stateful {
    private final String prefix;
    private long auctions;
    private long seats;
    private double share;

    GroupSeats(String prefix) {
      this.prefix = prefix;
    }

    /** The sums so far, for a saved run. */
    record Memory(long auctions, long seats, double share) {}

    @Override
    public void sample(Runtime rt, BlockRecord b, World w, Metrics m) {
      for (var e : b.eventsOf(CollatorSelectionEvent.CollatorsSelected.class)) {
        var record = CollatorSelectionStorage.AUCTIONS.find(w, e.session());
        if (record.isEmpty()) continue;
        AuctionRecord a = record.get();
        long total = a.bids().map(Bid::power).sum().longValue();
        if (total == 0) continue;
        long group = 0;
        for (Bid bid : a.bids())
          if (Keyring.nameOf(bid.who()).startsWith(prefix)) group += bid.power();
        auctions++;
        share += group / (double) total;
        seats += a.elected().count(c -> Keyring.nameOf(c).startsWith(prefix));
        m.record("auction.group_seats." + prefix, b.number(), seats / (double) auctions);
        m.record("auction.group_power_share." + prefix, b.number(), share / auctions);
      }
    }

    @Override
    public Object memory() {
      return new Memory(auctions, seats, share);
    }

    @Override
    public void restore(Object memory) {
      Memory m = (Memory) memory;
      auctions = m.auctions();
      seats = m.seats();
      share = m.share();
    }
  }

  private static double tokens(long planck) {
    return planck / (double) Units.TOKEN;
  }
}
