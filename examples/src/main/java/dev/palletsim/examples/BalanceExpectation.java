package dev.palletsim.examples;

import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.runtime.sim.Expectation;
import dev.palletsim.runtime.sim.Metrics;
import dev.palletsim.runtime.sim.Verdict;

/**
 * A scenario's {@code balance:} expectation: after a block (or at the end) an account's free or
 * reserved balance is an amount. Decided as the harness's balance expectation decides, with the
 * amount found shown in tokens.
 */
final class BalanceExpectation implements Expectation {
  private final String description;
  private final AccountId who;
  private final boolean reserved;
  private final long amount;
  private final long at;

  BalanceExpectation(String description, AccountId who, boolean reserved, long amount, long at) {
    this.description = description;
    this.who = who;
    this.reserved = reserved;
    this.amount = amount;
    this.at = at;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
    return block.number() == at ? check(runtime, world, block.number()) : Verdict.PENDING;
  }

  @Override
  public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
    return check(runtime, world, lastBlock);
  }

  private Verdict check(Runtime runtime, World world, long block) {
    long actual =
        reserved ? runtime.balances().reserved(world, who) : runtime.balances().free(world, who);
    return actual == amount
        ? new Verdict.Met(block)
        : new Verdict.Failed(
            block,
            "expected "
                + description
                + ", found "
                + Show.tokens(actual)
                + " ("
                + actual
                + " planck)");
  }
}
