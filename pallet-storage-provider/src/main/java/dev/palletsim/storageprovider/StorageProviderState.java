package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.PeerId;

/**
 * A registered storage provider (polka-storage's {@code StorageProviderState}, Filecoin's miner
 * {@code State} without sectors and deadlines, which live in their own storage items): its peer id
 * and PoSt type, its proving-period offset, the deadline its cron processes next, its money
 * bookkeeping and the power it has reported.
 *
 * @param peerId the libp2p peer id
 * @param windowPoStProofType the PoSt type; fixes the sector size and partition size
 * @param provingPeriodOffset its proving periods start at blocks {@code ≡ offset (mod period)}
 * @param provingPeriodStart the start of the period of the deadline the cron processes next
 * @param currentDeadline the index of the deadline the cron processes next
 * @param deadlineCronActive whether the provider is enrolled for deadline processing (only while it
 *     has live sectors)
 * @param preCommitDeposits planck reserved as pre-commit deposits, = Σ over its pre-commits
 * @param initialPledge planck reserved as initial pledge, = Σ over its sectors
 * @param feeDebt planck of fees and penalties charged but not yet paid
 * @param power raw byte power reported to {@code StoragePower}, = Σ over its active sectors
 * @param qaPower quality-adjusted power reported to {@code StoragePower}, = Σ over its active
 *     sectors
 * @param liveSectors sectors proven (or prove-committed) and not yet terminated or expired
 */
public record StorageProviderState(
    PeerId peerId,
    RegisteredPoStProof windowPoStProofType,
    long provingPeriodOffset,
    long provingPeriodStart,
    int currentDeadline,
    boolean deadlineCronActive,
    long preCommitDeposits,
    long initialPledge,
    long feeDebt,
    long power,
    long qaPower,
    long liveSectors) {

  /** The size of each of its sectors, in bytes (also each sector's power). */
  public long sectorSize() {
    return windowPoStProofType.sectorSize();
  }

  /** Sectors per partition. */
  public int partitionSize() {
    return windowPoStProofType.partitionSectors();
  }

  StorageProviderState withDeadlineCron(long periodStart, int deadline, boolean active) {
    return new StorageProviderState(
        peerId,
        windowPoStProofType,
        provingPeriodOffset,
        periodStart,
        deadline,
        active,
        preCommitDeposits,
        initialPledge,
        feeDebt,
        power,
        qaPower,
        liveSectors);
  }

  StorageProviderState withPreCommitDeposits(long value) {
    return new StorageProviderState(
        peerId,
        windowPoStProofType,
        provingPeriodOffset,
        provingPeriodStart,
        currentDeadline,
        deadlineCronActive,
        value,
        initialPledge,
        feeDebt,
        power,
        qaPower,
        liveSectors);
  }

  StorageProviderState withInitialPledge(long value) {
    return new StorageProviderState(
        peerId,
        windowPoStProofType,
        provingPeriodOffset,
        provingPeriodStart,
        currentDeadline,
        deadlineCronActive,
        preCommitDeposits,
        value,
        feeDebt,
        power,
        qaPower,
        liveSectors);
  }

  StorageProviderState withFeeDebt(long value) {
    return new StorageProviderState(
        peerId,
        windowPoStProofType,
        provingPeriodOffset,
        provingPeriodStart,
        currentDeadline,
        deadlineCronActive,
        preCommitDeposits,
        initialPledge,
        value,
        power,
        qaPower,
        liveSectors);
  }

  StorageProviderState withPower(PowerPair value) {
    return new StorageProviderState(
        peerId,
        windowPoStProofType,
        provingPeriodOffset,
        provingPeriodStart,
        currentDeadline,
        deadlineCronActive,
        preCommitDeposits,
        initialPledge,
        feeDebt,
        value.raw(),
        value.qa(),
        liveSectors);
  }

  /** The power it has reported: raw and quality-adjusted. */
  public PowerPair powerPair() {
    return new PowerPair(power, qaPower);
  }

  StorageProviderState withLiveSectors(long value) {
    return new StorageProviderState(
        peerId,
        windowPoStProofType,
        provingPeriodOffset,
        provingPeriodStart,
        currentDeadline,
        deadlineCronActive,
        preCommitDeposits,
        initialPledge,
        feeDebt,
        power,
        qaPower,
        value);
  }
}
