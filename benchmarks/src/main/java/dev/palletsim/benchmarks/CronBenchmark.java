package dev.palletsim.benchmarks;

import dev.palletsim.benchmarks.baseline.PlainMarket;
import dev.palletsim.benchmarks.network.BlockWindow;
import dev.palletsim.benchmarks.network.Network;
import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.MarketStorage;
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
 * Benchmark 3 of issue 8: the market's cron ({@code onFinalize}, seed 002 {@code CronTick}) per
 * block, time and weight, under FIP-0074 and under the legacy regime (seed 004), as active deals
 * grow from 10^4 to 10^6. Each network is in its regime's steady state: every deal has started and
 * met the cron once, so under the legacy regime each is due again once per update interval (one day
 * here), and under FIP-0074 none is due again; in both, 10 new deals start in every block.
 *
 * <p>A window of {@value Fixtures#WINDOW} consecutive blocks is recorded; each invocation runs the
 * cron hook of the next block of the window on exactly the world it met there. The counters report
 * the work items (deals processed) and the weight the hook metered in the recorded blocks
 * (deterministic, so counted once at setup and added per invocation). The baseline does the same
 * per-deal arithmetic on {@link PlainMarket}'s arrays for the same due deals.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class CronBenchmark {
  @Param({"10000", "100000", "1000000"})
  public int deals;

  @Param({"fip0074", "legacy"})
  public String regime;

  private MarketPallet market;
  private World[] worlds;
  private BlockContext[] contexts;
  private long[][] due;
  private long[] items;
  private long[] weightMicros;
  private PlainMarket plain;
  private long interval;
  private boolean fip0074;
  private int i;
  private long plainNow;

  /** Per-block work of the hook, summed over the iteration (divide by {@code blocks}). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Work {
    /** Blocks whose cron ran. */
    public long blocks;

    /** Deals the cron processed. */
    public long items;

    /** The weight the cron metered, in microseconds of reference time. */
    public long weightMicros;

    @Setup(Level.Iteration)
    public void reset() {
      blocks = 0;
      items = 0;
      weightMicros = 0;
    }
  }

  @Setup
  public void setUp() {
    fip0074 = regime.equals("fip0074");
    Network net = Fixtures.build(Fixtures.market(deals, fip0074));
    market = net.market();
    interval = market.config().dealUpdatesInterval();
    BlockWindow window = BlockWindow.record(net, Fixtures.WINDOW);
    BlockWindow.Finalizes hook = window.finalizes(market);
    worlds = hook.worlds();
    contexts = hook.contexts();
    items = hook.items();
    weightMicros = hook.weightMicros();
    due = new long[window.size()][];
    for (int b = 0; b < window.size(); b++) {
      DealIds ids =
          MarketStorage.DEAL_OPS_BY_BLOCK
              .entriesUpTo(worlds[b], contexts[b].number())
              .foldLeft(DealIds.empty(), (acc, e) -> acc.union(e._2));
      due[b] = new long[ids.size()];
      for (int k = 0; k < ids.size(); k++) due[b][k] = ids.get(k);
    }
    plain = new PlainMarket(worlds[0], (int) MarketStorage.NEXT_DEAL_ID.get(worlds[0]).longValue());
    plainNow = contexts[0].number();
    System.err.printf(
        "[cron] %s, %d active deals: %.2f deals and %.1f µs of weight per block in the market's"
            + " cron%n",
        regime,
        MarketStorage.STATES.count(worlds[0]),
        window.mean(r -> r.finalizeItems(MarketPallet.NAME)),
        window.mean(r -> r.finalizeWeight(MarketPallet.NAME).refTime() / 1e6));
  }

  /** The market's {@code onFinalize} in the next block of the window. */
  @Benchmark
  public World cron(Work work) {
    int b = i++ % worlds.length;
    Tx tx = Tx.begin(worlds[b], contexts[b], new WeightMeter());
    market.onFinalize(tx);
    work.blocks++;
    work.items += items[b];
    work.weightMicros += weightMicros[b];
    return tx.commit();
  }

  /** The same deals' arithmetic on plain arrays. */
  @Benchmark
  public long cronBaseline() {
    int b = i++ % due.length;
    if (b == 0) plainNow += due.length;
    return plain.cron(due[b], plainNow + b, fip0074, interval);
  }
}
