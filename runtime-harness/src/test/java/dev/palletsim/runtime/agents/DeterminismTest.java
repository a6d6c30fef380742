package dev.palletsim.runtime.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.runtime.sim.Metrics;
import dev.palletsim.runtime.sim.SimulationResult;
import dev.palletsim.runtime.sim.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agents draw only from their seeded streams and iterate only ordered collections. */
class DeterminismTest {
  private static SimulationResult run(long seed) {
    return run(StorageRuntime.testnet(), seed);
  }

  /** The run of every agent type with restarts and an offline collator, on {@code runtime}. */
  static SimulationResult run(Runtime runtime, long seed) {
    AgentNetwork n =
        new AgentNetwork(
            runtime,
            seed,
            240,
            List.of("client-1", "client-2", "sp-1", "sp-2", "collator-1", "collator-2"),
            2);
    n.agent("collator-1", "collator", Map.of());
    n.agent("collator-2", "collator", Map.of());
    n.agent(
        "client-1",
        "client",
        Map.of(
            "post-every", 7,
            "pieces", Map.of("choice", List.of(1, 2, 3)),
            "piece-size", Map.of("uniform", List.of(128, 2048)),
            "duration", Map.of("uniform", List.of(40, 150)),
            "price-per-block", Map.of("uniform", List.of(1_000, 5_000_000)),
            "client-collateral", Map.of("choice", List.of(0, "1 MILLI_TOKEN"))));
    n.agent("client-2", "client", Map.of("post-every", 11, "pieces", 2, "expiry", 8));
    n.agent(
        "sp-1",
        "storage-provider",
        Map.of(
            "capacity", "8 KIB", "delegation", "random-k", "delegate-k", 1, "deals-per-sector", 4));
    n.agent(
        "sp-2",
        "storage-provider",
        Map.of("capacity", "6 KIB", "delegation", "everyone", "miss-post-every", 3));
    n.builder.step(new Step(new Step.AtBlock(90), "restart", new Step.RestartAgent("sp-1")));
    n.builder.step(
        new Step(
            new Step.AtBlock(100),
            "offline",
            new Step.Command("collator-2", "go-offline", Map.of("blocks", 60))));
    return n.run();
  }

  static void assertSameMetrics(Metrics a, Metrics b) {
    assertThat(a.counters()).isEqualTo(b.counters());
    assertThat(a.seriesNames()).isEqualTo(b.seriesNames());
    for (String name : a.seriesNames()) {
      var x = a.series(name);
      var y = b.series(name);
      assertThat(y.size()).as(name).isEqualTo(x.size());
      for (int i = 0; i < x.size(); i++) {
        assertThat(y.block(i)).as(name).isEqualTo(x.block(i));
        assertThat(y.value(i)).as(name).isEqualTo(x.value(i));
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnotherRun() {
    SimulationResult a = run(41);
    SimulationResult b = run(41);
    SimulationResult c = run(42);
    assertThat(a.failure()).isEmpty();
    assertThat(a.blocksRun()).isEqualTo(240);
    assertThat(a.metrics().counter("deals.published")).isGreaterThan(5);
    assertThat(a.finalStateHash()).isEqualTo(b.finalStateHash());
    assertSameMetrics(a.metrics(), b.metrics());
    assertThat(a.agents()).isEqualTo(b.agents());
    assertThat(c.finalStateHash()).isNotEqualTo(a.finalStateHash());
  }

  /** Prints the fingerprint of a run, for the child JVM below. */
  public static void main(String[] args) {
    SimulationResult r = run(Long.parseLong(args[0]));
    System.out.println(r.finalStateHash() + " " + r.metrics().counters());
  }

  /**
   * The whole storage runtime with every agent type, replayed in a JVM whose identity hash codes
   * are all equal ({@code -XX:hashCode=2}), reaches the same state and counters: no pallet or agent
   * lets a hash-based iteration order decide anything.
   */
  @Test
  void anotherJvmWithConstantIdentityHashesReplaysTheRunExactly() throws Exception {
    SimulationResult here = run(41);
    String javaBin = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                javaBin,
                "-XX:+UnlockExperimentalVMOptions",
                "-XX:hashCode=2",
                "-cp",
                System.getProperty("java.class.path"),
                DeterminismTest.class.getName(),
                "41")
            .redirectErrorStream(true)
            .start();
    String there;
    try (var in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      there = in.lines().reduce((a, b) -> b).orElse("");
    }
    assertThat(p.waitFor()).isZero();
    assertThat(there).isEqualTo(here.finalStateHash() + " " + here.metrics().counters());
  }
}
