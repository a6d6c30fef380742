package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.snapshot.Snapshot;
import dev.palletsim.runtime.StoragePresets;
import dev.palletsim.runtime.StorageProbes;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.Simulation;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.storageprovider.PenaltyKind;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderPallet;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disputer across the real pallets, with real storage provider agents: on the testnet runtime
 * with optimistic Window PoSt on (every PoSt that recovers nothing is kept for a 10-block dispute
 * window), an honest provider, one whose every PoSt is invalid and one whose PoSts are invalid with
 * probability 1/2, and a disputer that overlooks some. Every count is checked against what the
 * providers submitted and what the chain did, and the run is fixed by its seed, saved and resumed
 * included.
 */
class DisputerIntegrationTest {
  static final long BLOCKS = 400;
  @TempDir Path dir;

  static final Runtime OPTIMISTIC =
      StoragePresets.testnet()
          .build(Map.of("storage-provider", Map.of("optimistic-window-po-st", true)));

  static AgentNetwork network(long seed, Map<String, Object> disputer) {
    AgentNetwork n =
        new AgentNetwork(
                OPTIMISTIC,
                seed,
                BLOCKS,
                java.util.List.of("client-1", "sp-honest", "sp-forger", "sp-sloppy", "watcher"),
                2)
            .agent(
                "client-1",
                "client",
                Map.of(
                    "post-every",
                    5,
                    "pieces",
                    2,
                    "duration",
                    Map.of("uniform", java.util.List.of(250, 300))))
            .agent("sp-honest", "storage-provider", Map.of("capacity", "4 KIB"))
            .agent(
                "sp-forger",
                "storage-provider",
                Map.of("capacity", "4 KIB", "invalid-post-every", 1))
            .agent(
                "sp-sloppy",
                "storage-provider",
                Map.of("capacity", "4 KIB", "invalid-post-probability", 0.5))
            .agent("watcher", "disputer", disputer);
    n.builder.probe("proofs", StorageProbes.proofs());
    n.builder.probe("storage-power", StorageProbes.storagePower());
    n.builder.probe(
        "test-balance",
        (rt, b, w, m) ->
            m.record("test.watcher_free", b.number(), rt.balances().free(w, id("watcher"))));
    return n;
  }

  static long sum(Metrics m, String series) {
    var s = m.series(series);
    double total = 0;
    for (int i = 0; i < s.size(); i++) total += s.value(i);
    return (long) total;
  }

  @Test
  void everyInvalidKeptPoStIsDisputedOrAccountedForAndNoValidOneIs() {
    AgentNetwork n = network(21, Map.of("miss-probability", 0.25));
    SimulationResult r = n.run();
    assertThat(r.failure()).isEmpty();
    Metrics m = r.metrics();
    var disputed = n.events(StorageProviderEvent.PoStDisputed.class);

    // the cheaters' invalid PoSts: those recovering sectors are verified at once and rejected;
    // every other one was kept, and the disputer found each of them
    long invalidSubmitted = m.counter("post.invalid");
    long rejected = sum(m, "proofs.post_rejected");
    long found = m.counter("disputer.invalid_found");
    assertThat(found).isPositive();
    assertThat(found + rejected).isEqualTo(invalidSubmitted);
    // each was disputed, overlooked (about a quarter) or missed its window; none was refused
    long overlooked = m.counter("disputer.overlooked");
    assertThat(overlooked).isPositive().isLessThan(found);
    assertThat(m.counter("disputer.disputes") + overlooked + m.counter("disputer.window_missed"))
        .isEqualTo(found);
    assertThat(m.counter("disputer.disputes_failed")).isZero();
    assertThat(disputed).hasSize((int) m.counter("disputer.disputes"));
    assertThat(sum(m, "proofs.post_disputed")).isEqualTo(disputed.size());
    // every kept PoSt was checked: the valid ones too, never disputed
    assertThat(m.counter("disputer.posts_checked")).isEqualTo(sum(m, "proofs.post_optimistic"));
    assertThat(disputed.map(StorageProviderEvent.PoStDisputed::owner))
        .doesNotContain(id("sp-honest"))
        .contains(id("sp-forger"), id("sp-sloppy"));
    assertThat(disputed.map(StorageProviderEvent.PoStDisputed::disputer).distinct())
        .containsExactly(id("watcher"));
    assertThat(sum(m, "proofs.sp-honest.post_disputed")).isZero();

    // each dispute charged its provider once and paid the configured reward to the disputer
    long reward =
        OPTIMISTIC.pallet(StorageProviderPallet.class).config().baseRewardForDisputedWindowPoSt();
    var penalties =
        n.events(StorageProviderEvent.PenaltyCharged.class)
            .filter(e -> e.kind() == PenaltyKind.InvalidPoStPenalty);
    assertThat(penalties).hasSize(disputed.size());
    assertThat(penalties.map(StorageProviderEvent.PenaltyCharged::amount))
        .allMatch(a -> a > reward);
    long charged = penalties.map(StorageProviderEvent.PenaltyCharged::amount).sum().longValue();
    var chargedSeries = m.series("proofs.dispute_penalties_planck");
    assertThat(chargedSeries.value(chargedSeries.size() - 1)).isEqualTo((double) charged);
    assertThat(disputed.map(StorageProviderEvent.PoStDisputed::reward)).containsOnly(reward);
    assertThat(m.counter("disputer.reward_planck")).isEqualTo(reward * disputed.size());
    DisputerAgent watcher = (DisputerAgent) n.instances.get("watcher");
    assertThat(watcher.reward()).isEqualTo(reward * disputed.size());
    var free = m.series("test.watcher_free");
    // less the transaction fees the watcher paid for its disputes
    long fees =
        n.events(
                dev.palletsim.frame.transactionpayment.TransactionPaymentEvent.TransactionFeePaid
                    .class)
            .filter(e -> e.who().equals(id("watcher")))
            .map(e -> e.actualFee())
            .sum()
            .longValue();
    assertThat(fees).isPositive();
    assertThat(free.value(free.size() - 1))
        .isEqualTo((double) (1_000 * Units.TOKEN + reward * disputed.size() - fees));

    // the forger holds power only between an invalid PoSt and its dispute (or one overlooked):
    // far less, over the run, than the honest provider proving the same kind of deals
    assertThat(mean(m, "power.sp-forger_bytes")).isLessThan(mean(m, "power.sp-honest_bytes") / 2);
  }

