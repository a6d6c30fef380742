package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.AccountsHarness.CONTROLS;
import static dev.palletsim.storageprovider.AccountsHarness.M;
import static dev.palletsim.storageprovider.AccountsHarness.MINER;
import static dev.palletsim.storageprovider.AccountsHarness.OWNER;
import static dev.palletsim.storageprovider.AccountsHarness.WORKER;
import static dev.palletsim.storageprovider.AccountsHarness.actor;
import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.ProviderAddresses;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeWorkerAddress;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/change_worker_address_test.rs}, {@code
 * confirm_update_worker_key_test.rs} and {@code miner_actor_test_ctl_addrs.rs} under {@link
 * StorageProviderConfig#filecoin()} ({@code WORKER_KEY_CHANGE_DELAY} = 900), with the Rust
 * harness's accounts ({@link AccountsHarness}) and epochs. The Rust tests of address resolution, of
 * BLS worker keys and of actor types have no counterpart (docs/filecoin-parity.md).
 */
class ChangeWorkerAddressPortTest {
  static final long PERIOD_OFFSET = 100;
  static final AccountId NEW_WORKER = actor(999);

  static AccountsHarness setup() {
    return AccountsHarness.start(PERIOD_OFFSET, FilecoinHarness.BIG_BALANCE);
  }

  @Test
  void successfullyChangeOnlyTheWorkerAddress() {
    AccountsHarness h = setup();
    // close to the next deadline, so that the first cron comes before the effective epoch
    h.setEpoch(2970);
    long effectiveEpoch = 2970 + 900;
    require(h.changeWorkerAddress(NEW_WORKER, CONTROLS));
    assertThat(h.info().pendingWorkerKey())
        .contains(new MinerInfo.WorkerKeyChange(NEW_WORKER, effectiveEpoch));
    // no change before the effective epoch
    DeadlineInfo deadline = h.deadline();
    h.setEpoch(deadline.periodEnd());
    assertThat(deadline.periodEnd()).isLessThan(effectiveEpoch);
    require(h.confirmChangeWorkerAddress());
    assertThat(h.info().pendingWorkerKey().get().newWorker()).isEqualTo(NEW_WORKER);
    assertThat(h.info().worker()).isEqualTo(WORKER);
    // at the effective epoch the confirmation enacts it
    h.setEpoch(effectiveEpoch);
    require(h.confirmChangeWorkerAddress());
    assertThat(h.info().worker()).isEqualTo(NEW_WORKER);
    assertThat(h.info().controlAddresses()).isNotEmpty().containsExactlyElementsOf(CONTROLS);
  }

  @Test
  void changeCannotBeOverridden() {
    AccountsHarness h = setup();
    AccountId newWorker1 = actor(999);
    AccountId newWorker2 = actor(1023);
    h.setEpoch(2970);
    long effectiveEpoch = 2970 + 900;
    require(h.changeWorkerAddress(newWorker1, CONTROLS));
    h.setEpoch(h.deadline().periodEnd());
    // a second request leaves the first in place
    require(h.changeWorkerAddress(newWorker2, CONTROLS));
    assertThat(h.info().pendingWorkerKey())
        .contains(new MinerInfo.WorkerKeyChange(newWorker1, effectiveEpoch));
    h.setEpoch(effectiveEpoch);
    require(h.confirmChangeWorkerAddress());
    assertThat(h.info().worker()).isEqualTo(newWorker1);
  }

  /**
   * The Rust test also resolves a BLS address to its id; palletsim's accounts need no resolving.
   */
  @Test
  void successfullyResolveAndChangeOnlyControlAddresses() {
    AccountsHarness h = setup();
    Seq<AccountId> controls = List.of(actor(555), actor(556));
    require(h.changeWorkerAddress(WORKER, controls));
    assertThat(h.info().worker()).isEqualTo(WORKER);
    assertThat(h.info().pendingWorkerKey()).isEmpty();
    assertThat(h.info().controlAddresses()).containsExactly(actor(555), actor(556));
  }

  @Test
  void successfullyChangeBothWorkerAndControlAddresses() {
    AccountsHarness h = setup();
    Seq<AccountId> controls = List.of(actor(5001), actor(5002));
    h.setEpoch(5);
    long effectiveEpoch = 5 + 900;
    require(h.changeWorkerAddress(NEW_WORKER, controls));
    h.setEpoch(effectiveEpoch);
    require(h.confirmChangeWorkerAddress());
    assertThat(h.info().controlAddresses()).containsExactly(actor(5001), actor(5002));
    assertThat(h.info().worker()).isEqualTo(NEW_WORKER);
  }

  @Test
  void successfullyClearAllControlAddresses() {
    AccountsHarness h = setup();
    require(h.changeWorkerAddress(WORKER, List.empty()));
    assertThat(h.info().controlAddresses()).isEmpty();
  }

  @Test
  void failsIfControlAddressesLengthExceedsMaximumLimit() {
    AccountsHarness h = setup();
    Seq<AccountId> eleven = List.rangeClosed(0, 10).map(i -> actor(i));
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(OWNER),
        new ChangeWorkerAddress(M, WORKER, eleven),
        StorageProviderError.TooManyControlAddresses);
  }

  @Test
  void failsWhenCallerIsNotTheOwner() {
    AccountsHarness h = setup();
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(WORKER),
        new ChangeWorkerAddress(M, NEW_WORKER, List.empty()),
        StorageProviderError.NotOwner);
  }

  // ------------------------------------------------------ confirm_update_worker_key_test.rs

  static AccountsHarness setupAtEpoch5() {
    AccountsHarness h = setup();
    h.setEpoch(5);
    return h;
  }

  @Test
  void successfullyChangesTheWorkerAddress() {
    AccountsHarness h = setupAtEpoch5();
    long effectiveEpoch = h.now() + 900;
    require(h.changeWorkerAddress(NEW_WORKER, CONTROLS));
    h.setEpoch(effectiveEpoch);
    require(h.confirmChangeWorkerAddress());
    assertThat(h.info().worker()).isEqualTo(NEW_WORKER);
    assertThat(h.info().pendingWorkerKey()).isEmpty();
  }

  @Test
  void doesNothingBeforeTheEffectiveDate() {
    AccountsHarness h = setupAtEpoch5();
    long effectiveEpoch = h.now() + 900;
    require(h.changeWorkerAddress(NEW_WORKER, CONTROLS));
    h.setEpoch(effectiveEpoch - 1);
    require(h.confirmChangeWorkerAddress());
    assertThat(h.info().worker()).isEqualTo(WORKER);
    assertThat(h.info().pendingWorkerKey())
        .contains(new MinerInfo.WorkerKeyChange(NEW_WORKER, effectiveEpoch));
  }

  @Test
  void doesNothingWhenNoUpdateIsSet() {
    AccountsHarness h = setupAtEpoch5();
    MinerInfo before = h.info();
    assertThat(h.confirmChangeWorkerAddress())
        .isSuccess()
        .emittedNo(StorageProviderEvent.WorkerChanged.class);
    assertThat(h.info()).isEqualTo(before);
    assertThat(h.info().worker()).isEqualTo(WORKER);
    assertThat(h.info().pendingWorkerKey()).isEmpty();
  }

  // ------------------------------------------------------ miner_actor_test_ctl_addrs.rs

  @Test
  void testControlAddrs() {
    AccountsHarness h = AccountsHarness.start(0, FilecoinHarness.BIG_BALANCE);
    assertThat(h.sp.pallet.controlAddresses(h.sp.chain.world(), MINER))
        .contains(new ProviderAddresses(OWNER, WORKER, CONTROLS.toVector()));
  }
}
