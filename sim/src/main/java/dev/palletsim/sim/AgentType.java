package dev.palletsim.sim;

import java.util.List;
import java.util.Map;

/**
 * A kind of agent a scenario file can declare ({@code type: storage-provider}): builds an agent
 * from its name and parameters. Unknown or malformed parameters are reported as {@link
 * IllegalArgumentException}s naming the parameter. A type also documents what its agents record
 * ({@link #metrics()}), what their status line says ({@link #statusHelp()}) and how many extrinsics
 * an agent submits per block on average ({@link #expectedCallsPerBlock}), which {@code palletsim
 * check} uses to estimate a run's work before it starts.
 */
public interface AgentType {
  /** The type's name in scenario files. */
  String type();

  /** One line per parameter the type accepts, for documentation and error messages. */
  Map<String, String> parameters();

  /** An agent called {@code name} with {@code params} (keys are the documented parameters). */
  Agent create(String name, Map<String, Object> params);

  /**
   * The series and counters agents of this type record, besides the {@code calls.*} counters every
   * agent's submissions record ({@link AgentContext#METRICS}); the label {@code <agent>} stands for
   * the agent's name in the scenario.
   */
  default List<MetricInfo> metrics() {
    return List.of();
  }

  /** What the parts of an agent's status line ({@link Agent#status()}) mean; empty: nothing. */
  default String statusHelp() {
    return "";
  }

  /**
   * About how many extrinsics one agent with {@code params} submits per block, averaged over a run
   * (the default, 1, is a generous bound for an agent that acts every block).
   */
  default double expectedCallsPerBlock(Map<String, Object> params) {
    return 1;
  }
}
