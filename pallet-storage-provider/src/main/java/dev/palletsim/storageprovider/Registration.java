package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;

import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.PeerId;
import dev.palletsim.storageprovider.StorageProviderEvent.ProviderAccountsSet;
import dev.palletsim.storageprovider.StorageProviderEvent.StorageProviderRegistered;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The registration call of the storage provider pallet ({@code registerStorageProvider},
 * builtin-actors' miner constructor): a provider's state, its proving-period offset, its owner,
 * worker and control addresses, and its miner claim in collator power.
 */
final class Registration extends CallGroup {

  Registration(StorageProviderPallet pallet) {
    super(pallet);
  }

  /** {@code option}, checked present, with its value checked present when defined. */
  private static <T> Option<T> present(Option<T> option, String what) {
    Ensure.present(option, what);
    if (option.isDefined()) Ensure.present(option.get(), what);
    return option;
  }

  void registerStorageProvider(
      Tx tx,
      Origin origin,
      PeerId peerId,
      RegisteredPoStProof windowPoStProofType,
      Option<Long> pinnedOffset,
      Option<AccountId> ownerAccount,
      Option<AccountId> workerAccount,
      Option<Seq<AccountId>> controlAddresses) {
    AccountId owner = Origin.ensureSigned(origin);
    String id = Ensure.present(Ensure.present(peerId, "peer_id").value(), "peer_id");
    ensure(
        !id.isBlank() && id.length() <= config.maxPeerIdLength(),
        StorageProviderError.InvalidPeerId);
    Ensure.present(windowPoStProofType, "window_post_proof_type");
    ensure(
        config.allowedPoStProofs().contains(windowPoStProofType),
        StorageProviderError.InvalidProofType);
    Ensure.present(pinnedOffset, "proving_period_offset");
    if (pinnedOffset.isDefined()) {
      long pinned = Ensure.present(pinnedOffset.get(), "proving_period_offset");
      ensure(
          pinned >= 0 && pinned < config.wPoStProvingPeriod(),
          StorageProviderError.InvalidProvingPeriodOffset);
    }
    AccountId ownerKey = present(ownerAccount, "owner").getOrElse(owner);
    AccountId workerKey = present(workerAccount, "worker").getOrElse(owner);
    Vector<AccountId> controls =
        checks.controlAddresses(
            present(controlAddresses, "control_addresses").getOrElse(List.empty()));
    ensure(!PROVIDERS.contains(tx, owner), StorageProviderError.StorageProviderExists);
    // seed 001: the miner may have created its claim with create_miner at bootstrap; adopt it
    if (!pallet.storagePower().isMinerRegistered(tx, owner))
      pallet.storagePower().registerMiner(tx, owner);
    long offset =
        pinnedOffset.getOrElse(
            () -> StorageProviderPallet.provingPeriodOffset(owner, config.wPoStProvingPeriod()));
    DeadlineInfo current = DeadlineInfo.current(schedule, offset, tx.blockNumber());
    PROVIDERS.insert(
        tx,
        owner,
        new StorageProviderState(
            peerId,
            windowPoStProofType,
            offset,
            current.periodStart(),
            current.index(),
            false,
            0,
            0,
            0,
            0,
            0,
            0));
    pallet.putMinerInfo(tx, owner, MinerInfo.of(ownerKey, workerKey, controls));
    tx.deposit(
        new StorageProviderRegistered(
            owner, peerId, windowPoStProofType, offset, current.periodStart()));
    if (!pallet.minerInfo(tx, owner).equals(MinerInfo.selfOwned(owner))) {
      tx.deposit(new ProviderAccountsSet(owner, ownerKey, workerKey, controls));
    }
  }
}
