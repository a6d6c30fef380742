package dev.palletsim.frame.traits;

/**
 * Domain separation tags for drawing randomness (Filecoin's {@code DomainSeparationTag}, with the
 * same numbers for the sealing and PoSt tags), so that one block's randomness yields independent
 * values for independent uses.
 */
public enum RandomnessDomain {
  /** The seal ticket of a PoRep. */
  SealRandomness(1),
  /** The interactive challenge seed of a PoRep. */
  InteractiveSealChallengeSeed(2),
  /** The challenge of a WindowPoSt deadline. */
  WindowedPoStChallengeSeed(3),
  /** A storage provider's draw in a block's leader election (the reward pallet). */
  ElectionProofProduction(101),
  /** The seed of a session's collator auction. */
  CollatorSelection(100),
  /** Free use by simulations and agents. */
  Simulation(200);

  private final long tag;

  RandomnessDomain(long tag) {
    this.tag = tag;
  }

  /** The numeric tag mixed into the draw. */
  public long tag() {
    return tag;
  }
}
