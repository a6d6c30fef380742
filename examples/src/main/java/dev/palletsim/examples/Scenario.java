package dev.palletsim.examples;

import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.runtime.RuntimePreset;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.Expectation;
import dev.palletsim.sim.MetricCatalog;
import dev.palletsim.sim.MetricProbe;
import dev.palletsim.sim.Simulation;
import dev.palletsim.sim.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A scenario file, read and checked: the runtime built from its preset and overrides, its genesis
 * section, agents, scripted steps, expectations, metric probes and charts. Reading resolves every
 * name (calls, events, storage items, errors, agent types, probes) against the runtime, so a
 * scenario that reads without error only fails at run time because of what happens in the run.
 *
 * @param file the file name as given (for messages)
 * @param source the file's text (copied into the run's outputs)
 * @param name the scenario's name
 * @param description what it shows, one paragraph
 * @param presetName the runtime preset's name
 * @param preset the runtime preset
 * @param runtime the runtime with the overrides applied
 * @param genesis the genesis section (keys documented by the preset)
 * @param seed the seed
 * @param blocks the run length in blocks, or 0 when given in sessions
 * @param sessions the run length in sessions, or 0 when given in blocks
 * @param agents the agents, in declaration order
 * @param steps the scripted steps, in file order
 * @param stepLines the line of each step
 * @param expectations the expectations, in file order
 * @param metrics the metric probes
 * @param charts the requested charts (empty: a default chart per probe)
 * @param variant the variant this scenario runs as ({@code ""} for a scenario without variants)
 * @param variants the variants to run and compare (empty: one plain run)
 * @param compare the series a comparison of variants shows (globs; empty: every common series)
 * @param fromState the saved chain the run starts from instead of genesis, or {@code null}
 */
