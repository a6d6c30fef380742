package dev.palletsim.sim;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import java.util.Map;

/**
 * A scripted action of a scenario, run at the start of a block (before the agents act) or of a
 * session: an extrinsic from any origin, taking an authority offline or online, a command to an
 * agent (fault injection), or restarting an agent (which must rebuild its work from chain state).
 *
 * @param trigger when the step runs
 * @param label the step's name (expectations on a scripted call refer to it)
 * @param action what it does
 */
public record Step(Trigger trigger, String label, Action action) {

  /** When a step runs. */
  public sealed interface Trigger {
    /** Whether the step runs in the open block {@code block} of session {@code session}. */
    boolean due(long block, long session, long sessionStartBlock);
  }

  /** At the start of block {@code block}. */
  public record AtBlock(long block) implements Trigger {
    @Override
    public boolean due(long b, long session, long sessionStartBlock) {
      return b == block;
    }
  }

  /** At the first block of session {@code session}. */
  public record AtSession(long session) implements Trigger {
    @Override
    public boolean due(long b, long s, long sessionStartBlock) {
      return s == session && b == sessionStartBlock;
    }
  }

  /** What a step does. */
  public sealed interface Action {}

  /** Dispatch {@code call} from {@code origin}. */
  public record Dispatch(Origin origin, Call<?> call) implements Action {}

  /** Take {@code authority} offline (its slots stay empty) or bring it back. */
  public record SetOnline(AccountId authority, boolean online) implements Action {}

  /** Send {@code command} with {@code args} to agent {@code agent}. */
  public record Command(String agent, String command, Map<String, Object> args) implements Action {}

  /** Replace agent {@code agent} by a fresh instance from its factory (a crash and restart). */
  public record RestartAgent(String agent) implements Action {}
}
