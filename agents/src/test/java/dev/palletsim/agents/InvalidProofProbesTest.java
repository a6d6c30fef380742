package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.runtime.StorageProbes;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.storageprovider.PenaltyKind;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderError;
import dev.palletsim.storageprovider.StorageProviderEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chain's answer to providers making invalid proofs, as the {@code proofs} and {@code
 * penalties} probes record it, checked against the blocks themselves: every rejected Window PoSt
 * and PoRep of each provider, block by block, and the fees and penalties of its PenaltyCharged
 * events; and the agents' own counts of what they submitted agree.
 */
class InvalidProofProbesTest {
  @Test
  void theProbesCountEveryRejectedProofAndEveryPenaltyOfEachProvider() {
    AgentNetwork n =
        new AgentNetwork(9, 300, java.util.List.of("client-1", "sp-honest", "sp-post", "sp-porep"))
            .agent(
                "client-1",
                "client",
                Map.of(
                    "post-every",
                    5,
                    "pieces",
                    2,
                    "duration",
                    Map.of("uniform", java.util.List.of(200, 260))))
            .agent("sp-honest", "storage-provider", Map.of("capacity", "4 KIB"))
            .agent(
                "sp-post", "storage-provider", Map.of("capacity", "4 KIB", "invalid-post-every", 2))
            .agent(
                "sp-porep",
                "storage-provider",
                Map.of("capacity", "4 KIB", "invalid-porep-probability", 0.5));
    n.builder.probe("proofs", StorageProbes.proofs());
    n.builder.probe("penalties", StorageProbes.penalties());
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    var m = result.metrics();

    long allPosts = 0;
    long allPoreps = 0;
    for (String sp : java.util.List.of("sp-honest", "sp-post", "sp-porep")) {
      var posts = m.series("proofs." + sp + ".post_rejected");
      var poreps = m.series("proofs." + sp + ".porep_rejected");
      long postTotal = 0;
      long porepTotal = 0;
      for (int i = 0; i < posts.size(); i++) {
        BlockRecord b = n.blocks().get((int) posts.block(i) - 1);
        assertThat(b.number()).isEqualTo(posts.block(i));
        long expectedPosts = rejected(b, sp, StorageProviderCall.SubmitWindowedPost.class);
        long expectedPoreps = rejected(b, sp, StorageProviderCall.ProveCommitSectors.class);
        assertThat(posts.value(i)).as(sp + " block " + b.number()).isEqualTo(expectedPosts);
        assertThat(poreps.value(i)).as(sp + " block " + b.number()).isEqualTo(expectedPoreps);
        postTotal += expectedPosts;
        porepTotal += expectedPoreps;
      }
      allPosts += postTotal;
      allPoreps += porepTotal;
      long charged =
          n.events(StorageProviderEvent.PenaltyCharged.class)
              .filter(e -> e.owner().equals(id(sp)) && e.kind() != PenaltyKind.DailyFee)
              .map(StorageProviderEvent.PenaltyCharged::amount)
              .sum()
              .longValue();
      var penalties = m.series("penalties." + sp + "_planck");
      assertThat(penalties.value(penalties.size() - 1)).as(sp).isEqualTo(charged);
      switch (sp) {
        case "sp-honest" -> {
          assertThat(postTotal + porepTotal).isZero();
          assertThat(charged).isZero();
        }
        case "sp-post" -> {
          assertThat(postTotal).isPositive();
          assertThat(porepTotal).isZero();
          assertThat(charged).isPositive();
        }
        default -> {
          assertThat(porepTotal).isPositive();
          assertThat(postTotal).isZero();
        }
      }
    }
    // the agents counted every invalid proof they submitted, and the chain rejected each
    assertThat(m.counter("post.invalid")).isEqualTo(allPosts);
    assertThat(m.counter("porep.invalid")).isEqualTo(allPoreps);
    var totals = m.series("proofs.post_rejected");
    double sum = 0;
    for (int i = 0; i < totals.size(); i++) sum += totals.value(i);
    assertThat((long) sum).isEqualTo(allPosts);
  }

  private static long rejected(BlockRecord b, String signer, Class<?> call) {
    Origin who = Origin.signed(id(signer));
    return b.extrinsics()
        .count(
            (DispatchOutcome x) ->
                x.origin().equals(who)
                    && call.isInstance(x.call())
                    && x.failedWith(StorageProviderError.InvalidProof));
  }
}
