package dev.palletsim.storageprovider;

/**
 * What every call group of the storage provider pallet reads: the pallet (storage reads,
 * couplings), its constants and schedule, the shared checks and the ledger of money and power.
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
