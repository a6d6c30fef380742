package dev.palletsim.examples;

import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
import java.util.Locale;

/**
 * What a run of a scenario will cost, estimated before its first block, so that an absurd size
 * ({@code blocks: 1000000000000}) is refused with the numbers instead of running for years or
 * running out of memory after hours.
 *
 * <p>Work: every block is produced (hooks, invariants, probes), every agent acts in every block and
 * every extrinsic an agent submits is dispatched, so a run costs about {@code blocks × (1 + agents
 * + expected calls per block)} work units, times the number of variants; each agent type says how
 * many extrinsics it submits per block on average. On the 2-core machine of docs/performance.md the
 * example scenarios run 3,000 to 27,000 work units a second, so the limit of {@link #MAX_WORK}
 * units is between one and ten hours.
 *
 * <p>Memory: the genesis's accounts, and every sample of every series (kept for the reports, about
 * {@link #BYTES_PER_SAMPLE} bytes each with the output files built from them), for every variant
 * (compared at the end). A run above {@link #MAX_HEAP_SHARE} of the JVM's maximum heap is refused.
 *
 * @param runs the runs (1, or the number of variants)
 * @param blocks the blocks of each run
 * @param agents the agents
 * @param callsPerBlock the extrinsics all agents are expected to submit per block
 * @param work the work units of all runs
 * @param accounts the accounts the genesis names
 * @param seriesPerBlock the series expected to be sampled per block
 * @param memoryBytes the heap the runs are expected to need
 */
record WorkEstimate(
    int runs,
    long blocks,
    int agents,
    double callsPerBlock,
    double work,
    long accounts,
    long seriesPerBlock,
    double memoryBytes) {

  /** Runs of more work units than this need {@code --allow-large}. */
  static final double MAX_WORK = 100_000_000;

  /** Runs expected to need more than this share of the maximum heap need {@code --allow-large}. */
  static final double MAX_HEAP_SHARE = 0.8;

  /** Heap per series sample: its block and value, and its share of the output files. */
  static final long BYTES_PER_SAMPLE = 64;

  /** Heap per genesis account: its balance entry, its keys and the agents' view of it. */
  static final long BYTES_PER_ACCOUNT = 2_048;

  /** The cost of running {@code scenario} for {@code blocks} blocks (each variant). */
  static WorkEstimate of(Scenario scenario, long blocks) {
    int runs = Math.max(1, scenario.variants().size());
    int agents = scenario.agents().size();
    double calls = 0;
    for (Scenario.AgentSpec a : scenario.agents()) {
      calls += Math.max(0, a.type().expectedCallsPerBlock(a.params()));
    }
    double work = (double) runs * blocks * (1 + agents + calls);
    long accounts = ScenarioMetrics.accountNames(scenario.genesis()).size();
    // a labelled series (one per provider, collator, agent) counts once per agent, at least once
    long perLabel = Math.max(1, Math.min(agents, 64));
    long series = 0;
    for (ScenarioMetrics.Known k : ScenarioMetrics.of(scenario).all()) {
      if (k.info().kind() != MetricInfo.Kind.SERIES) continue;
      boolean free = k.bound().labels().stream().anyMatch(l -> !k.only().containsKey(l));
      series += free ? perLabel : k.only().containsKey("agent") ? k.only().get("agent").size() : 1;
    }
    double memory =
        (double) accounts * BYTES_PER_ACCOUNT + (double) runs * blocks * series * BYTES_PER_SAMPLE;
    return new WorkEstimate(runs, blocks, agents, calls, work, accounts, series, memory);
  }

  /** Whether the run needs {@code --allow-large} on a JVM whose maximum heap is {@code maxHeap}. */
  boolean tooLarge(long maxHeap) {
    return work > MAX_WORK || memoryBytes > MAX_HEAP_SHARE * maxHeap;
  }

  /**
   * Why the run is refused: the estimate, the limit it passes and how to go on ({@code
   * --allow-large}, or a shorter run).
   */
  String refusal(long maxHeap) {
    StringBuilder out = new StringBuilder("this run is too large to start without --allow-large: ");
    out.append(describe());
    if (work > MAX_WORK) {
      out.append(", above the limit of ")
          .append(String.format(Locale.ROOT, "%,.0f", MAX_WORK))
          .append(" (one to ten hours on 2 cores)");
    }
    out.append("; it needs about ").append(bytes(memoryBytes)).append(" of heap");
    if (memoryBytes > MAX_HEAP_SHARE * maxHeap) {
      out.append(", more than this JVM may use (").append(bytes(maxHeap)).append(')');
    }
    out.append(". Shorten it (--blocks N), or run it anyway with --allow-large");
    return out.toString();
  }

  /** {@code 1,000 blocks × (1 + 7 agents + 0.64 expected calls per block) ≈ 8,640 work units}. */
  String describe() {
    return (runs > 1 ? runs + " variants × " : "")
        + String.format(Locale.ROOT, "%,d", blocks)
        + " blocks × (1 + "
        + agents
        + (agents == 1 ? " agent + " : " agents + ")
        + Metrics.show(Math.round(callsPerBlock * 100) / 100.0)
        + " expected calls per block) ≈ "
        + units(work)
        + " work units";
  }

  /** The work in short: {@code 8,640} or {@code 1.2e12}. */
  static String units(double work) {
    return work < 1e15
        ? String.format(Locale.ROOT, "%,.0f", work)
        : String.format(Locale.ROOT, "%.2g", work).replace("e+", "e");
  }

  /** {@code 3.9 GiB}. */
  static String bytes(double b) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (b >= 1024 && u < units.length - 1) {
      b /= 1024;
      u++;
    }
    return u == 0
        ? String.format(Locale.ROOT, "%.0f bytes", b)
        : String.format(Locale.ROOT, b < 10 ? "%.1f %s" : "%.0f %s", b, units[u]);
  }
}
