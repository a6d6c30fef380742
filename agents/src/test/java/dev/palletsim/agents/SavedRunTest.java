package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.snapshot.Snapshot;
import dev.palletsim.runtime.StorageProbes;
import dev.palletsim.sim.Expectations;
import dev.palletsim.sim.Probes;
import dev.palletsim.sim.Simulation;
import dev.palletsim.sim.SimulationResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run saved at any block and resumed from its file ends exactly as the uninterrupted run: same
 * final state hash, metrics, verdicts and agent statuses, with every agent type, a restart, an
 * offline collator, accumulating probes and the shared deal board in play.
 */
class SavedRunTest {
  static final long BLOCKS = 240;
  @TempDir Path dir;

  static Simulation simulation(long seed) {
    return network(seed).builder.build();
  }

  static AgentNetwork network(long seed) {
    AgentNetwork n = AgentNetwork.everyAgentType(seed, BLOCKS);
    n.builder.expect(
        Expectations.eventEmitted("Market", "DealActivated", Map.of(), 0, Long.MAX_VALUE));
    n.builder.expect(
        Expectations.noEventEmitted("System", "BugReported", Map.of(), 0, Long.MAX_VALUE));
    n.builder.probe("block-weight", Probes.blockWeight());
    n.builder.probe("collator-share", StorageProbes.collatorShare());
    n.builder.probe("group-seats(collator)", StorageProbes.groupSeats("collator"));
    n.builder.probe(Probes.authorship());
    return n;
  }

  static void assertSameRun(SimulationResult resumed, SimulationResult whole) {
    assertThat(resumed.failure()).isEqualTo(whole.failure());
    assertThat(resumed.blocksRun()).isEqualTo(whole.blocksRun());
    assertThat(resumed.lastBlock()).isEqualTo(whole.lastBlock());
    assertThat(resumed.finalStateHash()).isEqualTo(whole.finalStateHash());
    assertThat(resumed.expectations()).isEqualTo(whole.expectations());
    assertThat(resumed.agents()).isEqualTo(whole.agents());
    AgentNetwork.assertSameMetrics(resumed.metrics(), whole.metrics());
  }

  @Test
  void aRunSavedAtAnyBlockAndResumedEndsExactlyAsTheUninterruptedRun() throws Exception {
    SimulationResult whole = simulation(41).run();
    assertThat(whole.failure()).isEmpty();
    assertThat(whole.metrics().counter("deals.published")).isGreaterThan(5);
    assertThat(whole.metrics().sources()).containsEntry("block.weight_us", "block-weight");

    for (long at : new long[] {0, 37, 90, 101, 131, 239}) {
      Simulation.Run first = simulation(41).start();
      while (first.blocksRun() < at) first.step();
      Path file = dir.resolve("run-" + at + ".psnap");
      first.save(file);

      Simulation.Run resumed = simulation(41).resume(Snapshot.read(file));
      assertThat(resumed.blocksRun()).isEqualTo(at);
      assertThat(resumed.restartedAgents()).containsExactly("recorder");
      while (!resumed.done()) resumed.step();
      SimulationResult r = resumed.finish();
      // the recorder keeps no memory: it restarts, and reports nothing
      assertSameRun(r, whole);
    }
  }

  @Test
  void everyAgentsMemoryComesBackFromTheFileEqual() throws Exception {
    for (long at : new long[] {37, 131}) {
      AgentNetwork first = network(41);
      Simulation.Run run = first.builder.build().start();
      while (run.blocksRun() < at) run.step();
      Path file = dir.resolve("memory-" + at + ".psnap");
      run.save(file);
      AgentNetwork second = network(41);
      second.builder.build().resume(Snapshot.read(file));
      for (String name : java.util.List.of("sp-1", "sp-2", "client-1", "client-2", "collator-1")) {
        var saved = first.instances.get(name).memory();
        assertThat(saved).as(name).isNotEmpty();
        assertThat(second.instances.get(name).memory()).as(name + " at " + at).isEqualTo(saved);
      }
      // the providers' sales are in it, states and all
      StorageProviderAgent sp = (StorageProviderAgent) second.instances.get("sp-2");
      assertThat(sp.sales()).isNotEmpty();
      assertThat(sp.sales().map(s -> s.history()))
          .isEqualTo(
              ((StorageProviderAgent) first.instances.get("sp-2")).sales().map(s -> s.history()));
    }
  }

  @Test
  void aSavedRunRefusesAnotherSeedOrOtherAgents() throws Exception {
    Simulation.Run run = simulation(41).start();
    for (int i = 0; i < 5; i++) run.step();
    Path file = dir.resolve("run.psnap");
    run.save(file);
    Snapshot saved = Snapshot.read(file);
    assertThatThrownBy(() -> simulation(7).resume(saved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seed 41")
        .hasMessageContaining("seed 7");
  }

  @Test
  void aChainSavedWithoutItsRunStartsFreshAgentsThatRecoverFromTheChain() throws Exception {
    Simulation.Run run = simulation(41).start();
    while (run.blocksRun() < 150) run.step();
    Path file = dir.resolve("chain.psnap");
    run.chain().save(file); // the chain alone: no simulation section
    Simulation.Run fork = simulation(41).resume(Snapshot.read(file));
    assertThat(fork.blocksRun()).isZero();
    assertThat(fork.chain().blockNumber()).isEqualTo(run.chain().blockNumber());
    for (int i = 0; i < 60; i++) fork.step();
    SimulationResult r = fork.finish();
    assertThat(r.failure()).isEmpty();
    // the providers found their deals on chain again (seed 003's SaleUnknown) and kept proving
    assertThat(r.metrics().counter("sales.unknown")).isPositive();
    assertThat(r.metrics().counter("post.submitted")).isPositive();
  }
}
