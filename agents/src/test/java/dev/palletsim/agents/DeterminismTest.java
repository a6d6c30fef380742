package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.testkit.OtherJvm;
import org.junit.jupiter.api.Test;

/** The agents draw only from their seeded streams and iterate only ordered collections. */
class DeterminismTest {
  private static SimulationResult run(long seed) {
    return run(StorageRuntime.testnet(), seed);
  }

  /** The run of every agent type (AgentNetwork.everyAgentType) on {@code runtime}. */
  static SimulationResult run(Runtime runtime, long seed) {
    return AgentNetwork.everyAgentType(runtime, seed, 240).run();
  }

  static void assertSameMetrics(Metrics a, Metrics b) {
    AgentNetwork.assertSameMetrics(a, b);
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
    AgentNetwork.assertSameMetrics(a.metrics(), b.metrics());
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
    String there = OtherJvm.lastLine(DeterminismTest.class, "41");
    assertThat(there).isEqualTo(here.finalStateHash() + " " + here.metrics().counters());
  }
}
