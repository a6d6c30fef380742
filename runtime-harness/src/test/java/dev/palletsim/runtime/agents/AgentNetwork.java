package dev.palletsim.runtime.agents;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.runtime.sim.Agent;
import dev.palletsim.runtime.sim.AgentContext;
import dev.palletsim.runtime.sim.Agents;
import dev.palletsim.runtime.sim.Simulation;
import dev.palletsim.runtime.sim.SimulationResult;
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
