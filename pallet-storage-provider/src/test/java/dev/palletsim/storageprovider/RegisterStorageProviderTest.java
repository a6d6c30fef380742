package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.PeerId;
import dev.palletsim.frame.traits.StoragePower;
import dev.palletsim.storageprovider.StorageProviderCall.RegisterStorageProvider;
import dev.palletsim.storageprovider.StorageProviderEvent.StorageProviderRegistered;
import dev.palletsim.testkit.Dev;
import org.junit.jupiter.api.Test;

class RegisterStorageProviderTest {
  static final RegisteredPoStProof TWO_KIB = RegisteredPoStProof.StackedDRGWindow2KiBV1P1;

  @Test
  void registeringCreatesTheProviderAndItsMinerClaim() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    h.chain.runToBlock(5);
    var outcome =
        h.chain.dispatch(Dev.ALICE, new RegisterStorageProvider(new PeerId("peer"), TWO_KIB));
    long offset = StorageProviderPallet.provingPeriodOffset(Dev.ALICE, 60);
    DeadlineInfo current = DeadlineInfo.current(h.pallet.schedule(), offset, 5);
    assertThat(outcome)
        .isSuccess()
        .emitted(
            StorageProviderRegistered.class,
            e ->
                e.owner().equals(Dev.ALICE)
                    && e.provingPeriodOffset() == offset
                    && e.provingPeriodStart() == current.periodStart());
    StorageProviderState st = h.state(Dev.ALICE);
    assertThat(st.provingPeriodOffset()).isEqualTo(offset);
    assertThat(st.currentDeadline()).isEqualTo(current.index());
    assertThat(st.deadlineCronActive()).isFalse();
    assertThat(st.windowPoStProofType()).isEqualTo(TWO_KIB);
    assertThat(h.pallet.isRegisteredStorageProvider(h.chain.world(), Dev.ALICE)).isTrue();
    assertThat(h.pallet.isRegisteredStorageProvider(h.chain.world(), Dev.BOB)).isFalse();
    assertThat(FakePower.CLAIMS.find(h.chain.world(), Dev.ALICE)).contains(0L);
  }

  @Test
  void theOffsetDependsOnlyOnTheAccountAndStaysInsideThePeriod() {
    long a = StorageProviderPallet.provingPeriodOffset(Dev.ALICE, 14_400);
    assertThat(a).isEqualTo(StorageProviderPallet.provingPeriodOffset(Dev.ALICE, 14_400));
    java.util.Set<Long> offsets = new java.util.HashSet<>();
    for (var who : Dev.ALL) {
      long o = StorageProviderPallet.provingPeriodOffset(who, 14_400);
      assertThat(o).isBetween(0L, 14_399L);
      offsets.add(o);
    }
    assertThat(offsets).hasSizeGreaterThan(1);
  }

  @Test
  void aSecondRegistrationFails() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new RegisterStorageProvider(new PeerId("other"), TWO_KIB),
        StorageProviderError.StorageProviderExists);
  }

  @Test
  void aProofTypeTheConfigDoesNotAllowFails() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new RegisterStorageProvider(
            new PeerId("peer"), RegisteredPoStProof.StackedDRGWindow32GiBV1P1),
        StorageProviderError.InvalidProofType);
  }

  @Test
  void anEmptyOrOverlongPeerIdFails() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new RegisterStorageProvider(new PeerId(" "), TWO_KIB),
        StorageProviderError.InvalidPeerId);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new RegisterStorageProvider(new PeerId("x".repeat(129)), TWO_KIB),
        StorageProviderError.InvalidPeerId);
  }

  @Test
  void missingArgumentsAndUnsignedOriginsAreTypedFailures() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    assertBadInputWithoutEffect(
        h.chain, Origin.signed(Dev.ALICE), new RegisterStorageProvider(null, TWO_KIB));
    assertBadInputWithoutEffect(
        h.chain, Origin.signed(Dev.ALICE), new RegisterStorageProvider(new PeerId(null), TWO_KIB));
    assertBadInputWithoutEffect(
        h.chain, Origin.signed(Dev.ALICE), new RegisterStorageProvider(new PeerId("p"), null));
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new RegisterStorageProvider(new PeerId("p"), TWO_KIB),
        DispatchError.badOrigin());
  }

  @Test
  void aRefusalOfStoragePowerFailsTheRegistration() {
    StoragePower refusing =
        new StoragePower() {
          @Override
          public void registerMiner(Tx tx, AccountId miner) {
            throw Ensure.fail(FakePower.FakePowerError.AlreadyRegistered);
          }

          @Override
          public void updateMinerPower(Tx tx, AccountId miner, long delta) {}

          @Override
          public long minerPower(StateView view, AccountId miner) {
            return 0;
          }

          @Override
          public boolean isMinerRegistered(StateView view, AccountId miner) {
            return false;
          }
        };
    SpHarness h =
        SpHarness.start(
            StorageProviderConfig.testnet(),
            FakeMarket.withDeals(Dev.ALICE, 1, 300),
            b -> b.coupling(StoragePower.class, refusing));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new RegisterStorageProvider(new PeerId("peer"), TWO_KIB),
        FakePower.FakePowerError.AlreadyRegistered);
  }

  @Test
  void aPinnedOffsetReplacesTheHashedOne() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    h.chain.runToBlock(5);
    var outcome =
        h.chain.dispatch(
            Dev.ALICE,
            new RegisterStorageProvider(
                new PeerId("peer"), TWO_KIB, io.vavr.control.Option.some(37L)));
    // period start: the latest block ≤ 5 that is ≡ 37 (mod 60): 37 − 60
    assertThat(outcome)
        .isSuccess()
        .emitted(
            StorageProviderRegistered.class,
            e -> e.provingPeriodOffset() == 37 && e.provingPeriodStart() == -23);
    StorageProviderState st = h.state(Dev.ALICE);
    assertThat(st.provingPeriodOffset()).isEqualTo(37);
    // (5 − (−23)) / 20 = deadline 1
    assertThat(st.currentDeadline()).isEqualTo(1);
  }

  @Test
  void aPinnedOffsetMustLieInsideTheProvingPeriod() {
    SpHarness h = SpHarness.testnet(Dev.ALICE);
    for (long bad : new long[] {-1, 60, Long.MAX_VALUE, Long.MIN_VALUE}) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(Dev.ALICE),
          new RegisterStorageProvider(
              new PeerId("peer"), TWO_KIB, io.vavr.control.Option.some(bad)),
          StorageProviderError.InvalidProvingPeriodOffset);
    }
    assertBadInputWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new RegisterStorageProvider(new PeerId("peer"), TWO_KIB, null));
    assertBadInputWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new RegisterStorageProvider(
            new PeerId("peer"), TWO_KIB, io.vavr.control.Option.some((Long) null)));
    SpHarness.require(h.register(Dev.ALICE, 59));
  }
}
