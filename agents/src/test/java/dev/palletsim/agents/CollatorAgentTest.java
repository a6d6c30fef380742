package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.collatorselection.CollatorSelectionEvent;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The collator agent on the testnet runtime (20-block sessions, kick threshold 40 blocks): it
 * registers keys and a candidacy, authors when seated, is kicked when its node stops, and rejoins
 * when configured to.
 */
class CollatorAgentTest {
  private static AgentNetwork network(boolean rejoin) {
    AgentNetwork n =
        new AgentNetwork(21, 240, List.of("collator-1", "collator-2"))
            .agent("collator-1", "collator", Map.of("rejoin", rejoin))
            .agent("collator-2", "collator", Map.of("bond", "2 TOKEN"));
    n.builder.step(
        new Step(
            new Step.AtBlock(45),
            "stop",
            new Step.Command("collator-1", "go-offline", Map.of("blocks", 100))));
    return n;
  }

  private static long lastAuthored(AgentNetwork n, AccountId who, long from, long to) {
    return n.blocks()
        .filter(b -> b.number() >= from && b.number() < to && b.author().contains(who))
        .size();
  }

  @Test
  void aCollatorWhoseNodeStopsIsKickedAndRejoinsOnceBack() {
    AgentNetwork n = network(true);
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();
    AccountId c1 = id("collator-1");
    var removed =
        n.blocks()
            .filter(
                b ->
                    b.eventsOf(CollatorSelectionEvent.CandidateRemoved.class)
                        .exists(e -> e.accountId().equals(c1)));
    assertThat(removed).hasSize(1);
    BlockRecord kick = removed.head();
    assertThat(kick.eventsOf(CollatorSelectionEvent.CandidateRemoved.class).head().reason())
        .isEqualTo(CollatorRemoval.Kicked);
    assertThat(kick.number()).isBetween(80L, 140L);
    // authored while seated and online, nothing while its node was stopped
    assertThat(lastAuthored(n, c1, 1, 45)).isPositive();
    assertThat(lastAuthored(n, c1, 45, 145)).isZero();
    // back at block 145: registered again, seated again, authoring again
    var added =
        n.events(CollatorSelectionEvent.CandidateAdded.class).filter(e -> e.accountId().equals(c1));
    assertThat(added).hasSize(2);
    assertThat(lastAuthored(n, c1, 145, 241)).isPositive();
    assertThat(result.metrics().counter("collator.rejoined")).isEqualTo(1);
    assertThat(result.metrics().counter("collator.collator-1.kicked")).isEqualTo(1);
    assertThat(n.collator("collator-1").kicked()).isEqualTo(1);
    // the other collator stayed, with the bond it asked for
    AccountId c2 = id("collator-2");
    assertThat(
            n.events(CollatorSelectionEvent.CandidateRemoved.class)
                .filter(e -> e.accountId().equals(c2)))
        .isEmpty();
    assertThat(
            n.events(CollatorSelectionEvent.CandidateBondUpdated.class)
                .filter(e -> e.accountId().equals(c2))
                .map(CollatorSelectionEvent.CandidateBondUpdated::deposit))
        .containsExactly(2 * Units.TOKEN);
    assertThat(n.collator("collator-2").authored()).isPositive();
  }

  @Test
  void withoutRejoinAKickedCollatorStaysOut() {
    AgentNetwork n = network(false);
    assertThat(n.run().failure()).isEmpty();
    AccountId c1 = id("collator-1");
    assertThat(
            n.events(CollatorSelectionEvent.CandidateAdded.class)
                .filter(e -> e.accountId().equals(c1)))
        .hasSize(1);
    assertThat(CollatorSelectionStorage.CANDIDATES.contains(n.recorder.world, c1)).isFalse();
    assertThat(lastAuthored(n, c1, 185, 241)).isZero();
  }

  @Test
  void aCollatorThatLeavesIsRemovedAndDoesNotComeBack() {
    AgentNetwork n =
        new AgentNetwork(22, 100, List.of("collator-1", "collator-2"))
            .agent("collator-1", "collator", Map.of())
            .agent("collator-2", "collator", Map.of());
    n.builder.step(
        new Step(new Step.AtBlock(30), "leave", new Step.Command("collator-1", "leave", Map.of())));
    assertThat(n.run().failure()).isEmpty();
    var removed =
        n.events(CollatorSelectionEvent.CandidateRemoved.class)
            .filter(e -> e.accountId().equals(id("collator-1")));
    assertThat(removed)
        .extracting(CollatorSelectionEvent.CandidateRemoved::reason)
        .containsExactly(CollatorRemoval.Left);
    assertThat(CollatorSelectionStorage.CANDIDATES.contains(n.recorder.world, id("collator-1")))
        .isFalse();
    assertThat(n.collator("collator-1").status()).contains("left");
  }
}
