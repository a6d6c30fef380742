package dev.palletsim.frame.system;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * frame-system for palletsim: the block number, the timestamp, account nonces and the randomness
 * seed. Its {@code onInitialize} runs first in every block (ARCHITECTURE §6, step 1).
 */
@PalletName("System")
public final class SystemPallet implements Pallet {
  /**
   * The name SystemPallet declares with {@link PalletName}: its storage prefix, for work records.
   */
  public static final String NAME = Pallet.nameOf(SystemPallet.class);

  @Override
  public void buildGenesis(Tx tx, Genesis genesis) {
    SystemStorage.RANDOMNESS_SEED.put(tx, genesis.randomnessSeed());
    SystemStorage.NOW.put(tx, genesis.timestampMillis());
  }

  @Override
  public void onInitialize(Tx tx) {
    SystemStorage.PARENT_HASH.put(tx, tx.commit().stateHash());
    SystemStorage.NUMBER.put(tx, tx.blockNumber());
    SystemStorage.NOW.put(tx, tx.timestamp());
  }

  /** Counts a successful signed extrinsic of {@code who}. */
  public void incrementNonce(Tx tx, AccountId who) {
    SystemStorage.ACCOUNT_NONCE.mutate(tx, who, n -> n + 1);
  }

  void remark(Tx tx, Origin origin, String remark) {
    Origin.ensureSigned(origin);
    Ensure.present(remark, "remark");
  }

  void remarkWithEvent(Tx tx, Origin origin, String remark) {
    Origin.ensureSigned(origin);
    tx.deposit(new SystemEvent.Remarked(Ensure.present(remark, "remark")));
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(SystemCall.Remark.class, SystemCall.RemarkWithEvent.class);
  }
}
