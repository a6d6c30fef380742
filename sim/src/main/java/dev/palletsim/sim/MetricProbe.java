package dev.palletsim.sim;

import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Runtime;

/**
 * Samples one or more series after each block, from the block record and the state after it. A
 * probe may sample every block or only some (e.g. at session boundaries); it records what it
 * samples into the run's {@link Metrics}.
 */
@FunctionalInterface
public interface MetricProbe {
  /** Samples after {@code block}, whose post-state is {@code world}. */
  void sample(Runtime runtime, BlockRecord block, World world, Metrics metrics);
}
