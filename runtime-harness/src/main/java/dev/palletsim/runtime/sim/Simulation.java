package dev.palletsim.runtime.sim;

import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainStalled;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.InvariantViolation;
import dev.palletsim.frame.executive.PalletBug;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.Bytes;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * A seeded, scripted run of a runtime (Hiero Turtle's shape: simulated time in blocks, one seed,
 * continuous assertions). Per block: the steps due run first, then every agent acts in declaration
 * order, then the block is produced (invariants checked), agents observe it, probes sample it and
 * expectations are consulted; the first failed expectation, violated invariant or pallet bug stops
 * the run. The same runtime, genesis, seed, agents and steps give the same result, to the byte.
 */
public final class Simulation {
  private final Runtime runtime;
  private final Genesis genesis;
  private final long seed;
  private final long blocks;
  private final Map<String, Supplier<Agent>> agentFactories;
  private final List<Step> steps;
  private final List<Expectation> expectations;
  private final List<MetricProbe> probes;

  private Simulation(Builder b) {
    this.runtime = b.runtime;
    this.genesis = b.genesis;
    this.seed = b.seed;
    this.blocks = b.blocks;
    this.agentFactories = new LinkedHashMap<>(b.agents);
    this.steps = List.copyOf(b.steps);
    this.expectations = List.copyOf(b.expectations);
    this.probes = List.copyOf(b.probes);
  }

  /** A builder for a run of {@code runtime} from {@code genesis}. */
  public static Builder builder(Runtime runtime, Genesis genesis) {
    return new Builder(runtime, genesis);
  }

  /** Runs the simulation. */
  public SimulationResult run() {
    return run(ProgressListener.NONE);
  }

  /** Runs the simulation, reporting progress. */
  public SimulationResult run(ProgressListener progress) {
    long started = System.nanoTime();
    Metrics metrics = new Metrics();
    Chain chain = runtime.start(genesis.withSeed(seed));
    Map<String, Agent> agents = new LinkedHashMap<>();
    Map<String, AgentContext> contexts = new LinkedHashMap<>();
    Map<Class<?>, Object> shared = new java.util.HashMap<>();
    for (var e : agentFactories.entrySet()) {
      agents.put(e.getKey(), e.getValue().get());
      contexts.put(
          e.getKey(), new AgentContext(chain, streamFor(e.getKey()), metrics, e.getKey(), shared));
    }
    Verdict[] verdicts = new Verdict[expectations.size()];
    java.util.Arrays.fill(verdicts, Verdict.PENDING);
    Option<String> failure = Option.none();
    long run = 0;
    long sessionStart = 1;
    long lastSession = chain.sessionIndex();
    try {
      while (run < blocks && failure.isEmpty()) {
        long n = chain.blockNumber();
        if (chain.sessionIndex() != lastSession) {
          lastSession = chain.sessionIndex();
          sessionStart = n;
        }
        for (Step step : steps) {
          if (!step.trigger().due(n, chain.sessionIndex(), sessionStart)) continue;
          failure = runStep(step, chain, agents, contexts, verdicts).orElse(failure);
        }
        for (var e : agents.entrySet()) e.getValue().act(contexts.get(e.getKey()));
        BlockRecord record = chain.nextBlock();
        run++;
        for (var e : agents.entrySet()) e.getValue().observe(record, contexts.get(e.getKey()));
        for (MetricProbe p : probes) p.sample(runtime, record, chain.world(), metrics);
        for (int i = 0; i < verdicts.length; i++) {
          if (verdicts[i] instanceof Verdict.Pending) {
            verdicts[i] = expectations.get(i).afterBlock(runtime, record, chain.world(), metrics);
          }
          if (verdicts[i] instanceof Verdict.Failed f && failure.isEmpty()) {
            failure = Option.some("expectation failed at block " + f.block() + ": " + f.message());
          }
        }
        progress.progress(run, blocks);
      }
    } catch (InvariantViolation e) {
      failure = Option.some(e.getMessage());
    } catch (PalletBug | ChainStalled e) {
      failure = Option.some(e.getMessage());
    }
    long lastBlock = chain.lastBlock().number();
    if (failure.isEmpty()) {
      for (int i = 0; i < verdicts.length; i++) {
        if (verdicts[i] instanceof Verdict.Pending) {
          verdicts[i] = expectations.get(i).atEnd(runtime, chain.world(), metrics, lastBlock);
        }
        if (verdicts[i] instanceof Verdict.Failed f && failure.isEmpty()) {
          failure = Option.some("expectation failed: " + f.message());
        }
      }
    }
    Vector<SimulationResult.Outcome> outcomes = Vector.empty();
    for (int i = 0; i < verdicts.length; i++) {
      outcomes =
          outcomes.append(
              new SimulationResult.Outcome(expectations.get(i).describe(), verdicts[i]));
    }
    Map<String, String> status = new LinkedHashMap<>();
    agents.forEach((k, v) -> status.put(k, v.status()));
    return new SimulationResult(
        seed,
        run,
        lastBlock,
        chain.world().stateHashHex(),
        metrics,
        outcomes,
        failure,
        status,
        (System.nanoTime() - started) / 1_000_000);
  }

