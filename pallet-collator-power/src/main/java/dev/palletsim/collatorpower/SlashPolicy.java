package dev.palletsim.collatorpower;

/**
 * What happens to the storage power delegated to a collator that collator selection removes for an
 * offence ({@link dev.palletsim.frame.traits.CollatorRemoval#Slashed}); seed 001 leaves "Slashing
 * Collator" as an open question. Collator selection slashes the collator's own token bond (it holds
 * the bond); this policy decides only the fate of the miners' delegated power.
 *
 * <p>The default is {@link LockFor}: the power is taken off the collator at once (it backs nobody
 * from the next session on) and stays undelegable for a while, then returns to the miners. Why not
 * slash the power itself, as pallet-staking slashes nominators (reference collators-and-codex.md
 * §4.5)?
 *
 * <ul>
 *   <li>Storage power is not a stake. It is a measurement of proven storage, owned by the storage
 *       provider pallet and changed only after proofs (seed 001: "only SPP may call {@code
 *       update_miner_power}"). Cutting it here would make this pallet's number disagree with the
 *       sectors the miner actually proves, and the next proof would restore it anyway.
 *   <li>A miner's money at risk already lives in the storage provider pallet (pledge collateral,
 *       fault fees), where it answers for the miner's own faults. Burning it for a collator's fault
 *       would punish storage for a consensus-side offence the miner did not commit.
 *   <li>Miners choose their collators; that choice is what the policy should shape. Losing the
 *       ability to back any collator for a while is a cost proportionate to a bad choice: the
 *       miner's influence over selection (its only benefit from delegating, RFC 0001's
 *       "non-censoring collator on its side") is suspended, nothing it owns is destroyed.
 *   <li>Power is snapshotted by collator selection at each session rotation, so a lock shorter than
 *       a session may bite nothing. The presets lock for several sessions.
 * </ul>
 *
 * <p>{@link Return} gives the power back at once, as for any other removal: the lenient choice for
 * a network whose collators are mostly invulnerable (RFC 0001) or where offences are rare.
 */
public sealed interface SlashPolicy {
  /** Power delegated to a slashed collator returns to its miners at once. */
  record Return() implements SlashPolicy {}

  /**
   * Power delegated to a slashed collator stays undelegable for {@code blocks} blocks, then returns
   * to its miners (released at the start of block {@code slashBlock + blocks}).
   *
   * @param blocks how long the power stays locked, at least 1
   */
  record LockFor(long blocks) implements SlashPolicy {
    /** Validates the duration. */
    public LockFor {
      if (blocks < 1) throw new IllegalArgumentException("a lock lasts at least one block");
    }
  }

  /** {@link Return}. */
  static SlashPolicy returnAtOnce() {
    return new Return();
  }

  /** {@link LockFor} {@code blocks}. */
  static SlashPolicy lockFor(long blocks) {
    return new LockFor(blocks);
  }
}
