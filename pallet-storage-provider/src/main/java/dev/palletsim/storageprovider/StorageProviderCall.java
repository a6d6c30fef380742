package dev.palletsim.storageprovider;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.PeerId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The calls (extrinsics) of the storage provider pallet. A call acting on a provider names it with
 * {@code provider} (the account it registered with, the miner actor's address in Filecoin); none
 * means the signer's own provider, so a provider that is its own owner and worker signs its calls
 * without naming itself. Who may sign each call for the provider is builtin-actors' rule: the
 * owner, the worker or a control address for the routine calls, the owner alone for account
 * changes, the owner or the beneficiary for withdrawals, anyone for disputes and consensus-fault
 * reports.
 */
public sealed interface StorageProviderCall extends Call<StorageProviderPallet> {
  // Weights: the metered worst cases over the tests and the example scenarios, per argument, with a
  // margin (docs/design.md, "Weight"). Work that depends on stored data rather than on the
  // arguments is declared for the bounds the presets' agents reach: a proven sector activates up to
  // DEALS_PER_PROVEN_SECTOR deals, a posted partition holds up to SECTORS_PER_POSTED_PARTITION
  // sectors; the test kit's check of declared weights catches a call that outgrows them. Every
  // call acting on a provider reads its state and its accounts (MinerInfo) in the role check.

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

  /** An account change: the role check's two reads and the provider's accounts written. */
  java.util.function.Function<WeightCosts, Weight> ACCOUNT_CHANGE = w -> w.readsWrites(4, 2);

  /**
   * One partition of a disputed PoSt: the partition and its deadline read and written. A dispute
   * names no partition: it is declared for the most a PoSt may prove ({@code postedPartitionsMax}).
   */
  java.util.function.Function<WeightCosts, Weight> DISPUTED_PARTITION =
      w -> w.readsWrites(4, 2).plus(w.items(1));

  private static Weight preCommit(WeightCosts w, Seq<SectorPreCommitInfo> sectors) {
    long deals = 0;
    if (sectors != null) {
      for (SectorPreCommitInfo s : sectors) deals += s == null ? 0 : Weight.countOf(s.dealIds());
    }
    return w.readsWrites(13, 6)
        .plus(w.readsWrites(6, 3).times(Weight.countOf(sectors)))
        .plus(w.readsWrites(4, 1).times(deals));
  }

  private static Weight declarations(WeightCosts w, Seq<SectorDeclaration> declared) {
    return w.readsWrites(5, 2)
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
   * Become a storage provider (polka-storage's register; builtin-actors' {@code CreateMiner}): the
   * signer's account becomes the provider, and the miner's power claim is created in collator
   * power, or, if the miner already created it with {@code create_miner} at bootstrap (seed 001),
   * adopted as it is. The proving-period offset is the deterministic hash of the account ({@link
   * StorageProviderPallet#provingPeriodOffset}) unless {@code provingPeriodOffset} pins it (tests
   * and fixtures, as builtin-actors' test harness pins it). {@code owner} and {@code worker}
   * default to the signer, {@code controlAddresses} to none (at most {@code maxControlAddresses}).
   */
  record RegisterStorageProvider(
      PeerId peerId,
      RegisteredPoStProof windowPoStProofType,
      Option<Long> provingPeriodOffset,
      Option<AccountId> owner,
      Option<AccountId> worker,
      Option<Seq<AccountId>> controlAddresses)
      implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(8, 6);
    }

    /** Registration as its own owner and worker, with the hashed proving-period offset. */
    public RegisterStorageProvider(PeerId peerId, RegisteredPoStProof windowPoStProofType) {
      this(peerId, windowPoStProofType, Option.none());
    }

    /** Registration as its own owner and worker. */
    public RegisterStorageProvider(
        PeerId peerId, RegisteredPoStProof windowPoStProofType, Option<Long> provingPeriodOffset) {
      this(
          peerId,
          windowPoStProofType,
          provingPeriodOffset,
          Option.none(),
          Option.none(),
          Option.none());
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.registration()
          .registerStorageProvider(
              tx,
              origin,
              peerId,
              windowPoStProofType,
              provingPeriodOffset,
              owner,
              worker,
              controlAddresses);
    }
  }

  /** Pre-commit sealed sectors, all or none (Filecoin's {@code PreCommitSectorBatch2}). */
  record PreCommitSectors(Option<AccountId> provider, Seq<SectorPreCommitInfo> sectors)
      implements StorageProviderCall {
    /** Pre-commits for the signer's own provider. */
    public PreCommitSectors(Seq<SectorPreCommitInfo> sectors) {
      this(Option.none(), sectors);
    }

    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return preCommit(w, sectors);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.sectorCalls().preCommitSectors(tx, origin, provider, sectors);
    }
  }

  /** Prove pre-committed sectors, all or none (seed 000 step 4, {@code CommitSector}). */
  record ProveCommitSectors(Option<AccountId> provider, Seq<ProveCommitSector> sectors)
      implements StorageProviderCall {
    /** Proves for the signer's own provider. */
    public ProveCommitSectors(Seq<ProveCommitSector> sectors) {
      this(Option.none(), sectors);
    }

    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(7, 2).plus(PROVEN_SECTOR.apply(w).times(Weight.countOf(sectors)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.sectorCalls().proveCommitSectors(tx, origin, provider, sectors);
    }
  }

  /**
   * Prove partitions of the open deadline (Filecoin's {@code SubmitWindowedPoSt}): the proof covers
   * each partition's sectors except the faulty and the skipped ones, and commits to the chain at
   * {@code chainCommitEpoch}, which lies in {@code [challenge, now)}. With {@code
   * optimisticWindowPoSt}, a proof that recovers nothing is kept for disputes instead of verified.
   */
  record SubmitWindowedPost(
      Option<AccountId> provider,
      int deadline,
      Seq<PoStPartition> partitions,
      ProofBytes proof,
      long chainCommitEpoch)
      implements StorageProviderCall {
    /** A PoSt of the signer's own provider. */
    public SubmitWindowedPost(
        int deadline, Seq<PoStPartition> partitions, ProofBytes proof, long chainCommitEpoch) {
      this(Option.none(), deadline, partitions, proof, chainCommitEpoch);
    }

    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(7, 4).plus(POSTED_PARTITION.apply(w).times(Weight.countOf(partitions)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.proving()
          .submitWindowedPost(tx, origin, provider, deadline, partitions, proof, chainCommitEpoch);
    }
  }

  /** Declare sectors faulty before their deadline's cutoff (seed 000 step 7). */
  record DeclareFaults(Option<AccountId> provider, Seq<SectorDeclaration> faults)
      implements StorageProviderCall {
    /** Faults of the signer's own provider. */
    public DeclareFaults(Seq<SectorDeclaration> faults) {
      this(Option.none(), faults);
    }

    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return declarations(w, faults);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.faults().declareFaults(tx, origin, provider, faults);
    }
  }

  /**
   * Declare faulty sectors recovered; power returns at the next PoSt (seed 000 step 8). Refused
   * while a consensus fault is held against the provider.
   */
  record DeclareFaultsRecovered(Option<AccountId> provider, Seq<SectorDeclaration> recoveries)
      implements StorageProviderCall {
    /** Recoveries of the signer's own provider. */
    public DeclareFaultsRecovered(Seq<SectorDeclaration> recoveries) {
      this(Option.none(), recoveries);
    }

    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return declarations(w, recoveries);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.faults().declareFaultsRecovered(tx, origin, provider, recoveries);
    }
  }

  /** Terminate sectors early, paying the termination fee (Filecoin's {@code TerminateSectors}). */
  record TerminateSectors(Option<AccountId> provider, Seq<SectorDeclaration> terminations)
      implements StorageProviderCall {
    /** Terminations of the signer's own provider. */
    public TerminateSectors(Seq<SectorDeclaration> terminations) {
      this(Option.none(), terminations);
    }

    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return declarations(w, terminations)
          .plus(TERMINATED_SECTOR.apply(w).times(sectorsIn(terminations)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.termination().terminateSectors(tx, origin, provider, terminations);
    }
  }

  /**
   * Move the expiration of active sectors later (Filecoin's {@code ExtendSectorExpiration2} with
   * every claim kept): the new expiration is validated as at pre-commit from the sector's
   * activation; the sector's power and pledge do not change.
   */
  record ExtendSectorExpiration(Option<AccountId> provider, Seq<ExpirationExtension> extensions)
      implements StorageProviderCall {
    /** Extensions of the signer's own provider. */
    public ExtendSectorExpiration(Seq<ExpirationExtension> extensions) {
      this(Option.none(), extensions);
    }

    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(5, 1)
          .plus(w.readsWrites(12, 4).times(Weight.countOf(extensions)))
          .plus(w.readsWrites(1, 1).times(sectorsOf(extensions)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.sectorCalls().extendSectorExpiration(tx, origin, provider, extensions);
    }
  }

  /**
   * Remove partitions of a deadline that is neither open, next nor in its dispute window, dropping
   * their terminated sectors and moving their live ones to the deadline's last partitions
   * (Filecoin's {@code CompactPartitions}).
   */
  record CompactPartitions(Option<AccountId> provider, int deadline, Seq<Integer> partitions)
      implements StorageProviderCall {
    /** Compaction of the signer's own provider. */
    public CompactPartitions(int deadline, Seq<Integer> partitions) {
      this(Option.none(), deadline, partitions);
    }

    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(7, 4)
          .plus(w.readsWrites(16, 5).plus(w.items(2)).times(Weight.countOf(partitions)));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.compaction().compactPartitions(tx, origin, provider, deadline, partitions);
    }
  }

  /**
   * Replace the control addresses at once and request {@code newWorker} as the worker from {@code
   * workerKeyChangeDelay} blocks later (builtin-actors' {@code ChangeWorkerAddress}; owner only). A
   * pending request is not replaced; requesting the current worker requests nothing.
   */
  record ChangeWorkerAddress(
      Option<AccountId> provider, AccountId newWorker, Seq<AccountId> newControlAddresses)
      implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return ACCOUNT_CHANGE.apply(w);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.addresses().changeWorkerAddress(tx, origin, provider, newWorker, newControlAddresses);
    }
  }

  /**
   * Make a requested worker the worker once its effective block has come (builtin-actors' {@code
   * ConfirmChangeWorkerAddress}; owner only); before, nothing changes. The deadline cron does the
   * same at every close of a deadline.
   */
  record ConfirmChangeWorkerAddress(Option<AccountId> provider) implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return ACCOUNT_CHANGE.apply(w);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.addresses().confirmChangeWorkerAddress(tx, origin, provider);
    }
  }

  /**
   * Propose or confirm a new owner (builtin-actors' {@code ChangeOwnerAddress}): the owner proposes
   * {@code newOwner} (proposing itself withdraws a proposal), and the proposed account confirms by
   * calling with itself. A beneficiary that was the old owner becomes the new owner; a pending
   * beneficiary change is dropped.
   */
  record ChangeOwnerAddress(Option<AccountId> provider, AccountId newOwner)
      implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return ACCOUNT_CHANGE.apply(w);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.addresses().changeOwnerAddress(tx, origin, provider, newOwner);
    }
  }

  /**
   * Propose or approve a new beneficiary (builtin-actors' {@code ChangeBeneficiary}, FIP-0029): the
   * owner proposes {@code newBeneficiary} with a quota and an expiration (the owner itself with
   * neither); the change takes effect once the nominee and the current beneficiary (unless its term
   * is over) have called with the same terms.
   */
  record ChangeBeneficiary(
      Option<AccountId> provider, AccountId newBeneficiary, long newQuota, long newExpiration)
      implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return ACCOUNT_CHANGE.apply(w);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.addresses()
          .changeBeneficiary(tx, origin, provider, newBeneficiary, newQuota, newExpiration);
    }
  }

  /**
   * Pay up to {@code amount} of the provider's available balance to its beneficiary
   * (builtin-actors' {@code WithdrawBalance}; the owner or the beneficiary): the fee debt is repaid
   * first, a beneficiary other than the owner is limited by its quota.
   */
  record WithdrawBalance(Option<AccountId> provider, long amount) implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(16, 8);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.funds().withdrawBalance(tx, origin, provider, amount);
    }
  }

  /**
   * Repay as much fee debt as the provider's free balance covers (builtin-actors' {@code
   * RepayDebt}).
   */
  record RepayDebt(Option<AccountId> provider) implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(12, 6);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.funds().repayDebt(tx, origin, provider);
    }
  }

  /**
   * Dispute the optimistically accepted PoSt {@code postIndex} of {@code deadline}'s last closed
   * window (builtin-actors' {@code DisputeWindowedPoSt}; anyone, within {@code wPoStDisputeWindow}
   * blocks of the window's close): if the proof does not verify, its sectors become faulty, the
   * provider is penalised and the disputer rewarded.
   */
  record DisputeWindowedPost(AccountId provider, int deadline, int postIndex)
      implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(24, 12)
          .plus(DISPUTED_PARTITION.apply(w).times(p.config().postedPartitionsMax()));
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.disputes().disputeWindowedPost(tx, origin, provider, deadline, postIndex);
    }
  }

  /**
   * Report a consensus fault of {@code provider} proven by two of its block headers (and a witness
   * header for parent grinding) (builtin-actors' {@code ReportConsensusFault}; anyone): the
   * provider pays the consensus-fault penalty, the reporter gets its share, and the provider may
   * not pre-commit or recover for {@code consensusFaultIneligibilityDuration} blocks.
   */
  record ReportConsensusFault(
      AccountId provider, BlockHeader header1, BlockHeader header2, Option<BlockHeader> headerExtra)
      implements StorageProviderCall {
    @Override
    public Weight weight(StorageProviderPallet p, WeightCosts w) {
      return w.readsWrites(20, 10);
    }

    @Override
    public void dispatch(StorageProviderPallet p, Tx tx, Origin origin) {
      p.disputes().reportConsensusFault(tx, origin, provider, header1, header2, headerExtra);
    }
  }
}
