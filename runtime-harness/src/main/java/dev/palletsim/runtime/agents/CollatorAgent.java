package dev.palletsim.runtime.agents;

import dev.palletsim.collatorselection.CollatorSelectionCall;
import dev.palletsim.collatorselection.CollatorSelectionEvent;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionCall;
import dev.palletsim.frame.session.SessionKeys;
import dev.palletsim.frame.session.SessionStorage;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.runtime.sim.Agent;
import dev.palletsim.runtime.sim.AgentContext;
import java.util.Map;

/**
 * A collator node: registers session keys, bonds as a candidate (the chain's current candidacy
 * bond), authors whenever Aura gives it a slot, and re-registers after being kicked if told to.
 * Going offline is the node stopping: its slots stay empty, it authors nothing and collator
 * selection eventually kicks it.
 *
 * <p>Commands: {@code go-offline} (optional {@code blocks}: come back after that many blocks),
 * {@code go-online}, {@code leave} (submit {@code leave_intent} and stay out).
 */
public final class CollatorAgent implements Agent {
  private final String name;
  private final AccountId me;
  private final boolean rejoin;
  private long offlineUntil = -1;
  private boolean offline;
  private boolean leaving;
  private boolean registered;
  private long authored;
  private long kicked;
  private long lastAttempt = Long.MIN_VALUE;

  /** A collator agent {@code name} controlling {@code account}. */
  public CollatorAgent(String name, AccountId account, boolean rejoin) {
    this.name = name;
    this.me = account;
    this.rejoin = rejoin;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void act(AgentContext ctx) {
    long now = ctx.blockNumber();
    if (offline && offlineUntil >= 0 && now >= offlineUntil) setOnline(ctx, true);
    if (offline || leaving) return;
    var view = ctx.view();
    if (!SessionStorage.NEXT_KEYS.contains(view, me)) {
      ctx.submit(me, new SessionCall.SetKeys(new SessionKeys(me)));
    }
    boolean candidate = CollatorSelectionStorage.CANDIDATES.contains(ctx.view(), me);
    boolean invulnerable = CollatorSelectionStorage.INVULNERABLES.get(ctx.view()).contains(me);
    if (!candidate && !invulnerable && (!registered || rejoin) && now - lastAttempt >= 10) {
      lastAttempt = now;
      if (ctx.submit(me, new CollatorSelectionCall.RegisterAsCandidate()).isSuccess()) {
        registered = true;
      }
    }
  }

  @Override
  public void observe(BlockRecord block, AgentContext ctx) {
    if (block.author().contains(me)) authored++;
    for (var e : block.eventsOf(CollatorSelectionEvent.CandidateRemoved.class)) {
      if (e.accountId().equals(me) && e.reason() == CollatorRemoval.Kicked) kicked++;
    }
  }

  @Override
  public boolean command(String command, Map<String, Object> args, AgentContext ctx) {
    switch (command) {
      case "go-offline" -> {
        Object blocks = args.get("blocks");
        offlineUntil = blocks instanceof Number n ? ctx.blockNumber() + n.longValue() : -1;
        setOnline(ctx, false);
        return true;
      }
      case "go-online" -> {
        setOnline(ctx, true);
        return true;
      }
      case "leave" -> {
        leaving = true;
        ctx.submit(me, new CollatorSelectionCall.LeaveIntent());
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

  @Override
  public String status() {
    return Keyring.nameOf(me)
        + (offline ? " offline" : " online")
        + ", authored "
        + authored
        + ", kicked "
        + kicked
        + (leaving ? ", left" : "");
  }

  /** Blocks this collator authored. */
  public long authored() {
    return authored;
  }

  /** Times it was kicked. */
  public long kicked() {
    return kicked;
  }
}
