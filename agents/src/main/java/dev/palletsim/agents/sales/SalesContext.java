package dev.palletsim.agents.sales;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.sim.AgentContext;
import java.util.random.RandomGenerator;

/**
 * What a sale state acts with in one block (nim-codex's {@code SalesContext}): the agent's context
 * for this block (the chain's view, submitting extrinsics as the provider, its random stream, the
 * run's metrics) and the provider's {@link Sales}, which holds the pallets, the board, the
 * reservations, the queue and the terms.
 *
 * @param agent the agent's context in this block
 * @param sales the provider's sales
 */
public record SalesContext(AgentContext agent, Sales sales) {

  /** The open block's number. */
  public long now() {
    return agent.blockNumber();
  }

  /** The chain as the provider sees it now. */
  public World view() {
    return agent.view();
  }

  /** Submits {@code call} signed by the provider. */
  public DispatchOutcome submit(Call<?> call) {
    return agent.submit(sales.me(), call);
  }

  /** Counts one of {@code counter}. */
  public void count(String counter) {
    agent.metrics().count(counter);
  }

  /** Adds {@code amount} to {@code counter}. */
  public void add(String counter, long amount) {
    agent.metrics().add(counter, amount);
  }

  /** The agent's random stream. */
  public RandomGenerator random() {
    return agent.random();
  }

  /** Moves {@code sale} to {@code next}, recording {@code why}, and runs its entry action. */
  public void move(Sale sale, SaleState next, String why) {
    sales.move(this, sale, next, why);
  }

  /** Whether {@code out} failed only because the block had no room left: retry next block. */
  public static boolean exhausted(DispatchOutcome out) {
    return out.error().exists(e -> e instanceof DispatchError.Exhausted);
  }

  /** The error of {@code out}, described, or {@code ok}. */
  public static String describe(DispatchOutcome out) {
    return out.error().map(DispatchError::describe).getOrElse("ok");
  }
}
