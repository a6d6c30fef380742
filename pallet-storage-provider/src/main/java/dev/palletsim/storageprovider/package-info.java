/**
 * The storage provider pallet: sectors, WindowPoSt deadlines and partitions, faults, recoveries and
 * penalties (seed 000 mapped onto deadlines as ARCHITECTURE §1 describes; Filecoin's miner actor,
 * filecoin-actors.md §3; without polka-storage's defects, polka-storage.md §1).
 *
 * <p>Anatomy: {@link dev.palletsim.storageprovider.StorageProviderPallet} (couplings, hook, public
 * helpers, the call groups), {@link dev.palletsim.storageprovider.StorageProviderCall}, {@link
 * dev.palletsim.storageprovider.StorageProviderConfig}, {@link
 * dev.palletsim.storageprovider.StorageProviderStorage}, {@link
 * dev.palletsim.storageprovider.StorageProviderEvent}, {@link
 * dev.palletsim.storageprovider.StorageProviderError}. The calls are grouped as FRAME pallets group
 * theirs, one concern a file: {@code Registration}; {@code SectorCalls} (pre-commit, prove-commit,
 * extension); {@code ProvingCalls} (Window PoSt, optimistic or verified); {@code FaultCalls}
 * (declare, recover); {@code TerminationCalls}; {@code CompactionCalls}; {@code AddressCalls}
 * (worker, control addresses, owner, beneficiary); {@code FundsCalls} (withdraw, repay debt);
 * {@code DisputeCalls} (PoSt disputes, consensus-fault reports); the hook in {@code DeadlineCron}.
 * They share {@code CallChecks} (the checks, among them the one role check every call makes) and
 * {@code ProviderLedger} (power, fees, deposits, pledge, the provider's funds). The pure units:
 * {@link dev.palletsim.storageprovider.DeadlineInfo}, {@link
 * dev.palletsim.storageprovider.Partition}, {@link dev.palletsim.storageprovider.ExpirationQueue},
 * {@link dev.palletsim.storageprovider.Deadline}, {@link
 * dev.palletsim.storageprovider.DeadlineAssignment}, {@link dev.palletsim.storageprovider.Monies}
 * and {@code Smoothing}.
 *
 * <p>A sector's life: pre-committed (deposit reserved, deals verified with the market) → proven
 * within {@code maxProveCommitDuration} (deposit released, pledge reserved, deals activated,
 * assigned to a mutable deadline as unproven, no power) → its first Window PoSt gives it power →
 * faults (declared before the cutoff, or detected by a missed PoSt) remove power and are charged →
 * a recovery declared before the cutoff and proven by the next PoSt restores power → it expires on
 * time (pledge released) or is terminated (voluntarily, or after {@code faultMaxAge} faulty), its
 * deals then terminated in the market.
 */
package dev.palletsim.storageprovider;
