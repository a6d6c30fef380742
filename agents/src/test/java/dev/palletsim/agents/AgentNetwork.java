package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.sales.Sale;
import dev.palletsim.agents.sales.SaleState;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.Agents;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.Simulation;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Step;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A storage network for agent tests: the testnet runtime, one invulnerable collator, accounts
 * endowed with 1,000 tokens, agents declared by type and parameters as a scenario file would, a
 * recorder of every block's events, and every instance of every agent (the latest is the live one
 * after a restart).
 */
final class AgentNetwork {
  static final String INVULNERABLE = "collator-0";

  final Runtime runtime;
  final Simulation.Builder builder;
  final Map<String, Agent> instances = new LinkedHashMap<>();
  final Map<String, java.util.List<Agent>> history = new LinkedHashMap<>();
  final Recorder recorder = new Recorder();

  AgentNetwork(long seed, long blocks, java.util.List<String> accounts) {
    this(StorageRuntime.testnet(), seed, blocks, accounts, 2);
  }

  AgentNetwork(
      Runtime runtime, long seed, long blocks, java.util.List<String> accounts, int seats) {
    this.runtime = runtime;
    Genesis.Builder g =
        StorageRuntime.genesis(seed, List.of(Keyring.account(INVULNERABLE)), Units.TOKEN, seats)
            .balance(Keyring.account(INVULNERABLE), 10 * Units.TOKEN);
    for (String a : accounts) g.balance(Keyring.account(a), 1_000 * Units.TOKEN);
    builder = Simulation.builder(runtime, g.build()).seed(seed).blocks(blocks);
    builder.agent("recorder", () -> recorder);
  }

  /**
   * A network with every agent type at work for {@code blocks} blocks: two clients with drawn
   * terms, two providers (packing sectors, delegating at random or to everyone, missing every third
   * PoSt and making PoSts invalid by chance and every third PoRep), two collators, an account
   * sending transfers, a provider restart at block 90, a collator offline from block 100 for 60
   * blocks, and a declared fault at block 120.
   */
  static AgentNetwork everyAgentType(long seed, long blocks) {
    return everyAgentType(StorageRuntime.testnet(), seed, blocks);
  }

  /** {@link #everyAgentType(long, long)} on {@code runtime} (shared by parallel runs). */
  static AgentNetwork everyAgentType(Runtime runtime, long seed, long blocks) {
    AgentNetwork n =
        new AgentNetwork(
            runtime,
            seed,
            blocks,
            java.util.List.of(
                "client-1", "client-2", "sp-1", "sp-2", "collator-1", "collator-2", "payer", "bob"),
            2);
    n.agent("collator-1", "collator", Map.of());
    n.agent("collator-2", "collator", Map.of("rejoin", true));
    n.agent(
        "client-1",
        "client",
        Map.of(
            "post-every", 7,
            "pieces", Map.of("choice", java.util.List.of(1, 2, 3)),
            "piece-size", Map.of("uniform", java.util.List.of(128, 2048)),
            "duration", Map.of("uniform", java.util.List.of(40, 150)),
            "price-per-block", Map.of("uniform", java.util.List.of(1_000, 5_000_000)),
            "client-collateral", Map.of("choice", java.util.List.of(0, "1 MILLI_TOKEN")),
            "withdraw-unused", true));
    n.agent("client-2", "client", Map.of("post-every", 11, "pieces", 2, "expiry", 8));
    n.agent(
        "sp-1",
        "storage-provider",
        Map.of(
            "capacity", "8 KIB", "delegation", "random-k", "delegate-k", 1, "deals-per-sector", 4));
    n.agent(
        "sp-2",
        "storage-provider",
        Map.of(
            "capacity",
            "6 KIB",
            "delegation",
            "everyone",
            "miss-post-every",
            3,
            "invalid-post-probability",
            0.2,
            "invalid-porep-every",
            3));
    n.agent("payer", "transfers", Map.of("peers", java.util.List.of("bob"), "probability", 0.3));
    n.builder.step(new Step(new Step.AtBlock(90), "restart", new Step.RestartAgent("sp-1")));
    n.builder.step(
        new Step(
            new Step.AtBlock(100),
            "offline",
            new Step.Command("collator-2", "go-offline", Map.of("blocks", 60))));
    n.builder.step(
        new Step(
            new Step.AtBlock(120),
            "faults",
            new Step.Command("sp-2", "declare-faults", Map.of("count", 1))));
    return n;
  }

