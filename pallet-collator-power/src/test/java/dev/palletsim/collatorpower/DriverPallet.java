package dev.palletsim.collatorpower;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.CollatorPower;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.frame.traits.StoragePower;
import java.util.function.Supplier;

/**
 * A test-only pallet standing in for the counterparts of the collator power pallet: the storage
 * provider pallet (which calls {@link StoragePower}) and collator selection (which calls {@link
 * CollatorPower#onCollatorRemoved}). Its Root calls reach the couplings exactly as the real pallets
 * would, inside a dispatched transaction, so failures are typed and leave the world unchanged.
 */
final class DriverPallet implements Pallet {
  private final Supplier<StoragePower> storagePower;
  private final Supplier<CollatorPower> collatorPower;

  DriverPallet(Couplings couplings) {
    this.storagePower = couplings.lazy(StoragePower.class);
    this.collatorPower = couplings.lazy(CollatorPower.class);
  }

  @Override
  public String name() {
    return "Driver";
  }

  void registerMiner(Tx tx, Origin origin, AccountId miner) {
    Origin.ensureRoot(origin);
    storagePower.get().registerMiner(tx, miner);
  }

  void updateMinerPower(Tx tx, Origin origin, AccountId miner, long delta, long qaDelta) {
    Origin.ensureRoot(origin);
    storagePower.get().updateMinerPower(tx, miner, delta, qaDelta);
  }

  void removeCollator(Tx tx, Origin origin, AccountId collator, CollatorRemoval reason) {
    Origin.ensureRoot(origin);
    collatorPower.get().onCollatorRemoved(tx, collator, reason);
  }
}
