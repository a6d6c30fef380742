package dev.palletsim.sim;

import dev.palletsim.frame.executive.BlockRecord;
import io.vavr.control.Option;
import java.util.Map;

/**
 * A participant in a simulation (a storage provider, a client, a collator…). Agents act only
 * through the extrinsics a user would submit, never by editing state (issue: "Agents act every
 * block through the same extrinsics a user submits"); they read chain state through the context's
 * view, as a node reads its own chain.
 */
public interface Agent {
  /** The agent's name, unique in a simulation (e.g. {@code sp-1}). */
  String name();

  /** Acts in the open block: reads state, submits extrinsics. Called once per block. */
  void act(AgentContext ctx);

  /** Sees the block just produced (its events and outcomes). Default: nothing. */
  default void observe(BlockRecord block, AgentContext ctx) {}

  /**
   * Receives a scripted command from the scenario (fault injection such as {@code go-offline}; the
   * agent documents the commands it understands). Returns false for an unknown command.
   */
  default boolean command(String command, Map<String, Object> args, AgentContext ctx) {
    return false;
  }

  /**
   * The agent's memory as one storable value (records, enums, strings, numbers, Vavr collections),
   * for a saved run; none if the agent cannot give it, in which case a resumed run starts a fresh
   * instance, which rebuilds its work from chain state as after a restart.
   */
  default Option<Object> memory() {
    return Option.none();
  }

  /**
   * Takes back in a fresh instance, before its first act, the memory a saved run kept from {@link
   * #memory}, so that it acts on exactly as the saved instance would have.
   */
  default void restore(Object memory, AgentContext ctx) {
    throw new UnsupportedOperationException(name() + " keeps no memory");
  }

  /** A one-line description of the agent's state for reports. */
  default String status() {
    return "";
  }
}
