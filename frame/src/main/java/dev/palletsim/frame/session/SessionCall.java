package dev.palletsim.frame.session;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;

/** The calls of Session. */
public sealed interface SessionCall extends Call<SessionPallet> {
  /** Keys and their owner index, old and new: 6 reads and 4 writes (metered worst case 5 and 3). */
  @Override
  default Weight weight(SessionPallet p, WeightCosts w) {
    return w.readsWrites(6, 4);
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
