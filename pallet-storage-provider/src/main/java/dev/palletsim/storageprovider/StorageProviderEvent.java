package dev.palletsim.storageprovider;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.PeerId;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

/**
 * Events of the storage provider pallet (polka-storage's nine, plus money, power, account and
 * dispute events). The first field of every event, {@code owner}, names the provider: its account,
 * the key of its state (the miner actor's address), as it did before providers had owners of their
 * own; the accounts holding the owner, worker and beneficiary roles are named by the account events
 * ({@link OwnerChanged}, {@link WorkerChanged}, {@link BeneficiaryChanged}) and read with {@code
 * StorageProviderPallet.minerInfo}.
 */
public sealed interface StorageProviderEvent extends Event.Of<StorageProviderPallet> {
  /** A provider registered; its deadlines follow from the proving-period offset. */
  record StorageProviderRegistered(
      AccountId owner,
      PeerId peerId,
      RegisteredPoStProof windowPoStProofType,
      long provingPeriodOffset,
      long provingPeriodStart)
      implements StorageProviderEvent {}

  /** Sectors were pre-committed in {@code block} and {@code deposit} reserved. */
  record SectorsPreCommitted(AccountId owner, long block, Seq<Long> sectorNumbers, long deposit)
      implements StorageProviderEvent {}

  /**
   * Sectors were proven: deposits released, pledge locked, each assigned a deadline and partition.
   * They have no power until their first PoSt.
   */
  record SectorsProven(
      AccountId owner, Seq<SectorLocation> sectors, long depositReleased, long initialPledge)
      implements StorageProviderEvent {}

  /**
   * A sector of a batch was dropped and the rest went on (builtin-actors' {@code BatchReturn}
   * failure): for a prove-commit, the market could not activate its deals, its pre-commit was late
   * or carried deals, its proof or its verified claims failed: it stays pre-committed, its deposit
   * reserved, until proven again or expired; for a replica update, it stays as it was.
   */
  record SectorActivationFailed(AccountId owner, long sectorNumber, DispatchError error)
      implements StorageProviderEvent {}

  /**
   * A sector proven by direct data onboarding holds these pieces, committed to by {@code
   * unsealedCid} ({@code sector-activated}).
   */
  record SectorActivated(
      AccountId owner, long sectorNumber, Cid unsealedCid, Seq<Commitments.Piece> pieces)
      implements StorageProviderEvent {}

  /**
   * A committed-capacity sector's replica was updated to hold these pieces, committed to by {@code
   * unsealedCid} ({@code sector-updated}).
   */
  record SectorUpdated(
      AccountId owner, long sectorNumber, Cid unsealedCid, Seq<Commitments.Piece> pieces)
      implements StorageProviderEvent {}

  /**
   * Replica updates were proven: the sectors hold new data and their pledge grew by {@code
   * pledgeAdded} (the new data's quality-adjusted power changes their power at once).
   */
  record SectorsUpdated(AccountId owner, Seq<SectorLocation> sectors, long pledgeAdded)
      implements StorageProviderEvent {}

  /**
   * The market aborted on the notification of activated data, which the caller did not require to
   * succeed: the sectors stay activated, their deals are not.
   */
  record NotificationAborted(AccountId owner, DispatchError error)
      implements StorageProviderEvent {}

  /** A Window PoSt for {@code partitions} of {@code deadline} verified. */
  record ValidPoStSubmitted(AccountId owner, int deadline, Seq<Integer> partitions)
      implements StorageProviderEvent {}

  /** Sectors declared recovering were proven and are healthy again. */
  record SectorsRecovered(AccountId owner, Seq<SectorLocation> sectors)
      implements StorageProviderEvent {}

  /** Sectors were declared faulty (only the newly faulty ones are listed). */
  record FaultsDeclared(AccountId owner, Seq<SectorLocation> faults)
      implements StorageProviderEvent {}

  /** Faulty sectors were declared recovering. */
  record RecoveriesDeclared(AccountId owner, Seq<SectorLocation> recoveries)
      implements StorageProviderEvent {}

  /** A deadline closed without a PoSt for these partitions: their sectors are faulty. */
  record FaultsDetected(AccountId owner, Seq<SectorLocation> faults)
      implements StorageProviderEvent {}

  /** Sectors reached their expiration; their pledge was released. */
  record SectorsExpired(AccountId owner, TreeSet<Long> sectors, long pledgeReleased)
      implements StorageProviderEvent {}

  /** Sectors were terminated early; their pledge was released and the market told. */
  record SectorsTerminated(
      AccountId owner, TreeSet<Long> sectors, TerminationReason reason, long pledgeReleased)
      implements StorageProviderEvent {}

  /** Pre-commits were not proven in time; their deposit was burnt (or sent to the beneficiary). */
  record PreCommitsExpired(AccountId owner, TreeSet<Long> sectorNumbers, long depositSlashed)
      implements StorageProviderEvent {}

  /**
   * A fee or penalty of {@code amount} was charged: {@code paid} left the free balance at once
   * (burnt or sent to the beneficiary), {@code debt} was added to the provider's fee debt.
   */
  record PenaltyCharged(AccountId owner, PenaltyKind kind, long amount, long paid, long debt)
      implements StorageProviderEvent {}

  /** Part of the fee debt was paid. */
  record FeeDebtRepaid(AccountId owner, long amount) implements StorageProviderEvent {}

