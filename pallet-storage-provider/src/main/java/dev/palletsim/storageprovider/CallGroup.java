package dev.palletsim.storageprovider;

/**
 * What every call group of the storage provider pallet reads: the pallet (storage reads,
 * couplings), its constants and schedule, the shared checks and the ledger of money and power. In
 * the calls, a variable {@code owner} names the provider's account (the key of its state and the
 * first field of its events), as it did before providers had accounts of their own; the owner role
 * is {@code MinerInfo.owner}, and every call learns the provider and its roles from {@code
 * CallChecks.authorize}.
 */
abstract class CallGroup {
  final StorageProviderPallet pallet;
  final StorageProviderConfig config;
  final ProvingSchedule schedule;
  final ProviderLedger ledger;
  final CallChecks checks;

  CallGroup(StorageProviderPallet pallet) {
    this.pallet = pallet;
    this.config = pallet.config();
    this.schedule = pallet.schedule();
    this.ledger = pallet.ledger();
    this.checks = pallet.checks();
  }
}
