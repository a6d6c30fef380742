package dev.palletsim.benchmarks.tools;

import dev.palletsim.benchmarks.network.Network;
import dev.palletsim.benchmarks.network.NetworkBuilder;
import dev.palletsim.benchmarks.network.NetworkSpec;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.snapshot.Snapshot;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.storageprovider.StorageProviderStorage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 14's measurement: save and load of a 10^6-deal world. Builds the network of issue 8's scale
 * scenario ({@code providers × sectors × deals-per-sector} on the mainnet-like runtime, by {@link
 * NetworkBuilder}), then saves it {@code --repeat} times and loads it as often, reporting seconds,
 * MB/s, the file's size per active deal and per storage item beside the raw size of a deal's and a
 * sector's fields ({@link MemoryProbe#rawDeal}, {@link MemoryProbe#rawSector}), the live heap of
 * the world before the save and after a load, and the peak heap during each (the stream holds no
 * second copy). Every load is checked: the loaded world has the saved state hash, and its next
 * block is the one the original chain produced.
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar dev.palletsim.benchmarks.tools.SnapshotScale \
 *     [--providers 1000] [--sectors 1000] [--deals-per-sector 1] [--repeat 3] [--dir /tmp] \
 *     [--keep net.psnap]
 * java -XX:+UseSerialGC -Xmx1200m -cp … SnapshotScale --load net.psnap [--repeat 3]
 * </pre>
 *
 * {@code --keep} keeps the file; {@code --load} only loads a kept file (with the same {@code
 * --providers}, {@code --sectors} and {@code --deals-per-sector}, whose runtime it needs), in a JVM
 * whose heap can hold one world but not two.
 */
public final class SnapshotScale {
  private SnapshotScale() {}

  /** Runs the measurement with the options in {@code args}. */
  public static void main(String[] args) throws IOException {
    Map<String, String> o = ScaleScenario.options(args);
    int providers = Integer.parseInt(o.getOrDefault("providers", "1000"));
    int sectors = Integer.parseInt(o.getOrDefault("sectors", "1000"));
    int perSector = Integer.parseInt(o.getOrDefault("deals-per-sector", "1"));
    int repeat = Integer.parseInt(o.getOrDefault("repeat", "3"));
    Path dir = Path.of(o.getOrDefault("dir", System.getProperty("java.io.tmpdir")));
    NetworkSpec spec = NetworkSpec.of(providers, sectors, perSector);
    if (o.containsKey("load")) {
      loadOnly(Path.of(o.get("load")), spec, repeat);
      return;
    }

    long t0 = System.nanoTime();
    Network net = NetworkBuilder.build(spec, System.out::println);
    System.out.printf(Locale.ROOT, "built in %.1f s%n", seconds(t0));
    Runtime runtime = net.runtime();
    Chain chain = net.chain();
    long deals = MarketStorage.STATES.count(chain.world());
    long sectorCount = 0;
    for (var p : net.providers()) {
      sectorCount += StorageProviderStorage.SECTORS.countOf(chain.world(), p);
    }
    String hash = chain.world().stateHashHex();
    long liveBefore = MemoryProbe.usedAfterGc();
    System.out.printf(
        Locale.ROOT,
        "%,d active deals, %,d sectors, state hash %s, world + network %.0f MiB after GC%n",
        deals,
        sectorCount,
        hash,
        liveBefore / 1048576.0);

    Path file =
        o.containsKey("keep")
            ? Path.of(o.get("keep"))
            : dir.resolve("snapshot-scale-" + ProcessHandle.current().pid() + ".psnap");
    List<Double> saves = new ArrayList<>();
    List<Long> savePeaks = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      resetPeaks();
      long t = System.nanoTime();
      chain.save(file);
      saves.add(seconds(t));
      savePeaks.add(peakHeap());
    }
    long size = Files.size(file);
    var sizes = Snapshot.encodedSizes(chain.world());

    BlockRecord next = chain.fork().nextBlock();
    net = null;
    chain = null;
    long baseline = MemoryProbe.usedAfterGc();

