package dev.palletsim.storageprovider;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.PeerId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** The calls (extrinsics) of the storage provider pallet; all signed by the provider. */
public sealed interface StorageProviderCall extends Call<StorageProviderPallet> {
  @Override
  default Class<StorageProviderPallet> palletType() {
    return StorageProviderPallet.class;
  }

  /**
   * Become a storage provider (polka-storage's register): the miner's power claim is created in
   * collator power, or, if the miner already created it with {@code create_miner} at bootstrap
   * (seed 001), adopted as it is. The proving-period offset is the deterministic hash of the
   * account ({@link StorageProviderPallet#provingPeriodOffset}) unless {@code provingPeriodOffset}
   * pins it (tests and fixtures, as builtin-actors' test harness pins it).
   */
  record RegisterStorageProvider(
      PeerId peerId, RegisteredPoStProof windowPoStProofType, Option<Long> provingPeriodOffset)
      implements StorageProviderCall {
    /** Registration with the hashed proving-period offset. */
    public RegisterStorageProvider(PeerId peerId, RegisteredPoStProof windowPoStProofType) {
      this(peerId, windowPoStProofType, Option.none());
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.registration()
          .registerStorageProvider(tx, origin, peerId, windowPoStProofType, provingPeriodOffset);
    }
  }

  /** Pre-commit sealed sectors, all or none (Filecoin's {@code PreCommitSectorBatch2}). */
  record PreCommitSectors(Seq<SectorPreCommitInfo> sectors) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.sectorCalls().preCommitSectors(tx, origin, sectors);
    }
  }

  /** Prove pre-committed sectors, all or none (seed 000 step 4, {@code CommitSector}). */
  record ProveCommitSectors(Seq<ProveCommitSector> sectors) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.sectorCalls().proveCommitSectors(tx, origin, sectors);
    }
  }

  /**
   * Prove pre-committed sectors with the data they hold (Filecoin's {@code ProveCommitSectors3},
   * direct data onboarding): either one PoRep per sector ({@code sectorProofs}, in the order of
   * {@code sectorActivations}) or one SnarkPack v2 {@code aggregateProof} of {@code
   * minAggregatedSectors} to {@code maxAggregatedSectors} sectors. Each sector's pieces must make
   * up its pre-committed CommD; pieces claiming a DataCap allocation count as verified data; once
   * the sectors are committed, the market is notified of the pieces naming deals ({@code
   * SectorContentChanged}). A sector that is late, carries deal ids, fails its proof or its claims
   * is dropped and the others are committed, unless {@code requireActivationSuccess}; a piece the
   * market rejects leaves its sector committed and its deal unactivated, unless {@code
   * requireNotificationSuccess}: then the whole call fails.
   */
  record ProveCommitSectors3(
      Seq<SectorActivationManifest> sectorActivations,
      Seq<ProofBytes> sectorProofs,
      Option<ProofBytes> aggregateProof,
      Option<RegisteredAggregateProof> aggregateProofType,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess)
      implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.onboarding()
          .proveCommitSectors3(
              tx,
              origin,
              sectorActivations,
              sectorProofs,
              aggregateProof,
              aggregateProofType,
              requireActivationSuccess,
              requireNotificationSuccess);
    }
  }

  /**
   * Fill committed-capacity sectors with data by updating their replicas (Filecoin's {@code
   * ProveReplicaUpdates3}, SnapDeals): one replica update proof per sector, of {@code
   * updateProofsType}. Each sector must be active, hold no data and sit in a mutable deadline; its
   * weights are measured anew from now, its quality-adjusted power and power change at once, its
   * pledge rises to that of the new power if higher, and the market is notified as for {@link
   * ProveCommitSectors3}. Failures drop a sector unless {@code requireActivationSuccess}.
   */
  record ProveReplicaUpdates3(
      Seq<SectorUpdateManifest> sectorUpdates,
      Seq<ProofBytes> sectorProofs,
      Option<ProofBytes> aggregateProof,
      RegisteredUpdateProof updateProofsType,
      Option<RegisteredAggregateProof> aggregateProofType,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess)
      implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.onboarding()
          .proveReplicaUpdates3(
              tx,
              origin,
              sectorUpdates,
              sectorProofs,
              aggregateProof,
              updateProofsType,
              aggregateProofType,
              requireActivationSuccess,
              requireNotificationSuccess);
    }
  }

  /**
   * Prove partitions of the open deadline (Filecoin's {@code SubmitWindowedPoSt}): the proof covers
   * each partition's sectors except the faulty and the skipped ones, and commits to the chain at
   * {@code chainCommitEpoch}, which lies in {@code [challenge, now)}.
   */
  record SubmitWindowedPost(
      int deadline, Seq<PoStPartition> partitions, ProofBytes proof, long chainCommitEpoch)
      implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.proving().submitWindowedPost(tx, origin, deadline, partitions, proof, chainCommitEpoch);
    }
  }

  /** Declare sectors faulty before their deadline's cutoff (seed 000 step 7). */
  record DeclareFaults(Seq<SectorDeclaration> faults) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.faults().declareFaults(tx, origin, faults);
    }
  }

  /** Declare faulty sectors recovered; power returns at the next PoSt (seed 000 step 8). */
  record DeclareFaultsRecovered(Seq<SectorDeclaration> recoveries) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.faults().declareFaultsRecovered(tx, origin, recoveries);
    }
  }

  /** Terminate sectors early, paying the termination fee (Filecoin's {@code TerminateSectors}). */
  record TerminateSectors(Seq<SectorDeclaration> terminations) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.termination().terminateSectors(tx, origin, terminations);
    }
  }

  /**
   * Move the expiration of active sectors later (Filecoin's {@code ExtendSectorExpiration2}): the
   * new expiration is validated as at pre-commit from the sector's activation; a sector holding
   * verified data lists its claims, each kept claim allowing the new expiration, claims dropped
   * only in the sector's last {@code endOfLifeClaimDropPeriod}; the weights are measured from now,
   * so the power changes only by the verified data dropped; the pledge does not change.
   */
  record ExtendSectorExpiration(Seq<ExpirationExtension> extensions)
      implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.sectorCalls().extendSectorExpiration(tx, origin, extensions);
    }
  }

  /**
   * Remove partitions of a deadline that is neither open, next nor in its dispute window, dropping
   * their terminated sectors and moving their live ones to the deadline's last partitions
   * (Filecoin's {@code CompactPartitions}).
   */
  record CompactPartitions(int deadline, Seq<Integer> partitions) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.compaction().compactPartitions(tx, origin, deadline, partitions);
    }
  }
}
