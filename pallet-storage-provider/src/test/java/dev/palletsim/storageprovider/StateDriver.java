package dev.palletsim.storageprovider;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.RewardRecipient;

/**
 * A test-only pallet that edits a provider's state as builtin-actors' tests do with {@code
 * rt.replace_state} (for instance "introduce lots of fee debt"), from a Root call inside a real
 * transaction; and network inputs kept in state, which a test may change as builtin-actors' tests
 * call {@code rt.set_circulating_supply}.
 */
final class StateDriver implements Pallet {
  /** The network inputs in force; {@link FilecoinHarness#NETWORK} until a test sets others. */
  static final StorageValue<NetworkInputs> NETWORK =
      StorageValue.withDefault("StateDriver", "Network", FilecoinHarness.NETWORK);

  /** {@code NetworkEconomics} reading {@link #NETWORK}. */
  static final NetworkEconomics STORED_NETWORK = (StateView view) -> NETWORK.get(view);

  private final Couplings couplings;

  StateDriver(Couplings couplings) {
    this.couplings = couplings;
  }

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

  /**
   * Mints {@code reward} into {@code who}'s free balance and applies it with {@code penalty}, as
   * the reward pallet's {@code AwardBlockReward} does (builtin-actors' tests call {@code
   * ApplyRewards} as the reward actor, the funds sent along).
   */
  record ApplyRewards(AccountId who, long reward, long penalty) implements StateCall {
    @Override
    public void dispatch(StateDriver p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      if (reward > 0) p.couplings.find(Currency.class).get().mint(tx, who, reward);
      p.couplings.find(RewardRecipient.class).get().applyRewards(tx, who, reward, penalty);
    }
  }

  /** Sets the network inputs. */
  record SetNetwork(NetworkInputs inputs) implements StateCall {
    @Override
    public void dispatch(StateDriver p, Tx tx, Origin origin) {
      Origin.ensureRoot(origin);
      NETWORK.put(tx, inputs);
    }
  }
}
