package dev.palletsim.reward;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.RewardRecipient;
import io.vavr.collection.Set;
import java.util.function.Supplier;

/**
 * Providers that take every reward (burning a penalty from their free balance), except {@code
 * refusing} ones, which fail as an account that is not a provider does; {@code ineligible} ones are
 * skipped by the election.
 */
@PalletName("FakeRecipient")
final class FakeRecipient implements Pallet, RewardRecipient {
  private final Set<AccountId> refusing;
  private final Set<AccountId> ineligible;
  private final Supplier<Currency> currency;

  FakeRecipient(Set<AccountId> refusing, Set<AccountId> ineligible, Supplier<Currency> currency) {
    this.refusing = refusing;
    this.ineligible = ineligible;
    this.currency = currency;
  }

  @Override
  public boolean eligibleForRewards(StateView view, AccountId provider) {
    return !ineligible.contains(provider);
  }

  @Override
  public void applyRewards(Tx tx, AccountId provider, long reward, long penalty) {
    if (refusing.contains(provider)) {
      throw new DispatchException(DispatchError.badInput("not a provider"));
    }
    if (penalty > 0) currency.get().slash(tx, provider, penalty);
  }
}
