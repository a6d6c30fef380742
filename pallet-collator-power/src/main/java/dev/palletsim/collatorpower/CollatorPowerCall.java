package dev.palletsim.collatorpower;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.AccountId;

/**
 * The extrinsics of the collator power pallet (FRAME's {@code #[pallet::call]}), all signed by the
 * miner. Power updates are deliberately absent: seed 001 makes {@code update_miner_power} reachable
 * only from the storage provider pallet, through {@link dev.palletsim.frame.traits.StoragePower}.
 */
public sealed interface CollatorPowerCall extends Call<CollatorPowerPallet> {
  /**
   * Seed 001 {@code create_miner}: the signer becomes a miner with zero power. The miner id is the
   * signer's account, so nobody can register someone else.
   */
  record CreateMiner() implements CollatorPowerCall {
    @Override
    public Weight weight(CollatorPowerPallet p, WeightCosts w) {
      return w.readsWrites(4, 3);
    }

    @Override
    public void dispatch(CollatorPowerPallet p, Tx tx, Origin origin) {
      p.createMiner(tx, origin);
    }
  }

  /**
   * Seed 001 {@code delegate_power}: delegate {@code amount} bytes of free power to a candidate.
   */
  record DelegatePower(AccountId collator, long amount) implements CollatorPowerCall {
    @Override
    public Weight weight(CollatorPowerPallet p, WeightCosts w) {
      return w.readsWrites(12, 5);
    }

    @Override
    public void dispatch(CollatorPowerPallet p, Tx tx, Origin origin) {
      p.delegatePower(tx, origin, collator, amount);
    }
  }

  /** Take {@code amount} bytes of delegated power back from {@code collator}. */
  record Undelegate(AccountId collator, long amount) implements CollatorPowerCall {
    @Override
    public Weight weight(CollatorPowerPallet p, WeightCosts w) {
      return w.readsWrites(8, 5);
    }

    @Override
    public void dispatch(CollatorPowerPallet p, Tx tx, Origin origin) {
      p.undelegate(tx, origin, collator, amount);
    }
  }

  /** Move {@code amount} bytes of delegated power from one collator to another candidate. */
  record Redelegate(AccountId from, AccountId to, long amount) implements CollatorPowerCall {
    @Override
    public Weight weight(CollatorPowerPallet p, WeightCosts w) {
      return w.readsWrites(14, 7);
    }

    @Override
    public void dispatch(CollatorPowerPallet p, Tx tx, Origin origin) {
      p.redelegate(tx, origin, from, to, amount);
    }
  }
}
