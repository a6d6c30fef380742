package dev.palletsim.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named entries in registration order (agent types, presets, metric probes), safe to read and
 * extend from any number of threads: reads see an immutable snapshot without locking, and a
 * registration publishes a new snapshot. Runs in parallel threads read these registries while a
 * scenario is being read; none of them is written while a run executes.
 *
 * @param <T> the entry type
 */
public final class Registry<T> {
  private volatile Map<String, T> entries = Map.of();

  /** Adds {@code value} under {@code name}, replacing an entry of the same name in place. */
  public synchronized void put(String name, T value) {
    Map<String, T> next = new LinkedHashMap<>(entries);
    next.put(name, value);
    entries = Collections.unmodifiableMap(next);
  }

  /** The entry called {@code name}, or null. */
  public T get(String name) {
    return entries.get(name);
  }

  /** Every entry by name, in registration order: an immutable snapshot. */
  public Map<String, T> all() {
    return entries;
  }
}
