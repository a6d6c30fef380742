package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.POST_SUBMISSIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.SECTORS;

import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.StorageProviderEvent.PartitionsCompacted;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The {@code compactPartitions} call of the storage provider pallet (builtin-actors' {@code
 * CompactPartitions}): partitions without faults or unproven sectors leave a deadline outside its
 * challenge and dispute windows; their live sectors move to its last partitions.
 */
final class CompactionCalls extends CallGroup {

  CompactionCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  void compactPartitions(
      Tx tx, Origin origin, Option<AccountId> provider, int deadline, Seq<Integer> partitions) {
    Origin.ensureSigned(origin);
    Ensure.present(partitions, "partitions");
    for (Integer p : partitions) Ensure.present(p, "partition");
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    ensure(
        deadline >= 0 && deadline < schedule.periodDeadlines(),
        StorageProviderError.InvalidDeadline);
    long now = tx.blockNumber();
    ensure(availableForCompaction(st, deadline, now), StorageProviderError.DeadlineNotCompactable);
    TreeSet<Integer> removed = TreeSet.ofAll(partitions);
    ensure(
        removed.size() <= checks.loadablePartitions(st.partitionSize()),
        StorageProviderError.TooManyPartitions);
    if (removed.isEmpty()) return;
    Deadline d = pallet.deadline(tx, owner, deadline);
    ensure(
        removed.head() >= 0 && removed.last() < d.partitionCount(),
        StorageProviderError.PartitionNotFound);
    TreeMap<Long, Long> live = TreeMap.empty();
    long dead = 0;
    for (Integer p : removed) {
      Partition part = pallet.partition(tx, owner, deadline, p).get();
      ensure(part.faults().isEmpty(), StorageProviderError.PartitionHasFaults);
      ensure(part.unproven().isEmpty(), StorageProviderError.PartitionHasUnprovenSectors);
      for (Long n : part.live()) live = live.put(n, pallet.sector(tx, owner, n).expiration());
      dead += part.terminated().count();
    }
    // the kept partitions move down over the removed ones
    Vector<Partition> kept = Vector.empty();
    for (int p = 0; p < d.partitionCount(); p++) {
      Partition part = pallet.partition(tx, owner, deadline, p).get();
      PARTITIONS.remove(tx, owner, new PartitionKey(deadline, p));
      if (!removed.contains(p)) kept = kept.append(part);
    }
    for (int p = 0; p < kept.size(); p++) {
      PARTITIONS.insert(tx, owner, new PartitionKey(deadline, p), kept.get(p));
      for (Long n : kept.get(p).live()) {
        SectorOnChainInfo info = pallet.sector(tx, owner, n);
        if (info.partition() != p) SECTORS.insert(tx, owner, n, info.at(deadline, p));
      }
    }
    Deadline next = d.withPartitionsRemoved(removed, live.size(), dead);
    QuantSpec quant = schedule.quantSpecFor(st.provingPeriodOffset(), deadline);
    Vector<Integer> placement = next.placement(live.size(), st.partitionSize());
    TreeMap<Integer, TreeMap<Long, Long>> byPartition = TreeMap.empty();
    int k = 0;
    for (var sector : live) {
      int p = placement.get(k++);
      byPartition = byPartition.put(p, byPartition.get(p).getOrElse(TreeMap.empty()).put(sector));
    }
    next = next.withSectorsAdded(live.size(), st.partitionSize());
    Vector<SectorLocation> moved = Vector.empty();
    for (var p : byPartition) {
      Partition part =
          pallet
              .partition(tx, owner, deadline, p._1)
              .getOrElse(Partition.EMPTY)
              .addProvenSectors(p._2, quant);
      PARTITIONS.insert(tx, owner, new PartitionKey(deadline, p._1), part);
      for (Long n : p._2.keySet()) {
        SECTORS.insert(tx, owner, n, pallet.sector(tx, owner, n).at(deadline, p._1));
      }
      next = next.withExpirations(p._2.values().map(quant::quantizeUp), p._1);
      moved = moved.append(SectorLocation.of(deadline, p._1, p._2.keySet()));
    }
    DEADLINES.insert(tx, owner, deadline, next);
    // the deadline's kept PoSts are past their dispute window (or it could not be compacted) and
    // name partitions by their old indexes: they go
    POST_SUBMISSIONS.remove(tx, owner, deadline);
    tx.work(StorageProviderPallet.NAME, d.partitionCount());
    tx.deposit(new PartitionsCompacted(owner, deadline, removed, moved));
  }

  /**
   * Whether deadline {@code index} may be compacted at {@code now}: it is mutable (neither open nor
   * next) and its last window closed more than {@code wPoStDisputeWindow} blocks ago
   * (builtin-actors' {@code deadline_available_for_compaction}).
   */
  boolean availableForCompaction(StorageProviderState st, int index, long now) {
    DeadlineInfo dl = DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), index, now);
    return dl.isMutable() && !dl.inDisputeWindow(config.wPoStDisputeWindow());
  }
}
