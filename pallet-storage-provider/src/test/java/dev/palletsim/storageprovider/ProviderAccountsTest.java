package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.PeerId;
import dev.palletsim.frame.traits.ProviderAddresses;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeOwnerAddress;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeWorkerAddress;
import dev.palletsim.storageprovider.StorageProviderCall.CompactPartitions;
import dev.palletsim.storageprovider.StorageProviderCall.ConfirmChangeWorkerAddress;
import dev.palletsim.storageprovider.StorageProviderCall.DeclareFaults;
import dev.palletsim.storageprovider.StorageProviderCall.DeclareFaultsRecovered;
import dev.palletsim.storageprovider.StorageProviderCall.ExtendSectorExpiration;
import dev.palletsim.storageprovider.StorageProviderCall.PreCommitSectors;
import dev.palletsim.storageprovider.StorageProviderCall.ProveCommitSectors;
import dev.palletsim.storageprovider.StorageProviderCall.RegisterStorageProvider;
import dev.palletsim.storageprovider.StorageProviderCall.RepayDebt;
import dev.palletsim.storageprovider.StorageProviderCall.SubmitWindowedPost;
import dev.palletsim.storageprovider.StorageProviderCall.TerminateSectors;
import dev.palletsim.storageprovider.StorageProviderEvent.ControlAddressesChanged;
import dev.palletsim.storageprovider.StorageProviderEvent.OwnerChangeProposed;
import dev.palletsim.storageprovider.StorageProviderEvent.OwnerChanged;
import dev.palletsim.storageprovider.StorageProviderEvent.ProviderAccountsSet;
import dev.palletsim.storageprovider.StorageProviderEvent.WorkerChangeRequested;
import dev.palletsim.storageprovider.StorageProviderEvent.WorkerChanged;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * A provider's owner, worker and control addresses under the testnet preset: who may make each call
 * (builtin-actors' {@code validate_immediate_caller_is} lists, checked in one place, {@code
 * CallChecks.authorize}), and the calls that change them, with their events and failures.
 */
class ProviderAccountsTest {
  static final AccountId PROVIDER = Dev.ALICE;
  static final AccountId OWNER = Dev.BOB;
  static final AccountId WORKER = Dev.CHARLIE;
  static final AccountId CONTROL = Dev.DAVE;
  static final AccountId STRANGER = Dev.EVE;
  static final AccountId NEW_WORKER = Dev.FERDIE;
  static final Option<AccountId> P = Option.some(PROVIDER);

  static SpHarness registered() {
    SpHarness h = SpHarness.testnet(PROVIDER);
    require(h.register(PROVIDER, OWNER, WORKER, List.of(CONTROL)));
    return h;
  }

  /** One more control address than {@code maxControlAddresses} allows. */
  static Seq<AccountId> elevenControls() {
    return List.range(0, 11).map(i -> Dev.account("control-" + i));
  }

  static MinerInfo info(SpHarness h) {
    return h.pallet.minerInfo(h.chain.world(), PROVIDER);
  }

  /**
   * {@code call} is refused to a stranger and to the provider's own account, then made by {@code
   * allowed}.
   */
  static void onlyControllers(SpHarness h, Call<?> call, AccountId allowed) {
    for (AccountId refused : List.of(STRANGER, PROVIDER, NEW_WORKER)) {
      assertFailsWithoutEffect(
          h.chain, Origin.signed(refused), call, StorageProviderError.NotControllingAddress);
    }
    require(h.chain.dispatch(allowed, call));
  }

  static void onlyOwner(SpHarness h, Call<?> call) {
    for (AccountId refused : List.of(WORKER, CONTROL, STRANGER, PROVIDER)) {
      assertFailsWithoutEffect(
          h.chain, Origin.signed(refused), call, StorageProviderError.NotOwner);
    }
    require(h.chain.dispatch(OWNER, call));
  }

  // ------------------------------------------------------------------ registration

