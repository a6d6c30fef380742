package dev.palletsim.storageprovider;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.PeerId;
import io.vavr.collection.Seq;

/** The calls (extrinsics) of the storage provider pallet; all signed by the provider. */
public sealed interface StorageProviderCall extends Call<StorageProviderPallet> {
  @Override
  default Class<StorageProviderPallet> palletType() {
    return StorageProviderPallet.class;
  }

  /**
   * Become a storage provider (polka-storage's register): the miner's power claim is created in
   * collator power, or, if the miner already created it with {@code create_miner} at bootstrap
   * (seed 001), adopted as it is.
   */
  record RegisterStorageProvider(PeerId peerId, RegisteredPoStProof windowPoStProofType)
      implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.registerStorageProvider(tx, origin, peerId, windowPoStProofType);
    }
  }

  /** Pre-commit sealed sectors, all or none (Filecoin's {@code PreCommitSectorBatch2}). */
  record PreCommitSectors(Seq<SectorPreCommitInfo> sectors) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.preCommitSectors(tx, origin, sectors);
    }
  }

  /** Prove pre-committed sectors, all or none (seed 000 step 4, {@code CommitSector}). */
  record ProveCommitSectors(Seq<ProveCommitSector> sectors) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.proveCommitSectors(tx, origin, sectors);
    }
  }

  /** Prove partitions of the open deadline (Filecoin's {@code SubmitWindowedPoSt}). */
  record SubmitWindowedPost(int deadline, Seq<Integer> partitions, ProofBytes proof)
      implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.submitWindowedPost(tx, origin, deadline, partitions, proof);
    }
  }

  /** Declare sectors faulty before their deadline's cutoff (seed 000 step 7). */
  record DeclareFaults(Seq<SectorDeclaration> faults) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.declareFaults(tx, origin, faults);
    }
  }

  /** Declare faulty sectors recovered; power returns at the next PoSt (seed 000 step 8). */
  record DeclareFaultsRecovered(Seq<SectorDeclaration> recoveries) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.declareFaultsRecovered(tx, origin, recoveries);
    }
  }

  /** Terminate sectors early, paying the termination fee (Filecoin's {@code TerminateSectors}). */
  record TerminateSectors(Seq<SectorDeclaration> terminations) implements StorageProviderCall {
    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.terminateSectors(tx, origin, terminations);
    }
  }
}
