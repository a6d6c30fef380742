package dev.palletsim.agents;

import java.util.function.Supplier;

/** What the agent types share when they turn an agent's parameters into its settings. */
final class AgentParams {
  private AgentParams() {}

  /**
   * The result of {@code build}; an {@link IllegalArgumentException} it throws gets the prefix
   * {@code "<owner>: "}, unless its message already starts with {@code owner} (as the errors of
   * {@link dev.palletsim.sim.Params} do).
   */
  static <T> T owned(String owner, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(owner)) throw e;
      throw new IllegalArgumentException(owner + ": " + e.getMessage(), e);
    }
  }
}