    List<Double> loads = new ArrayList<>();
    List<Long> loadPeaks = new ArrayList<>();
    Chain loaded = null;
    for (int i = 0; i < repeat; i++) {
      loaded = null;
      MemoryProbe.usedAfterGc();
      resetPeaks();
      long t = System.nanoTime();
      loaded = Chain.load(runtime, file);
      loads.add(seconds(t));
      loadPeaks.add(peakHeap());
      if (!loaded.world().stateHashHex().equals(hash)) {
        throw new IllegalStateException("the loaded world hashes differently");
      }
    }
    long liveAfter = MemoryProbe.usedAfterGc();
    BlockRecord again = loaded.nextBlock();
    if (!again.equals(next)) throw new IllegalStateException("the next block differs");
    if (!o.containsKey("keep")) Files.delete(file);

    double mb = size / 1e6;
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "file: %,d bytes = %.1f MB; %.1f B per active deal (raw fields: a deal %d B, a sector %d B,"
            + " %d B per deal in %d-deal sectors)%n",
        size,
        mb,
        size / (double) deals,
        MemoryProbe.rawDeal(16),
        MemoryProbe.rawSector(),
        MemoryProbe.rawDeal(16) + MemoryProbe.rawSector() / Math.max(1, perSector),
        perSector);
    for (int i = 0; i < repeat; i++) {
      System.out.printf(
          Locale.ROOT,
          "save %d: %.2f s, %.0f MB/s, peak heap %.0f MiB | load %d: %.2f s, %.0f MB/s, peak heap"
              + " %.0f MiB%n",
          i + 1,
          saves.get(i),
          mb / saves.get(i),
          savePeaks.get(i) / 1048576.0,
          i + 1,
          loads.get(i),
          mb / loads.get(i),
          loadPeaks.get(i) / 1048576.0);
    }
    System.out.printf(
        Locale.ROOT,
        "live heap: %.0f MiB with the built network, %.0f MiB with only the runtime, %.0f MiB"
            + " with the loaded chain; the loaded chain's next block equals the original's%n",
        liveBefore / 1048576.0,
        baseline / 1048576.0,
        liveAfter / 1048576.0);
    System.out.println("bytes per storage item (per active deal):");
    long total = 0;
    for (var e : sizes.toJavaMap().entrySet()) total += e.getValue();
    for (var e : sizes) {
      if (e._2 * 1000 < total) continue;
      System.out.printf(Locale.ROOT, "  %-40s %,14d  %7.1f%n", e._1, e._2, e._2 / (double) deals);
    }
  }

  /** Loads {@code file} {@code repeat} times, each into an otherwise empty heap. */
  private static void loadOnly(Path file, NetworkSpec spec, int repeat) throws IOException {
    Runtime runtime = dev.palletsim.runtime.StorageRuntime.build(NetworkBuilder.configs(spec));
    double mb = Files.size(file) / 1e6;
    long baseline = MemoryProbe.usedAfterGc();
    for (int i = 0; i < repeat; i++) {
      MemoryProbe.usedAfterGc();
      resetPeaks();
      long t = System.nanoTime();
      Chain loaded = Chain.load(runtime, file);
      double s = seconds(t);
      long peak = peakHeap();
      long live = MemoryProbe.usedAfterGc();
      System.out.printf(
          Locale.ROOT,
          "load %d: %.2f s, %.0f MB/s, peak heap %.0f MiB, live %.0f MiB (before: %.0f MiB), max"
              + " heap %.0f MiB, state hash %s%n",
          i + 1,
          s,
          mb / s,
          peak / 1048576.0,
          live / 1048576.0,
          baseline / 1048576.0,
          java.lang.Runtime.getRuntime().maxMemory() / 1048576.0,
          loaded.world().stateHashHex());
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peak use since the last reset (garbage included). */
  private static long peakHeap() {
    long n = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) n += p.getPeakUsage().getUsed();
    }
    return n;
  }
}