  @Test
  void registeringWithAccountsRecordsThemAndTellsTheMarket() {
    SpHarness h = SpHarness.testnet(PROVIDER);
    assertThat(h.register(PROVIDER, OWNER, WORKER, List.of(CONTROL)))
        .isSuccess()
        .emitted(
            ProviderAccountsSet.class,
            e -> e.equals(new ProviderAccountsSet(PROVIDER, OWNER, WORKER, Vector.of(CONTROL))));
    MinerInfo info = info(h);
    assertThat(info.owner()).isEqualTo(OWNER);
    assertThat(info.worker()).isEqualTo(WORKER);
    assertThat(info.controlAddresses()).containsExactly(CONTROL);
    assertThat(info.beneficiary()).isEqualTo(OWNER);
    assertThat(info.consensusFaultElapsed()).isEqualTo(-1);
    assertThat(h.pallet.controlAddresses(h.chain.world(), PROVIDER))
        .contains(new ProviderAddresses(OWNER, WORKER, Vector.of(CONTROL)));
    for (AccountId a : List.of(OWNER, WORKER, CONTROL)) {
      assertThat(h.pallet.isControllingAddress(h.chain.world(), PROVIDER, a)).isTrue();
    }
    for (AccountId a : List.of(PROVIDER, STRANGER)) {
      assertThat(h.pallet.isControllingAddress(h.chain.world(), PROVIDER, a)).isFalse();
    }
    assertThat(h.pallet.controlAddresses(h.chain.world(), STRANGER)).isEmpty();
  }

  @Test
  void aProviderRegisteredWithoutAccountsIsItsOwnOwnerWorkerAndBeneficiaryAndStoresNothing() {
    SpHarness h = SpHarness.testnet(PROVIDER);
    assertThat(h.register(PROVIDER)).isSuccess().emittedNo(ProviderAccountsSet.class);
    assertThat(info(h)).isEqualTo(MinerInfo.selfOwned(PROVIDER));
    assertThat(StorageProviderStorage.MINER_INFO.find(h.chain.world(), PROVIDER)).isEmpty();
    assertThat(h.pallet.controlAddresses(h.chain.world(), PROVIDER))
        .contains(ProviderAddresses.selfOwned(PROVIDER));
    // naming itself explicitly is the same registration
    SpHarness same = SpHarness.testnet(PROVIDER);
    require(same.register(PROVIDER, PROVIDER, PROVIDER, List.empty()));
    assertThat(same.chain.stateHash()).isEqualTo(h.chain.stateHash());
  }

  static RegisterStorageProvider registration(
      SpHarness h,
      Option<AccountId> owner,
      Option<AccountId> worker,
      Option<Seq<AccountId>> controls) {
    return new RegisterStorageProvider(
        new PeerId("p"),
        h.config.allowedPoStProofs().head(),
        Option.none(),
        owner,
        worker,
        controls);
  }

  @Test
  void registrationRefusesTooManyControlAddressesAndMissingAccounts() {
    SpHarness h = SpHarness.testnet(PROVIDER);
    Seq<AccountId> eleven = elevenControls();
    Option<AccountId> none = Option.none();
    Origin signed = Origin.signed(PROVIDER);
    assertFailsWithoutEffect(
        h.chain,
        signed,
        registration(h, none, none, Option.some(eleven)),
        StorageProviderError.TooManyControlAddresses);
    assertBadInputWithoutEffect(
        h.chain, signed, registration(h, Option.some(null), none, Option.none()));
    assertBadInputWithoutEffect(h.chain, signed, registration(h, none, null, Option.none()));
    assertBadInputWithoutEffect(
        h.chain, signed, registration(h, none, none, Option.some(List.of((AccountId) null))));
    // ten are allowed
    require(h.chain.dispatch(PROVIDER, registration(h, none, none, Option.some(eleven.take(10)))));
  }

  // ------------------------------------------------------------------ who may call