public record Scenario(
    String file,
    String source,
    String name,
    String description,
    String presetName,
    RuntimePreset preset,
    Runtime runtime,
    Map<String, Object> genesis,
    long seed,
    long blocks,
    long sessions,
    List<AgentSpec> agents,
    List<Step> steps,
    List<Integer> stepLines,
    List<ExpectationSpec> expectations,
    List<MetricSpec> metrics,
    List<ChartSpec> charts,
    String variant,
    List<Variant> variants,
    List<String> compare,
    StateSource fromState) {

  /**
   * A saved chain a scenario starts from ({@code from-state:}): the network as saved, with this
   * scenario's agents starting afresh on it (they rebuild their work from chain state) and the run
   * length counted from the saved block.
   *
   * @param file the snapshot file (relative paths are resolved against the scenario's directory)
   * @param newConfig whether the saved state may run under a runtime whose configuration differs
   *     from the saved one ({@code config: new}, a what-if like a runtime upgrade)
   * @param line the key's line
   */
  public record StateSource(Path file, boolean newConfig, int line) {}

  /**
   * One variant of a scenario: the same agents, steps and seed under other config overrides (e.g.
   * the legacy and FIP-0074 settlement regimes), run one after the other and compared.
   *
   * @param name its name (a directory of the run's outputs)
   * @param description one line on what it changes
   * @param runtime the runtime with the variant's overrides on top of the scenario's
   * @param line its line
   */
  public record Variant(String name, String description, Runtime runtime, int line) {}

  /** This scenario as its variant {@code v}: the variant's runtime, no further variants. */
  public Scenario forVariant(Variant v) {
    return new Scenario(
        file,
        source,
        name,
        description,
        presetName,
        preset,
        v.runtime(),
        genesis,
        seed,
        blocks,
        sessions,
        agents,
        steps,
        stepLines,
        expectations.stream().filter(e -> e.appliesTo(v.name())).toList(),
        metrics,
        charts,
        v.name(),
        List.of(),
        compare,
        fromState);
  }

  /**
   * A declared agent.
   *
   * @param name its name
   * @param type its type
   * @param params its parameters as plain values
   * @param line its line
   */
  public record AgentSpec(String name, AgentType type, Map<String, Object> params, int line) {}

  /**
   * An expectation with where it was written and how the reports describe it.
   *
   * @param line its line
   * @param description what is expected, in the file's own terms
   * @param expectation the check
   * @param variant the only variant it applies to ({@code variant:}), or {@code ""} for every run
   */
  public record ExpectationSpec(
      int line, String description, Expectation expectation, String variant) {
    /** An expectation for every run. */
    public ExpectationSpec(int line, String description, Expectation expectation) {
      this(line, description, expectation, "");
    }

    /** Whether it applies to the run of variant {@code name} ({@code ""}: no variants). */
    public boolean appliesTo(String name) {
      return variant.isEmpty() || variant.equals(name);
    }
  }

  /**
   * A metric probe of the scenario.
   *
   * @param spec as written ({@code finalize-work(Market)})
   * @param entry the catalog entry
   * @param argument its argument, or null
   * @param line its line
   */
  public record MetricSpec(String spec, MetricCatalog.Entry entry, String argument, int line) {
    /** A fresh probe for one run. */
    public MetricProbe probe() {
      return entry.factory().apply(argument);
    }
  }

  /**
   * The run length in blocks: {@code blocks}, or the blocks until session {@code sessions} begins.
   */
  public long runLength() {
    return blocks > 0 ? blocks : blocksUntilSession(runtime, sessions);
  }

  /**
   * The blocks to produce so that the last one is the first block of session {@code session}.
   * Session rotations are periodic ({@code PeriodicSessions(period, offset)}): after the first, one
   * every {@code period} blocks, so the answer takes constant time however many sessions are asked
   * for; an answer beyond a {@code long} is an {@link ArithmeticException}.
   */
  static long blocksUntilSession(Runtime runtime, long session) {
    if (session <= 0) return 0;
    long first = runtime.session().nextRotationAfter(0);
    if (session == 1) return first;
    long period = runtime.session().nextRotationAfter(first) - first;
    return Math.addExact(first, Math.multiplyExact(session - 1, period));
  }

  /**
   * Warnings for a run of {@code blockCount} blocks: steps due after its last block, which never
   * run (an expectation on such a step fails at the end).
   */
  public List<String> warnings(long blockCount) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      long at;
      if (s.trigger() instanceof Step.AtBlock b) {
        at = b.block();
      } else {
        try {
          at = Math.max(1, blocksUntilSession(runtime, ((Step.AtSession) s.trigger()).session()));
        } catch (ArithmeticException e) {
          at = Long.MAX_VALUE; // a session no run reaches
        }
      }
      if (at > blockCount) {
        out.add(
            file
                + ":"
                + stepLines.get(i)
                + ": step '"
                + s.label()
                + "' is due at block "
                + at
                + ", after the run's last block ("
                + blockCount
                + "): it will not run");
      }
    }
    return out;
  }

  /** The genesis of a run with {@code seed}. */
  public Genesis genesisFor(long seed) {
    return preset.genesis(genesis, seed);
  }

  /**
   * The simulation of this scenario with {@code seed} for {@code blockCount} blocks, sampling a
   * fresh probe for each of {@link #metrics()}, named by its spec (the series it records first are
   * attributed to it).
   */
  public Simulation simulation(long seed, long blockCount) {
    return simulationBuilder(seed, blockCount).build();
  }

  /**
   * The builder {@link #simulation} builds from, with the scenario's agents, steps, expectations
   * and probes: for callers that add probes or agents of their own before building.
   */
  public Simulation.Builder simulationBuilder(long seed, long blockCount) {
    Simulation.Builder b =
        Simulation.builder(runtime, genesisFor(seed)).seed(seed).blocks(blockCount);
    for (AgentSpec a : agents) b.agent(a.name(), () -> a.type().create(a.name(), a.params()));
    steps.forEach(b::step);
    for (ExpectationSpec e : expectations) b.expect(e.expectation());
    for (MetricSpec m : metrics) b.probe(m.spec(), m.probe());
    return b;
  }
}
