package dev.palletsim.frame.session;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.SessionManager;
import dev.palletsim.frame.traits.ValidatorRegistration;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.function.Supplier;

/**
 * pallet-session with {@code PeriodicSessions(period, offset)}: a session ends at block {@code n}
 * when {@code n ≥ offset} and {@code (n − offset) % period == 0}. Rotation follows pallet-session's
 * order: end the current session, make the queued set current, advance the index, start the new
 * session, ask the {@link SessionManager} for the set of the session after it, queue it. A set
 * assembled during the rotation into session {@code i} therefore becomes active at the rotation
 * into {@code i + 1}: with a period of 10, a change at block 4 is queued at 10 and active at 20.
 * Validators without session keys are left out of a queued set, as pallet-session does.
 */
@PalletName("Session")
public final class SessionPallet implements Pallet, ValidatorRegistration {
  /**
   * The name SessionPallet declares with {@link PalletName}: its storage prefix, for work records.
   */
  public static final String NAME = Pallet.nameOf(SessionPallet.class);

  private final long period;
  private final long offset;
  private final Supplier<SessionManager> manager;

  /** Session with the given period and offset, asking {@code couplings}' session manager. */
  public SessionPallet(long period, long offset, Couplings couplings) {
    if (period < 1 || offset < 0) throw new IllegalArgumentException("period ≥ 1, offset ≥ 0");
    this.period = period;
    this.offset = offset;
    this.manager = couplings.lazy(SessionManager.class);
  }

  /** Whether the session rotates at block {@code n}. */
  public boolean shouldEndSession(long n) {
    return n >= offset && n > 0 && (n - offset) % period == 0;
  }

  /** The first block after {@code n} at which a session rotates. */
  public long nextRotationAfter(long n) {
    if (n < offset) return offset == 0 ? period : offset;
    return offset + ((n - offset) / period + 1) * period;
  }

  /** The session period in blocks. */
  public long period() {
    return period;
  }

  @Override
  public boolean isRegistered(StateView view, AccountId who) {
    return SessionStorage.NEXT_KEYS.contains(view, who);
  }

  @Override
  public void onInitialize(Tx tx) {
    if (shouldEndSession(tx.blockNumber())) rotate(tx);
  }

  private void rotate(Tx tx) {
    SessionManager sm = manager.get();
    long current = SessionStorage.CURRENT_INDEX.get(tx);
    sm.endSession(tx, current);
    Vector<AccountId> validators = SessionStorage.QUEUED_VALIDATORS.get(tx);
    SessionStorage.VALIDATORS.put(tx, validators);
    long next = current + 1;
    SessionStorage.CURRENT_INDEX.put(tx, next);
    sm.startSession(tx, next);
    var proposed = sm.newSession(tx, next + 1);
    Vector<AccountId> queued = proposed.map(s -> withKeys(tx, s)).getOrElse(validators);
    SessionStorage.QUEUED_VALIDATORS.put(tx, queued);
    SessionStorage.QUEUED_CHANGED.put(tx, proposed.isDefined());
    tx.deposit(new SessionEvent.NewSession(next, validators, queued));
    onNewSession(tx, validators);
  }

  /** Aura's session handler: the current validators become the authorities. */
  private static void onNewSession(Tx tx, Vector<AccountId> validators) {
    if (!validators.isEmpty()) SessionStorage.AUTHORITIES.put(tx, validators);
  }

  private static Vector<AccountId> withKeys(StateView view, Seq<AccountId> set) {
    Vector<AccountId> out = Vector.empty();
    for (AccountId v : set) {
      if (SessionStorage.NEXT_KEYS.contains(view, v) && !out.contains(v)) out = out.append(v);
    }
    return out;
  }

  void setKeys(Tx tx, Origin origin, SessionKeys keys) {
    AccountId who = Origin.ensureSigned(origin);
    Ensure.present(keys, "keys");
    Ensure.present(keys.aura(), "keys.aura");
    var owner = SessionStorage.KEY_OWNER.find(tx, keys.aura());
    ensure(owner.isEmpty() || owner.get().equals(who), SessionError.DuplicatedKey);
    SessionStorage.NEXT_KEYS
        .find(tx, who)
        .forEach(old -> SessionStorage.KEY_OWNER.remove(tx, old.aura()));
    SessionStorage.NEXT_KEYS.insert(tx, who, keys);
    SessionStorage.KEY_OWNER.insert(tx, keys.aura(), who);
  }

  void purgeKeys(Tx tx, Origin origin) {
    AccountId who = Origin.ensureSigned(origin);
    var old = SessionStorage.NEXT_KEYS.take(tx, who);
    ensure(old.isDefined(), SessionError.NoKeys);
    SessionStorage.KEY_OWNER.remove(tx, old.get().aura());
  }

  @Override
  public void buildGenesis(Tx tx, Genesis genesis) {
    Seq<AccountId> keyed =
        genesis.config(SessionGenesis.class).map(SessionGenesis::keys).getOrElse(List.empty());
    for (AccountId a : keyed) {
      SessionStorage.NEXT_KEYS.insert(tx, a, new SessionKeys(a));
      SessionStorage.KEY_OWNER.insert(tx, a, a);
    }
    SessionManager sm = manager.get();
    Vector<AccountId> first =
        sm.newSessionGenesis(tx, 0).map(s -> withKeys(tx, s)).getOrElse(Vector.empty());
    Vector<AccountId> second =
        sm.newSessionGenesis(tx, 1).map(s -> withKeys(tx, s)).getOrElse(first);
    SessionStorage.VALIDATORS.put(tx, first);
    SessionStorage.QUEUED_VALIDATORS.put(tx, second);
    SessionStorage.CURRENT_INDEX.put(tx, 0L);
    sm.startSession(tx, 0);
    onNewSession(tx, first);
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(SessionCall.SetKeys.class, SessionCall.PurgeKeys.class);
  }
}
