package dev.palletsim.agents;

import static dev.palletsim.agents.sales.SalesContext.exhausted;

import dev.palletsim.agents.sales.InvalidProofs;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.storageprovider.Partition;
import dev.palletsim.storageprovider.SectorDeclaration;
import dev.palletsim.storageprovider.SectorOnChainInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderError;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A storage provider's proving duties, which serve every sale at once (one Window PoSt covers every
 * sector of a partition): a Window PoSt in every open deadline with partitions to prove, skipped as
 * {@code miss-post-every} or {@code miss-posts} say and made invalid as {@link InvalidProofs} says;
 * the faults a {@code declare-faults} command asks for, declared before their deadline's cutoff and
 * held; and recoveries, of detected faults when {@code auto-recover}, of held ones after {@code
 * recover}.
 */
final class ProvingDuties {
  private final AccountId me;
  private final boolean autoRecover;
  private final InvalidProofs invalidProofs;
  private final TreeMap<Long, Boolean> postPlan = new TreeMap<>();
  private final TreeSet<Long> faultsToDeclare = new TreeSet<>();
  private final TreeSet<Long> heldFaults = new TreeSet<>();
  private ProviderOps ops;
  private StorageProviderPallet sp;
  private long missPostEvery;
  private long postOpportunities;
  private boolean recoverHeld;
  private boolean faultsPossible = true;

  ProvingDuties(
      AccountId me, long missPostEvery, boolean autoRecover, InvalidProofs invalidProofs) {
    this.me = me;
    this.missPostEvery = missPostEvery;
    this.autoRecover = autoRecover;
    this.invalidProofs = invalidProofs;
  }

  /** Uses the pallets {@code ops} reaches. */
  void connect(ProviderOps ops) {
    this.ops = ops;
    this.sp = ops.storageProvider();
  }

  /** Proves, declares faults and declares recoveries, in that order: the per-block duties. */
  void act(AgentContext ctx) {
    submitPoSt(ctx);
    declareFaults(ctx);
    declareRecoveries(ctx);
  }

  /** The chain detected faults of this provider: recoveries may be due. */
  void faultsDetected() {
    faultsPossible = true;
  }

  /**
   * Submits the open deadline's PoSts, or skips them as the injected misses say; each PoSt is made
   * invalid as {@link InvalidProofs} says, and a deadline with an invalid one is not proven again.
   */
  private void submitPoSt(AgentContext ctx) {
    long now = ctx.blockNumber();
    World view = ctx.view();
    var calls = ops.windowPosts(view, me, now);
    if (calls.isEmpty()) return;
    long occurrence = sp.currentDeadline(view, me, now).get().open();
    Boolean plan = postPlan.get(occurrence);
    if (plan == null) {
      postOpportunities++;
      plan = !(missPostEvery > 0 && postOpportunities % missPostEvery == 0);
      postPlan.put(occurrence, plan);
      while (postPlan.size() > 16) postPlan.pollFirstEntry();
      if (!plan) ctx.metrics().count("post.skipped");
    }
    if (!plan) return;
    boolean anyInvalid = false;
    for (var call : calls) {
      boolean invalid = invalidProofs.nextPoStInvalid(ctx.random());
      var submitted =
          invalid
              ? new StorageProviderCall.SubmitWindowedPost(
                  call.deadline(),
                  call.partitions(),
                  call.proof().withByteFlipped(0),
                  call.chainCommitEpoch())
              : call;
      DispatchOutcome out = ctx.submit(me, submitted);
      if (exhausted(out)) return;
      if (invalid) {
        ctx.metrics().count("post.invalid");
        anyInvalid = true;
      }
      if (out.isSuccess()) {
        ctx.metrics().count("post.submitted");
      } else if (!(invalid && out.failedWith(StorageProviderError.InvalidProof))) {
        ctx.metrics().count("post.failed");
        postPlan.put(occurrence, false);
        return;
      }
    }
    if (anyInvalid) postPlan.put(occurrence, false);
  }

  /** Declares the faults asked for by {@code declare-faults}, each before its cutoff. */
  private void declareFaults(AgentContext ctx) {
    if (faultsToDeclare.isEmpty()) return;
    World view = ctx.view();
    long now = ctx.blockNumber();
    TreeMap<Tuple2<Integer, Integer>, TreeSet<Long>> byPartition = new TreeMap<>(PARTITION_ORDER);
    for (Long s : new ArrayList<>(faultsToDeclare)) {
      Option<SectorOnChainInfo> info = sp.findSector(view, me, s);
      if (info.isEmpty()) {
        faultsToDeclare.remove(s);
        continue;
      }
      SectorOnChainInfo i = info.get();
      if (sp.partition(view, me, i.deadline(), i.partition()).exists(p -> p.faults().contains(s))) {
        faultsToDeclare.remove(s);
        heldFaults.add(s);
        continue;
      }
      if (!declarable(view, i.deadline(), now)) continue;
      byPartition
          .computeIfAbsent(new Tuple2<>(i.deadline(), i.partition()), k -> new TreeSet<>())
          .add(s);
    }
    if (byPartition.isEmpty()) return;
    DispatchOutcome out =
        ctx.submit(me, new StorageProviderCall.DeclareFaults(declarations(byPartition)));
    if (out.isSuccess()) {
      for (TreeSet<Long> set : byPartition.values()) {
        faultsToDeclare.removeAll(set);
        heldFaults.addAll(set);
        ctx.metrics().add("faults.declared", set.size());
      }
      faultsPossible = true;
    } else if (!exhausted(out)) {
      ctx.metrics().count("faults.declaration_failed");
      for (TreeSet<Long> set : byPartition.values()) faultsToDeclare.removeAll(set);
    }
  }

