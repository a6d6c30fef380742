package dev.palletsim.frame.session;

import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.SessionManager;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The session manager of a runtime without collator selection: the validators are the accounts
 * given session keys at genesis, for every session.
 */
public final class StaticSessionManager implements SessionManager {
  @Override
  public Option<Seq<AccountId>> newSession(Tx tx, long newIndex) {
    return Option.none();
  }

  @Override
  public Option<Seq<AccountId>> newSessionGenesis(Tx tx, long index) {
    return Option.some(SessionStorage.NEXT_KEYS.keys(tx));
  }
}
