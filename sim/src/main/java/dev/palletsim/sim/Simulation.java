package dev.palletsim.sim;

import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainStalled;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.InvariantViolation;
import dev.palletsim.frame.executive.PalletBug;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.frame.snapshot.ConfigCheck;
import dev.palletsim.frame.snapshot.Section;
import dev.palletsim.frame.snapshot.Snapshot;
import dev.palletsim.frame.snapshot.SnapshotException;
import dev.palletsim.frame.snapshot.SnapshotHeader;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A seeded, scripted run of a runtime (Hiero Turtle's shape: simulated time in blocks, one seed,
 * continuous assertions). Per block: the steps due run first, then every agent acts in declaration
 * order, then the block is produced (invariants checked), agents observe it, probes sample it and
 * expectations are consulted; the first failed expectation, violated invariant or pallet bug stops
 * the run. The same runtime, genesis, seed, agents and steps give the same result, to the byte.
 *
 * <p>{@link #run} runs to the end; {@link #start} gives a {@link Run} to drive block by block and
 * {@linkplain Run#save save} at any block boundary (a checkpoint), and {@link #resume} continues a
 * saved run from its file exactly as the uninterrupted run would have gone on: the file holds the
 * chain and, in its {@code simulation} section, what the run keeps off-chain (each agent's memory
 * and random stream, the shared objects agents meet on, accumulating probes, metrics and verdicts
 * so far). A file without that section (a chain saved on its own) starts fresh agents on the saved
 * chain, which rebuild their work from chain state as after a restart.
 */
public final class Simulation {
  /** The name of the section a saved run keeps its off-chain state in. */
  public static final String SECTION = "simulation";

  /** The version of that section's content this palletsim writes and reads. */
  public static final int SECTION_VERSION = 1;

  private final Runtime runtime;
  private final Genesis genesis;
  private final long seed;
  private final long blocks;
  private final Map<String, Supplier<Agent>> agentFactories;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Simulation.class);

  private final List<Step> steps;
  private final List<Expectation> expectations;
  private final List<NamedProbe> probes;

  private record NamedProbe(String name, MetricProbe probe) {}

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

  /** The run's seed. */
  public long seed() {
    return seed;
  }

  /** The blocks a run produces in all (a resumed run counts the blocks before its save). */
  public long blocks() {
    return blocks;
  }

  /** Runs the simulation. */
  public SimulationResult run() {
    return run(ProgressListener.NONE);
  }

  /** Runs the simulation, reporting progress. */
  public SimulationResult run(ProgressListener progress) {
    Run r = start();
    while (!r.done()) {
      r.step();
      progress.progress(r.blocksRun(), blocks);
    }
    return r.finish();
  }

  /** A run from genesis, before its first block. */
  public Run start() {
    return new Run(runtime.start(genesis.withSeed(seed)), null);
  }

  /**
   * A run of fresh agents, metrics and verdicts on {@code chain} (a chain loaded from a file, or a
   * fork), producing {@link #blocks()} blocks from its open block: an experiment on a saved
   * network. The agents rebuild their work from chain state, as after a restart; {@code at-session}
   * steps of the session already under way do not run.
   */
  public Run startOn(Chain chain) {
    if (chain.runtime() != runtime) {
      throw new IllegalArgumentException("the chain runs another runtime than this simulation");
    }
    return new Run(chain, null);
  }

  /**
   * The run saved in {@code snapshot}, continued under this simulation's runtime, whose
   * configuration must be the saved one.
   *
   * @throws SnapshotException if the configuration differs
   * @throws IllegalArgumentException if the saved run is not a run of this simulation (another seed
   *     or other agents)
   */
  public Run resume(Snapshot snapshot) throws SnapshotException {
    return resume(snapshot, ConfigCheck.STRICT);
  }

  /**
   * The run saved in {@code snapshot}, continued under this simulation's runtime; with {@link
   * ConfigCheck#OVERRIDE} under a new configuration. Without a {@code simulation} section, fresh
   * agents, metrics and verdicts start on the saved chain and the run produces {@link #blocks()}
   * blocks from there.
   */
  public Run resume(Snapshot snapshot, ConfigCheck check) throws SnapshotException {
    Chain chain = snapshot.chain(runtime, check);
    Option<Section> section = snapshot.section(SECTION);
    if (section.isEmpty() && snapshot.unreadableSections().containsKey(SECTION)) {
      throw new IllegalArgumentException(
          snapshot.file()
              + ": its simulation section cannot be read: "
              + snapshot.unreadableSections().get(SECTION).get());
    }
    if (section.isEmpty()) return startOn(chain);
    Section s = section.get();
    if (s.version() > SECTION_VERSION || !(s.value() instanceof RunMemory memory)) {
      throw new IllegalArgumentException(
          snapshot.file()
              + ": its simulation section is version "
              + s.version()
              + ", this palletsim reads version "
              + SECTION_VERSION);
    }
    Vector<String> names = Vector.ofAll(agentFactories.keySet());
    Vector<String> saved = memory.agents().map(AgentMemory::name);
    if (memory.seed() != seed || !saved.equals(names) || memory.probes().size() != probes.size()) {
      throw new IllegalArgumentException(
          snapshot.file()
              + ": it holds a run with seed "
              + memory.seed()
              + ", agents "
              + saved.mkString("[", ", ", "]")
              + " and "
              + memory.probes().size()
              + " probes, not this simulation's (seed "
              + seed
              + ", agents "
              + names.mkString("[", ", ", "]")
              + ", "
              + probes.size()
              + " probes)");
    }
    return new Run(chain, memory);
  }

  /**
   * What a saved run keeps off the chain (the {@code simulation} section, version 1).
   *
   * @param seed the run's seed
   * @param blocksRun blocks produced so far
   * @param sessionStart the first block of the current session, as steps see it
   * @param lastSession the session index the run last saw
   * @param verdicts each expectation's verdict so far
   * @param failure why the run stopped, if it did
   * @param metrics the metrics so far
   * @param agents each agent's random stream and memory, in declaration order
   * @param shared the shared objects' memories, by class name
   * @param probes each probe's memory (none for a probe without state), in order
   */
  public record RunMemory(
      long seed,
      long blocksRun,
      long sessionStart,
      long lastSession,
      Vector<Verdict> verdicts,
      Option<String> failure,
      Metrics.Memory metrics,
      Vector<AgentMemory> agents,
      TreeMap<String, Object> shared,
      Vector<Option<Object>> probes) {}

  /**
   * One agent of a saved run.
   *
   * @param name its name
   * @param randomSeed its random stream's running seed
   * @param randomGamma its random stream's gamma
   * @param memory its memory (none: it restarts from chain state)
   */
  public record AgentMemory(
      String name, long randomSeed, long randomGamma, Option<Object> memory) {}

  /**
   * One run of the simulation, driven block by block: {@link #step} until {@link #done}, then
   * {@link #finish}; {@link #save} between steps writes a file {@link Simulation#resume} continues
   * from.
   */
  public final class Run {
    private final long started = System.nanoTime();
    private final Chain chain;
    private final Metrics metrics;
    private final Map<String, Agent> agents = new LinkedHashMap<>();
    private final Map<String, AgentContext> contexts = new LinkedHashMap<>();
    private final AgentContext.Shared shared = new AgentContext.Shared();
    private final Verdict[] verdicts = new Verdict[expectations.size()];
    private final Vector<String> restarted;
    private Option<String> failure = Option.none();
    private long run;
    private long sessionStart;
    private long lastSession;
    private boolean finished;

    private Run(Chain chain, RunMemory memory) {
      this.chain = chain;
      if (memory == null) {
        metrics = new Metrics();
        java.util.Arrays.fill(verdicts, Verdict.PENDING);
        // a run started on a saved chain joins its session midway: that session has begun
        sessionStart = chain.blockNumber() == 1 ? 1 : -1;
        lastSession = chain.sessionIndex();
        for (var e : agentFactories.entrySet()) {
          agents.put(e.getKey(), e.getValue().get());
          contexts.put(e.getKey(), context(e.getKey(), streamFor(e.getKey())));
        }
        restarted = Vector.empty();
        warnOfStepsOutside(chain.blockNumber(), chain.blockNumber() + blocks - 1);
        return;
      }
      metrics = Metrics.restore(memory.metrics());
      if (memory.verdicts().size() != verdicts.length) {
        throw new IllegalArgumentException(
            "the saved run has "
                + memory.verdicts().size()
                + " expectations, this simulation "
                + verdicts.length);
      }
      for (int i = 0; i < verdicts.length; i++) verdicts[i] = memory.verdicts().get(i);
      failure = memory.failure();
      run = memory.blocksRun();
      sessionStart = memory.sessionStart();
      lastSession = memory.lastSession();
      memory.shared().forEach(shared::restoreLater);
      for (int i = 0; i < probes.size(); i++) {
        Option<Object> saved = memory.probes().get(i);
        if (saved.isDefined()) {
          if (!(probes.get(i).probe() instanceof Stateful s)) {
            throw new IllegalArgumentException(
                "probe " + probeName(i) + " kept state in the saved run but keeps none here");
          }
          s.restore(saved.get());
        }
      }
      Vector<String> fresh = Vector.empty();
      for (AgentMemory a : memory.agents()) {
        Agent agent = agentFactories.get(a.name()).get();
        AgentContext ctx = context(a.name(), new SimRandom(a.randomSeed(), a.randomGamma()));
        agents.put(a.name(), agent);
        contexts.put(a.name(), ctx);
        if (a.memory().isDefined()) agent.restore(a.memory().get(), ctx);
        else fresh = fresh.append(a.name());
      }
      restarted = fresh;
    }

    private AgentContext context(String name, SimRandom random) {
      return new AgentContext(chain, random, metrics, name, shared);
    }

    private String probeName(int i) {
      String n = probes.get(i).name();
      return n == null ? "#" + (i + 1) : n;
    }

    /** The chain the run drives (read it; do not produce blocks on it). */
    public Chain chain() {
      return chain;
    }

    /** The metrics so far. */
    public Metrics metrics() {
      return metrics;
    }

    /** Blocks produced so far (with those before a save, for a resumed run). */
    public long blocksRun() {
      return run;
    }

    /** Agents without memory that a resumed run started afresh (they rebuild from the chain). */
    public Vector<String> restartedAgents() {
      return restarted;
    }

    /** Whether the run has produced all its blocks or stopped. */
    public boolean done() {
      return run >= blocks || failure.isDefined();
    }

    /** Warns of the steps at a block this run never opens: they would silently never run. */
    private void warnOfStepsOutside(long first, long last) {
      for (Step step : steps) {
        if (step.trigger() instanceof Step.AtBlock at
            && (at.block() < first || at.block() > last)) {
          LOG.warn(
              "step '{}' at block {} never runs: this run opens blocks {} to {}",
              step.label(),
              at.block(),
              first,
              last);
        }
      }
    }

    /** Produces the next block: steps, agents, the block, observers, probes, expectations. */
    public void step() {
      if (done()) throw new IllegalStateException("the run is over");
      try {
        long n = chain.blockNumber();
        if (chain.sessionIndex() != lastSession) {
          lastSession = chain.sessionIndex();
          sessionStart = n;
        }
        for (Step step : steps) {
          if (!step.trigger().due(n, chain.sessionIndex(), sessionStart)) continue;
          failure = runStep(step).orElse(failure);
        }
        for (var e : agents.entrySet()) e.getValue().act(contexts.get(e.getKey()));
        BlockRecord record = chain.nextBlock();
        run++;
        for (var e : agents.entrySet()) e.getValue().observe(record, contexts.get(e.getKey()));
        for (NamedProbe p : probes) {
          int before = metrics.seriesCount();
          p.probe().sample(runtime, record, chain.world(), metrics);
          // the names are listed only when this probe added series (rarely), not every block
          if (p.name() != null && metrics.seriesCount() > before) {
            Vector<String> names = metrics.seriesNames();
            for (int i = before; i < names.size(); i++) metrics.attribute(names.get(i), p.name());
          }
        }
        for (int i = 0; i < verdicts.length; i++) {
          if (verdicts[i] instanceof Verdict.Pending) {
            verdicts[i] = expectations.get(i).afterBlock(runtime, record, chain.world(), metrics);
          }
          if (verdicts[i] instanceof Verdict.Failed f && failure.isEmpty()) {
            failure = Option.some("expectation failed at block " + f.block() + ": " + f.message());
          }
        }
      } catch (InvariantViolation e) {
        failure = Option.some(e.getMessage());
      } catch (PalletBug | ChainStalled e) {
        failure = Option.some(e.getMessage());
      }
    }

    private Option<String> runStep(Step step) {
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
        if (factory == null) {
          return Option.some("step '" + step.label() + "': no agent " + r.agent());
        }
        agents.put(r.agent(), factory.get());
      }
      return Option.none();
    }

    /** What the run keeps off the chain, as {@link Simulation#resume} reads it back. */
    public RunMemory memory() {
      Vector<AgentMemory> saved = Vector.empty();
      for (var e : agents.entrySet()) {
        SimRandom random = contexts.get(e.getKey()).random();
        saved =
            saved.append(
                new AgentMemory(e.getKey(), random.seed(), random.gamma(), e.getValue().memory()));
      }
      Vector<Option<Object>> probeMemories =
          Vector.ofAll(probes)
              .map(p -> p.probe() instanceof Stateful s ? Option.some(s.memory()) : Option.none());
      return new RunMemory(
          seed,
          run,
          sessionStart,
          lastSession,
          Vector.of(verdicts),
          failure,
          metrics.memory(),
          saved,
          TreeMap.ofAll(shared.memories()),
          probeMemories);
    }

    /**
     * Saves the run as it stands between two blocks: the chain and its {@code simulation} section.
     *
     * @throws SnapshotException naming the file and the problem
     */
    public SnapshotHeader save(Path file) throws SnapshotException {
      RunMemory memory;
      try {
        memory = memory();
      } catch (IllegalStateException e) {
        throw new SnapshotException(
            file, SnapshotException.Problem.UNSUPPORTED_VALUE, e.getMessage(), e);
      }
      return chain.save(file, new Section(SECTION, SECTION_VERSION, memory));
    }

    /**
     * The run's result: expectations still pending are decided at the end (unless it stopped). Call
     * it once, when {@link #done}.
     */
    public SimulationResult finish() {
      if (finished) throw new IllegalStateException("the run is already finished");
      finished = true;
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
  }

  private SimRandom streamFor(String agent) {
    long h = StateHasher.ofString(agent);
    return new SimRandom(Bytes.mix(seed, h));
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
    private final List<NamedProbe> probes = new ArrayList<>();

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
      probes.add(new NamedProbe(null, probe));
      return this;
    }

    /**
     * Adds a metric probe called {@code name}: the series it records first are attributed to it
     * ({@link Metrics#sources()}).
     */
    public Builder probe(String name, MetricProbe probe) {
      probes.add(new NamedProbe(name, probe));
      return this;
    }

    /** The simulation. */
    public Simulation build() {
      return new Simulation(this);
    }
  }
}
