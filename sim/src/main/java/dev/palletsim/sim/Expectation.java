package dev.palletsim.sim;

import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Runtime;

/**
 * Something a scenario expects (an event emitted, a call failed with an error, a value equal to a
 * number). The simulation consults it after every block and at the end; the first failure stops the
 * run with the expectation's message.
 */
public interface Expectation {
  /** What is expected, in one line (for reports and failure messages). */
  String describe();

  /** Called after each block; pending until decided. */
  default Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
    return Verdict.PENDING;
  }

  /** Called with the outcome of a scripted call that names this expectation. */
  default Verdict afterScriptedCall(DispatchOutcome outcome) {
    return Verdict.PENDING;
  }

  /** Called once at the end of the run for expectations still pending. */
  Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock);
}
