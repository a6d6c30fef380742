package dev.palletsim.agents;

import dev.palletsim.collatorselection.CandidateInfo;
import dev.palletsim.collatorselection.CollatorSelectionCall;
import dev.palletsim.collatorselection.CollatorSelectionEvent;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionCall;
import dev.palletsim.frame.session.SessionKeys;
import dev.palletsim.frame.session.SessionStorage;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.MetricInfo;
import io.vavr.control.Option;
import java.util.Map;

/**
 * A collator node (polkadot-sdk collator selection's candidate, reference/collators-and-codex.md
 * §1): registers its session keys ({@code set_keys}), bonds as a candidate ({@code
 * register_as_candidate} reserves the chain's candidacy bond; a higher {@code bond} is then set
 * with {@code update_bond}), and authors whenever Aura gives it a slot — the runtime does that
 * while the node is online. Going offline is the node stopping: it submits nothing and its slots
 * stay empty ({@code Chain.setOnline}, the one place an agent touches the harness rather than the
 * chain), so collator selection kicks it once it held a seat without authoring; with {@code rejoin}
 * it registers again once back online. A scenario's {@code offline:} step has the same effect: the
 * agent sees it and stays silent.
 *
 * <h2>Metrics</h2>
 *
 * Declared with their units and meanings in {@link #METRICS}. Counters {@code collator.registered},
 * {@code collator.rejoined}, {@code collator.kicked} and {@code collator.<agent>.kicked}, {@code
 * collator.<agent>.offline_blocks}, and failures ({@code collator.register_failed}, {@code
 * collator.set_keys_failed}, {@code collator.bond_update_failed}, {@code collator.leave_failed}).
 * Blocks authored are the {@code authorship} probe's.
 *
 * <h2>Commands</h2>
 *
 * {@code go-offline {blocks}} (come back after that many blocks, or on {@code go-online}), {@code
 * go-online}, {@code leave} ({@code leave_intent} in its next act while online; it stays out),
 * {@code join} (become a candidate again after {@code leave}).
 */
public final class CollatorAgent implements Agent {

  /**
   * What a collator agent is configured with (see {@link CollatorAgentType}).
   *
   * @param accountName the keyring name of its account
   * @param candidate whether it registers as a candidate at all (false: keys only, e.g. an
   *     invulnerable)
   * @param registerAt the first block it may register
   * @param rejoin whether it registers again after being removed (kicked, bond too low, slashed)
   * @param rejoinDelay blocks to wait after a removal before registering again
   * @param bond the bond to hold, planck; 0 keeps the chain's candidacy bond
   */
  public record Settings(
      String accountName,
      boolean candidate,
      long registerAt,
      boolean rejoin,
      long rejoinDelay,
      long bond) {
    /** Checks the settings. */
    public Settings {
      if (rejoinDelay < 0) throw new IllegalArgumentException("rejoin-delay must not be negative");
      if (bond < 0) throw new IllegalArgumentException("bond must not be negative");
    }
  }

  private static final long RETRY_BLOCKS = 10;

  private final String name;
  private final Settings settings;
  private final AccountId me;
  private boolean offline;
  private long offlineUntil = -1;
  private boolean leaving;
  private boolean registeredOnce;
  private long removedAt = -1;
  private long lastKeysAttempt = Long.MIN_VALUE;
  private long lastRegisterAttempt = Long.MIN_VALUE;
  private long lastBondAttempt = Long.MIN_VALUE;
  private long lastLeaveAttempt = Long.MIN_VALUE;
  private long authored;
  private long kicked;
  private long registrations;

  /** A collator agent {@code name} with {@code settings}. */
  public CollatorAgent(String name, Settings settings) {
    this.name = name;
    this.settings = settings;
    this.me = Keyring.account(settings.accountName());
  }

  @Override
  public String name() {
    return name;
  }

  /** The collator's account. */
  public AccountId account() {
    return me;
  }

