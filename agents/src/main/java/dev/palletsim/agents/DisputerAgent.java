package dev.palletsim.agents;

import static dev.palletsim.agents.sales.SalesContext.exhausted;

import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.ProofVerifier;
import dev.palletsim.frame.traits.ProofVerifier.PoStInputs;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.storageprovider.DeadlineInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.storageprovider.StorageProviderState;
import dev.palletsim.storageprovider.StorageProviderStorage;
import dev.palletsim.storageprovider.WindowedPoSt;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.util.Comparator;

/**
 * A chain disputer (Lotus's {@code lotus chain disputer}, FIP-0010): a node that watches the Window
 * PoSts every provider had accepted optimistically, verifies each while its deadline's dispute
 * window is open ({@code wPoStDisputeWindow} blocks after the deadline closes), exactly as the
 * chain would verify it (the runtime's {@link ProofVerifier}, the challenge randomness of the
 * deadline occurrence it proved, the sectors it claimed), and submits {@code DisputeWindowedPoSt}
 * for each invalid one, earning {@code baseRewardForDisputedWindowPoSt} from the provider's
 * penalty.
 *
 * <p>It scans every {@code scan-every} blocks (by default once per challenge window, as Lotus's
 * disputer checks each deadline after it closes, and at least once per dispute window); a PoSt
 * found invalid is disputed {@code delay} blocks after its deadline closed at the earliest (at once
 * by default), or overlooked with probability {@code miss-probability} (drawn once per invalid PoSt
 * from the agent's own stream), so that a slow or unreliable disputer can be modelled. A dispute
 * refused because the block is full is tried again in the next block; one due after the dispute
 * window ends is never sent and counted as {@code disputer.window_missed}. Each PoSt is verified
 * once: verdicts are kept while the PoSt stays disputable. Where PoSts are verified when submitted
 * ({@code optimistic-window-po-st: false}) nothing is kept and the disputer stays idle.
 *
 * <h2>Metrics</h2>
 *
 * Declared with their units and meanings in {@link #METRICS}: {@code disputer.posts_checked},
 * {@code disputer.invalid_found}, {@code disputer.overlooked}, {@code disputer.disputes}, {@code
 * disputer.disputes_failed}, {@code disputer.window_missed}, {@code disputer.reward_planck} and
 * {@code disputer.<agent>.reward_planck}.
 */
public final class DisputerAgent implements Agent {

  /**
   * What a disputer is configured with (see {@link DisputerAgentType}).
   *
   * @param accountName the keyring name of the account that signs disputes and receives rewards
   * @param scanEvery blocks between scans; 0: the chain's challenge window (one deadline), or its
   *     dispute window if shorter
   * @param delay blocks after a deadline closes before its invalid PoSts are disputed
   * @param missProbability the chance that an invalid PoSt is overlooked, never disputed
   * @param startAt the first block it scans
   */
  public record Settings(
      String accountName, long scanEvery, long delay, double missProbability, long startAt) {
    /** Checks the settings. */
    public Settings {
      if (scanEvery < 0) throw new IllegalArgumentException("scan-every must not be negative");
      if (delay < 0) throw new IllegalArgumentException("delay must not be negative");
      if (!(missProbability >= 0 && missProbability <= 1)) {
        throw new IllegalArgumentException("miss-probability must be between 0 and 1");
      }
    }
  }

  /**
   * One kept PoSt: the provider, its deadline, the challenge block of the occurrence it proved and
   * its index in that deadline's snapshot.
   *
   * @param provider the provider that submitted it
   * @param deadline the deadline index
   * @param challenge the challenge block of the deadline occurrence it proved
   * @param postIndex its index among the occurrence's kept PoSts
   */
  public record Kept(AccountId provider, int deadline, long challenge, int postIndex)
      implements Comparable<Kept> {
    private static final Comparator<Kept> ORDER =
        Comparator.comparing(Kept::provider)
            .thenComparingLong(Kept::challenge)
            .thenComparingInt(Kept::deadline)
            .thenComparingInt(Kept::postIndex);

    @Override
    public int compareTo(Kept o) {
      return ORDER.compare(this, o);
    }
  }

  /** What the disputer concluded about a kept PoSt. */
  public enum Verdict {
    /** The proof verifies: nothing to dispute. */
    VALID,
    /** Invalid, and to be disputed ({@link Pending}). */
    INVALID,
    /** Invalid, but overlooked ({@code miss-probability}). */
    OVERLOOKED,
    /** Invalid, but its dispute would come after the window ends. */
    TOO_LATE,
    /** Disputed successfully. */
    DISPUTED,
    /** Disputed, and the chain refused the dispute. */
    FAILED
  }

  /**
   * An invalid PoSt waiting for its dispute.
   *
   * @param due the first block the dispute may be sent ({@code close + delay})
   * @param windowEnd the last block of the PoSt's dispute window
   */
  public record Pending(long due, long windowEnd) {}

