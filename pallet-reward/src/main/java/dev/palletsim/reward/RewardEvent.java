package dev.palletsim.reward;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;

/** Events of the reward pallet (FRAME's {@code #[pallet::event]}). */
public sealed interface RewardEvent extends Event.Of<RewardPallet> {
  /**
   * {@code amount} planck were minted for {@code provider}'s {@code winCount} wins of block {@code
   * epoch} and applied to it (vesting, penalty), builtin-actors' {@code AwardBlockReward}.
   */
  record BlockRewardPaid(AccountId provider, long epoch, long winCount, long amount, long penalty)
      implements RewardEvent {}

  /**
   * The reward of {@code provider} could not be applied (it is no provider, or its account refused
   * the funds) and was not minted, as builtin-actors burns a reward its miner refuses.
   */
  record BlockRewardForfeited(AccountId provider, long epoch, long amount) implements RewardEvent {}
}
