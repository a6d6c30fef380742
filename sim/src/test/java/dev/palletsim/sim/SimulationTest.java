package dev.palletsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.session.SessionGenesis;
import io.vavr.collection.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {
  static final List<String> NAMES = List.of("alice", "bob", "charlie");

  private static Simulation.Builder builder(long seed) {
    // System, Balances, Session and Aura only, as the "frame" preset builds it
    Runtime runtime =
        Runtime.builder().config(RuntimeConfig.builder().sessionPeriod(10).build()).build();
    Genesis genesis =
        Genesis.builder()
            .seed(seed)
            .balances(NAMES.map(Keyring::account), 1_000 * Units.TOKEN)
            .config(new SessionGenesis(NAMES.map(Keyring::account)))
            .build();
    var b = Simulation.builder(runtime, genesis).blocks(40);
    for (String n : NAMES) {
      b.agent(
          n,
          () -> Agents.type("transfers").create(n, Map.of("peers", NAMES.remove(n).toJavaList())));
    }
    return b.probe(Probes.blockWeight()).probe(Probes.totalIssuance()).probe(Probes.authorship());
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnotherRun() {
    var a = builder(5).build().run();
    var b = builder(5).build().run();
    var c = builder(6).build().run();
    assertThat(a.passed()).isTrue();
    assertThat(a.blocksRun()).isEqualTo(40);
    assertThat(a.finalStateHash()).isEqualTo(b.finalStateHash());
    assertThat(a.metrics().counters()).isEqualTo(b.metrics().counters());
    assertThat(c.finalStateHash()).isNotEqualTo(a.finalStateHash());
    assertThat(a.metrics().counter("calls.ok")).isPositive();
    assertThat(a.metrics().series("block.weight_us").size()).isEqualTo(40);
  }

  @Test
  void aFailedExpectationStopsTheRunWithItsMessage() {
    var result =
        builder(1)
            .blocks(100)
            .expect(Expectations.balanceEquals(Keyring.account("alice"), false, 1, 10))
            .build()
            .run();
    assertThat(result.passed()).isFalse();
    assertThat(result.blocksRun()).isEqualTo(10);
    assertThat(result.failure().get()).contains("free balance of alice = 1 after block 10");
  }

  @Test
  void scriptedCallsAreCheckedAgainstTheirExpectedErrors() {
    var ok =
        builder(2)
            .step(
                new Step(
                    new Step.AtBlock(3),
                    "too-much",
                    new Step.Dispatch(
                        Origin.signed(Keyring.account("alice")),
                        new BalancesCall.TransferKeepAlive(
                            Keyring.account("bob"), 10_000 * Units.TOKEN))))
            .expect(Expectations.scriptedCall("too-much", "InsufficientBalance"))
            .expect(Expectations.eventEmitted("Balances", "Transfer", Map.of(), 1, Long.MAX_VALUE))
            .build()
            .run();
    assertThat(ok.passed()).isTrue();
    var wrong =
        builder(2)
            .step(
                new Step(
                    new Step.AtBlock(3),
                    "too-much",
                    new Step.Dispatch(
                        Origin.signed(Keyring.account("alice")),
                        new BalancesCall.TransferKeepAlive(
                            Keyring.account("bob"), 10_000 * Units.TOKEN))))
            .expect(Expectations.scriptedCall("too-much", null))
            .build()
            .run();
    assertThat(wrong.failure().get())
        .contains("step 'too-much' succeeds, but it failed with Balances::InsufficientBalance");
  }

  @Test
  void stepsRunAtTheFirstBlockOfASessionAndAgentsCanBeRestarted() {
    int[] created = new int[1];
    var result =
        builder(3)
            .agent(
                "restartable",
                () -> {
                  created[0]++;
                  return Agents.type("transfers")
                      .create(
                          "restartable",
                          Map.of("account", "alice", "peers", java.util.List.of("bob")));
                })
            .step(
                new Step(
                    new Step.AtSession(2),
                    "offline",
                    new Step.SetOnline(Keyring.account("bob"), false)))
            .step(new Step(new Step.AtBlock(15), "restart", new Step.RestartAgent("restartable")))
            .expect(
                Expectations.noEventEmitted(
                    "System", "ExtrinsicFailed", Map.of(), 1, Long.MAX_VALUE))
            .build()
            .run();
    assertThat(result.failure()).isEmpty();
    assertThat(created[0]).isEqualTo(2);
    long bobAfterSession2 = result.metrics().counter("authored.bob");
    assertThat(bobAfterSession2).isBetween(1L, 7L);
  }

  @Test
  void unknownParametersAndAgentTypesAreErrorsNamingThem() {
    assertThatThrownBy(
            () ->
                Agents.type("transfers")
                    .create("x", Map.of("peers", java.util.List.of("bob"), "speed", 3)))
        .hasMessageContaining("unknown parameter 'speed'");
    assertThatThrownBy(() -> Agents.type("nope")).hasMessageContaining("unknown agent type 'nope'");
  }
}
