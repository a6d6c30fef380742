package dev.palletsim.benchmarks.network;

import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.SimulatedProofs;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.DeadlineInfo;
import dev.palletsim.storageprovider.ProofBytes;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Honest storage providers' WindowPoSt duty, as a schedule rather than a poll: each (provider,
 * deadline with sectors) is due at the first block of that deadline's challenge window, proves
 * every partition left to prove in chunks of {@code postedPartitionsMax} with a valid simulated
 * proof (what {@code ProviderOps.windowPost} computes, chunked), and is due again one proving
 * period later. Asking every provider every block whether a deadline is open would cost the
 * simulation more than the runtime; the schedule costs what is due.
 *
 * <p>Proving at the window's first block also means that a span of fewer than {@code
 * challengeWindow} blocks right after any block needs no PoSt for the deadlines closing in it,
 * which the benchmarks use to replay a window of blocks without their extrinsics.
 */
public final class HonestProviders {
  private final StorageProviderPallet sp;
  private final TreeMap<Long, List<Duty>> due = new TreeMap<>();
  private final Set<Duty> tracked = new HashSet<>();
  private long posts;

  /** A provider's duty for one deadline. */
  private record Duty(AccountId provider, int deadline) {}

  /** An extrinsic an honest provider submits. */
  public record Post(AccountId provider, StorageProviderCall.SubmitWindowedPost call) {}

  /** Honest providers of the storage provider pallet {@code sp}. */
  public HonestProviders(StorageProviderPallet sp) {
    this.sp = sp;
  }

  /**
   * Starts proving every deadline of {@code provider} that holds sectors and is not yet tracked.
   */
  public void track(World view, AccountId provider, long now) {
    for (int i = 0; i < sp.schedule().periodDeadlines(); i++) {
      Duty d = new Duty(provider, i);
      if (tracked.contains(d) || sp.deadline(view, provider, i).liveSectors() == 0) continue;
      DeadlineInfo dl = sp.deadlineInfo(view, provider, i, now).get();
      tracked.add(d);
      due.computeIfAbsent(Math.max(now, dl.open()), b -> new ArrayList<>()).add(d);
    }
  }

  /**
   * The PoSts due at block {@code now} (the open block, whose state is {@code view}); the duties
   * are rescheduled one proving period on.
   */
  public Vector<Post> due(World view, long now) {
    Vector<Post> out = Vector.empty();
    while (!due.isEmpty() && due.firstKey() <= now) {
      List<Duty> duties = due.pollFirstEntry().getValue();
      for (Duty d : duties) {
        DeadlineInfo dl = sp.currentDeadline(view, d.provider(), now).get();
        if (dl.index() == d.deadline()) {
          out = out.appendAll(posts(view, d.provider(), dl, now));
          reschedule(d, dl.open() + sp.schedule().provingPeriod());
        } else {
          reschedule(d, sp.deadlineInfo(view, d.provider(), d.deadline(), now).get().open());
        }
      }
    }
    return out;
  }

  private void reschedule(Duty d, long block) {
    due.computeIfAbsent(block, b -> new ArrayList<>()).add(d);
  }

  private Vector<Post> posts(World view, AccountId who, DeadlineInfo dl, long now) {
    Seq<Integer> partitions = sp.partitionsToProve(view, who, dl.index());
    int max = sp.config().postedPartitionsMax();
    Vector<Post> out = Vector.empty();
    for (int from = 0; from < partitions.size(); from += max) {
      Seq<Integer> chunk = partitions.slice(from, from + max);
      var inputs = sp.windowPoStInputs(view, who, dl.index(), chunk, now).get();
      out =
          out.append(
              new Post(
                  who,
                  new StorageProviderCall.SubmitWindowedPost(
                      dl.index(),
                      chunk.map(dev.palletsim.storageprovider.PoStPartition::of),
                      ProofBytes.of(SimulatedProofs.post(inputs)),
                      now - 1)));
      posts++;
    }
    return out;
  }

  /** PoSts built so far. */
  public long posts() {
    return posts;
  }

  /** (provider, deadline) duties tracked. */
  public int duties() {
    return tracked.size();
  }
}