  @Override
  public void act(AgentContext ctx) {
    long now = ctx.blockNumber();
    if (offline && offlineUntil >= 0 && now >= offlineUntil) setOnline(ctx, true);
    if (offline || ctx.chain().snapshot().offline().contains(me)) {
      ctx.metrics().count("collator." + name + ".offline_blocks");
      return;
    }
    var view = ctx.view();
    if (!SessionStorage.NEXT_KEYS.contains(view, me)) {
      if (due(now, lastKeysAttempt)) {
        lastKeysAttempt = now;
        DispatchOutcome out = ctx.submit(me, new SessionCall.SetKeys(new SessionKeys(me)));
        if (!out.isSuccess()) ctx.metrics().count("collator.set_keys_failed");
      }
      return;
    }
    Option<CandidateInfo> info = CollatorSelectionStorage.CANDIDATES.find(view, me);
    if (leaving) {
      if (info.isDefined() && due(now, lastLeaveAttempt)) {
        lastLeaveAttempt = now;
        DispatchOutcome out = ctx.submit(me, new CollatorSelectionCall.LeaveIntent());
        if (!out.isSuccess()) ctx.metrics().count("collator.leave_failed");
      }
      return;
    }
    if (!settings.candidate() || now < settings.registerAt()) return;
    if (CollatorSelectionStorage.INVULNERABLES.get(view).contains(me)) return;
    if (info.isDefined()) {
      if (settings.bond() > info.get().deposit() && due(now, lastBondAttempt)) {
        lastBondAttempt = now;
        DispatchOutcome out = ctx.submit(me, new CollatorSelectionCall.UpdateBond(settings.bond()));
        if (!out.isSuccess()) ctx.metrics().count("collator.bond_update_failed");
      }
      return;
    }
    boolean mayRegister =
        !registeredOnce || (settings.rejoin() && now >= removedAt + settings.rejoinDelay());
    if (!mayRegister || !due(now, lastRegisterAttempt)) return;
    lastRegisterAttempt = now;
    DispatchOutcome out = ctx.submit(me, new CollatorSelectionCall.RegisterAsCandidate());
    if (out.isSuccess()) {
      ctx.metrics().count(registeredOnce ? "collator.rejoined" : "collator.registered");
      registeredOnce = true;
      registrations++;
    } else {
      ctx.metrics().count("collator.register_failed");
    }
  }

  private static boolean due(long now, long last) {
    return last == Long.MIN_VALUE || now - last >= RETRY_BLOCKS;
  }

  @Override
  public void observe(BlockRecord block, AgentContext ctx) {
    if (block.author().contains(me)) authored++;
    for (var e : block.eventsOf(CollatorSelectionEvent.CandidateRemoved.class)) {
      if (!e.accountId().equals(me)) continue;
      removedAt = block.number();
      registeredOnce = true;
      if (e.reason() == CollatorRemoval.Kicked) {
        kicked++;
        ctx.metrics().count("collator.kicked");
        ctx.metrics().count("collator." + name + ".kicked");
      }
    }
  }

