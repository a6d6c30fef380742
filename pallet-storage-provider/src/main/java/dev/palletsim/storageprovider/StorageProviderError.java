package dev.palletsim.storageprovider;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;

/** Errors of the storage provider pallet (polka-storage's, flattened, plus palletsim's checks). */
public enum StorageProviderError implements PalletError.Of<StorageProviderPallet> {
  /** The caller is already a registered storage provider. */
  StorageProviderExists,
  /** The caller is not a registered storage provider. */
  StorageProviderNotFound,
  /** The peer id is empty or too long. */
  InvalidPeerId,
  /** The PoSt type is not allowed, or a seal proof does not match the provider's PoSt type. */
  InvalidProofType,
  /** The batch is empty. */
  EmptyBatch,
  /** The batch has more sectors than {@code maxSectorsPerCall}. */
  TooManySectors,
  /** A sector number appears twice in the batch. */
  DuplicateSectorNumber,
  /** A sector number is negative or above {@code maxSectorNumber}. */
  InvalidSectorNumber,
  /** The sector number was used before by this provider. */
  SectorNumberAlreadyUsed,
  /** The sealed CID is not a sealed-sector commitment. */
  InvalidSealedCid,
  /** The unsealed CID is not an unsealed-sector commitment. */
  InvalidUnsealedCid,
  /** The declared unsealed CID differs from the market's commitment of the deals. */
  UnsealedCidMismatch,
  /** The market answered for other sectors than it was asked about. */
  MarketResponseMismatch,
  /** The seal randomness height is not in the past or is older than the look-back allows. */
  InvalidSealRandomnessHeight,
  /** The expiration is not after the latest possible activation. */
  ExpirationBeforeActivation,
  /** The sector would live less than {@code minSectorExpiration} after activation. */
  ExpirationTooSoon,
  /** The expiration is more than {@code maxSectorExpiration} ahead. */
  ExpirationTooLong,
  /** The sector would live more than {@code sectorMaximumLifetime} after activation. */
  MaxSectorLifetimeExceeded,
  /** A sector has more than {@code maxDealsPerSector} deals. */
  TooManyDeals,
  /** The provider's fee debt exceeds its free balance. */
  UnpaidFeeDebt,
  /** The free balance cannot cover the deposit or pledge. */
  InsufficientFunds,
  /** No pre-commit with this sector number. */
  PreCommitNotFound,
  /** Proven before the interactive challenge (pre-commit + challenge delay) has passed. */
  ProveCommitTooEarly,
  /** Proven after {@code maxProveCommitDuration}. */
  ProveCommitTooLate,
  /** The proof does not verify, or is longer than allowed. */
  InvalidProof,
  /** No mutable deadline has room for the new sectors. */
  NoDeadlineAvailable,
  /** The deadline index is not below {@code wPoStPeriodDeadlines}. */
  InvalidDeadline,
  /** The named deadline is not the one open now. */
  DeadlineNotOpen,
  /** More partitions than a PoSt may prove. */
  TooManyPartitions,
  /** A partition appears twice in the PoSt. */
  DuplicatePartition,
  /** No such partition in the deadline. */
  PartitionNotFound,
  /** The partition was already proven in this challenge window. */
  PartitionAlreadyProven,
  /** Every sector of the named partitions is faulty and none recovering: nothing to prove. */
  NoSectorsToProve,
  /** A declaration names more partitions or sectors than allowed. */
  TooManyDeclarations,
  /** A declaration names no sector. */
  EmptySectorSet,
  /** A declared sector is not in the named partition. */
  SectorNotInPartition,
  /** A declared sector was already terminated or expired. */
  SectorsNotLive,
  /** A sector declared recovered is not faulty. */
  SectorsNotFaulty,
  /** Faults declared at or after the deadline's fault cutoff. */
  FaultDeclarationTooLate,
  /** Recoveries declared at or after the deadline's fault cutoff. */
  FaultRecoveryTooLate,
  /** Terminating in the open or the next deadline. */
  CannotTerminateImmutableDeadline,
  /** A pinned proving-period offset is negative or not below the proving period. */
  InvalidProvingPeriodOffset,
  /**
   * A PoSt's chain-commit epoch is before its deadline's challenge or not before the current block.
   */
  InvalidChainCommitEpoch,
  /** An extended sector is faulty or not yet proven (only active sectors can be extended). */
  SectorsNotActive,
  /** An extended sector's expiration has already passed (its deadline has not closed yet). */
  ExtensionOfExpiredSector,
  /** An extension's new expiration is before the sector's current one. */
  ExpirationReduced,
  /**
   * Compacting the open or the next deadline, or a deadline whose PoSts are still in their dispute
   * window.
   */
  DeadlineNotCompactable,
  /** A partition to compact has faulty sectors. */
  PartitionHasFaults,
  /** A partition to compact has sectors awaiting their first PoSt. */
  PartitionHasUnprovenSectors,
  /** The caller is not the provider's owner. */
  NotOwner,
  /** The caller is not the provider's owner, worker or a control address. */
  NotControllingAddress,
  /** The caller is neither the provider's owner nor its beneficiary. */
  NotOwnerOrBeneficiary,
  /** An owner change is pending and the caller is neither the owner nor the proposed owner. */
  NotProposedOwner,
  /** The proposed owner confirmed another account than itself. */
  OwnerConfirmationMismatch,
  /** More control addresses than {@code maxControlAddresses}. */
  TooManyControlAddresses,
  /**
   * A proposed beneficiary other than the owner without a positive quota, or the owner with a quota
   * or an expiration.
   */
  InvalidBeneficiaryTerm,
  /** A beneficiary change approved while none is proposed. */
  NoBeneficiaryProposal,
  /** The caller is neither the current beneficiary nor the nominee of the proposed change. */
  NotBeneficiaryOrNominee,
  /** An approval's beneficiary, quota or expiration differs from the proposal's. */
  BeneficiaryProposalMismatch,
  /** A beneficiary other than the owner withdraws after its term expired or its quota ran out. */
  BeneficiaryTermEnded,
  /** Pre-commits and recoveries are refused while a reported consensus fault is held. */
  ConsensusFaultActive,
  /**
   * The deadline's PoSts cannot be disputed now: its window is open, or closed at least {@code
   * wPoStDisputeWindow} blocks ago.
   */
  NotInDisputeWindow,
  /** No disputable PoSt at this index of the deadline's last window. */
  InvalidPoStIndex,
  /** The disputed PoSt is valid: the dispute fails. */
  DisputedPoStValid,
  /** The headers prove no consensus fault (or are not signed by the miner's worker in time). */
  NoConsensusFault,
  /** The headers prove a consensus fault of another provider than the one named. */
  ConsensusFaultOfAnotherProvider,
  /** The fault's block is not before the current block. */
  ConsensusFaultInFuture,
  /** The fault happened before the end of the ineligibility of the last one reported. */
  ConsensusFaultTooOld;