  private final String name;
  private final Settings settings;
  private final AccountId me;
  private TreeMap<Kept, Verdict> verdicts = TreeMap.empty();
  private TreeMap<Kept, Pending> pending = TreeMap.empty();
  private long lastScan = Long.MIN_VALUE;
  private long disputes;
  private long reward;

  /** A disputer agent {@code name} with {@code settings}. */
  public DisputerAgent(String name, Settings settings) {
    this.name = name;
    this.settings = settings;
    this.me = Keyring.account(settings.accountName());
  }

  @Override
  public String name() {
    return name;
  }

  /** The disputer's account. */
  public AccountId account() {
    return me;
  }

  /** The settings. */
  public Settings settings() {
    return settings;
  }

  /** What it concluded about each PoSt still disputable, by PoSt. */
  public TreeMap<Kept, Verdict> verdicts() {
    return verdicts;
  }

  @Override
  public void act(AgentContext ctx) {
    long now = ctx.blockNumber();
    if (now < settings.startAt()) return;
    StorageProviderPallet sp = ctx.chain().runtime().pallet(StorageProviderPallet.class);
    long every = settings.scanEvery() > 0 ? settings.scanEvery() : defaultScanEvery(sp);
    if (lastScan == Long.MIN_VALUE || now - lastScan >= every) {
      lastScan = now;
      scan(ctx, sp, now);
    }
    submitDue(ctx, now);
  }

  /**
   * Blocks between scans by default: once per challenge window, as Lotus's disputer checks each
   * deadline after it closes, but at least once per dispute window, so that no window of {@code
   * wPoStDisputeWindow} blocks passes without a scan.
   */
  static long defaultScanEvery(StorageProviderPallet sp) {
    return Math.max(
        1, Math.min(sp.config().wPoStChallengeWindow(), sp.config().wPoStDisputeWindow()));
  }

  /**
   * Verifies every kept PoSt not seen before whose deadline is in its dispute window, and forgets
   * the verdicts of PoSts no longer disputable.
   */
  private void scan(AgentContext ctx, StorageProviderPallet sp, long now) {
    World view = ctx.view();
    ProofVerifier verifier = ctx.chain().runtime().couplings().require(ProofVerifier.class);
    long window = sp.config().wPoStDisputeWindow();
    int deadlines = sp.config().wPoStPeriodDeadlines();
    TreeMap<Kept, Verdict> seen = TreeMap.empty();
    for (AccountId provider : TreeSet.ofAll(StorageProviderStorage.PROVIDERS.keys(view))) {
      Option<StorageProviderState> st = sp.provider(view, provider);
      if (st.isEmpty()) continue;
      for (int d = 0; d < deadlines; d++) {
        var snapshot = sp.postSubmissions(view, provider, d).snapshot();
        if (snapshot.isEmpty()) continue;
        DeadlineInfo dl =
            DeadlineInfo.forIndex(sp.schedule(), st.get().provingPeriodOffset(), d, now);
        if (!dl.inDisputeWindow(window)) continue;
        DeadlineInfo target = dl.lastOpened();
        for (var e : snapshot) {
          WindowedPoSt post = e._2;
          if (post.challenge() != target.challenge()) continue;
          Kept key = new Kept(provider, d, post.challenge(), e._1);
          Option<Verdict> known = verdicts.get(key);
          if (known.isDefined()) {
            seen = seen.put(key, known.get());
            continue;
          }
          ctx.metrics().count("disputer.posts_checked");
          PoStInputs inputs =
              new PoStInputs(
                  provider,
                  sp.windowPoStRandomness(view, provider, target),
                  sp.provenReplicas(view, provider, post));
          Verdict v = judge(ctx, verifier.verifyPoSt(inputs, post.proof().bytes()));
          if (v == Verdict.INVALID) {
            long windowEnd = target.close() + window - 1;
            long due = Math.max(now, target.close() + settings.delay());
            if (due > windowEnd) {
              v = Verdict.TOO_LATE;
              ctx.metrics().count("disputer.window_missed");
            } else {
              pending = pending.put(key, new Pending(due, windowEnd));
            }
          }
          seen = seen.put(key, v);
        }
      }
    }
    // a pending dispute whose PoSt is gone: disputed by someone else, or its window ended while
    // the blocks were full
    for (var e : pending) {
      if (!seen.containsKey(e._1) && now > e._2.windowEnd()) {
        ctx.metrics().count("disputer.window_missed");
      }
    }
    verdicts = seen;
    pending = pending.filterKeys(seen::containsKey);
  }