  /**
   * Declares recoveries of faulty sectors: detected faults when {@code auto-recover}, the faults it
   * declared itself after {@code recover}; each deadline's before its cutoff.
   */
  private void declareRecoveries(AgentContext ctx) {
    if (!faultsPossible) return;
    World view = ctx.view();
    long now = ctx.blockNumber();
    int deadlines = sp.config().wPoStPeriodDeadlines();
    boolean anyFault = false;
    TreeMap<Tuple2<Integer, Integer>, TreeSet<Long>> byPartition = new TreeMap<>(PARTITION_ORDER);
    for (int dl = 0; dl < deadlines; dl++) {
      int partitions = sp.deadline(view, me, dl).partitionCount();
      boolean open = declarable(view, dl, now);
      for (int p = 0; p < partitions; p++) {
        Option<Partition> part = sp.partition(view, me, dl, p);
        if (part.isEmpty() || part.get().faults().isEmpty()) continue;
        anyFault = true;
        if (!open) continue;
        for (Long s : part.get().faults().difference(part.get().recoveries())) {
          boolean held = heldFaults.contains(s);
          if ((held && recoverHeld) || (!held && autoRecover)) {
            byPartition.computeIfAbsent(new Tuple2<>(dl, p), k -> new TreeSet<>()).add(s);
          }
        }
      }
    }
    if (!anyFault) {
      faultsPossible = false;
      heldFaults.clear();
      recoverHeld = false;
      return;
    }
    if (byPartition.isEmpty()) return;
    DispatchOutcome out =
        ctx.submit(me, new StorageProviderCall.DeclareFaultsRecovered(declarations(byPartition)));
    if (out.isSuccess()) {
      for (TreeSet<Long> set : byPartition.values()) {
        heldFaults.removeAll(set);
        ctx.metrics().add("recoveries.declared", set.size());
      }
      if (heldFaults.isEmpty()) recoverHeld = false;
    } else if (!exhausted(out)) {
      ctx.metrics().count("recoveries.declaration_failed");
    }
  }

  private static final Comparator<Tuple2<Integer, Integer>> PARTITION_ORDER =
      Comparator.<Tuple2<Integer, Integer>>comparingInt(Tuple2::_1).thenComparingInt(Tuple2::_2);

  private boolean declarable(World view, int deadline, long now) {
    return sp.deadlineInfo(view, me, deadline, now).exists(d -> !d.faultCutoffPassed());
  }

  private static Seq<SectorDeclaration> declarations(
      TreeMap<Tuple2<Integer, Integer>, TreeSet<Long>> byPartition) {
    Vector<SectorDeclaration> out = Vector.empty();
    for (Map.Entry<Tuple2<Integer, Integer>, TreeSet<Long>> e : byPartition.entrySet()) {
      out =
          out.append(new SectorDeclaration(e.getKey()._1, e.getKey()._2, List.ofAll(e.getValue())));
    }
    return out;
  }

  // ================================================================== commands

  /**
   * {@code declare-faults {count}}: holds {@code count} healthy sectors to declare, lowest first.
   */
  void declareFaultsCommand(World view, long count) {
    long picked = 0;
    for (SectorOnChainInfo s : sp.sectors(view, me)) {
      if (picked >= count) break;
      boolean faulty =
          sp.partition(view, me, s.deadline(), s.partition())
              .exists(p -> p.faults().contains(s.sectorNumber()));
      if (faulty || faultsToDeclare.contains(s.sectorNumber())) continue;
      faultsToDeclare.add(s.sectorNumber());
      picked++;
    }
  }

  /** {@code recover}: declares every faulty sector recovered, held ones included. */
  void recoverCommand() {
    faultsToDeclare.clear();
    recoverHeld = true;
    faultsPossible = true;
  }

  /** {@code miss-posts {every}}: skips every N-th PoSt from now on (0 stops). */
  void missPostsCommand(long every) {
    missPostEvery = Math.max(0, every);
    postOpportunities = 0;
  }

  // ================================================================== saved runs

  /**
   * The duties' state, for a saved run.
   *
   * @param postPlan per deadline occurrence (its opening block): whether it is to be proven
   * @param faultsToDeclare sectors to declare faulty
   * @param heldFaults sectors declared faulty and held until {@code recover}
   * @param missPostEvery skip every N-th PoSt (0: never)
   * @param postOpportunities deadlines met since misses were set
   * @param recoverHeld whether held faults are to be recovered
   * @param faultsPossible whether some sector may be faulty
   */
  record Memory(
      io.vavr.collection.TreeMap<Long, Boolean> postPlan,
      Vector<Long> faultsToDeclare,
      Vector<Long> heldFaults,
      long missPostEvery,
      long postOpportunities,
      boolean recoverHeld,
      boolean faultsPossible) {}

  Memory memory() {
    return new Memory(
        io.vavr.collection.TreeMap.ofAll(postPlan),
        Vector.ofAll(faultsToDeclare),
        Vector.ofAll(heldFaults),
        missPostEvery,
        postOpportunities,
        recoverHeld,
        faultsPossible);
  }

  void restore(Memory m) {
    postPlan.clear();
    m.postPlan().forEach(postPlan::put);
    faultsToDeclare.clear();
    m.faultsToDeclare().forEach(faultsToDeclare::add);
    heldFaults.clear();
    m.heldFaults().forEach(heldFaults::add);
    missPostEvery = m.missPostEvery();
    postOpportunities = m.postOpportunities();
    recoverHeld = m.recoverHeld();
    faultsPossible = m.faultsPossible();
  }
}
