package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;

/**
 * The network-wide quantities that Filecoin's money formulas read (filecoin-actors.md §1.3 for the
 * market's minimum provider collateral, §3.9 for deposits, pledges and fault fees): the circulating
 * supply, the baseline and raw network power, and the smoothed reward and quality-adjusted power
 * estimates. In Filecoin they come from the runtime, the reward actor and the power actor; here a
 * runtime binds one implementation for every pallet that needs them: {@link NetworkInputs}, fixed
 * numbers from the runtime preset, or a pallet that keeps them in state.
 */
public interface NetworkEconomics {
  /** The inputs in force in {@code view}'s state. */
  NetworkInputs inputs(StateView view);
}
