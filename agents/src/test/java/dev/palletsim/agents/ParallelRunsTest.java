package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.sim.SimulationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many chains in parallel threads give the same results as in one thread: the storage runtime with
 * every agent type (clients signing deals, providers sealing and proving, collators, restarts) is
 * run for several seeds one after another, then all at once on a pool sharing one {@link Runtime}
 * (its pallets, signature cache and couplings), in reverse order so that the threads interleave
 * differently. Every run's final state hash, counters, series and agent statuses match.
 */
class ParallelRunsTest {
  private static final List<Long> SEEDS = List.of(3L, 5L, 8L, 13L, 21L, 34L);

  @Test
  void runsOnAPoolSharingOneRuntimeMatchTheSameRunsOnOneThread() throws Exception {
    List<SimulationResult> alone = new ArrayList<>();
    for (long seed : SEEDS) alone.add(DeterminismTest.run(StorageRuntime.testnet(), seed));

    Runtime shared = StorageRuntime.testnet();
    List<Long> reversed = new ArrayList<>(SEEDS);
    Collections.reverse(reversed);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<Future<SimulationResult>> futures = new ArrayList<>();
    try {
      for (long seed : reversed) futures.add(pool.submit(() -> DeterminismTest.run(shared, seed)));
      for (int i = 0; i < SEEDS.size(); i++) {
        SimulationResult one = alone.get(i);
        SimulationResult parallel = futures.get(SEEDS.size() - 1 - i).get(5, TimeUnit.MINUTES);
        assertThat(one.failure()).isEmpty();
        assertThat(parallel.seed()).isEqualTo(one.seed());
        assertThat(parallel.finalStateHash())
            .as("seed " + one.seed())
            .isEqualTo(one.finalStateHash());
        assertThat(parallel.agents()).isEqualTo(one.agents());
        DeterminismTest.assertSameMetrics(parallel.metrics(), one.metrics());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(alone.stream().map(SimulationResult::finalStateHash).distinct())
        .hasSize(SEEDS.size());
  }
}
