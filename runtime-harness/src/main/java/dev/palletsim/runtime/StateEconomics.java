package dev.palletsim.runtime;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.traits.BlockRewardEstimates;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.LockedSupply;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.PowerTable;
import dev.palletsim.market.MarketStorage;
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * The money formulas' network inputs read from state, for the presets that mint block rewards
 * (docs/design.md, "Economics from state"): the smoothed reward and the baseline power from the
 * reward pallet ({@code ThisEpochReward}), the network raw power and the smoothed QA power from the
 * collator power pallet ({@code CurrentTotalPower}), and the circulating supply as Filecoin defines
 * it ({@code total_fil_circ_supply}: what exists less what is burnt and what is locked): Balances'
 * total issuance (burnt tokens have already left it) less the providers' deposits, pledge and
 * locked rewards and the market's locked collateral and storage fees. The FIP-0081 ramp stays a
 * constant of the preset. A storage-less pallet, so that the runtime hands it its couplings and
 * binds it as {@code NetworkEconomics}.
 */
@PalletName("Economics")
public final class StateEconomics implements Pallet, NetworkEconomics {
  private final Supplier<PowerTable> power;
  private final Supplier<BlockRewardEstimates> reward;
  private final Supplier<Currency> currency;
  private final Supplier<LockedSupply> providers;
  private final long rampStartEpoch;
  private final long rampDurationEpochs;

  /** Reads through {@code couplings}; the ramp of {@code ramp}. */
  public StateEconomics(Couplings couplings, NetworkInputs ramp) {
    this.power = couplings.lazy(PowerTable.class);
    this.reward = couplings.lazy(BlockRewardEstimates.class);
    this.currency = couplings.lazy(Currency.class);
    this.providers = couplings.lazy(LockedSupply.class);
    this.rampStartEpoch = ramp.rampStartEpoch();
    this.rampDurationEpochs = ramp.rampDurationEpochs();
  }

  @Override
  public NetworkInputs inputs(StateView view) {
    return new NetworkInputs(
        circulatingSupply(view),
        reward.get().thisEpochBaselinePower(view),
        BigInteger.valueOf(power.get().networkRawPower(view)),
        reward.get().thisEpochRewardSmoothed(view),
        power.get().qaPowerSmoothed(view),
        rampStartEpoch,
        rampDurationEpochs);
  }

  /** Total issuance less the funds providers and the market hold locked; never negative. */
  public BigInteger circulatingSupply(StateView view) {
    BigInteger issuance = BigInteger.valueOf(currency.get().totalIssuance(view));
    BigInteger locked =
        BigInteger.valueOf(providers.get().lockedSupply(view))
            .add(BigInteger.valueOf(MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL.get(view)))
            .add(BigInteger.valueOf(MarketStorage.TOTAL_PROVIDER_LOCKED_COLLATERAL.get(view)))
            .add(BigInteger.valueOf(MarketStorage.TOTAL_CLIENT_STORAGE_FEE.get(view)));
    return issuance.subtract(locked).max(BigInteger.ZERO);
  }
}
