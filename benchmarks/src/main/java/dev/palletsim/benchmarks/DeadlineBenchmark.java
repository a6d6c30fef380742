package dev.palletsim.benchmarks;

import dev.palletsim.benchmarks.baseline.PlainDeadlines;
import dev.palletsim.benchmarks.network.BlockWindow;
import dev.palletsim.benchmarks.network.Network;
import dev.palletsim.benchmarks.network.NetworkSpec;
import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.storageprovider.StorageProviderPallet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 4 of issue 8: deadline processing per block (the storage provider pallet's {@code
 * onFinalize}: pre-commit expiries and WindowPoSt deadline closes) with 1,000 providers × 1,000
 * sectors (one deal each), mainnet-like schedule: 48 deadlines of 300 blocks, 32 GiB sectors,
 * partitions of 2,349 sectors. Every provider is honest and has PoSted every deadline that closes
 * in the window. Each invocation runs the hook of the next block of a recorded window of {@value
 * Fixtures#WINDOW} blocks on exactly the world it met there; the counters report the deadlines
 * closed, the partitions worked and the metered weight.
 *
 * <p>The baseline closes the same deadlines' partitions as bitsets ({@link PlainDeadlines}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms10g", "-Xmx10g"})
public class DeadlineBenchmark {
  @Param({"1000"})
  public int providers;

  @Param({"1000"})
  public int sectorsPerProvider;

  private StorageProviderPallet sp;
  private World[] worlds;
  private BlockContext[] contexts;
  private long[] items;
  private long[] closes;
  private long[] weightMicros;
  private PlainDeadlines plain;
  private int i;

  /** Per-block work of the hook, summed over the iteration (divide by {@code blocks}). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Work {
    /** Blocks whose deadline cron ran. */
    public long blocks;

    /** Provider deadlines closed. */
    public long closes;

    /** Work items reported (partitions with live sectors, expired sectors). */
    public long items;

    /** The weight the hook metered, in microseconds of reference time. */
    public long weightMicros;

    @Setup(Level.Iteration)
    public void reset() {
      blocks = 0;
      closes = 0;
      items = 0;
      weightMicros = 0;
    }
  }

  @Setup
  public void setUp() {
    Network net = Fixtures.build(NetworkSpec.of(providers, sectorsPerProvider, 1));
    sp = net.storageProvider();
    BlockWindow window = BlockWindow.record(net, Fixtures.WINDOW);
    BlockWindow.Finalizes hook = window.finalizes(sp);
    worlds = hook.worlds();
    contexts = hook.contexts();
    items = hook.items();
    weightMicros = hook.weightMicros();
    plain = new PlainDeadlines(hook, sp);
    closes = new long[window.size()];
    for (int b = 0; b < window.size(); b++) closes[b] = plain.closes(b);
    System.err.printf(
        "[deadlines] %.2f deadline closes, %.2f items and %.1f µs of weight per block%n",
        java.util.Arrays.stream(closes).average().orElse(0),
        window.mean(r -> r.finalizeItems(StorageProviderPallet.NAME)),
        window.mean(r -> r.finalizeWeight(StorageProviderPallet.NAME).refTime() / 1e6));
  }

  /** The storage provider pallet's {@code onFinalize} in the next block of the window. */
  @Benchmark
  public World deadlineCron(Work work) {
    int b = i++ % worlds.length;
    Tx tx = Tx.begin(worlds[b], contexts[b], new WeightMeter());
    sp.onFinalize(tx);
    work.blocks++;
    work.closes += closes[b];
    work.items += items[b];
    work.weightMicros += weightMicros[b];
    return tx.commit();
  }

  /** The same deadlines closed on bitsets. */
  @Benchmark
  public long deadlineCronBaseline() {
    return plain.close(i++ % worlds.length);
  }
}
