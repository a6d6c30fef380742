package dev.palletsim.storageprovider;

import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkInputs;
import java.math.BigInteger;

/**
 * builtin-actors' miner test harness ({@code actors/miner/tests/util.rs}) in palletsim's units: the
 * network inputs and balances of {@code ActorHarness}, every attoFIL amount divided by 10⁸ (one
 * planck is 10⁸ attoFIL under the {@code filecoin} preset; BIG_BALANCE's 10²⁴ attoFIL would not fit
 * a {@code long} otherwise).
 */
final class FilecoinHarness {
  private FilecoinHarness() {}

  /** One FIL in planck. */
  static final long FIL = 10_000_000_000L;

  /**
   * {@code ActorHarness::new}: a reward estimate of 10 FIL per epoch and 2^50 bytes of network (and
   * baseline, and raw) power, both constant; {@code construct_and_verify}'s circulating supply of
   * 500,000 FIL; {@code CurrentTotalPowerReturn::default()}'s ramp (start 0, duration 0: the
   * FIP-0081 skew in full).
   */
  static final NetworkInputs NETWORK =
      new NetworkInputs(
          BigInteger.valueOf(500_000 * FIL),
          BigInteger.ONE.shiftLeft(50),
          BigInteger.ONE.shiftLeft(50),
          FilterEstimate.constant(10 * FIL),
          FilterEstimate.constant(BigInteger.ONE.shiftLeft(50)),
          0,
          0);

  /** {@code BIG_BALANCE}: 1,000,000 FIL. */
  static final long BIG_BALANCE = 1_000_000 * FIL;
}
