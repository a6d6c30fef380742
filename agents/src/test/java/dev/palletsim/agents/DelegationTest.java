package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerConfig;
import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Step;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Storage providers delegate their growing power to collator candidates by their policies,
 * re-evaluated at the first block of every session.
 */
class DelegationTest {
  record Sample(
      long block,
      long session,
      long delegable,
      Vector<AccountId> candidates,
      TreeMap<AccountId, Long> stakes) {}

  @Test
  void eachProviderFollowsItsPolicyAsItsPowerGrows() {
    List<String> accounts =
        List.of("client-1", "sp-1", "sp-2", "sp-3", "collator-1", "collator-2", "collator-3");
    AgentNetwork n = new AgentNetwork(31, 300, accounts);
    for (String c : List.of("collator-1", "collator-2", "collator-3"))
      n.agent(c, "collator", Map.of());
    n.agent(
        "client-1",
        "client",
        Map.of("post-every", 10, "max-requests", 9, "duration", 300, "expiry", 20));
    n.agent(
        "sp-1",
        "storage-provider",
        Map.of(
            "capacity", "6 KIB",
            "delegation", "split",
            "delegate-to", List.of("collator-2", "collator-1")));
    n.agent(
        "sp-2",
        "storage-provider",
        Map.of("capacity", "6 KIB", "delegation", "random-k", "delegate-k", 1));
    n.agent("sp-3", "storage-provider", Map.of("capacity", "6 KIB", "delegation", "everyone"));
    n.builder.step(
        new Step(
            new Step.AtBlock(190), "leave", new Step.Command("collator-3", "leave", Map.of())));
    Map<String, List<Sample>> samples = new java.util.LinkedHashMap<>();
    n.builder.agent(
        "probe",
        () ->
            new Agent() {
              @Override
              public String name() {
                return "probe";
              }

              @Override
              public void act(AgentContext ctx) {
                var power = ctx.chain().runtime().pallet(CollatorPowerPallet.class);
                var view = ctx.view();
                var candidates = Vector.ofAll(CollatorSelectionStorage.CANDIDATES.keys(view));
                for (String sp : List.of("sp-1", "sp-2", "sp-3")) {
                  var claim = power.claim(view, id(sp));
                  if (claim.isEmpty()) continue;
                  samples
                      .computeIfAbsent(sp, k -> new ArrayList<>())
                      .add(
                          new Sample(
                              ctx.blockNumber(),
                              ctx.sessionIndex(),
                              claim.get().rawBytePower() - power.lockedPower(view, id(sp)),
                              candidates,
                              claim.get().stakedPower()));
                }
              }
            });
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();

    CollatorPowerConfig cfg = CollatorPowerConfig.testnet();
    var limits = new DelegationPolicy.Limits(cfg.minDelegation(), cfg.maxDelegationsPerMiner());
    AccountId c1 = id("collator-1");
    AccountId c2 = id("collator-2");
    AccountId c3 = id("collator-3");

    // at the first block of every session, each provider's delegations are its policy's target
    for (String sp : List.of("sp-1", "sp-2", "sp-3")) {
      List<Sample> starts = sessionStarts(samples.get(sp));
      assertThat(starts).hasSizeGreaterThan(10);
      for (Sample s : starts) {
        long total = s.stakes().values().sum().longValue();
        assertThat(total).as(sp + " at " + s.block()).isEqualTo(s.delegable());
        if (sp.equals("sp-1")) {
          var chosen = io.vavr.collection.List.of(c2, c1).filter(s.candidates()::contains);
          assertThat(s.stakes())
              .as("sp-1 at " + s.block())
              .isEqualTo(DelegationPolicy.split(s.delegable(), chosen, limits));
        } else if (sp.equals("sp-3")) {
          assertThat(s.stakes())
              .as("sp-3 at " + s.block())
              .isEqualTo(DelegationPolicy.split(s.delegable(), s.candidates(), limits));
        } else {
          assertThat(s.stakes().size()).isLessThanOrEqualTo(1);
        }
      }
      // the power grew: from one sector's worth to all three, and the delegations followed
      assertThat(Vector.ofAll(starts).map(Sample::delegable).distinct().filter(d -> d > 0))
          .hasSizeGreaterThan(1);
    }
    // sp-1 backs collator-2 first (its first named): alone with one sector, both with more
    var sp1 = sessionStarts(samples.get("sp-1"));
    assertThat(sp1).anySatisfy(s -> assertThat(s.stakes().keySet()).containsExactly(c2));
    assertThat(sp1)
        .anySatisfy(s -> assertThat(s.stakes().keySet()).containsExactlyInAnyOrder(c1, c2));
    // sp-2 keeps the one collator it drew while that collator stays a candidate
    var sp2Backed =
        Vector.ofAll(sessionStarts(samples.get("sp-2")))
            .filter(s -> s.block() < 190 && !s.stakes().isEmpty())
            .map(s -> s.stakes().keySet().head())
            .distinct();
    assertThat(sp2Backed).hasSize(1);
    // after collator-3 left, nobody backs it and everyone's split covers the two left
    var sp3 = sessionStarts(samples.get("sp-3"));
    assertThat(sp3).anySatisfy(s -> assertThat(s.stakes().keySet()).contains(c3));
    for (Sample s : sp3) {
      if (s.block() > 200) assertThat(s.stakes().keySet()).containsExactlyInAnyOrder(c1, c2);
    }
    assertThat(result.metrics().counter("delegation.failed")).isZero();
    assertThat(result.metrics().counter("delegation.changes")).isPositive();
  }

  private static List<Sample> sessionStarts(List<Sample> all) {
    List<Sample> out = new ArrayList<>();
    long session = -1;
    for (Sample s : all) {
      if (s.session() != session) {
        session = s.session();
        if (s.block() > 1) out.add(s);
      }
    }
    return out;
  }
}
