package dev.palletsim.reward;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StorageValue;

/** The reward pallet's storage: one value, the reward actor's state ({@link RewardState}). */
public final class RewardStorage {
  private RewardStorage() {}

  private static final String P = Pallet.nameOf(RewardPallet.class);

  /** The reward actor's state; written at genesis. */
  public static final StorageValue<RewardState> STATE = StorageValue.optional(P, "State");
}