  /**
   * A block reward of {@code reward} planck reached the provider (builtin-actors' {@code
   * ApplyRewards}): {@code locked} of it vests, {@code penalty} was charged as fee debt.
   */
  record RewardApplied(AccountId owner, long reward, long locked, long penalty)
      implements StorageProviderEvent {}

  /**
   * Locked rewards left the vesting table for the free balance: {@code vested} had vested, {@code
   * unvested} was taken early to pay a fee or debt.
   */
  record VestedFundsUnlocked(AccountId owner, long vested, long unvested)
      implements StorageProviderEvent {}

  /**
   * The power reported to {@code StoragePower} changed: raw power by {@code delta} to {@code
   * power}, quality-adjusted power by {@code qaDelta} to {@code qaPower}.
   */
  record PowerUpdated(AccountId owner, long delta, long power, long qaDelta, long qaPower)
      implements StorageProviderEvent {}

  /**
   * The market refused to terminate the deals of sectors terminated by the deadline cron; the
   * sectors are terminated anyway (Filecoin tolerates market errors only from cron).
   */
  record MarketTerminationFailed(AccountId owner, TreeSet<Long> sectors, String error)
      implements StorageProviderEvent {}

  /**
   * A PoSt skipped these sectors: they are faulty (power removed at once) and pay their fee at the
   * deadline's close.
   */
  record SkippedFaultsRecorded(AccountId owner, Seq<SectorLocation> faults)
      implements StorageProviderEvent {}

  /** Sectors' committed expiration was moved to {@code newExpiration}. */
  record ExpirationExtended(AccountId owner, SectorLocation sectors, long newExpiration)
      implements StorageProviderEvent {}

  /**
   * Partitions {@code removed} of {@code deadline} were compacted away: their terminated sectors
   * dropped, their live sectors moved to the partitions listed in {@code moved}, later partitions
   * renumbered down.
   */
  record PartitionsCompacted(
      AccountId owner, int deadline, TreeSet<Integer> removed, Seq<SectorLocation> moved)
      implements StorageProviderEvent {}

  /** A provider was registered with accounts other than itself as owner, worker or controls. */
  record ProviderAccountsSet(
      AccountId owner, AccountId ownerAccount, AccountId worker, Seq<AccountId> controlAddresses)
      implements StorageProviderEvent {}

  /** The owner replaced the control addresses. */
  record ControlAddressesChanged(AccountId owner, Seq<AccountId> controlAddresses)
      implements StorageProviderEvent {}

  /** The owner requested {@code newWorker} as the worker from block {@code effectiveAt}. */
  record WorkerChangeRequested(AccountId owner, AccountId newWorker, long effectiveAt)
      implements StorageProviderEvent {}

  /** A requested worker change took effect (confirmed by the owner or by the deadline cron). */
  record WorkerChanged(AccountId owner, AccountId oldWorker, AccountId newWorker)
      implements StorageProviderEvent {}

  /** The owner proposed {@code proposed} as the new owner (none: the proposal was withdrawn). */
  record OwnerChangeProposed(AccountId owner, Option<AccountId> proposed)
      implements StorageProviderEvent {}

  /** The proposed owner confirmed: it is the owner now. */
  record OwnerChanged(AccountId owner, AccountId oldOwner, AccountId newOwner)
      implements StorageProviderEvent {}

  /** The owner proposed a new beneficiary; it takes effect once approved. */
  record BeneficiaryChangeProposed(AccountId owner, AccountId nominee, long quota, long expiration)
      implements StorageProviderEvent {}

  /** A beneficiary change took effect: withdrawals pay {@code beneficiary} from now on. */
  record BeneficiaryChanged(AccountId owner, AccountId beneficiary, long quota, long expiration)
      implements StorageProviderEvent {}

  /**
   * {@code amount} of the provider's available balance was paid to {@code beneficiary}, of {@code
   * requested} asked for.
   */
  record BalanceWithdrawn(AccountId owner, AccountId beneficiary, long requested, long amount)
      implements StorageProviderEvent {}

  /**
   * A Window PoSt for {@code partitions} of {@code deadline} was accepted without verification and
   * kept, at {@code postIndex}, for disputes.
   */
  record PoStAcceptedOptimistically(
      AccountId owner, int deadline, Seq<Integer> partitions, int postIndex)
      implements StorageProviderEvent {}

  /**
   * An optimistically accepted PoSt was proven invalid by {@code disputer}: the listed sectors
   * became faulty, the provider was penalised for {@code disputedPower} bytes (see the {@link
   * PenaltyCharged} before this event) and {@code reward} was paid to the disputer.
   */
  record PoStDisputed(
      AccountId owner,
      AccountId disputer,
      int deadline,
      int postIndex,
      Seq<SectorLocation> faults,
      long disputedPower,
      long reward)
      implements StorageProviderEvent {}

  /**
   * {@code reporter} proved a consensus fault of the provider at {@code faultEpoch}: the provider
   * was penalised (see the {@link PenaltyCharged} before this event), {@code reward} was paid to
   * the reporter, and the provider may neither pre-commit nor recover until block {@code
   * ineligibleUntil} inclusive.
   */
  record ConsensusFaultReported(
      AccountId owner,
      AccountId reporter,
      ConsensusFaultType type,
      long faultEpoch,
      long ineligibleUntil,
      long reward)
      implements StorageProviderEvent {}
}
