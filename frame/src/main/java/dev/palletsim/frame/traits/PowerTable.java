package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import java.math.BigInteger;

/**
 * The network's storage power as the power actor counts it for consensus and for the money formulas
 * (builtin-actors' {@code CurrentTotalPower} and the claims behind it): implemented by the collator
 * power pallet, read by the reward pallet (who may win block rewards, the realised power baseline
 * minting follows) and by the state-backed {@link NetworkEconomics}.
 */
public interface PowerTable {
  /** The network raw byte power that counts for consensus ({@code current_total_power}), bytes. */
  long networkRawPower(StateView view);

  /** The network quality-adjusted power that counts for consensus, bytes. */
  long networkQaPower(StateView view);

  /**
   * The smoothed network quality-adjusted power ({@code this_epoch_qa_power_smoothed}), or the
   * current total as a constant estimate where the pallet keeps no smoothed one.
   */
  FilterEstimate qaPowerSmoothed(StateView view);

  /**
   * Every miner whose power counts for consensus, with its quality-adjusted power (positive), in
   * account order: the block producers of Filecoin's leader election.
   */
  Seq<MinerPower> consensusMiners(StateView view);

  /**
   * A miner's power for the election.
   *
   * @param miner the miner's account
   * @param qaPower its quality-adjusted power, bytes
   */
  record MinerPower(AccountId miner, long qaPower) {}

  /** {@link #networkRawPower} as a big integer. */
  default BigInteger networkRawPowerBig(StateView view) {
    return BigInteger.valueOf(networkRawPower(view));
  }
}
