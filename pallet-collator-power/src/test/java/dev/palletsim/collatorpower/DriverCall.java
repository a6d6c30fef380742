package dev.palletsim.collatorpower;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.CollatorRemoval;

/** Root calls of {@link DriverPallet}, each invoking one coupling method in a real transaction. */
sealed interface DriverCall extends Call<DriverPallet> {
  @Override
  default Class<DriverPallet> palletType() {
    return DriverPallet.class;
  }

  /** The storage provider pallet registers a miner ({@code StoragePower.registerMiner}). */
  record RegisterMiner(AccountId miner) implements DriverCall {
    @Override
    public void dispatch(DriverPallet p, Tx tx, Origin origin) {
      p.registerMiner(tx, origin, miner);
    }
  }

  /**
   * The storage provider pallet reports a power change ({@code updateMinerPower}): raw power by
   * {@code delta}, quality-adjusted power by {@code qaDelta}.
   */
  record UpdateMinerPower(AccountId miner, long delta, long qaDelta) implements DriverCall {
    /** A change of sectors without verified data: quality-adjusted power as raw. */
    UpdateMinerPower(AccountId miner, long delta) {
      this(miner, delta, delta);
    }

    @Override
    public void dispatch(DriverPallet p, Tx tx, Origin origin) {
      p.updateMinerPower(tx, origin, miner, delta, qaDelta);
    }
  }

  /** Collator selection removes a collator ({@code CollatorPower.onCollatorRemoved}). */
  record RemoveCollator(AccountId collator, CollatorRemoval reason) implements DriverCall {
    @Override
    public void dispatch(DriverPallet p, Tx tx, Origin origin) {
      p.removeCollator(tx, origin, collator, reason);
    }
  }
}
