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
 * @param rampStartEpoch the block at which the FIP-0081 pledge ramp starts (the power actor's
 *     {@code ramp_start_epoch}); before it the consensus pledge is the baseline formulation alone
 * @param rampDurationEpochs the ramp's length in blocks ({@code ramp_duration_epochs}); 0 applies
 *     the whole FIP-0081 skew from the ramp's start
 */
public record NetworkInputs(
    BigInteger circulatingSupply,
    BigInteger baselinePower,
    BigInteger networkRawPower,
    FilterEstimate rewardEstimate,
    FilterEstimate qaPowerEstimate,
    long rampStartEpoch,
    long rampDurationEpochs)
    implements NetworkEconomics {

  /** A ramp start that is never reached: the consensus pledge stays the baseline formulation. */
  public static final long NO_RAMP = Long.MAX_VALUE;

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
          FilterEstimate.constant(Units.MIB),
          NO_RAMP,
          0);

  /** Inputs without a FIP-0081 ramp ({@link #NO_RAMP}). */
  public NetworkInputs(
      BigInteger circulatingSupply,
      BigInteger baselinePower,
      BigInteger networkRawPower,
      FilterEstimate rewardEstimate,
      FilterEstimate qaPowerEstimate) {
    this(
        circulatingSupply,
        baselinePower,
        networkRawPower,
        rewardEstimate,
        qaPowerEstimate,
        NO_RAMP,
        0);
  }

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
    if (rampDurationEpochs < 0) {
      throw new IllegalArgumentException("the ramp duration must not be negative");
    }
  }

  /**
   * The block's share of the FIP-0081 skew, in thousandths (builtin-actors' {@code
   * initial_pledge_for_power}): 0 before the ramp starts, 300 once it has run its duration (or at
   * once for a zero duration), linear in between, rounded down.
   */
  public long rampSkewPermille(long block) {
    if (rampStartEpoch == NO_RAMP || block < rampStartEpoch) return 0;
    long since = block - rampStartEpoch;
    if (since < 0) since = Long.MAX_VALUE; // the subtraction overflowed: far past the start
    if (rampDurationEpochs == 0 || since >= rampDurationEpochs) return 300;
    return BigInteger.valueOf(since)
        .multiply(BigInteger.valueOf(300))
        .divide(BigInteger.valueOf(rampDurationEpochs))
        .longValueExact();
  }

  /** These inputs with another FIP-0081 ramp. */
  public NetworkInputs withRamp(long startEpoch, long durationEpochs) {
    return new NetworkInputs(
        circulatingSupply,
        baselinePower,
        networkRawPower,
        rewardEstimate,
        qaPowerEstimate,
        startEpoch,
        durationEpochs);
  }

  @Override
  public NetworkInputs inputs(StateView view) {
    return this;
  }

  /**
   * These inputs as settings, named as a preset's {@code network} override section names them:
   * estimates and velocities in whole units per block, rounded down.
   */
  public Settings settings() {
    return new Settings(
        circulatingSupply,
        baselinePower,
        networkRawPower,
        rewardEstimate.estimate(),
        rewardEstimate.velocity().shiftRight(FilterEstimate.PRECISION),
        qaPowerEstimate.estimate(),
        qaPowerEstimate.velocity().shiftRight(FilterEstimate.PRECISION),
        rampStartEpoch,
        rampDurationEpochs);
  }

  /**
   * {@link NetworkInputs} as settings a scenario file writes and a runtime lists.
   *
   * @param circulatingSupply the circulating supply, planck
   * @param baselinePower the baseline power, bytes
   * @param networkRawPower the network's raw byte power, bytes
   * @param rewardEstimate the smoothed reward per block, planck
   * @param rewardVelocity its change per block, planck
   * @param qaPowerEstimate the smoothed network quality-adjusted power, bytes
   * @param qaPowerVelocity its change per block, bytes
   * @param rampStartEpoch the block the FIP-0081 ramp starts at
   * @param rampDurationEpochs the ramp's length in blocks
   */
  public record Settings(
      BigInteger circulatingSupply,
      BigInteger baselinePower,
      BigInteger networkRawPower,
      BigInteger rewardEstimate,
      BigInteger rewardVelocity,
      BigInteger qaPowerEstimate,
      BigInteger qaPowerVelocity,
      long rampStartEpoch,
      long rampDurationEpochs) {}
}