  static double mean(Metrics m, String series) {
    return (double) sum(m, series) / m.series(series).size();
  }

  @Test
  void withoutADisputerTheForgerKeepsThePowerItsInvalidPoStsGaveIt() {
    AgentNetwork n = network(21, Map.of("start-at", BLOCKS + 1));
    SimulationResult r = n.run();
    assertThat(r.failure()).isEmpty();
    assertThat(n.events(StorageProviderEvent.PoStDisputed.class)).isEmpty();
    assertThat(r.metrics().counter("disputer.posts_checked")).isZero();
    var forger = r.metrics().series("power.sp-forger_bytes");
    assertThat(forger.value(forger.size() - 1)).isPositive();
  }

  @Test
  void theSameSeedGivesTheSameDisputesAndAnotherSeedOthers() {
    Map<String, Object> p = Map.of("miss-probability", 0.5);
    SimulationResult a = network(5, p).run();
    SimulationResult b = network(5, p).run();
    SimulationResult c = network(6, p).run();
    assertThat(a.finalStateHash()).isEqualTo(b.finalStateHash());
    AgentNetwork.assertSameMetrics(a.metrics(), b.metrics());
    assertThat(a.agents()).isEqualTo(b.agents());
    assertThat(a.metrics().counter("disputer.disputes")).isPositive();
    assertThat(c.finalStateHash()).isNotEqualTo(a.finalStateHash());
  }

  @Test
  void aRunSavedMidWayResumesWithTheDisputersMemoryAndEndsAsTheWholeRun() throws Exception {
    Map<String, Object> p = Map.of("miss-probability", 0.5, "delay", 3);
    SimulationResult whole = network(5, p).run();
    for (long at : new long[] {150, 277}) {
      AgentNetwork first = network(5, p);
      Simulation.Run run = first.builder.build().start();
      while (run.blocksRun() < at) run.step();
      Path file = dir.resolve("run-" + at + ".psnap");
      run.save(file);
      AgentNetwork second = network(5, p);
      Simulation.Run resumed = second.builder.build().resume(Snapshot.read(file));
      assertThat(second.instances.get("watcher").memory())
          .isEqualTo(first.instances.get("watcher").memory());
      while (!resumed.done()) resumed.step();
      SimulationResult r = resumed.finish();
      assertThat(r.finalStateHash()).isEqualTo(whole.finalStateHash());
      assertThat(r.agents()).isEqualTo(whole.agents());
      assertThat(r.metrics().counters()).isEqualTo(whole.metrics().counters());
    }
  }
}
