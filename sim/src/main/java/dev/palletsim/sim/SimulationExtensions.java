package dev.palletsim.sim;

import java.util.ServiceLoader;

/**
 * Runs every {@link SimulationExtension} on the class path, once: {@link Agents} and {@link
 * MetricCatalog} call {@link #load} before they are read or written.
 */
final class SimulationExtensions {
  private SimulationExtensions() {}

  /** Runs the extensions if they have not run yet; later calls return at once. Thread-safe. */
  static void load() {
    Loaded.touch();
  }

  /**
   * The class whose initialisation runs the extensions: the JVM runs it once, under its lock, and a
   * registration made by an extension (which calls {@link #load} again on the same thread) does not
   * wait for it.
   */
  private static final class Loaded {
    static {
      for (SimulationExtension e :
          ServiceLoader.load(
              SimulationExtension.class, SimulationExtension.class.getClassLoader())) {
        e.register();
      }
    }

    private Loaded() {}

    static void touch() {}
  }
}
