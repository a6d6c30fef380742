package dev.palletsim.benchmarks.tools;

import dev.palletsim.benchmarks.network.Network;
import dev.palletsim.benchmarks.network.NetworkBuilder;
import dev.palletsim.benchmarks.network.NetworkSpec;
import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.storageprovider.StorageProviderStorage;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Bytes of heap per active deal and per sector, measured after GC (issue 8), against the raw size
 * of their fields. Three networks are built in turn, each measured alone (its {@link World} kept,
 * everything else dropped, then full GCs until the used heap is stable):
 *
 * <ul>
 *   <li>A: {@code P} providers × {@code S/2} sectors × 2 deals;
 *   <li>B: {@code P} × {@code S} × 1 deal — as many deals as A, twice the sectors;
 *   <li>C: {@code P} × {@code S} × 2 deals — as many sectors as B, twice the deals.
 * </ul>
 *
 * A network's heap is measured with HotSpot's class histogram ({@code GC.class_histogram}: a full
 * GC, then every live object counted by class) before and after it is built: the difference, class
 * by class, is what its world holds. Per sector is {@code (B − A) / (S_B − S_A)} and per deal
 * {@code (C − B) / (D_C − D_B)}: the differences cancel every fixed cost (accounts, balances,
 * sessions, caches), and the classes show what a sector and a deal are made of. A small network is
 * built and dropped first, so that what the JVM keeps after its first build is not counted. With
 * {@code --walk}, each world is also broken down by storage item with {@link HeapWalker} (an
 * estimate from HotSpot's object layout), which shows what a deal and a sector are made of.
 *
 * <pre>
 * java -XX:+UseSerialGC -Xmx16g -cp benchmarks/target/benchmarks.jar \
 *     dev.palletsim.benchmarks.tools.MemoryProbe [--providers 1000] [--sectors 1000] [--walk] \
 *     [--verified-posts] [--unsigned]
 * </pre>
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  /**
   * What one network measured.
   *
   * @param name A, B or C
   * @param sectors live sectors
   * @param deals active deals
   * @param bytes heap held by its world: used heap after GC with it minus before it
   * @param classes live bytes by class held by its world (class histogram after minus before)
   */
  record Point(String name, long sectors, long deals, long bytes, Map<String, Long> classes) {}

  /** Raw bytes of a deal's fields: see {@link #rawDeal}. */
  static final int RAW_CID = 40;

  /**
   * The raw size of one active deal's fields with a label of {@code labelBytes}: the proposal
   * (piece CID 40, piece size 8, verified flag 1, client 32, provider 32, label, start, end, price
   * and both collaterals 5 × 8), its state (sector, activation, last update, slash block 4 × 8,
   * cron flag 1), its id in the provider's sector index (8) and in the sector's deal list (8).
   */
  static long rawDeal(int labelBytes) {
    long proposal = RAW_CID + 8 + 1 + 32 + 32 + labelBytes + 5 * 8;
    long state = 4 * 8 + 1;
    return proposal + state + 8 + 8;
  }

  /**
   * The raw size of one sector's fields: number 8, seal proof 1, sealed and unsealed CIDs 2 × 40,
   * activation and expiration 2 × 8, deal weights 2 × 8, pledge 8, power 8, deadline and partition
   * 2 × 4, its number in its expiration queue 8, and its allocated-number mark 1.
   */
  static long rawSector() {
    return 8 + 1 + 2 * RAW_CID + 2 * 8 + 2 * 8 + 8 + 8 + 2 * 4 + 8 + 1;
  }

  /** Bytes per entry between two points: {@code (bytes₂ − bytes₁) / (n₂ − n₁)}. */
  static double slope(long bytes1, long n1, long bytes2, long n2) {
    if (n1 == n2) throw new IllegalArgumentException("the points must differ in entries");
    return (bytes2 - bytes1) / (double) (n2 - n1);
  }

  /** The used heap after full GCs, repeated until two readings agree within 1 MiB. */
  public static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(used - last) < (1 << 20)) return Math.min(used, last);
      last = used;
    }
    return last;
  }

  /**
   * Live bytes by class name: HotSpot's {@code GC.class_histogram} (a full GC, then every live
   * object counted by class), read through the diagnostic command MBean.
   */
  static Map<String, Long> histogram() {
    try {
      Object out =
          ManagementFactory.getPlatformMBeanServer()
              .invoke(
                  new ObjectName("com.sun.management:type=DiagnosticCommand"),
                  "gcClassHistogram",
                  new Object[] {new String[0]},
                  new String[] {String[].class.getName()});
      return parseHistogram(String.valueOf(out));
    } catch (JMException e) {
      throw new IllegalStateException("no class histogram on this JVM", e);
    }
  }

  private static final Pattern HISTOGRAM_LINE =
      Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

  /** Bytes by class from the text of a class histogram. */
  static Map<String, Long> parseHistogram(String text) {
    Map<String, Long> out = new HashMap<>();
    for (String line : text.split("\\R")) {
      Matcher m = HISTOGRAM_LINE.matcher(line);
      if (m.matches()) out.merge(m.group(3), Long.parseLong(m.group(2)), Long::sum);
    }
    return out;
  }

  /**
   * The histogram name of {@code int[]}. HotSpot formats dead heap space (the unused tails of
   * allocation buffers) as {@code int[]} filler objects, which histograms count, so its difference
   * between two histograms is noise of a few MiB either way; chain state holds no {@code int[]}.
   */
  static final String FILLER = "[I";

  /** {@code after − before}, class by class, without the classes that did not change. */
  static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
    Map<String, Long> out = new HashMap<>();
    for (var e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d != 0) out.put(e.getKey(), d);
    }
    for (var e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) out.put(e.getKey(), -e.getValue());
    }
    return out;
  }

  static Point measure(String name, NetworkSpec spec, boolean walk) {
    Map<String, Long> before = histogram();
    Network net = NetworkBuilder.build(spec, publication, m -> {});
    World world = net.chain().world();
    long deals = MarketStorage.STATES.count(world);
    long sectors = 0;
    for (var p : net.providers()) {
      sectors += net.storageProvider().provider(world, p).get().liveSectors();
    }
    net = null;
    Map<String, Long> classes = difference(histogram(), before);
    Reference.reachabilityFence(world);
    long filler = classes.getOrDefault(FILLER, 0L);
    classes.remove(FILLER);
    long bytes = classes.values().stream().mapToLong(Long::longValue).sum();
    Point point = new Point(name, sectors, deals, bytes, classes);
    say(
        "%s: %,d sectors, %,d deals: %,.1f MiB of heap",
        name, sectors, deals, point.bytes() / (double) (1 << 20));
    if (walk) breakdown(world, sectors, deals);
    Reference.reachabilityFence(world);
    return point;
  }

  /** The classes that grow from {@code from} to {@code to}, in bytes per added entry. */
  static void perEntryByClass(String what, Point from, Point to, long entries) {
    Map<String, Long> d = difference(to.classes(), from.classes());
    long total = d.values().stream().mapToLong(Long::longValue).sum();
    say("  %s by class (class histograms, %s − %s):", what, to.name(), from.name());
    d.entrySet().stream()
        .sorted((x, y) -> Long.compare(Math.abs(y.getValue()), Math.abs(x.getValue())))
        .filter(e -> Math.abs(e.getValue()) >= entries / 2)
        .forEach(
            e -> say("    %8.1f B  %s", e.getValue() / (double) entries, simpleName(e.getKey())));
    say("    %8.1f B  total", total / (double) entries);
  }

  private static String simpleName(String histogramName) {
    return switch (histogramName) {
      case "[B" -> "byte[]";
      case "[J" -> "long[]";
      case "[I" -> "int[]";
      case "[Ljava.lang.Object;" -> "Object[]";
      default ->
          histogramName.replace("dev.palletsim.", "").replace("io.vavr.collection.", "vavr.");
    };
  }

  /** Each storage item's estimated size, per deal and per sector. */
  static void breakdown(World world, long sectors, long deals) {
    HeapWalker walker = new HeapWalker(o -> o instanceof AccountId || o instanceof Enum<?>);
    Map<String, Long> sizes = new LinkedHashMap<>();
    String[] items = {
      MarketStorage.PROPOSALS.key(),
      MarketStorage.STATES.key(),
      MarketStorage.PROVIDER_SECTORS.key(),
      MarketStorage.PENDING_PROPOSALS.key(),
      MarketStorage.DEAL_OPS_BY_BLOCK.key(),
      StorageProviderStorage.SECTORS.key(),
      StorageProviderStorage.PARTITIONS.key(),
      StorageProviderStorage.ALLOCATED_SECTORS.key(),
      StorageProviderStorage.DEADLINES.key(),
      StorageProviderStorage.PRE_COMMITS.key(),
      StorageProviderStorage.PRE_COMMIT_EXPIRIES.key()
    };
    long total = 0;
    for (String item : items) {
      Object root = world.rootByKey(item);
      long size = root == null ? 0 : walker.size(root);
      sizes.put(item, size);
      total += size;
    }
    long rest = 0;
    for (String key : world.itemKeys()) {
      if (!sizes.containsKey(key)) rest += walker.size(world.rootByKey(key));
    }
    say("  estimated by storage item (HotSpot layout, compressed oops):");
    for (var e : sizes.entrySet()) {
      say(
          "    %-42s %,12d B  %7.1f B/deal  %7.1f B/sector",
          e.getKey(),
          e.getValue(),
          e.getValue() / (double) Math.max(1, deals),
          e.getValue() / (double) Math.max(1, sectors));
    }
    say("    %-42s %,12d B", "every other item", rest);
    say("    %-42s %,12d B", "total", total + rest);
    if (walker.opaqueObjects() > 0)
      say("    (%d JDK objects not followed)", walker.opaqueObjects());
  }

  /** Measures A, B and C (see the class comment) and prints the per-entry costs. */
  /**
   * The probe's networks: FIP-0074 with a one-day update interval, so that the build (which runs
   * until the market's cron has met every deal once, at its id's slot of the interval after its
   * start) ends a day after the last start, and no deal is still pending, as before deal ops were
   * spread by id.
   */
  private static NetworkSpec spec(
      int providers, int sectors, int dealsPerSector, boolean verifiedPoSts) {
    NetworkSpec s = NetworkSpec.of(providers, sectors, dealsPerSector).withRegime(true, Units.DAYS);
    return verifiedPoSts ? s.withVerifiedPoSts() : s;
  }

  /**
   * How the probe's networks publish their deals. Signed by default; {@code --unsigned} publishes
   * the same proposals with {@link NetworkBuilder.Publication#BULK}, which writes the same market
   * storage ({@code BulkDealsTest}) in a fraction of the time: the world measured differs only by
   * the providers' nonces, a fixed cost the probe's differences cancel.
   */
  private static NetworkBuilder.Publication publication = NetworkBuilder.Publication.SIGNED;

  public static void main(String[] args) {
    int providers = 1000;
    int sectors = 1000;
    boolean walk = false;
    boolean verified = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--providers" -> providers = Integer.parseInt(args[++i]);
        case "--sectors" -> sectors = Integer.parseInt(args[++i]);
        case "--walk" -> walk = true;
        case "--verified-posts" -> verified = true;
        case "--unsigned" -> publication = NetworkBuilder.Publication.BULK;
        default -> throw new IllegalArgumentException("unexpected " + args[i]);
      }
    }
    NetworkSpec b = spec(providers, sectors, 1, verified);
    say(
        "memory probe: %d providers, %d sectors each; labels of %d bytes; %s deals; JVM %s, GC %s",
        providers,
        sectors,
        b.labelBytes(),
        publication,
        System.getProperty("java.version"),
        ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
    // derive every account first, so the keyring's cache is not counted in the first world
    for (int i = 0; i < providers; i++) {
      Keyring.account("bench-sp-" + i);
      Keyring.account("bench-client-" + i);
    }
    for (int i = 0; i < b.candidates(); i++) Keyring.account("bench-collator-" + i);
    Keyring.account("bench-invulnerable");

    // a small network first, so that what the JVM keeps after its first build (classes, method
    // handles, caches) is not counted in A
    measure(
        "warm-up",
        spec(Math.max(1, providers / 10), Math.max(2, sectors / 10), 1, verified),
        false);
    Point pa = measure("A", spec(providers, sectors / 2, 2, verified), walk);
    Point pb = measure("B", b, walk);
    Point pc = measure("C", spec(providers, sectors, 2, verified), walk);
    double perSector = slope(pa.bytes(), pa.sectors(), pb.bytes(), pb.sectors());
    double perDeal = slope(pb.bytes(), pb.deals(), pc.bytes(), pc.deals());
    say("");
    perEntryByClass("per sector", pa, pb, pb.sectors() - pa.sectors());
    perEntryByClass("per deal", pb, pc, pc.deals() - pb.deals());
    say("");
    say(
        "per sector: %.0f B of heap (raw fields %d B, %.1f×)",
        perSector, rawSector(), perSector / rawSector());
    say(
        "per active deal: %.0f B of heap (raw fields %d B, %.1f×; target ≤ 300 B)",
        perDeal, rawDeal(b.labelBytes()), perDeal / rawDeal(b.labelBytes()));
  }

  private static void say(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }
}