  private Option<String> runStep(
      Step step,
      Chain chain,
      Map<String, Agent> agents,
      Map<String, AgentContext> contexts,
      Verdict[] verdicts) {
    Step.Action action = step.action();
    if (action instanceof Step.Dispatch d) {
      DispatchOutcome out = chain.dispatch(d.origin(), d.call());
      for (int i = 0; i < verdicts.length; i++) {
        if (expectations.get(i) instanceof Expectations.ScriptedCallExpectation s
            && s.step().equals(step.label())
            && verdicts[i] instanceof Verdict.Pending) {
          verdicts[i] = s.afterScriptedCall(out);
          if (verdicts[i] instanceof Verdict.Failed f) {
            return Option.some("expectation failed at block " + f.block() + ": " + f.message());
          }
        }
      }
    } else if (action instanceof Step.SetOnline s) {
      chain.setOnline(s.authority(), s.online());
    } else if (action instanceof Step.Command c) {
      Agent agent = agents.get(c.agent());
      if (agent == null) return Option.some("step '" + step.label() + "': no agent " + c.agent());
      if (!agent.command(c.command(), c.args(), contexts.get(c.agent()))) {
        return Option.some(
            "step '"
                + step.label()
                + "': agent "
                + c.agent()
                + " does not understand "
                + c.command());
      }
    } else if (action instanceof Step.RestartAgent r) {
      Supplier<Agent> factory = agentFactories.get(r.agent());
      if (factory == null) return Option.some("step '" + step.label() + "': no agent " + r.agent());
      agents.put(r.agent(), factory.get());
    }
    return Option.none();
  }

  private SplittableRandom streamFor(String agent) {
    long h = dev.palletsim.frame.StateHasher.ofString(agent);
    return new SplittableRandom(Bytes.mix(seed, h));
  }

  /** Builds a {@link Simulation}. */
  public static final class Builder {
    private final Runtime runtime;
    private final Genesis genesis;
    private long seed;
    private long blocks = 100;
    private final Map<String, Supplier<Agent>> agents = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Expectation> expectations = new ArrayList<>();
    private final List<MetricProbe> probes = new ArrayList<>();

    private Builder(Runtime runtime, Genesis genesis) {
      this.runtime = runtime;
      this.genesis = genesis;
      this.seed = genesis.seed();
    }

    /** The run's seed (overrides the genesis seed). */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /** How many blocks to produce. */
    public Builder blocks(long value) {
      if (value < 0) throw new IllegalArgumentException("blocks must not be negative");
      blocks = value;
      return this;
    }

    /** Adds an agent built by {@code factory} (called again when the agent is restarted). */
    public Builder agent(String name, Supplier<Agent> factory) {
      if (agents.put(name, factory) != null)
        throw new IllegalArgumentException("two agents named " + name);
      return this;
    }

    /** Adds a scripted step. */
    public Builder step(Step step) {
      steps.add(step);
      return this;
    }

    /** Adds an expectation. */
    public Builder expect(Expectation expectation) {
      expectations.add(expectation);
      return this;
    }

    /** Adds a metric probe. */
    public Builder probe(MetricProbe probe) {
      probes.add(probe);
      return this;
    }

    /** The simulation. */
    public Simulation build() {
      return new Simulation(this);
    }
  }
}