  @Test
  void theWorkerAndControlAddressesRunTheSectorsAndNoOneElseMay() {
    SpHarness h = registered();
    h.chain.runToBlock(2);
    SectorPreCommitInfo info = h.preCommitInfo(PROVIDER, 1, List.empty(), h.defaultExpiration());
    onlyControllers(h, new PreCommitSectors(P, List.of(info)), WORKER);
    h.runToProvable(PROVIDER, 1);
    onlyControllers(h, new ProveCommitSectors(P, List.of(h.validProof(PROVIDER, 1))), CONTROL);
    SectorOnChainInfo s = h.sector(PROVIDER, 1);
    DeadlineInfo dl = h.runToSectorDeadline(PROVIDER, 1);
    var parts = List.of(s.partition());
    onlyControllers(
        h,
        new SubmitWindowedPost(
            P,
            dl.index(),
            parts.map(PoStPartition::of),
            h.validPoSt(PROVIDER, dl.index(), parts),
            h.now() - 1),
        WORKER);
    assertThat(h.power(PROVIDER)).isEqualTo(h.sectorSize());
    h.runPastDeadline(PROVIDER, s.deadline());
    onlyControllers(
        h,
        new ExtendSectorExpiration(
            P,
            List.of(
                new ExpirationExtension(
                    s.deadline(), s.partition(), List.of(1L), s.expiration() + 1))),
        OWNER);

    onlyControllers(h, new DeclareFaults(P, List.of(SpHarness.declaration(s))), CONTROL);
    onlyControllers(h, new DeclareFaultsRecovered(P, List.of(SpHarness.declaration(s))), OWNER);
    onlyControllers(h, new RepayDebt(P), WORKER);
    for (AccountId refused : List.of(STRANGER, PROVIDER)) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(refused),
          new CompactPartitions(P, s.deadline(), List.empty()),
          StorageProviderError.NotControllingAddress);
    }
    onlyControllers(h, new TerminateSectors(P, List.of(SpHarness.declaration(s))), CONTROL);
    assertThat(h.pallet.findSector(h.chain.world(), PROVIDER, 1)).isEmpty();
  }

  @Test
  void aCallWithoutAProviderActsForTheSignersOwnAndAnUnknownProviderIsNotFound() {
    SpHarness h = registered();
    // the worker is not a provider itself
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(WORKER),
        new RepayDebt(Option.none()),
        StorageProviderError.StorageProviderNotFound);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(WORKER),
        new RepayDebt(Option.some(STRANGER)),
        StorageProviderError.StorageProviderNotFound);
    assertBadInputWithoutEffect(h.chain, Origin.signed(WORKER), new RepayDebt(Option.some(null)));
    assertBadInputWithoutEffect(h.chain, Origin.signed(WORKER), new RepayDebt(null));
    assertFailsWithoutEffect(h.chain, Origin.root(), new RepayDebt(P), DispatchError.badOrigin());
  }

  // ------------------------------------------------------------------ worker and controls

  @Test
  void theOwnerChangesTheControlsAtOnceAndTheWorkerAfterTheDelay() {
    SpHarness h = registered();
    h.chain.runToBlock(3);
    long effectiveAt = 3 + h.config.workerKeyChangeDelay();
    var request = new ChangeWorkerAddress(P, NEW_WORKER, List.of(STRANGER));
    assertThat(h.chain.dispatch(OWNER, request))
        .isSuccess()
        .emittedExactly(
            new ControlAddressesChanged(PROVIDER, Vector.of(STRANGER)),
            new WorkerChangeRequested(PROVIDER, NEW_WORKER, effectiveAt));
    MinerInfo info = info(h);
    assertThat(info.controlAddresses()).containsExactly(STRANGER);
    assertThat(info.worker()).isEqualTo(WORKER);
    assertThat(info.pendingWorkerKey())
        .contains(new MinerInfo.WorkerKeyChange(NEW_WORKER, effectiveAt));
    // the control addresses changed at once
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(CONTROL),
        new RepayDebt(P),
        StorageProviderError.NotControllingAddress);
    require(h.chain.dispatch(STRANGER, new RepayDebt(P)));
    // before the effective block a confirmation does nothing
    h.chain.runToBlock(effectiveAt - 1);
    assertThat(h.chain.dispatch(OWNER, new ConfirmChangeWorkerAddress(P)))
        .isSuccess()
        .emittedNo(WorkerChanged.class);
    assertThat(info(h).worker()).isEqualTo(WORKER);
    h.chain.runToBlock(effectiveAt);
    assertThat(h.chain.dispatch(OWNER, new ConfirmChangeWorkerAddress(P)))
        .isSuccess()
        .emittedExactly(new WorkerChanged(PROVIDER, WORKER, NEW_WORKER));
    assertThat(info(h).worker()).isEqualTo(NEW_WORKER);
    assertThat(info(h).pendingWorkerKey()).isEmpty();
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(WORKER),
        new RepayDebt(P),
        StorageProviderError.NotControllingAddress);
    require(h.chain.dispatch(NEW_WORKER, new RepayDebt(P)));
  }

  @Test
  void aPendingWorkerChangeIsNotReplacedAndTheCurrentWorkerRequestsNothing() {
    SpHarness h = registered();
    require(h.chain.dispatch(OWNER, new ChangeWorkerAddress(P, NEW_WORKER, List.empty())));
    var pending = info(h).pendingWorkerKey();
    h.chain.runBlocks(2);
    assertThat(h.chain.dispatch(OWNER, new ChangeWorkerAddress(P, STRANGER, List.of(CONTROL))))
        .isSuccess()
        .emittedNo(WorkerChangeRequested.class);
    assertThat(info(h).pendingWorkerKey()).isEqualTo(pending);
    assertThat(info(h).controlAddresses()).containsExactly(CONTROL);
    SpHarness g = registered();
    assertThat(g.chain.dispatch(OWNER, new ChangeWorkerAddress(P, WORKER, List.empty())))
        .isSuccess()
        .emittedNo(WorkerChangeRequested.class);
    assertThat(info(g).pendingWorkerKey()).isEmpty();
    assertThat(info(g).controlAddresses()).isEmpty();
  }

  @Test
  void theDeadlineCronEnactsADueWorkerChange() {
    SpHarness h = registered();
    h.chain.runToBlock(2);
    require(
        h.chain.dispatch(
            WORKER,
            new PreCommitSectors(
                P, List.of(h.preCommitInfo(PROVIDER, 1, List.empty(), h.defaultExpiration())))));
    require(h.chain.dispatch(OWNER, new ChangeWorkerAddress(P, NEW_WORKER, List.empty())));
    long effectiveAt = h.now() + h.config.workerKeyChangeDelay();
    // the first deadline close at or after the effective block makes the change
    DeadlineInfo dl = h.pallet.currentDeadline(h.chain.world(), PROVIDER, effectiveAt).get();
    h.chain.runToBlock(dl.last() - 1);
    assertThat(info(h).worker()).isEqualTo(WORKER);
    h.chain.runToBlock(dl.last() + 1);
    assertThat(h.chain.lastBlock().eventsOf(WorkerChanged.class))
        .containsExactly(new WorkerChanged(PROVIDER, WORKER, NEW_WORKER));
    assertThat(info(h).worker()).isEqualTo(NEW_WORKER);
    assertThat(info(h).pendingWorkerKey()).isEmpty();
  }

  @Test
  void onlyTheOwnerChangesOrConfirmsTheWorker() {
    SpHarness h = registered();
    for (AccountId refused : List.of(WORKER, CONTROL, STRANGER, PROVIDER)) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(refused),
          new ChangeWorkerAddress(P, NEW_WORKER, List.empty()),
          StorageProviderError.NotOwner);
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(refused),
          new ConfirmChangeWorkerAddress(P),
          StorageProviderError.NotOwner);
    }
    Seq<AccountId> eleven = elevenControls();
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(OWNER),
        new ChangeWorkerAddress(P, NEW_WORKER, eleven),
        StorageProviderError.TooManyControlAddresses);
    assertBadInputWithoutEffect(
        h.chain, Origin.signed(OWNER), new ChangeWorkerAddress(P, null, List.empty()));
    assertBadInputWithoutEffect(
        h.chain, Origin.signed(OWNER), new ChangeWorkerAddress(P, WORKER, null));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(OWNER),
        new ChangeWorkerAddress(Option.some(STRANGER), NEW_WORKER, List.empty()),
        StorageProviderError.StorageProviderNotFound);
    assertFailsWithoutEffect(
        h.chain, Origin.none(), new ConfirmChangeWorkerAddress(P), DispatchError.badOrigin());
  }

  // ------------------------------------------------------------------ owner

  @Test
  void theProposedOwnerConfirmsAndTakesTheOwnersPowersAndItsBeneficiary() {
    SpHarness h = registered();
    assertThat(h.chain.dispatch(OWNER, new ChangeOwnerAddress(P, STRANGER)))
        .isSuccess()
        .emittedExactly(new OwnerChangeProposed(PROVIDER, Option.some(STRANGER)));
    assertThat(info(h).pendingOwnerAddress()).contains(STRANGER);
    assertThat(info(h).owner()).isEqualTo(OWNER);
    assertThat(h.chain.dispatch(STRANGER, new ChangeOwnerAddress(P, STRANGER)))
        .isSuccess()
        .emittedExactly(new OwnerChanged(PROVIDER, OWNER, STRANGER));
    MinerInfo info = info(h);
    assertThat(info.owner()).isEqualTo(STRANGER);
    assertThat(info.beneficiary()).isEqualTo(STRANGER);
    assertThat(info.pendingOwnerAddress()).isEmpty();
    onlyOwnerNow(h, STRANGER, OWNER);
  }

  private static void onlyOwnerNow(SpHarness h, AccountId owner, AccountId former) {
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(former),
        new ChangeWorkerAddress(P, NEW_WORKER, List.empty()),
        StorageProviderError.NotOwner);
    require(h.chain.dispatch(owner, new ChangeWorkerAddress(P, NEW_WORKER, List.empty())));
  }

  @Test
  void proposingTheOwnerItselfWithdrawsTheProposal() {
    SpHarness h = registered();
    require(h.chain.dispatch(OWNER, new ChangeOwnerAddress(P, STRANGER)));
    assertThat(h.chain.dispatch(OWNER, new ChangeOwnerAddress(P, OWNER)))
        .isSuccess()
        .emittedExactly(new OwnerChangeProposed(PROVIDER, Option.none()));
    assertThat(info(h).pendingOwnerAddress()).isEmpty();
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(STRANGER),
        new ChangeOwnerAddress(P, STRANGER),
        StorageProviderError.NotOwner);
  }

  @Test
  void ownerChangesAreRefusedToEveryoneElse() {
    SpHarness h = registered();
    for (AccountId refused : List.of(WORKER, CONTROL, STRANGER, PROVIDER)) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(refused),
          new ChangeOwnerAddress(P, refused),
          StorageProviderError.NotOwner);
    }
    require(h.chain.dispatch(OWNER, new ChangeOwnerAddress(P, STRANGER)));
    for (AccountId refused : List.of(WORKER, CONTROL, PROVIDER)) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(refused),
          new ChangeOwnerAddress(P, refused),
          StorageProviderError.NotProposedOwner);
    }
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(STRANGER),
        new ChangeOwnerAddress(P, OWNER),
        StorageProviderError.OwnerConfirmationMismatch);
    assertBadInputWithoutEffect(h.chain, Origin.signed(OWNER), new ChangeOwnerAddress(P, null));
    assertFailsWithoutEffect(
        h.chain, Origin.root(), new ChangeOwnerAddress(P, OWNER), DispatchError.badOrigin());
  }

  // ------------------------------------------------------------------ beneficiary

  @Test
  void aBeneficiaryChangeTakesTheNomineesAndTheBeneficiarysApproval() {
    SpHarness h = registered();
    var proposal = new StorageProviderCall.ChangeBeneficiary(P, STRANGER, 500, 100);
    assertThat(SpHarness.spEvents(h.chain.dispatch(OWNER, proposal)))
        .containsExactly(
            new StorageProviderEvent.BeneficiaryChangeProposed(PROVIDER, STRANGER, 500, 100));
    // the owner is the beneficiary and proposed it: the nominee's approval completes it
    for (AccountId refused : List.of(WORKER, CONTROL, PROVIDER)) {
      assertFailsWithoutEffect(
          h.chain, Origin.signed(refused), proposal, StorageProviderError.NotBeneficiaryOrNominee);
    }
    assertThat(SpHarness.spEvents(h.chain.dispatch(STRANGER, proposal)))
        .containsExactly(new StorageProviderEvent.BeneficiaryChanged(PROVIDER, STRANGER, 500, 100));
    assertThat(info(h).beneficiary()).isEqualTo(STRANGER);
    // nothing is pending any more
    assertFailsWithoutEffect(
        h.chain, Origin.signed(STRANGER), proposal, StorageProviderError.NoBeneficiaryProposal);
    assertBadInputWithoutEffect(
        h.chain, Origin.signed(OWNER), new StorageProviderCall.ChangeBeneficiary(P, null, 1, 1));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(OWNER),
        new StorageProviderCall.ChangeBeneficiary(Option.some(STRANGER), OWNER, 0, 0),
        StorageProviderError.StorageProviderNotFound);
    assertFailsWithoutEffect(
        h.chain,
        Origin.root(),
        new StorageProviderCall.ChangeBeneficiary(P, OWNER, 0, 0),
        DispatchError.badOrigin());
  }
}
