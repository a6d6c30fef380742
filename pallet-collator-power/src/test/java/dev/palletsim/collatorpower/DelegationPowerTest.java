package dev.palletsim.collatorpower;

import static dev.palletsim.collatorpower.PowerHarness.C1;
import static dev.palletsim.collatorpower.PowerHarness.C2;
import static dev.palletsim.collatorpower.PowerHarness.MIN;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerEvent.DelegationReduced;
import dev.palletsim.frame.Origin;
import dev.palletsim.testkit.Dev;
import org.junit.jupiter.api.Test;

/**
 * Which power delegations weigh ({@link CollatorPowerConfig#delegationPower()}): by default a miner
 * delegates its quality-adjusted power, so verified data backs collators ten times as much as
 * committed capacity, as it weighs in Filecoin's consensus; with {@link DelegationPower#Raw} every
 * proven byte counts once. A drop of the weighed power takes delegations back; a change of the
 * other power alone leaves them be.
 */
class DelegationPowerTest {
  static PowerHarness raw() {
    return PowerHarness.with(
        CollatorPowerConfig.builder()
            .from(CollatorPowerConfig.testnet())
            .delegationPower(DelegationPower.Raw)
            .build());
  }

  /** A miner of 4 MIN raw bytes, all verified: 40 MIN of quality-adjusted power. */
  static PowerHarness verifiedMiner(PowerHarness h) {
    assertThat(h.createMiner(Dev.ALICE)).isSuccess();
    assertThat(h.updatePower(Dev.ALICE, 4 * MIN, 40 * MIN)).isSuccess();
    return h;
  }

  @Test
  void byDefaultAMinerDelegatesItsQualityAdjustedPower() {
    assertThat(CollatorPowerConfig.testnet().delegationPower())
        .isEqualTo(DelegationPower.QualityAdjusted);
    PowerHarness h = verifiedMiner(PowerHarness.testnet());
    assertThat(h.delegate(Dev.ALICE, C1, 30 * MIN)).isSuccess();
    assertThat(h.freePower(Dev.ALICE)).isEqualTo(10 * MIN);
    assertThat(h.pallet().powerOf(h.chain.world(), C1)).isEqualTo(30 * MIN);
    assertThat(h.pallet().delegablePower(h.chain.world(), Dev.ALICE)).isEqualTo(40 * MIN);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CollatorPowerCall.DelegatePower(C2, 10 * MIN + 1),
        CollatorPowerError.InsufficientPower);
    h.chain.nextBlock();
  }

  @Test
  void withRawDelegationAMinerDelegatesEachByteOnce() {
    PowerHarness h = verifiedMiner(raw());
    assertThat(h.pallet().delegablePower(h.chain.world(), Dev.ALICE)).isEqualTo(4 * MIN);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CollatorPowerCall.DelegatePower(C1, 4 * MIN + 1),
        CollatorPowerError.InsufficientPower);
    assertThat(h.delegate(Dev.ALICE, C1, 4 * MIN)).isSuccess();
    assertThat(h.pallet().powerOf(h.chain.world(), C1)).isEqualTo(4 * MIN);
    h.chain.nextBlock();
  }

  @Test
  void droppedVerifiedDataTakesBackTheDelegationsItBacked() {
    PowerHarness h = verifiedMiner(PowerHarness.testnet());
    assertThat(h.delegate(Dev.ALICE, C1, 40 * MIN)).isSuccess();
    // the claims expire: raw power unchanged, quality-adjusted power back to raw
    assertThat(h.updatePower(Dev.ALICE, 0, -36 * MIN))
        .isSuccess()
        .emitted(DelegationReduced.class, e -> e.amount() == 36 * MIN && e.remaining() == 4 * MIN);
    assertThat(h.stake(Dev.ALICE, C1)).isEqualTo(4 * MIN);
    h.chain.nextBlock();
  }

  @Test
  void withRawDelegationAChangeOfQualityAdjustedPowerAloneMovesNoDelegation() {
    PowerHarness h = verifiedMiner(raw());
    assertThat(h.delegate(Dev.ALICE, C1, 4 * MIN)).isSuccess();
    assertThat(h.updatePower(Dev.ALICE, 0, -36 * MIN))
        .isSuccess()
        .emittedNo(DelegationReduced.class);
    assertThat(h.stake(Dev.ALICE, C1)).isEqualTo(4 * MIN);
    // a drop of raw power does
    assertThat(h.updatePower(Dev.ALICE, -MIN, -MIN))
        .isSuccess()
        .emitted(DelegationReduced.class, e -> e.remaining() == 3 * MIN);
    h.chain.nextBlock();
  }

  @Test
  void theNetworkTotalsCarryBothPowers() {
    PowerHarness h = verifiedMiner(PowerHarness.testnet());
    NetworkPower n = h.pallet().networkPower(h.chain.world());
    assertThat(n.committed()).isEqualTo(4 * MIN);
    assertThat(n.qaCommitted()).isEqualTo(40 * MIN);
    h.chain.nextBlock();
  }
}
