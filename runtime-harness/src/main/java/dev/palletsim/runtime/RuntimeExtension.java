package dev.palletsim.runtime;

import dev.palletsim.sim.SimulationExtension;

/**
 * What the storage runtime adds to the simulation engine: its metric probes ({@link
 * StorageProbes}). Named in {@code META-INF/services/dev.palletsim.sim.SimulationExtension}, so the
 * engine finds it on the class path without importing the runtime.
 */
public final class RuntimeExtension implements SimulationExtension {
  @Override
  public void register() {
    StorageProbes.register();
  }
}
