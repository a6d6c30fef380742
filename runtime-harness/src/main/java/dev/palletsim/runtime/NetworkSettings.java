package dev.palletsim.runtime;

import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkInputs;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The {@code network} override section of the storage presets: the {@link NetworkInputs} a preset
 * binds as {@code NetworkEconomics}, as settings a scenario file can write (estimates and their
 * velocities per block in whole planck or bytes; amounts and powers may carry a unit, {@code
 * 600000000 TOKEN}, {@code 80 EIB}). Settings left out keep the preset's exact value.
 *
 * <p>Its settings, as {@code palletsim list settings} and saved chains name them, are {@link
 * NetworkInputs.Settings}.
 */
public final class NetworkSettings {
  private NetworkSettings() {}

  /**
   * Builds new inputs from a preset's: each setter replaces one input, the others stay exactly the
   * preset's (fixed-point fractions included).
   */
  public static final class Builder {
    private BigInteger circulatingSupply;
    private BigInteger baselinePower;
    private BigInteger networkRawPower;
    private FilterEstimate reward;
    private FilterEstimate qaPower;
    private long rampStartEpoch;
    private long rampDurationEpochs;

    /** A builder starting from {@code inputs}. */
    public Builder(NetworkInputs inputs) {
      circulatingSupply = inputs.circulatingSupply();
      baselinePower = inputs.baselinePower();
      networkRawPower = inputs.networkRawPower();
      reward = inputs.rewardEstimate();
      qaPower = inputs.qaPowerEstimate();
      rampStartEpoch = inputs.rampStartEpoch();
      rampDurationEpochs = inputs.rampDurationEpochs();
    }

    /** The circulating supply, planck. */
    public Builder circulatingSupply(BigInteger v) {
      circulatingSupply = v;
      return this;
    }

    /** The baseline power, bytes. */
    public Builder baselinePower(BigInteger v) {
      baselinePower = v;
      return this;
    }

    /** The network's raw byte power, bytes. */
    public Builder networkRawPower(BigInteger v) {
      networkRawPower = v;
      return this;
    }

    /** The reward estimate per block, whole planck. */
    public Builder rewardEstimate(BigInteger v) {
      reward = new FilterEstimate(v.shiftLeft(FilterEstimate.PRECISION), reward.velocity());
      return this;
    }

    /** The reward estimate's change per block, whole planck. */
    public Builder rewardVelocity(BigInteger v) {
      reward = new FilterEstimate(reward.position(), v.shiftLeft(FilterEstimate.PRECISION));
      return this;
    }

    /** The quality-adjusted power estimate, whole bytes. */
    public Builder qaPowerEstimate(BigInteger v) {
      qaPower = new FilterEstimate(v.shiftLeft(FilterEstimate.PRECISION), qaPower.velocity());
      return this;
    }

    /** The quality-adjusted power estimate's change per block, whole bytes. */
    public Builder qaPowerVelocity(BigInteger v) {
      qaPower = new FilterEstimate(qaPower.position(), v.shiftLeft(FilterEstimate.PRECISION));
      return this;
    }

    /** The block the FIP-0081 ramp starts at. */
    public Builder rampStartEpoch(long v) {
      rampStartEpoch = v;
      return this;
    }

    /** The FIP-0081 ramp's length in blocks. */
    public Builder rampDurationEpochs(long v) {
      rampDurationEpochs = v;
      return this;
    }

    /** The inputs; validated by {@link NetworkInputs}. */
    public NetworkInputs build() {
      return new NetworkInputs(
          circulatingSupply,
          baselinePower,
          networkRawPower,
          reward,
          qaPower,
          rampStartEpoch,
          rampDurationEpochs);
    }
  }

  /**
   * A scenario value as a big integer: a number, or digits (underscores allowed) with an optional
   * unit: {@code TOKEN}, {@code MILLI_TOKEN}, {@code PLANCK}, {@code BYTES}, {@code KIB} … {@code
   * EIB}.
   */
  public static BigInteger bigInteger(Object v) {
    if (v instanceof BigInteger b) return b;
    if (v instanceof Long || v instanceof Integer || v instanceof Short) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    String[] parts = String.valueOf(v).trim().split("\\s+");
    if (parts.length > 2 || parts[0].isEmpty()) throw badBig(v);
    BigInteger n;
    try {
      n = new BigInteger(parts[0].replace("_", ""));
    } catch (NumberFormatException e) {
      throw badBig(v);
    }
    if (parts.length == 1) return n;
    long unit =
        switch (parts[1].toUpperCase(Locale.ROOT).replaceAll("S$", "")) {
          case "TOKEN" -> Units.TOKEN;
          case "MILLI_TOKEN" -> Units.MILLI_TOKEN;
          case "PLANCK", "BYTE" -> 1;
          case "KIB" -> Units.KIB;
          case "MIB" -> Units.MIB;
          case "GIB" -> Units.GIB;
          case "TIB" -> Units.TIB;
          case "PIB" -> 1L << 50;
          case "EIB" -> 1L << 60;
          default -> throw badBig(v);
        };
    return n.multiply(BigInteger.valueOf(unit));
  }

  private static IllegalArgumentException badBig(Object v) {
    return new IllegalArgumentException(
        "must be an integer with an optional unit (TOKEN, MILLI_TOKEN, PLANCK, BYTES, KIB, MIB,"
            + " GIB, TIB, PIB, EIB), got "
            + v);
  }
}
