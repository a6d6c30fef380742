package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;

/**
 * Storage providers receiving block rewards (builtin-actors' miner {@code ApplyRewards}, called by
 * the reward actor's {@code AwardBlockReward}): implemented by the storage provider pallet, called
 * by the reward pallet. Not an extrinsic: only the reward pallet pays rewards.
 */
public interface RewardRecipient {
  /**
   * Whether {@code provider} may win block rewards now (Lotus' {@code MinerEligibleToMine}): a
   * registered provider without fee debt and outside a consensus fault's ineligibility.
   */
  boolean eligibleForRewards(StateView view, AccountId provider);

  /**
   * {@code reward} planck, just minted into {@code provider}'s free balance, is applied: its locked
   * share vests by the provider's vesting spec, {@code penalty} becomes fee debt, and the fee debt
   * is repaid from vesting funds first, then from free funds. Fails with a typed error (and changes
   * nothing) for an account that is not a provider.
   */
  void applyRewards(Tx tx, AccountId provider, long reward, long penalty);
}
