package dev.palletsim.sim;

/**
 * A part of a simulation run that keeps off-chain state from block to block, other than an agent: a
 * shared object agents meet on ({@code AgentContext.shared}, such as the deal board) or a metric
 * probe that accumulates (a running share of auction seats). A saved run keeps its {@link #memory}
 * and a resumed run {@linkplain #restore restores} it into a fresh instance, so the resumed run
 * goes on exactly as the uninterrupted one.
 */
public interface Stateful {
  /**
   * The state as one storable value (records, enums, strings, numbers, Vavr collections, arrays of
   * longs or doubles), not sharing anything mutable with this object.
   */
  Object memory();

  /** Takes back the state {@link #memory} gave, into a fresh instance. */
  void restore(Object memory);
}
