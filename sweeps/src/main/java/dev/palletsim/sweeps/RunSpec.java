package dev.palletsim.sweeps;

import java.io.Serializable;

/**
 * One run of a sweep: a point and a seed. Serializable, so that an engine can ship it to another
 * process (a Spark executor).
 *
 * @param point the point's index in the grid
 * @param seed the seed
 */
public record RunSpec(int point, long seed) implements Serializable, Comparable<RunSpec> {
  private static final long serialVersionUID = 1L;

  /** Point first, then seed: the canonical order of runs in every table. */
  @Override
  public int compareTo(RunSpec o) {
    int c = Integer.compare(point, o.point);
    return c != 0 ? c : Long.compare(seed, o.seed);
  }
}
