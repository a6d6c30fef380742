package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.Units;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Fixed values of the {@link NetworkEconomics} inputs, configured by a runtime preset and never
 * changing with state: what builtin-actors' unit tests do when they set a reward and power estimate
 * of zero velocity and a circulating supply. Amounts are planck; powers are bytes. Big integers,
 * because Filecoin's network power (tens of EiB) and supply do not fit a {@code long} of their
 * smallest units.
 *
 * @param circulatingSupply the circulating supply, planck ({@code total_fil_circ_supply})
 * @param baselinePower the reward actor's baseline power this block, bytes
 * @param networkRawPower the power actor's raw byte power this block, bytes
 * @param rewardEstimate the smoothed per-block reward estimate, planck
 * @param qaPowerEstimate the smoothed network quality-adjusted power estimate, bytes
 */
public record NetworkInputs(
    BigInteger circulatingSupply,
    BigInteger baselinePower,
    BigInteger networkRawPower,
    FilterEstimate rewardEstimate,
    FilterEstimate qaPowerEstimate)
    implements NetworkEconomics {

  /**
   * The inputs a runtime gets when its preset binds none: a small test network (100 tokens in
   * circulation, 1 MiB of power, a milli-token of reward per block).
   */
  public static final NetworkInputs DEFAULT =
      new NetworkInputs(
          BigInteger.valueOf(100 * Units.TOKEN),
          BigInteger.valueOf(Units.MIB),
          BigInteger.valueOf(Units.MIB),
          FilterEstimate.constant(Units.MILLI_TOKEN),
          FilterEstimate.constant(Units.MIB));

  /** Null-checked, non-negative inputs. */
  public NetworkInputs {
    Objects.requireNonNull(circulatingSupply, "circulatingSupply");
    Objects.requireNonNull(baselinePower, "baselinePower");
    Objects.requireNonNull(networkRawPower, "networkRawPower");
    Objects.requireNonNull(rewardEstimate, "rewardEstimate");
    Objects.requireNonNull(qaPowerEstimate, "qaPowerEstimate");
    if (circulatingSupply.signum() < 0
        || baselinePower.signum() < 0
        || networkRawPower.signum() < 0) {
      throw new IllegalArgumentException("network inputs must not be negative");
    }
  }

  @Override
  public NetworkInputs inputs(StateView view) {
    return this;
  }
}
