package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.StoragePower;
import io.vavr.collection.Vector;

/**
 * A fake collator power pallet: miner claims in world storage, every update recorded, with the
 * failures the real one has (double registration, unknown miner, negative power).
 */
final class FakePower implements StoragePower {
  enum FakePowerError implements PalletError {
    AlreadyRegistered,
    NotRegistered,
    NegativePower;

    @Override
    public String pallet() {
      return "FakePower";
    }

    @Override
    public ExitCode exitCode() {
      return switch (this) {
        case AlreadyRegistered -> ExitCode.USR_ILLEGAL_ARGUMENT;
        case NotRegistered -> ExitCode.USR_NOT_FOUND;
        case NegativePower -> ExitCode.USR_ILLEGAL_STATE;
      };
    }
  }

  /** One power update: raw and quality-adjusted deltas. */
  record Update(AccountId miner, long delta, long qaDelta, long block) {}

  static final StorageMap<AccountId, Long> CLAIMS = StorageMap.hashed("FakePower", "Claims");
  static final StorageMap<AccountId, Long> QA_CLAIMS = StorageMap.hashed("FakePower", "QaClaims");
  static final StorageValue<Vector<Update>> UPDATES =
      StorageValue.withDefault("FakePower", "Updates", Vector.empty());

  @Override
  public void registerMiner(Tx tx, AccountId miner) {
    ensure(!CLAIMS.contains(tx, miner), FakePowerError.AlreadyRegistered);
    CLAIMS.insert(tx, miner, 0L);
    QA_CLAIMS.insert(tx, miner, 0L);
  }

  @Override
  public void updateMinerPower(Tx tx, AccountId miner, long delta, long qaDelta) {
    ensure(CLAIMS.contains(tx, miner), FakePowerError.NotRegistered);
    long next = CLAIMS.get(tx, miner) + delta;
    long nextQa = QA_CLAIMS.get(tx, miner) + qaDelta;
    ensure(next >= 0 && nextQa >= 0, FakePowerError.NegativePower);
    CLAIMS.insert(tx, miner, next);
    QA_CLAIMS.insert(tx, miner, nextQa);
    UPDATES.mutate(tx, u -> u.append(new Update(miner, delta, qaDelta, tx.blockNumber())));
  }

  @Override
  public long minerQaPower(StateView view, AccountId miner) {
    return QA_CLAIMS.find(view, miner).getOrElse(0L);
  }

  @Override
  public long minerPower(StateView view, AccountId miner) {
    return CLAIMS.find(view, miner).getOrElse(0L);
  }

  @Override
  public boolean isMinerRegistered(StateView view, AccountId miner) {
    return CLAIMS.contains(view, miner);
  }

  static Vector<Update> updates(StateView view) {
    return UPDATES.get(view);
  }
}