  /** Declares agent {@code name} of {@code type} with {@code params}, as a scenario does. */
  AgentNetwork agent(String name, String type, Map<String, Object> params) {
    Supplier<Agent> factory =
        () -> {
          Agent a = Agents.type(type).create(name, params);
          instances.put(name, a);
          history.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(a);
          return a;
        };
    builder.agent(name, factory);
    return this;
  }

  /**
   * Records, after every block, the state of each sale of provider {@code name} (the states it is
   * left in between blocks): block → sale number → state.
   */
  java.util.TreeMap<Long, java.util.TreeMap<Long, SaleState>> watch(String name) {
    java.util.TreeMap<Long, java.util.TreeMap<Long, SaleState>> timeline =
        new java.util.TreeMap<>();
    builder.agent(
        "watcher-" + name,
        () ->
            new Agent() {
              @Override
              public String name() {
                return "watcher-" + name;
              }

              @Override
              public void act(AgentContext ctx) {}

              @Override
              public void observe(BlockRecord block, AgentContext ctx) {
                java.util.TreeMap<Long, SaleState> states = new java.util.TreeMap<>();
                for (Sale s : provider(name).sales()) states.put(s.id(), s.state());
                timeline.put(block.number(), states);
              }
            });
    return timeline;
  }

  /**
   * Adds agent {@code name} that does {@code act} in every block, in declaration order: a test's
   * own hand on the chain (an operator, a probe of an agent's state).
   */
  AgentNetwork actor(String name, java.util.function.Consumer<AgentContext> act) {
    builder.agent(
        name,
        () ->
            new Agent() {
              @Override
              public String name() {
                return name;
              }

              @Override
              public void act(AgentContext ctx) {
                act.accept(ctx);
              }
            });
    return this;
  }

  SimulationResult run() {
    return builder.build().run();
  }

  StorageProviderAgent provider(String name) {
    return (StorageProviderAgent) instances.get(name);
  }

  /** Every instance of provider {@code name}, the first and each restarted one. */
  java.util.List<StorageProviderAgent> providerInstances(String name) {
    return history.get(name).stream().map(a -> (StorageProviderAgent) a).toList();
  }

  ClientAgent client(String name) {
    return (ClientAgent) instances.get(name);
  }

  CollatorAgent collator(String name) {
    return (CollatorAgent) instances.get(name);
  }

  /** Every event of type {@code type}, in order. */
  <E extends Event> Vector<E> events(Class<E> type) {
    return recorder.events.filter(type::isInstance).map(type::cast);
  }

  /** The block records of the run. */
  Vector<BlockRecord> blocks() {
    return recorder.blocks;
  }

  /** The shared deal board of the run (through the recorder's context). */
  DealBoard board() {
    return recorder.board;
  }

  /** Asserts that two runs recorded the same counters, series (every sample) and sources. */
  static void assertSameMetrics(Metrics a, Metrics b) {
    assertThat(a.counters()).isEqualTo(b.counters());
    assertThat(a.seriesNames()).isEqualTo(b.seriesNames());
    assertThat(a.sources()).isEqualTo(b.sources());
    for (String name : b.seriesNames()) {
      var x = a.series(name);
      var y = b.series(name);
      assertThat(x.size()).as(name).isEqualTo(y.size());
      for (int i = 0; i < y.size(); i++) {
        assertThat(x.block(i)).as(name).isEqualTo(y.block(i));
        assertThat(x.value(i)).as(name).isEqualTo(y.value(i));
      }
    }
  }

  static AccountId id(String name) {
    return Keyring.account(name);
  }

  /** An agent that keeps every block and the run's deal board; it submits nothing. */
  static final class Recorder implements Agent {
    Vector<Event> events = Vector.empty();
    Vector<BlockRecord> blocks = Vector.empty();
    DealBoard board;
    dev.palletsim.frame.World world;

    @Override
    public String name() {
      return "recorder";
    }

    @Override
    public void act(AgentContext ctx) {
      if (board == null) board = ctx.shared(DealBoard.class, DealBoard::new);
    }

    @Override
    public void observe(BlockRecord block, AgentContext ctx) {
      blocks = blocks.append(block);
      events = events.appendAll(block.events().map(e -> e.event()));
      world = ctx.view();
    }
  }
}
