package dev.palletsim.runtime.sim;

import java.util.Map;

/**
 * A kind of agent a scenario file can declare ({@code type: storage-provider}): builds an agent
 * from its name and parameters. Unknown or malformed parameters are reported as {@link
 * IllegalArgumentException}s naming the parameter.
 */
public interface AgentType {
  /** The type's name in scenario files. */
  String type();

  /** One line per parameter the type accepts, for documentation and error messages. */
  Map<String, String> parameters();

  /** An agent called {@code name} with {@code params} (keys are the documented parameters). */
  Agent create(String name, Map<String, Object> params);
}
