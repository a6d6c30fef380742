package dev.palletsim.frame.session;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;

/** The calls of Session. */
public sealed interface SessionCall extends Call<SessionPallet> {
  @Override
  default Class<SessionPallet> palletType() {
    return SessionPallet.class;
  }

  /** Registers session keys ({@code set_keys}). */
  record SetKeys(SessionKeys keys) implements SessionCall {
    @Override
    public void dispatch(SessionPallet p, Tx tx, Origin origin) {
      p.setKeys(tx, origin, keys);
    }
  }

  /** Removes one's session keys ({@code purge_keys}). */
  record PurgeKeys() implements SessionCall {
    @Override
    public void dispatch(SessionPallet p, Tx tx, Origin origin) {
      p.purgeKeys(tx, origin);
    }
  }
}
