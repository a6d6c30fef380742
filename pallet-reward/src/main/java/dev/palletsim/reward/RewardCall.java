package dev.palletsim.reward;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.AccountId;

/**
 * The reward pallet's calls (FRAME's {@code #[pallet::call]}). Block rewards are paid by the
 * pallet's own hook; the one call is builtin-actors' {@code AwardBlockReward}, which only the
 * system may make (Root here), for tests, scenarios and tools that award a block by hand.
 */
public sealed interface RewardCall extends Call<RewardPallet> {
  /**
   * Award {@code provider} the reward of {@code winCount} wins of this block, less {@code penalty}
   * scaled by {@code PENALTY_MULTIPLIER} charged to it ({@code AwardBlockReward}). Root only.
   */
  record AwardBlockReward(AccountId provider, long penalty, long winCount) implements RewardCall {
    /**
     * The reward state, the provider's account (mint, reserve, penalty), its state, info and
     * vesting table, issuance, minted and burnt: 10 reads, 10 writes.
     */
    @Override
    public Weight weight(RewardPallet p, WeightCosts w) {
      return w.readsWrites(10, 10);
    }

    @Override
    public void dispatch(RewardPallet p, Tx tx, Origin origin) {
      p.awardBlockReward(tx, origin, provider, penalty, winCount);
    }
  }
}
