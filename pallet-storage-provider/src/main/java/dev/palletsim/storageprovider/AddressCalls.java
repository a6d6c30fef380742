package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.CallChecks.Authorized;
import dev.palletsim.storageprovider.CallChecks.Callers;
import dev.palletsim.storageprovider.MinerInfo.BeneficiaryTerm;
import dev.palletsim.storageprovider.MinerInfo.PendingBeneficiaryChange;
import dev.palletsim.storageprovider.MinerInfo.WorkerKeyChange;
import dev.palletsim.storageprovider.StorageProviderEvent.BeneficiaryChangeProposed;
import dev.palletsim.storageprovider.StorageProviderEvent.BeneficiaryChanged;
import dev.palletsim.storageprovider.StorageProviderEvent.ControlAddressesChanged;
import dev.palletsim.storageprovider.StorageProviderEvent.OwnerChangeProposed;
import dev.palletsim.storageprovider.StorageProviderEvent.OwnerChanged;
import dev.palletsim.storageprovider.StorageProviderEvent.WorkerChangeRequested;
import dev.palletsim.storageprovider.StorageProviderEvent.WorkerChanged;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The account calls of the storage provider pallet, as builtin-actors' miner makes them: {@code
 * changeWorkerAddress} and {@code confirmChangeWorkerAddress} (the worker changes {@code
 * workerKeyChangeDelay} blocks after the request, control addresses at once), {@code
 * changeOwnerAddress} (proposed by the owner, confirmed by the proposed account), and {@code
 * changeBeneficiary} (FIP-0029: proposed by the owner, approved by the nominee and the current
 * beneficiary). The deadline cron confirms a due worker change at every close ({@link
 * #processPendingWorker}).
 */
final class AddressCalls extends CallGroup {

  AddressCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  void changeWorkerAddress(
      Tx tx,
      Origin origin,
      Option<AccountId> provider,
      AccountId newWorker,
      Seq<AccountId> newControlAddresses) {
    Origin.ensureSigned(origin);
    Ensure.present(newWorker, "new_worker");
    Vector<AccountId> controls = checks.controlAddresses(newControlAddresses);
    Authorized caller = checks.authorize(tx, origin, provider, Callers.Owner);
    AccountId owner = caller.provider();
    MinerInfo info = caller.info().withControlAddresses(controls);
    tx.deposit(new ControlAddressesChanged(owner, controls));
    // builtin-actors: a pending request is not replaced, and the current worker requests nothing
    if (!newWorker.equals(info.worker()) && info.pendingWorkerKey().isEmpty()) {
      long effectiveAt = Checked.add(tx.blockNumber(), config.workerKeyChangeDelay());
      info =
          info.withWorker(info.worker(), Option.some(new WorkerKeyChange(newWorker, effectiveAt)));
      tx.deposit(new WorkerChangeRequested(owner, newWorker, effectiveAt));
    }
    pallet.putMinerInfo(tx, owner, info);
  }

  void confirmChangeWorkerAddress(Tx tx, Origin origin, Option<AccountId> provider) {
    Authorized caller = checks.authorize(tx, origin, provider, Callers.Owner);
    processPendingWorker(tx, caller.provider(), caller.info());
  }

  /**
   * Makes the requested worker the worker if its effective block has come (builtin-actors' {@code
   * process_pending_worker}): from {@code confirmChangeWorkerAddress} and from every deadline
   * close. Returns the information after.
   */
  MinerInfo processPendingWorker(Tx tx, AccountId owner, MinerInfo info) {
    if (info.pendingWorkerKey().isEmpty()) return info;
    WorkerKeyChange change = info.pendingWorkerKey().get();
    if (tx.blockNumber() < change.effectiveAt()) return info;
    MinerInfo next = info.withWorker(change.newWorker(), Option.none());
    pallet.putMinerInfo(tx, owner, next);
    tx.deposit(new WorkerChanged(owner, info.worker(), change.newWorker()));
    return next;
  }

  void changeOwnerAddress(Tx tx, Origin origin, Option<AccountId> provider, AccountId newOwner) {
    AccountId signer = Origin.ensureSigned(origin);
    Ensure.present(newOwner, "new_owner");
    Authorized caller = checks.authorize(tx, origin, provider, Callers.Anyone);
    AccountId owner = caller.provider();
    MinerInfo info = caller.info();
    if (signer.equals(info.owner()) || info.pendingOwnerAddress().isEmpty()) {
      ensure(signer.equals(info.owner()), StorageProviderError.NotOwner);
      // proposing the owner itself withdraws any proposal
      Option<AccountId> proposed =
          newOwner.equals(info.owner()) ? Option.none() : Option.some(newOwner);
      info = info.withPendingOwner(proposed);
      tx.deposit(new OwnerChangeProposed(owner, proposed));
    } else {
      AccountId pending = info.pendingOwnerAddress().get();
      ensure(signer.equals(pending), StorageProviderError.NotProposedOwner);
      ensure(newOwner.equals(pending), StorageProviderError.OwnerConfirmationMismatch);
      // a beneficiary that was the owner follows it; a pending beneficiary change is dropped
      AccountId beneficiary =
          info.beneficiary().equals(info.owner()) ? pending : info.beneficiary();
      AccountId previous = info.owner();
      info =
          info.withOwner(pending)
              .withPendingOwner(Option.none())
              .withBeneficiary(beneficiary, info.beneficiaryTerm(), Option.none());
      tx.deposit(new OwnerChanged(owner, previous, pending));
    }
    pallet.putMinerInfo(tx, owner, info);
  }

  void changeBeneficiary(
      Tx tx,
      Origin origin,
      Option<AccountId> provider,
      AccountId newBeneficiary,
      long newQuota,
      long newExpiration) {
    AccountId signer = Origin.ensureSigned(origin);
    Ensure.present(newBeneficiary, "new_beneficiary");
    Authorized caller = checks.authorize(tx, origin, provider, Callers.Anyone);
    AccountId owner = caller.provider();
    MinerInfo info = caller.info();
    long now = tx.blockNumber();
    PendingBeneficiaryChange pending;
    if (signer.equals(info.owner())) {
      if (!newBeneficiary.equals(info.owner())) {
        ensure(newQuota > 0, StorageProviderError.InvalidBeneficiaryTerm);
      } else {
        ensure(newQuota == 0 && newExpiration == 0, StorageProviderError.InvalidBeneficiaryTerm);
      }
      // a current beneficiary whose term is over need not approve
      boolean beneficiaryDone = info.beneficiaryTerm().available(now) == 0;
      pending =
          new PendingBeneficiaryChange(
              newBeneficiary, newQuota, newExpiration, beneficiaryDone, false);
      tx.deposit(new BeneficiaryChangeProposed(owner, newBeneficiary, newQuota, newExpiration));
    } else {
      ensure(info.pendingBeneficiaryTerm().isDefined(), StorageProviderError.NoBeneficiaryProposal);
      pending = info.pendingBeneficiaryTerm().get();
      ensure(
          signer.equals(info.beneficiary()) || signer.equals(pending.newBeneficiary()),
          StorageProviderError.NotBeneficiaryOrNominee);
      ensure(
          pending.newBeneficiary().equals(newBeneficiary)
              && pending.newQuota() == newQuota
              && pending.newExpiration() == newExpiration,
          StorageProviderError.BeneficiaryProposalMismatch);
    }
    pending = pending.approvedBy(signer.equals(info.beneficiary()), signer.equals(newBeneficiary));
    if (pending.approvedByBeneficiary() && pending.approvedByNominee()) {
      // a new beneficiary starts with nothing used; the same one keeps what it used
      long used =
          newBeneficiary.equals(info.beneficiary()) ? info.beneficiaryTerm().usedQuota() : 0;
      info =
          info.withBeneficiary(
              newBeneficiary, new BeneficiaryTerm(newQuota, used, newExpiration), Option.none());
      tx.deposit(new BeneficiaryChanged(owner, newBeneficiary, newQuota, newExpiration));
    } else {
      info = info.withBeneficiary(info.beneficiary(), info.beneficiaryTerm(), Option.some(pending));
    }
    pallet.putMinerInfo(tx, owner, info);
  }
}