  @Override
  public boolean command(String command, Map<String, Object> args, AgentContext ctx) {
    switch (command) {
      case "go-offline" -> {
        long blocks;
        try {
          blocks =
              args.containsKey("blocks")
                  ? Distribution.amount("agent " + name, "blocks", args.get("blocks"))
                  : -1;
        } catch (IllegalArgumentException e) {
          ctx.metrics().count("collator.command_rejected");
          return false;
        }
        offlineUntil = blocks >= 0 ? ctx.blockNumber() + blocks : -1;
        setOnline(ctx, false);
        return true;
      }
      case "go-online" -> {
        setOnline(ctx, true);
        return true;
      }
      case "leave" -> {
        leaving = true;
        lastLeaveAttempt = Long.MIN_VALUE;
        return true;
      }
      case "join" -> {
        leaving = false;
        registeredOnce = false;
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void setOnline(AgentContext ctx, boolean online) {
    offline = !online;
    if (online) offlineUntil = -1;
    ctx.chain().setOnline(me, online);
  }

  /** What collator agents record, with units and meanings (the class comment's list). */
  public static final java.util.List<MetricInfo> METRICS =
      java.util.List.of(
          MetricInfo.counter(
              "collator.registered",
              "registrations",
              "first registrations as a candidate (register_as_candidate)"),
          MetricInfo.counter(
              "collator.rejoined",
              "registrations",
              "registrations again after a removal (kicked, left, bond too low)"),
          MetricInfo.counter(
              "collator.kicked",
              "removals",
              "candidates kicked for holding a seat without authoring (KickThreshold)"),
          MetricInfo.counter(
              "collator.<agent>.kicked", "removals", "times this collator was kicked"),
          MetricInfo.counter(
              "collator.<agent>.offline_blocks",
              MetricInfo.BLOCKS,
              "blocks this collator spent offline (go-offline, or an offline: step)"),
          MetricInfo.counter(
              "collator.register_failed", "extrinsics", "register_as_candidate calls that failed"),
          MetricInfo.counter(
              "collator.set_keys_failed", "extrinsics", "set_keys calls that failed"),
          MetricInfo.counter(
              "collator.bond_update_failed", "extrinsics", "update_bond calls that failed"),
          MetricInfo.counter(
              "collator.leave_failed", "extrinsics", "leave_intent calls that failed"),
          MetricInfo.counter(
              "collator.command_rejected",
              "commands",
              "scripted commands with malformed arguments"));

  /** How to read {@link #status()}. */
  static final String STATUS_HELP =
      "`<account> online|offline, authored N, registered N, kicked N[, left]`: blocks it authored"
          + " (as this instance saw them), times it registered as a candidate, times collator"
          + " selection kicked it, and left after a leave command.";

  /**
   * What a collator agent keeps in memory, for a saved run.
   *
   * @param offline whether the node is stopped
   * @param offlineUntil the block it comes back, −1 for none
   * @param leaving whether it was told to leave
   * @param registeredOnce whether it has registered (or been a candidate) before
   * @param removedAt the block it was last removed, −1 for never
   * @param lastKeysAttempt the block of its last {@code set_keys}
   * @param lastRegisterAttempt the block of its last registration
   * @param lastBondAttempt the block of its last bond update
   * @param lastLeaveAttempt the block of its last {@code leave_intent}
   * @param authored blocks it saw itself author
   * @param kicked times it saw itself kicked
   * @param registrations successful registrations
   */
  public record Memory(
      boolean offline,
      long offlineUntil,
      boolean leaving,
      boolean registeredOnce,
      long removedAt,
      long lastKeysAttempt,
      long lastRegisterAttempt,
      long lastBondAttempt,
      long lastLeaveAttempt,
      long authored,
      long kicked,
      long registrations) {}

  @Override
  public Option<Object> memory() {
    return Option.some(
        new Memory(
            offline,
            offlineUntil,
            leaving,
            registeredOnce,
            removedAt,
            lastKeysAttempt,
            lastRegisterAttempt,
            lastBondAttempt,
            lastLeaveAttempt,
            authored,
            kicked,
            registrations));
  }

  @Override
  public void restore(Object memory, AgentContext ctx) {
    Memory m = (Memory) memory;
    offline = m.offline();
    offlineUntil = m.offlineUntil();
    leaving = m.leaving();
    registeredOnce = m.registeredOnce();
    removedAt = m.removedAt();
    lastKeysAttempt = m.lastKeysAttempt();
    lastRegisterAttempt = m.lastRegisterAttempt();
    lastBondAttempt = m.lastBondAttempt();
    lastLeaveAttempt = m.lastLeaveAttempt();
    authored = m.authored();
    kicked = m.kicked();
    registrations = m.registrations();
  }

  @Override
  public String status() {
    return Keyring.nameOf(me)
        + (offline ? " offline" : " online")
        + ", authored "
        + authored
        + ", registered "
        + registrations
        + ", kicked "
        + kicked
        + (leaving ? ", left" : "");
  }

  /** Blocks this instance saw it author. */
  public long authored() {
    return authored;
  }

  /** Times this instance saw it kicked. */
  public long kicked() {
    return kicked;
  }
}
