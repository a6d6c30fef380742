package dev.palletsim.benchmarks.tools;

import dev.palletsim.benchmarks.network.Network;
import dev.palletsim.benchmarks.network.NetworkBuilder;
import dev.palletsim.benchmarks.network.NetworkSpec;
import dev.palletsim.benchmarks.network.SettlementLoad;
import dev.palletsim.collatorselection.CollatorSelectionEvent;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderPallet;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Issue 8's scale scenario: 1,000 providers with 1,000 sectors of one deal each (10^6 active
 * deals), 100 collator candidates bidding for 20 seats, on the mainnet-like runtime, for one
 * simulated day (14,400 blocks of 6 s). Every provider PoSts every deadline (honestly, at the
 * window's first block), collator selection holds its auction at every session rotation (four
 * 6-hour sessions a day), and under FIP-0074 every provider settles each of its deals once per
 * {@code --settle-days} (the volume the legacy cron would settle with that update interval; {@code
 * --legacy} runs the legacy regime instead, where the cron does it; {@code --verified-posts}
 * verifies every PoSt at once instead of accepting it optimistically). Reports the build time, then
 * for the simulated day: wall time, blocks per second, the process's CPU time (what the day costs
 * on a machine shared with other work), the per-block time distribution, the peak heap, the live
 * heap after a full GC, GC time, and what the day contained. {@code --jfr} records the simulated
 * day (not the build) with the flight recorder's profiling settings. Deals are signed by their
 * clients and published through the extrinsic; {@code --unsigned} publishes them with {@link
 * NetworkBuilder.Publication#BULK} instead (the same deals, no signatures).
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar dev.palletsim.benchmarks.tools.ScaleScenario \
 *     [--providers 1000] [--sectors 1000] [--deals-per-sector 1] [--candidates 100] [--seats 20] \
 *     [--days 1] [--settle-days 1] [--legacy] [--verified-posts] [--unsigned] \
 *     [--check-invariants] [--jfr day.jfr]
 * </pre>
 */
public final class ScaleScenario {
  private ScaleScenario() {}

  /** Runs the scenario with the options in {@code args}. */
  public static void main(String[] args) {
    Map<String, String> o = options(args);
    int providers = Integer.parseInt(o.getOrDefault("providers", "1000"));
    int sectors = Integer.parseInt(o.getOrDefault("sectors", "1000"));
    int perSector = Integer.parseInt(o.getOrDefault("deals-per-sector", "1"));
    int candidates = Integer.parseInt(o.getOrDefault("candidates", "100"));
    int seats = Integer.parseInt(o.getOrDefault("seats", "20"));
    double days = Double.parseDouble(o.getOrDefault("days", "1"));
    double settleDays = Double.parseDouble(o.getOrDefault("settle-days", "1"));
    boolean legacy = o.containsKey("legacy");
    boolean verified = o.containsKey("verified-posts");
    boolean check = o.containsKey("check-invariants");
    var publication =
        o.containsKey("unsigned")
            ? NetworkBuilder.Publication.BULK
            : NetworkBuilder.Publication.SIGNED;
    String jfr = o.get("jfr");
    long interval = Math.max(1, Math.round(Math.max(settleDays, 1.0 / Units.DAYS) * Units.DAYS));

    NetworkSpec spec =
        NetworkSpec.of(providers, sectors, perSector)
            .withCandidates(candidates, seats)
            .withRegime(!legacy, interval)
            .withStartSpread(legacy ? interval : Units.DAYS);
    if (verified) spec = spec.withVerifiedPoSts();
    say("scale scenario: %s, %s deals", spec, publication);
    say(
        "JVM: %s %s, %d cores, max heap %.1f GiB",
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        java.lang.Runtime.getRuntime().availableProcessors(),
        java.lang.Runtime.getRuntime().maxMemory() / (double) Units.GIB);

    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long t0 = System.nanoTime();
    long cpu0 = os.getProcessCpuTime();
    Network net = NetworkBuilder.build(spec, publication, m -> say("  %s", m));
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    double buildCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    SettlementLoad settlement = null;
    if (!legacy && settleDays > 0) {
      settlement = new SettlementLoad(net, interval);
      net.addLoad(settlement);
    }
    say(
        "built in %.1f s (%.1f s of CPU, load %.2f); %d active deals, %d sectors, at block %d",
        buildSeconds,
        buildCpu,
        os.getSystemLoadAverage(),
        MarketStorage.STATES.count(net.chain().world()),
        spec.sectors(),
        net.now());

    long blocks = Math.round(days * Units.DAYS);
    long[] nanos = new long[(int) blocks];
    long postsBefore = net.honest().posts();
    long retriesBefore = net.exhaustedRetries();
    long auctions = 0;
    long bidders = 0;
    long faults = 0;
    long marketItems = 0;
    long spItems = 0;
    long marketWeight = 0;
    long marketWeightMax = 0;
    long settledDeals = 0;
    long paid = 0;
    long extrinsics = 0;
    long gcCountBefore = gcCount();
    long gcTimeBefore = gcMillis();
    var memory = ManagementFactory.getMemoryMXBean();
    long peak = 0;
    Recording recording = null;
    if (jfr != null) {
      try {
        recording = new Recording(Configuration.getConfiguration("profile"));
      } catch (IOException | ParseException e) {
        throw new IllegalStateException("cannot start the flight recorder", e);
      }
      recording.start();
    }
    var threads = ManagementFactory.getThreadMXBean();
    long cpuStart = os.getProcessCpuTime();
    long threadCpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int b = 0; b < blocks; b++) {
      long s = System.nanoTime();
      BlockRecord r = net.step();
      nanos[b] = System.nanoTime() - s;
      peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
      extrinsics += r.extrinsics().size();
      for (var e : r.eventsOf(CollatorSelectionEvent.CollatorsSelected.class)) {
        auctions++;
        bidders += e.bidders();
      }
      faults += r.eventsOf(StorageProviderEvent.FaultsDetected.class).size();
      marketItems += r.finalizeItems(MarketPallet.NAME);
      long w = r.finalizeWeight(MarketPallet.NAME).micros();
      marketWeight += w;
      marketWeightMax = Math.max(marketWeightMax, w);
      spItems += r.finalizeItems(StorageProviderPallet.NAME);
      for (var e : r.eventsOf(MarketEvent.DealsSettled.class)) {
        settledDeals += e.settlements().size();
      }
      for (var e : r.eventsOf(MarketEvent.DealSettled.class)) paid += e.payment();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
    double threadCpu = (threads.getCurrentThreadCpuTime() - threadCpuStart) / 1e9;
    if (recording != null) {
      try {
        recording.dump(Path.of(jfr));
      } catch (IOException e) {
        throw new IllegalStateException("cannot write " + jfr, e);
      }
      recording.close();
    }
    long gcs = gcCount() - gcCountBefore;
    long gcMillis = gcMillis() - gcTimeBefore;
    long live = MemoryProbe.usedAfterGc();

    Arrays.sort(nanos);
    say("");
    say(
        "simulated %d blocks (%.2f days) in %.1f s wall: %.0f blocks/s",
        blocks, blocks / (double) Units.DAYS, wall, blocks / wall);
    say(
        "CPU time of the process for the day: %.1f s, %.0f blocks per CPU second (load %.2f)",
        cpu, blocks / cpu, os.getSystemLoadAverage());
    say(
        "CPU time of the chain's thread for the day: %.1f s, %.0f blocks per CPU second (the"
            + " process's other threads, JIT and GC, took %.1f s)",
        threadCpu, blocks / threadCpu, cpu - threadCpu);
    say(
        "per block: mean %.3f ms, median %.3f ms, p99 %.3f ms, max %.1f ms",
        wall * 1e3 / blocks,
        nanos[nanos.length / 2] / 1e6,
        nanos[(int) (nanos.length * 0.99)] / 1e6,
        nanos[nanos.length - 1] / 1e6);
    say(
        "heap: peak %.2f GiB used (sampled after every block, garbage included), %.2f GiB live"
            + " after a full GC; %d GCs, %.1f s of GC",
        peak / (double) Units.GIB, live / (double) Units.GIB, gcs, gcMillis / 1e3);
    say(
        "the day: %d extrinsics, %d PoSts, %d faults detected, %d auctions (%.0f bidders each)",
        extrinsics,
        net.honest().posts() - postsBefore,
        faults,
        auctions,
        auctions == 0 ? 0.0 : bidders / (double) auctions);
    say(
        "settlement: %s; %d deals settled by hand, %.1f deals per block in the market's cron,"
            + " %.2f TOKEN paid; deadline cron %.2f items per block",
        legacy ? "legacy cron" : "FIP-0074",
        settledDeals,
        marketItems / (double) blocks,
        paid / (double) Units.TOKEN,
        spItems / (double) blocks);
    say(
        "the market's on_finalize (its cron): %.1f µs of weight per block on average, %d µs at"
            + " most",
        marketWeight / (double) blocks, marketWeightMax);
    if (settlement != null) {
      say("settlement calls: %d naming %d deals", settlement.calls(), settlement.deals());
    }
    say(
        "calls that found their block full and waited: %d (at most %d waiting at once; %d still"
            + " waiting)",
        net.exhaustedRetries() - retriesBefore, net.maxBacklog(), net.backlog());
    if (check) {
      long c0 = System.nanoTime();
      var failures = NetworkBuilder.checkInvariants(net);
      say(
          "invariants: %s in %.1f s",
          failures.isEmpty() ? "all hold" : failures, (System.nanoTime() - c0) / 1e9);
      if (!failures.isEmpty()) System.exit(1);
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected " + args[i]);
      String key = args[i].substring(2);
      if (key.equals("legacy")
          || key.equals("check-invariants")
          || key.equals("verified-posts")
          || key.equals("unsigned")) {
        out.put(key, "true");
      } else if (i + 1 < args.length) {
        out.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
    }
    return out;
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, g.getCollectionCount());
    }
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, g.getCollectionTime());
    }
    return n;
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
