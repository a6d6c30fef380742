package dev.palletsim.storageprovider;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.PeerId;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;

/** Events of the storage provider pallet (polka-storage's nine, plus money and power events). */
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
}