  /**
   * The code builtin-actors' miner actor uses for the same failure (e.g. {@code USR_FORBIDDEN} "too
   * early to prove sector", {@code USR_ILLEGAL_STATE} when new sectors cannot be assigned to
   * deadlines).
   */
  @Override
  public ExitCode exitCode() {
    return switch (this) {
      case StorageProviderExists,
          InvalidPeerId,
          InvalidProofType,
          EmptyBatch,
          TooManySectors,
          DuplicateSectorNumber,
          InvalidSectorNumber,
          SectorNumberAlreadyUsed,
          InvalidSealedCid,
          InvalidUnsealedCid,
          UnsealedCidMismatch,
          InvalidSealRandomnessHeight,
          ExpirationBeforeActivation,
          ExpirationTooSoon,
          ExpirationTooLong,
          MaxSectorLifetimeExceeded,
          TooManyDeals,
          ProveCommitTooLate,
          InvalidProof,
          InvalidDeadline,
          DeadlineNotOpen,
          TooManyPartitions,
          DuplicatePartition,
          PartitionAlreadyProven,
          NoSectorsToProve,
          TooManyDeclarations,
          EmptySectorSet,
          SectorNotInPartition,
          SectorsNotLive,
          SectorsNotFaulty,
          FaultDeclarationTooLate,
          FaultRecoveryTooLate,
          CannotTerminateImmutableDeadline,
          InvalidProvingPeriodOffset,
          InvalidChainCommitEpoch,
          SectorsNotActive,
          ExtensionOfExpiredSector,
          ExpirationReduced,
          PartitionHasFaults,
          PartitionHasUnprovenSectors,
          OwnerConfirmationMismatch,
          TooManyControlAddresses,
          InvalidBeneficiaryTerm,
          BeneficiaryProposalMismatch,
          InvalidPoStIndex,
          DisputedPoStValid,
          NoConsensusFault,
          ConsensusFaultOfAnotherProvider,
          ConsensusFaultInFuture ->
          ExitCode.USR_ILLEGAL_ARGUMENT;
      case DeadlineNotCompactable,
          NotOwner,
          NotControllingAddress,
          NotOwnerOrBeneficiary,
          NotProposedOwner,
          NoBeneficiaryProposal,
          NotBeneficiaryOrNominee,
          BeneficiaryTermEnded,
          ConsensusFaultActive,
          NotInDisputeWindow,
          ConsensusFaultTooOld ->
          ExitCode.USR_FORBIDDEN;
      case StorageProviderNotFound, PreCommitNotFound, PartitionNotFound -> ExitCode.USR_NOT_FOUND;
      case MarketResponseMismatch, NoDeadlineAvailable -> ExitCode.USR_ILLEGAL_STATE;
      case UnpaidFeeDebt, InsufficientFunds -> ExitCode.USR_INSUFFICIENT_FUNDS;
      case ProveCommitTooEarly -> ExitCode.USR_FORBIDDEN;
    };
  }
}
