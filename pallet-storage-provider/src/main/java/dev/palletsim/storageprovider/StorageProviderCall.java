package dev.palletsim.storageprovider;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.PeerId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/** The calls (extrinsics) of the storage provider pallet; all signed by the provider. */
public sealed interface StorageProviderCall extends Call<StorageProviderPallet> {
  // Weights: the metered worst cases over the tests and the example scenarios, per argument, with a
  // margin (docs/design.md, "Weight"). Work that depends on stored data rather than on the
  // arguments is declared for the bounds the presets' agents reach: a proven sector activates up to
  // DEALS_PER_PROVEN_SECTOR deals, a posted partition holds up to SECTORS_PER_POSTED_PARTITION
  // sectors; the test kit's check of declared weights catches a call that outgrows them.

  /** Deals a proven sector is declared to activate. */
  int DEALS_PER_PROVEN_SECTOR = 16;

  /** Sectors a posted partition is declared to hold. */
  int SECTORS_PER_POSTED_PARTITION = 128;

  /** One proven sector: its pre-commit, the sector, its partition and its deals' activation. */
  java.util.function.Function<WeightCosts, Weight> PROVEN_SECTOR =
      w ->
          w.readsWrites(16, 6)
              .plus(w.readsWrites(8, 3).plus(w.items(1)).times(DEALS_PER_PROVEN_SECTOR));

  /** One posted partition: the partition, its deadline and one read per sector it proves. */
  java.util.function.Function<WeightCosts, Weight> POSTED_PARTITION =
      w -> w.readsWrites(8, 3).plus(w.reads(SECTORS_PER_POSTED_PARTITION));

  /** One terminated sector: its deals' termination in the market. */
  java.util.function.Function<WeightCosts, Weight> TERMINATED_SECTOR =
      w ->
          w.readsWrites(8, 4)
              .plus(w.readsWrites(8, 5).plus(w.items(1)).times(DEALS_PER_PROVEN_SECTOR));

  private static Weight preCommit(WeightCosts w, Seq<SectorPreCommitInfo> sectors) {
    long deals = 0;
    if (sectors != null) {
      for (SectorPreCommitInfo s : sectors) deals += s == null ? 0 : Weight.countOf(s.dealIds());
    }
    return w.readsWrites(12, 6)
        .plus(w.readsWrites(6, 3).times(Weight.countOf(sectors)))
        .plus(w.readsWrites(4, 1).times(deals));
  }

  private static Weight declarations(WeightCosts w, Seq<SectorDeclaration> declared) {
    return w.readsWrites(4, 2)
        .plus(w.readsWrites(16, 8).plus(w.items(1)).times(Weight.countOf(declared)))
        .plus(w.readsWrites(1, 1).times(sectorsIn(declared)));
  }

  private static long sectorsIn(Seq<SectorDeclaration> declared) {
    long n = 0;
    if (declared != null) {
      for (SectorDeclaration d : declared) n += d == null ? 0 : Weight.countOf(d.sectors());
    }
    return n;
  }

  private static long sectorsOf(Seq<ExpirationExtension> extensions) {
    long n = 0;
    if (extensions != null) {
      for (ExpirationExtension e : extensions) n += e == null ? 0 : Weight.countOf(e.sectors());
    }
    return n;
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
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(8, 5);
    }

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
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return preCommit(w, sectors);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.sectorCalls().preCommitSectors(tx, origin, sectors);
    }
  }

  /** Prove pre-committed sectors, all or none (seed 000 step 4, {@code CommitSector}). */
  record ProveCommitSectors(Seq<ProveCommitSector> sectors) implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(6, 2).plus(PROVEN_SECTOR.apply(w).times(Weight.countOf(sectors)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.sectorCalls().proveCommitSectors(tx, origin, sectors);
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
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(6, 4).plus(POSTED_PARTITION.apply(w).times(Weight.countOf(partitions)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.proving().submitWindowedPost(tx, origin, deadline, partitions, proof, chainCommitEpoch);
    }
  }

  /** Declare sectors faulty before their deadline's cutoff (seed 000 step 7). */
  record DeclareFaults(Seq<SectorDeclaration> faults) implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return declarations(w, faults);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.faults().declareFaults(tx, origin, faults);
    }
  }

  /** Declare faulty sectors recovered; power returns at the next PoSt (seed 000 step 8). */
  record DeclareFaultsRecovered(Seq<SectorDeclaration> recoveries) implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return declarations(w, recoveries);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.faults().declareFaultsRecovered(tx, origin, recoveries);
    }
  }

  /** Terminate sectors early, paying the termination fee (Filecoin's {@code TerminateSectors}). */
  record TerminateSectors(Seq<SectorDeclaration> terminations) implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return declarations(w, terminations)
          .plus(TERMINATED_SECTOR.apply(w).times(sectorsIn(terminations)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.termination().terminateSectors(tx, origin, terminations);
    }
  }

  /**
   * Move the expiration of active sectors later (Filecoin's {@code ExtendSectorExpiration2} with
   * every claim kept): the new expiration is validated as at pre-commit from the sector's
   * activation; the sector's power and pledge do not change.
   */
  record ExtendSectorExpiration(Seq<ExpirationExtension> extensions)
      implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(4, 1)
          .plus(w.readsWrites(12, 4).times(Weight.countOf(extensions)))
          .plus(w.readsWrites(1, 1).times(sectorsOf(extensions)));
    }

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
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(6, 3)
          .plus(w.readsWrites(16, 5).plus(w.items(2)).times(Weight.countOf(partitions)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.compaction().compactPartitions(tx, origin, deadline, partitions);
    }
  }
}
