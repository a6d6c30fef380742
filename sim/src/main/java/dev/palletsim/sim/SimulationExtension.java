package dev.palletsim.sim;

/**
 * What a module adds to the names a scenario can use: agent types ({@link Agents#register}) and
 * metric probes ({@link MetricCatalog#register}). The engine knows no pallet and no agent; the
 * modules that do (the storage runtime's probes, the storage network's agents) name an
 * implementation in {@code META-INF/services/dev.palletsim.sim.SimulationExtension}, and the engine
 * runs every one on its class path once, before {@link Agents} or {@link MetricCatalog} is first
 * read or written. So imports point one way: the runtime and the agents depend on the engine, the
 * engine on frame alone (issue 17), and no registration depends on which class loaded first.
 *
 * <p>An implementation registers only: it must not read the registries while registering, and no
 * static initializer of a class it touches may register anything, so that two threads reaching the
 * registries at once never wait on each other's class initialisation.
 */
public interface SimulationExtension {
  /** Registers this module's agent types and metric probes. */
  void register();
}
