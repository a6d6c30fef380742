package dev.palletsim.reward;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;

/**
 * The reward pallet's calls (FRAME's {@code #[pallet::call]}). Block rewards are paid by the
 * pallet's own hook; the one call is builtin-actors' {@code AwardBlockReward}, which only the
 * system may make (Root here), for tests, scenarios and tools that award a block by hand.
 */
public sealed interface RewardCall extends Call<RewardPallet> {
  @Override
  default Class<RewardPallet> palletType() {
    return RewardPallet.class;
  }

  /**
   * Award {@code provider} the reward of {@code winCount} wins of this block, less {@code penalty}
   * scaled by {@code PENALTY_MULTIPLIER} charged to it ({@code AwardBlockReward}). Root only.
   */
  record AwardBlockReward(AccountId provider, long penalty, long winCount) implements RewardCall {
    @Override
    public void dispatch(RewardPallet p, Tx tx, Origin origin) {
      p.awardBlockReward(tx, origin, provider, penalty, winCount);
    }
  }
}