  /** The verdict on a PoSt that {@code valid} or not, drawing whether an invalid one is missed. */
  private Verdict judge(AgentContext ctx, boolean valid) {
    if (valid) return Verdict.VALID;
    ctx.metrics().count("disputer.invalid_found");
    if (settings.missProbability() > 0 && ctx.random().nextDouble() < settings.missProbability()) {
      ctx.metrics().count("disputer.overlooked");
      return Verdict.OVERLOOKED;
    }
    return Verdict.INVALID;
  }

  /** Sends the disputes that are due, in PoSt order, until the block is full. */
  private void submitDue(AgentContext ctx, long now) {
    for (var e : pending) {
      Kept k = e._1;
      Pending p = e._2;
      if (p.due() > now) continue;
      if (now > p.windowEnd()) {
        ctx.metrics().count("disputer.window_missed");
        settle(k, Verdict.TOO_LATE);
        continue;
      }
      DispatchOutcome out =
          ctx.submit(
              me,
              new StorageProviderCall.DisputeWindowedPost(
                  k.provider(), k.deadline(), k.postIndex()));
      if (exhausted(out)) return;
      if (out.isSuccess()) {
        disputes++;
        ctx.metrics().count("disputer.disputes");
        settle(k, Verdict.DISPUTED);
      } else {
        ctx.metrics().count("disputer.disputes_failed");
        settle(k, Verdict.FAILED);
      }
    }
  }

  private void settle(Kept k, Verdict v) {
    pending = pending.remove(k);
    verdicts = verdicts.put(k, v);
  }

  @Override
  public void observe(BlockRecord block, AgentContext ctx) {
    for (var e : block.eventsOf(StorageProviderEvent.PoStDisputed.class)) {
      if (!e.disputer().equals(me)) continue;
      reward += e.reward();
      ctx.metrics().add("disputer.reward_planck", e.reward());
      ctx.metrics().add("disputer." + name + ".reward_planck", e.reward());
    }
  }

  // ================================================================== metrics, status, memory

  /** What disputer agents record, with units and meanings (the class comment's list). */
  public static final java.util.List<MetricInfo> METRICS =
      java.util.List.of(
          MetricInfo.counter(
              "disputer.posts_checked",
              "PoSts",
              "optimistically accepted Window PoSts verified in their dispute window, each once"),
          MetricInfo.counter(
              "disputer.invalid_found",
              "PoSts",
              "of those, PoSts whose proof did not verify (disputable)"),
          MetricInfo.counter(
              "disputer.overlooked",
              "PoSts",
              "invalid PoSts left undisputed by chance (miss-probability)"),
          MetricInfo.counter(
              "disputer.disputes",
              "extrinsics",
              "DisputeWindowedPoSt extrinsics that succeeded: the PoSt's sectors made faulty and"
                  + " the provider penalised"),
          MetricInfo.counter(
              "disputer.disputes_failed",
              "extrinsics",
              "DisputeWindowedPoSt extrinsics the chain refused (e.g. another disputer came"
                  + " first)"),
          MetricInfo.counter(
              "disputer.window_missed",
              "PoSts",
              "invalid PoSts whose dispute would have come after their dispute window (delay too"
                  + " long, or blocks full until the window ended)"),
          MetricInfo.counter(
              "disputer.reward_planck",
              MetricInfo.PLANCK,
              "dispute rewards paid to the disputers (PoStDisputed.reward)"),
          MetricInfo.counter(
              "disputer.<agent>.reward_planck",
              MetricInfo.PLANCK,
              "dispute rewards paid to this disputer"));

  /** How to read {@link #status()}. */
  static final String STATUS_HELP =
      "`<account> watching N, disputed N, reward P planck`: kept PoSts it holds a verdict on"
          + " (those still disputable), disputes that succeeded, and the rewards they paid.";

  @Override
  public String status() {
    return Keyring.nameOf(me)
        + " watching "
        + verdicts.size()
        + ", disputed "
        + disputes
        + ", reward "
        + reward
        + " planck";
  }

  /**
   * What a disputer keeps in memory, for a saved run.
   *
   * @param verdicts its verdict on each PoSt still disputable
   * @param pending the invalid PoSts waiting for their dispute
   * @param lastScan the block of its last scan
   * @param disputes disputes that succeeded
   * @param reward rewards received, planck
   */
  public record Memory(
      TreeMap<Kept, Verdict> verdicts,
      TreeMap<Kept, Pending> pending,
      long lastScan,
      long disputes,
      long reward) {}

  @Override
  public Option<Object> memory() {
    return Option.some(new Memory(verdicts, pending, lastScan, disputes, reward));
  }

  @Override
  public void restore(Object memory, AgentContext ctx) {
    Memory m = (Memory) memory;
    verdicts = m.verdicts();
    pending = m.pending();
    lastScan = m.lastScan();
    disputes = m.disputes();
    reward = m.reward();
  }

  /** Disputes that succeeded. */
  public long disputes() {
    return disputes;
  }

  /** Rewards received, planck. */
  public long reward() {
    return reward;
  }
}
