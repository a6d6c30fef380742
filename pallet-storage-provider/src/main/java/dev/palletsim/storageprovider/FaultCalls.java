package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.storageprovider.StorageProviderEvent.FaultsDeclared;
import dev.palletsim.storageprovider.StorageProviderEvent.RecoveriesDeclared;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The fault calls of the storage provider pallet: {@code declareFaults} (power removed at once, the
 * fee as {@link FaultFeeSchedule} says) and {@code declareFaultsRecovered} (fee debt repaid first;
 * power returns with the next PoSt).
 */
final class FaultCalls extends CallGroup {

  FaultCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  void declareFaults(
      Tx tx, Origin origin, Option<AccountId> provider, Seq<SectorDeclaration> faults) {
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    var declared = checks.normalize(faults);
    long now = tx.blockNumber();
    boolean seed000 = config.faultFeeSchedule() == FaultFeeSchedule.Seed000;
    long newFaults = 0;
    PowerPair lostPower = PowerPair.ZERO;
    Vector<SectorLocation> events = Vector.empty();
    for (var dl : declared) {
      DeadlineInfo target =
          DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), dl._1, now).nextNotElapsed();
      ensure(!target.faultCutoffPassed(), StorageProviderError.FaultDeclarationTooLate);
      long faultExpiration = Checked.add(target.last(), config.faultMaxAge());
      QuantSpec quant = target.quantSpec();
      Deadline d = pallet.deadline(tx, owner, dl._1);
      for (var p : dl._2) {
        Partition part = checks.requireSectorsInPartition(tx, owner, d, dl._1, p._1, p._2);
        BitField named = Partition.bits(p._2);
        if (config.strictDeclarations()) {
          ensure(part.live().containsAll(named), StorageProviderError.SectorsNotLive);
        }
        Partition.FaultsRecorded r =
            seed000
                ? part.declareFaults(named.intersection(part.live()), faultExpiration, quant)
                : part.recordFaults(named, faultExpiration, quant);
        PARTITIONS.insert(tx, owner, new PartitionKey(dl._1, p._1), r.partition());
        if (!r.newFaults().isEmpty()) {
          d = d.withExpirations(List.of(quant.quantizeUp(faultExpiration)), p._1);
          events = events.append(SectorLocation.of(dl._1, p._1, r.newFaults()));
        }
        newFaults = Checked.add(newFaults, ledger.qaPowerOf(tx, owner, r.newFaults()));
        lostPower = lostPower.add(ledger.powerOf(tx, owner, r.lostPower()));
      }
      DEADLINES.insert(tx, owner, dl._1, d);
    }
    st = ledger.reportPower(tx, owner, st, lostPower.negate());
    tx.deposit(new FaultsDeclared(owner, events));
    if (seed000) {
      long fee = Monies.declaredFaultFee(config, pallet.inputs(tx), newFaults);
      st = ledger.charge(tx, owner, st, PenaltyKind.DeclaredFaultFee, fee);
    }
    PROVIDERS.insert(tx, owner, st);
  }

  void declareFaultsRecovered(
      Tx tx, Origin origin, Option<AccountId> provider, Seq<SectorDeclaration> recoveries) {
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    CallChecks.requireNoActiveConsensusFault(caller, tx.blockNumber());
    var declared = checks.normalize(recoveries);
    long now = tx.blockNumber();
    Vector<SectorLocation> events = Vector.empty();
    for (var dl : declared) {
      DeadlineInfo target =
          DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), dl._1, now).nextNotElapsed();
      ensure(!target.faultCutoffPassed(), StorageProviderError.FaultRecoveryTooLate);
      Deadline d = pallet.deadline(tx, owner, dl._1);
      for (var p : dl._2) {
        Partition part = checks.requireSectorsInPartition(tx, owner, d, dl._1, p._1, p._2);
        BitField named = Partition.bits(p._2);
        if (config.strictDeclarations()) {
          ensure(part.faults().containsAll(named), StorageProviderError.SectorsNotFaulty);
        }
        // builtin-actors ignores sectors that are not faulty or already recovering
        BitField recovering = named.intersection(part.faults()).difference(part.recoveries());
        if (recovering.isEmpty()) continue;
        PARTITIONS.insert(
            tx, owner, new PartitionKey(dl._1, p._1), part.declareRecoveries(recovering));
        events = events.append(SectorLocation.of(dl._1, p._1, recovering));
      }
    }
    st = ledger.repayDebtInFull(tx, owner, st, 0);
    PROVIDERS.insert(tx, owner, st);
    tx.deposit(new RecoveriesDeclared(owner, events));
  }
}
