package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.POST_SUBMISSIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.traits.ProofVerifier.PoStInputs;
import dev.palletsim.frame.traits.ProofVerifier.Replica;
import dev.palletsim.storageprovider.StorageProviderEvent.PoStAcceptedOptimistically;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsRecovered;
import dev.palletsim.storageprovider.StorageProviderEvent.SkippedFaultsRecorded;
import dev.palletsim.storageprovider.StorageProviderEvent.ValidPoStSubmitted;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The Window PoSt call of the storage provider pallet ({@code submitWindowedPost}, builtin-actors'
 * {@code SubmitWindowedPoSt}): skipped sectors become faults, the proof covers what stays to prove,
 * recoveries heal and unproven sectors gain their power. The proof is verified at once, unless
 * {@code optimisticWindowPoSt} is on and it recovers nothing: then it is accepted as it is and
 * kept, with the sectors it claims, for {@code disputeWindowedPost} ({@link DisputeCalls}).
 */
final class ProvingCalls extends CallGroup {

  ProvingCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  void submitWindowedPost(
      Tx tx,
      Origin origin,
      Option<AccountId> provider,
      int deadline,
      Seq<PoStPartition> partitions,
      ProofBytes proof,
      long chainCommitEpoch) {
    Origin.ensureSigned(origin);
    Ensure.present(partitions, "partitions");
    Ensure.present(proof, "proof");
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    ensure(!partitions.isEmpty(), StorageProviderError.EmptyBatch);
    ensure(
        partitions.size() <= postPartitionLimit(st.partitionSize()),
        StorageProviderError.TooManyPartitions);
    ensure(
        proof.length() <= (long) config.maxPoStProofBytes() * partitions.size(),
        StorageProviderError.InvalidProof);
    ensure(
        deadline >= 0 && deadline < schedule.periodDeadlines(),
        StorageProviderError.InvalidDeadline);
    long now = tx.blockNumber();
    DeadlineInfo current = DeadlineInfo.current(schedule, st.provingPeriodOffset(), now);
    ensure(current.index() == deadline, StorageProviderError.DeadlineNotOpen);
    ensure(
        chainCommitEpoch >= current.challenge() && chainCommitEpoch < now,
        StorageProviderError.InvalidChainCommitEpoch);
    Deadline d = pallet.deadline(tx, owner, deadline);
    TreeMap<Integer, TreeSet<Long>> skippedBy = TreeMap.empty();
    for (PoStPartition p : partitions) {
      Ensure.present(p, "partition");
      Ensure.present(p.skipped(), "skipped");
      for (Long s : p.skipped()) Ensure.present(s, "skipped sector");
      ensure(!skippedBy.containsKey(p.index()), StorageProviderError.DuplicatePartition);
      ensure(
          p.index() >= 0 && p.index() < d.partitionCount(), StorageProviderError.PartitionNotFound);
      ensure(!d.isPosted(p.index()), StorageProviderError.PartitionAlreadyProven);
      skippedBy = skippedBy.put(p.index(), TreeSet.ofAll(p.skipped()));
    }
    long faultExpiration = Checked.add(current.last(), config.faultMaxAge());
    QuantSpec quant = current.quantSpec();
    // builtin-actors' record_proven_sectors: skipped sectors become faults first, so the proof
    // covers what stays to prove
    TreeMap<Integer, Partition.FaultsRecorded> afterSkips = TreeMap.empty();
    for (var p : skippedBy) {
      Partition part = pallet.partition(tx, owner, deadline, p._1).get();
      ensure(CallChecks.inPartition(part, p._2), StorageProviderError.SectorNotInPartition);
      afterSkips = afterSkips.put(p._1, part.recordFaults(p._2, faultExpiration, quant));
    }
    TreeMap<Integer, BitField> proven = TreeMap.empty();
    Vector<Replica> replicas = Vector.empty();
    PowerPair provenPower = PowerPair.ZERO;
    boolean recovers = false;
    for (var p : afterSkips) {
      Partition part = p._2.partition();
      BitField toProve = part.toProve();
      proven = proven.put(p._1, toProve);
      for (long s : toProve) {
        SectorOnChainInfo i = pallet.sector(tx, owner, s);
        replicas = replicas.append(new Replica(s, i.sealedCid()));
        provenPower = provenPower.add(i.powerPair());
      }
      recovers |= !part.recoveries().isEmpty();
    }
    WindowedPoSt post = WindowedPoSt.accepted(current.challenge(), proven, proof, provenPower);
    ensure(post.sectorCount() > 0, StorageProviderError.NoSectorsToProve);
    ensure(current.challenge() >= 0, StorageProviderError.DeadlineNotOpen);
    // builtin-actors: a PoSt that recovers power is verified at once; any other is kept for
    // disputes when optimistic acceptance is on
    Option<Integer> optimistic = Option.none();
    if (config.optimisticWindowPoSt() && !recovers) {
      PoStSubmissions kept =
          POST_SUBMISSIONS.find(tx, owner, deadline).getOrElse(PoStSubmissions.EMPTY);
      optimistic = Option.some(kept.current().size());
      POST_SUBMISSIONS.insert(tx, owner, deadline, kept.withRecorded(post));
    } else {
      PoStInputs inputs =
          new PoStInputs(
              owner,
              pallet.windowPoStRandomness(tx, owner, current),
              replicas.sortBy(Replica::sectorNumber));
      ensure(
          pallet.verifier().verifyPoSt(inputs, proof.bytes()), StorageProviderError.InvalidProof);
    }

    PowerPair gained = PowerPair.ZERO;
    PowerPair lost = PowerPair.ZERO;
    Vector<SectorLocation> recovered = Vector.empty();
    Vector<SectorLocation> skipped = Vector.empty();
    for (var p : afterSkips) {
      Partition.FaultsRecorded skips = p._2;
      TreeMap<Long, Long> expirations = TreeMap.empty();
      for (Long s : skips.partition().recoveries())
        expirations = expirations.put(s, pallet.sector(tx, owner, s).expiration());
      Partition.Proven r = skips.partition().recordProven(expirations, quant);
      PARTITIONS.insert(tx, owner, new PartitionKey(deadline, p._1), r.partition());
      d = d.withPosted(p._1).withExpirations(expirations.values().map(quant::quantizeUp), p._1);
      if (!skips.newFaults().isEmpty()) {
        d = d.withExpirations(List.of(quant.quantizeUp(faultExpiration)), p._1);
        skipped = skipped.append(SectorLocation.of(deadline, p._1, skips.newFaults()));
      }
      lost = lost.add(ledger.powerOf(tx, owner, skips.lostPower()));
      gained =
          gained
              .add(ledger.powerOf(tx, owner, r.recovered()))
              .add(ledger.powerOf(tx, owner, r.activated()));
      if (!r.recovered().isEmpty()) {
        recovered = recovered.append(SectorLocation.of(deadline, p._1, r.recovered()));
      }
    }
    DEADLINES.insert(tx, owner, deadline, d);
    st = ledger.reportPower(tx, owner, st, gained.sub(lost));
    PROVIDERS.insert(tx, owner, st);
    Vector<Integer> posted = skippedBy.keySet().toVector();
    tx.deposit(
        optimistic.isDefined()
            ? new PoStAcceptedOptimistically(owner, deadline, posted, optimistic.get())
            : new ValidPoStSubmitted(owner, deadline, posted));
    if (!skipped.isEmpty()) tx.deposit(new SkippedFaultsRecorded(owner, skipped));
    if (!recovered.isEmpty()) tx.deposit(new SectorsRecovered(owner, recovered));
  }

  /**
   * The most partitions one PoSt may prove: {@code min(POSTED_PARTITIONS_MAX,
   * load_partitions_sectors_max)}, the latter bounding the sectors one call loads.
   */
  private long postPartitionLimit(int partitionSize) {
    return Math.min(config.postedPartitionsMax(), checks.loadablePartitions(partitionSize));
  }
}
