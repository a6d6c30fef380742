package dev.palletsim.runtime;

import dev.palletsim.collatorselection.AuctionRecord;
import dev.palletsim.collatorselection.Bid;
import dev.palletsim.collatorselection.CollatorSelectionEvent;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.runtime.sim.MetricCatalog;
import dev.palletsim.runtime.sim.MetricProbe;
import dev.palletsim.runtime.sim.Metrics;
import dev.palletsim.runtime.sim.Stateful;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderState;
import dev.palletsim.storageprovider.StorageProviderStorage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metric probes of the storage runtime, registered in the {@link MetricCatalog} under the names a
 * scenario's {@code metrics:} list uses: storage power, market funds, sector faults, and the
 * collator auction's selection share against power share.
 */
public final class StorageProbes {
  private StorageProbes() {}

  /** Up to this many providers get a series each; more are summarised. */
  public static final int PER_PROVIDER_LIMIT = 16;

  static {
    MetricCatalog.register(
        "storage-power",
        "storage power in bytes of active sectors: in total, inactive (faulty or unproven), and for up to 16 providers each one's",
        List.of("power.total_bytes", "power.<provider>_bytes", "power.inactive_bytes"),
        StorageProbes::storagePower);
    MetricCatalog.register(
        "market-funds",
        "market escrow and locked funds in tokens, deals held and active",
        List.of(
            "market.escrow_tokens",
            "market.locked_tokens",
            "market.client_fees_locked_tokens",
            "market.deals",
            "market.active_deals"),
        StorageProbes::marketFunds);
    MetricCatalog.register(
        "sector-faults",
        "sectors declared faulty, detected faulty, recovered and terminated in each block",
        List.of(
            "sp.faults_declared",
            "sp.faults_detected",
            "sp.recovered",
            "sp.terminated",
            "sp.expired"),
        StorageProbes::sectorFaults);
    MetricCatalog.register(
        "collator-share",
        "per collator, over the auctions with power: its share of seats won and its mean share of power",
        List.of(
            "auction.selection_share.<collator>",
            "auction.power_share.<collator>",
            "counter auction.sessions",
            "counter auction.selected.<collator>"),
        StorageProbes::collatorShare);
  }

  static {
    MetricCatalog.registerWithArgument(
        "group-seats",
        MetricCatalog.Argument.TEXT,
        "for the collators whose name starts with the argument: seats won per auction with power, and their mean share of power",
        List.of("auction.group_seats.<arg>", "auction.group_power_share.<arg>"),
        StorageProbes::groupSeats);
  }

  /** Loads the registrations above (idempotent). */
  public static void register() {}

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
