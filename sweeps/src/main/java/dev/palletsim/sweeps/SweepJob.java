package dev.palletsim.sweeps;

import java.io.Serializable;

/**
 * Everything a process needs to rebuild a sweep: the sweep file's text and the base scenario's
 * (empty when the scenario is written inline). Engines ship this value, never parsed objects: a
 * Spark executor reads the sweep again from these texts, once per JVM ({@link SweepRunner#of}).
 *
 * @param file the sweep file's name as given (for messages)
 * @param text the sweep file's text
 * @param scenarioFile the base scenario file's name as given; {@code ""} when inline
 * @param scenarioText the base scenario's text; {@code ""} when inline
 */
public record SweepJob(String file, String text, String scenarioFile, String scenarioText)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
