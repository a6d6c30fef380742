package dev.palletsim.agents;

import dev.palletsim.sim.Agents;
import dev.palletsim.sim.SimulationExtension;

/**
 * What the storage network's agents add to the simulation engine: the agent types {@code
 * storage-provider}, {@code client}, {@code collator} and {@code deal-load}. Named in {@code
 * META-INF/services/dev.palletsim.sim.SimulationExtension}, so the engine finds them on the class
 * path without importing this module.
 */
public final class AgentsExtension implements SimulationExtension {
  @Override
  public void register() {
    Agents.register(new StorageProviderAgentType());
    Agents.register(new ClientAgentType());
    Agents.register(new CollatorAgentType());
    Agents.register(new DealLoadAgentType());
  }
}
