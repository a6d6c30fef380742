package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.ProviderAddresses;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Who controls a storage provider and who is paid from it (builtin-actors' miner {@code MinerInfo},
 * the parts palletsim models): the owner, the worker and control addresses with the pending worker
 * and owner changes, the beneficiary and its term (FIP-0029), and the end of the provider's
 * consensus-fault ineligibility. The provider itself is its account (the miner actor's address: the
 * key of its state, deals and power); a provider registered without accounts is its own owner,
 * worker and beneficiary ({@link #selfOwned}), which is also what an absent entry of {@code
 * MinerInfo} storage means.
 *
 * @param owner the owner: changes the worker, control addresses, owner and beneficiary, withdraws
 * @param worker the worker: signs the provider's blocks and may make its routine calls
 * @param controlAddresses further accounts allowed the routine calls (at most {@code
 *     maxControlAddresses})
 * @param pendingWorkerKey a requested worker change and the block it takes effect
 * @param pendingOwnerAddress the owner proposed by the owner, until it confirms
 * @param beneficiary who withdrawals pay (the owner unless changed)
 * @param beneficiaryTerm what a beneficiary other than the owner may still withdraw, and until when
 * @param pendingBeneficiaryTerm a proposed beneficiary change awaiting its approvals
 * @param consensusFaultElapsed the last block of the ineligibility that followed the last reported
 *     consensus fault (−1: none)
 */
public record MinerInfo(
    AccountId owner,
    AccountId worker,
    Vector<AccountId> controlAddresses,
    Option<WorkerKeyChange> pendingWorkerKey,
    Option<AccountId> pendingOwnerAddress,
    AccountId beneficiary,
    BeneficiaryTerm beneficiaryTerm,
    Option<PendingBeneficiaryChange> pendingBeneficiaryTerm,
    long consensusFaultElapsed) {

  /** Checks that every part is given. */
  public MinerInfo {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(controlAddresses, "controlAddresses");
    Objects.requireNonNull(pendingWorkerKey, "pendingWorkerKey");
    Objects.requireNonNull(pendingOwnerAddress, "pendingOwnerAddress");
    Objects.requireNonNull(beneficiary, "beneficiary");
    Objects.requireNonNull(beneficiaryTerm, "beneficiaryTerm");
    Objects.requireNonNull(pendingBeneficiaryTerm, "pendingBeneficiaryTerm");
  }

  /** The accounts of a provider registered with {@code owner}, {@code worker} and controls. */
  public static MinerInfo of(AccountId owner, AccountId worker, Vector<AccountId> controls) {
    return new MinerInfo(
        owner,
        worker,
        controls,
        Option.none(),
        Option.none(),
        owner,
        BeneficiaryTerm.NONE,
        Option.none(),
        -1);
  }

  /** A provider that is its own owner, worker and beneficiary, without control addresses. */
  public static MinerInfo selfOwned(AccountId provider) {
    return of(provider, provider, Vector.empty());
  }

  /** The owner, worker and control addresses, as the market sees them. */
  public ProviderAddresses addresses() {
    return new ProviderAddresses(owner, worker, controlAddresses);
  }

  /** Whether {@code who} is the owner, the worker or a control address. */
  public boolean isControlling(AccountId who) {
    return addresses().isControlling(who);
  }

  /**
   * Whether a consensus fault is still held against the provider at {@code now}: until {@code
   * consensusFaultElapsed} inclusive (builtin-actors' {@code consensus_fault_active}).
   */
  public boolean consensusFaultActive(long now) {
    return now <= consensusFaultElapsed;
  }

  MinerInfo withOwner(AccountId value) {
    return new MinerInfo(
        value,
        worker,
        controlAddresses,
        pendingWorkerKey,
        pendingOwnerAddress,
        beneficiary,
        beneficiaryTerm,
        pendingBeneficiaryTerm,
        consensusFaultElapsed);
  }

  MinerInfo withWorker(AccountId value, Option<WorkerKeyChange> pending) {
    return new MinerInfo(
        owner,
        value,
        controlAddresses,
        pending,
        pendingOwnerAddress,
        beneficiary,
        beneficiaryTerm,
        pendingBeneficiaryTerm,
        consensusFaultElapsed);
  }

  MinerInfo withControlAddresses(Vector<AccountId> value) {
    return new MinerInfo(
        owner,
        worker,
        value,
        pendingWorkerKey,
        pendingOwnerAddress,
        beneficiary,
        beneficiaryTerm,
        pendingBeneficiaryTerm,
        consensusFaultElapsed);
  }

  MinerInfo withPendingOwner(Option<AccountId> value) {
    return new MinerInfo(
        owner,
        worker,
        controlAddresses,
        pendingWorkerKey,
        value,
        beneficiary,
        beneficiaryTerm,
        pendingBeneficiaryTerm,
        consensusFaultElapsed);
  }

  MinerInfo withBeneficiary(
      AccountId value, BeneficiaryTerm term, Option<PendingBeneficiaryChange> pending) {
    return new MinerInfo(
        owner,
        worker,
        controlAddresses,
        pendingWorkerKey,
        pendingOwnerAddress,
        value,
        term,
        pending,
        consensusFaultElapsed);
  }

  MinerInfo withConsensusFaultElapsed(long value) {
    return new MinerInfo(
        owner,
        worker,
        controlAddresses,
        pendingWorkerKey,
        pendingOwnerAddress,
        beneficiary,
        beneficiaryTerm,
        pendingBeneficiaryTerm,
        value);
  }

  /**
   * A requested worker change (builtin-actors' {@code WorkerKeyChange}): {@code newWorker} becomes
   * the worker from block {@code effectiveAt}, confirmed by the owner or by the deadline cron.
   *
   * @param newWorker the requested worker
   * @param effectiveAt the first block at which the change may take effect
   */
  public record WorkerKeyChange(AccountId newWorker, long effectiveAt) {}

  /**
   * What a beneficiary other than the owner may withdraw (builtin-actors' {@code BeneficiaryTerm},
   * FIP-0029): up to {@code quota} in total, before {@code expiration}.
   *
   * @param quota planck the beneficiary may withdraw in total
   * @param usedQuota planck it has withdrawn
   * @param expiration the block from which it may withdraw nothing
   */
  public record BeneficiaryTerm(long quota, long usedQuota, long expiration) {
    /** The owner's term: no quota, no expiration (the owner withdraws without limit). */
    public static final BeneficiaryTerm NONE = new BeneficiaryTerm(0, 0, 0);

    /**
     * What remains to withdraw at {@code now}: 0 once expired (builtin-actors' {@code available}).
     */
    public long available(long now) {
      return expiration > now ? Math.max(0, quota - usedQuota) : 0;
    }
  }

  /**
   * A proposed beneficiary change (builtin-actors' {@code PendingBeneficiaryChange}): it takes
   * effect once both the nominee and the current beneficiary have approved it.
   *
   * @param newBeneficiary the nominee
   * @param newQuota its quota
   * @param newExpiration its expiration
   * @param approvedByBeneficiary whether the current beneficiary approved
   * @param approvedByNominee whether the nominee approved
   */
  public record PendingBeneficiaryChange(
      AccountId newBeneficiary,
      long newQuota,
      long newExpiration,
      boolean approvedByBeneficiary,
      boolean approvedByNominee) {

    PendingBeneficiaryChange approvedBy(boolean beneficiary, boolean nominee) {
      return new PendingBeneficiaryChange(
          newBeneficiary,
          newQuota,
          newExpiration,
          approvedByBeneficiary || beneficiary,
          approvedByNominee || nominee);
    }
  }
}
