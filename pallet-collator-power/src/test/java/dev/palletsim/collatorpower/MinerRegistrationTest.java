package dev.palletsim.collatorpower;

import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerEvent.MinerCreated;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.testkit.Dev;
import org.junit.jupiter.api.Test;

class MinerRegistrationTest {

  @Test
  void createMinerGivesTheSignerAnEmptyClaim() {
    PowerHarness h = PowerHarness.testnet();
    assertThat(h.createMiner(Dev.ALICE)).isSuccess().emittedExactly(new MinerCreated(Dev.ALICE));
    assertThat(h.claim(Dev.ALICE)).isEqualTo(MinerClaim.EMPTY);
    assertThat(h.pallet().isMinerRegistered(h.chain.world(), Dev.ALICE)).isTrue();
    assertThat(h.pallet().minerPower(h.chain.world(), Dev.ALICE)).isZero();
    assertThat(h.pallet().isMinerRegistered(h.chain.world(), Dev.BOB)).isFalse();
    h.chain.nextBlock();
  }

  @Test
  void theStorageProviderPalletRegistersThroughTheCoupling() {
    PowerHarness h = PowerHarness.testnet();
    assertThat(h.registerByProvider(Dev.BOB)).isSuccess().emittedExactly(new MinerCreated(Dev.BOB));
    assertThat(h.claim(Dev.BOB)).isEqualTo(MinerClaim.EMPTY);
    h.chain.nextBlock();
  }

  @Test
  void bothPathsBuildTheSameState() {
    PowerHarness byCall = PowerHarness.testnet();
    PowerHarness byCoupling = PowerHarness.testnet();
    byCall.createMiner(Dev.ALICE);
    byCoupling.registerByProvider(Dev.ALICE);
    assertThat(byCall.chain.world().itemHash("CollatorPower.MinerClaims"))
        .isNotZero()
        .isEqualTo(byCoupling.chain.world().itemHash("CollatorPower.MinerClaims"));
  }

  @Test
  void createMinerTwiceIsRefused() {
    PowerHarness h = PowerHarness.testnet();
    h.createMiner(Dev.ALICE);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CollatorPowerCall.CreateMiner(),
        CollatorPowerError.MinerAlreadyRegistered);
  }

  @Test
  void theCouplingCannotRegisterAMinerCreatedByExtrinsic() {
    PowerHarness h = PowerHarness.testnet();
    h.createMiner(Dev.ALICE);
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new DriverCall.RegisterMiner(Dev.ALICE),
        CollatorPowerError.MinerAlreadyRegistered);
  }

  @Test
  void createMinerCannotRegisterAMinerTheProviderRegistered() {
    PowerHarness h = PowerHarness.testnet();
    h.registerByProvider(Dev.ALICE);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new CollatorPowerCall.CreateMiner(),
        CollatorPowerError.MinerAlreadyRegistered);
  }

  @Test
  void theCouplingCannotRegisterTwiceEither() {
    PowerHarness h = PowerHarness.testnet();
    h.registerByProvider(Dev.ALICE);
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new DriverCall.RegisterMiner(Dev.ALICE),
        CollatorPowerError.MinerAlreadyRegistered);
  }

  @Test
  void aRegisteredMinersPowerSurvivesARefusedRegistration() {
    PowerHarness h = PowerHarness.testnet().minerWithPower(Dev.ALICE, 10 * PowerHarness.MIN);
    h.delegated(Dev.ALICE, PowerHarness.C1, PowerHarness.MIN);
    MinerClaim before = h.claim(Dev.ALICE);
    assertThat(h.registerByProvider(Dev.ALICE))
        .failedWith(CollatorPowerError.MinerAlreadyRegistered);
    assertThat(h.createMiner(Dev.ALICE)).failedWith(CollatorPowerError.MinerAlreadyRegistered);
    assertThat(h.claim(Dev.ALICE)).isEqualTo(before);
    h.chain.nextBlock();
  }

  @Test
  void createMinerNeedsASignedOrigin() {
    PowerHarness h = PowerHarness.testnet();
    assertFailsWithoutEffect(
        h.chain, Origin.root(), new CollatorPowerCall.CreateMiner(), DispatchError.badOrigin());
    assertFailsWithoutEffect(
        h.chain, Origin.none(), new CollatorPowerCall.CreateMiner(), DispatchError.badOrigin());
  }

  @Test
  void aMissingMinerIsBadInputForTheCoupling() {
    PowerHarness h = PowerHarness.testnet();
    long before = h.chain.stateHash();
    assertThat(h.registerByProvider(null)).failedWithBadInput();
    assertThat(h.chain.stateHash()).isEqualTo(before);
  }
}
