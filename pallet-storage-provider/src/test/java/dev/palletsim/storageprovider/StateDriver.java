package dev.palletsim.storageprovider;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;

/**
 * A test-only pallet that edits a provider's state as builtin-actors' tests do with {@code
 * rt.replace_state} (for instance "introduce lots of fee debt"), from a Root call inside a real
 * transaction.
 */
final class StateDriver implements Pallet {
  @Override
  public String name() {
    return "StateDriver";
  }

  /** Root calls of {@link StateDriver}. */
  sealed interface StateCall extends Call<StateDriver> {
    @Override
    default Class<StateDriver> palletType() {
      return StateDriver.class;
    }
  }

  /** Sets {@code who}'s fee debt. */
  record SetFeeDebt(AccountId who, long debt) implements StateCall {
    @Override
    public void dispatch(StateDriver p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      var st = StorageProviderStorage.PROVIDERS.get(tx, who);
      StorageProviderStorage.PROVIDERS.insert(tx, who, st.withFeeDebt(debt));
    }
  }
}
