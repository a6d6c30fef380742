package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;
import static dev.palletsim.storageprovider.StorageProviderStorage.SECTORS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.storageprovider.StorageProviderEvent.MarketTerminationFailed;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsTerminated;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Early termination in the storage provider pallet: the {@code terminateSectors} call and the
 * settlement it shares with the deadline cron's terminations at {@code FaultMaxAge} (pledge
 * released, FIP-0098 fee charged, the market told).
 */
final class TerminationCalls extends CallGroup {

  TerminationCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  void terminateSectors(
      Tx tx, Origin origin, Option<AccountId> provider, Seq<SectorDeclaration> terminations) {
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    var declared = checks.normalize(terminations);
    long now = tx.blockNumber();
    PowerPair lostPower = PowerPair.ZERO;
    Vector<SectorOnChainInfo> terminated = Vector.empty();
    for (var dl : declared) {
      ensure(
          DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), dl._1, now).isMutable(),
          StorageProviderError.CannotTerminateImmutableDeadline);
      Deadline d = pallet.deadline(tx, owner, dl._1);
      long fees = 0;
      long qaPower = 0;
      for (var p : dl._2) {
        Partition part = checks.requireSectorsInPartition(tx, owner, d, dl._1, p._1, p._2);
        BitField named = Partition.bits(p._2);
        ensure(part.live().containsAll(named), StorageProviderError.SectorsNotLive);
        Partition.Removed r = part.terminate(named);
        PARTITIONS.insert(tx, owner, new PartitionKey(dl._1, p._1), r.partition());
        lostPower = lostPower.add(ledger.powerOf(tx, owner, r.lostPower()));
        for (Long s : r.removed()) {
          SectorOnChainInfo info = pallet.sector(tx, owner, s);
          terminated = terminated.append(info);
          fees = Checked.add(fees, info.dailyFee());
          qaPower = Checked.add(qaPower, info.qaPower());
        }
      }
      DEADLINES.insert(
          tx,
          owner,
          dl._1,
          d.withSectorsRemoved(checks.countIn(dl._2)).withLiveChange(-fees, -qaPower));
    }
    st = ledger.reportPower(tx, owner, st, lostPower.negate());
    st = settleTerminated(tx, owner, st, terminated, TerminationReason.Voluntary, false);
    PROVIDERS.insert(tx, owner, st);
  }

  /**
   * The money and market side of early terminations (voluntary or at fault max age): sectors
   * removed, pledge released, termination fee charged, the market told to terminate their deals
   * (from the cron, a market failure is reported and tolerated; from a call, it fails the call).
   */
  StorageProviderState settleTerminated(
      Tx tx,
      AccountId owner,
      StorageProviderState st,
      Seq<SectorOnChainInfo> sectors,
      TerminationReason reason,
      boolean fromCron) {
    if (sectors.isEmpty()) return st;
    // kept PoSts that proved them keep the replicas they proved, for disputes
    pallet.keepProvenReplicas(tx, owner, sectors);
    long now = tx.blockNumber();
    NetworkInputs economics = pallet.inputs(tx);
    long pledge = 0;
    long fee = 0;
    TreeSet<Long> numbers = TreeSet.empty();
    Vector<Long> withDeals = Vector.empty();
    for (SectorOnChainInfo s : sectors) {
      pledge = Checked.add(pledge, s.initialPledge());
      fee =
          Checked.add(
              fee,
              Monies.terminationFeeForSector(
                  config, economics, s.initialPledge(), now - s.activation(), s.qaPower()));
      numbers = numbers.add(s.sectorNumber());
      // builtin-actors tells the market of the sectors holding data (deal or verified weight)
      if (s.hasData() || !s.dealIds().isEmpty()) withDeals = withDeals.append(s.sectorNumber());
      SECTORS.remove(tx, owner, s.sectorNumber());
    }
    st = st.withLiveSectors(Checked.sub(st.liveSectors(), sectors.size()));
    st = ledger.releasePledge(tx, owner, st, pledge);
    tx.deposit(new SectorsTerminated(owner, numbers, reason, pledge));
    st = ledger.charge(tx, owner, st, PenaltyKind.TerminationFee, fee);
    if (!withDeals.isEmpty()) {
      Vector<Long> dealSectors = withDeals.sorted();
      if (fromCron) {
        var failed =
            tx.transactional(() -> pallet.market().onSectorsTerminate(tx, owner, dealSectors));
        if (failed.isDefined()) {
          tx.deposit(
              new MarketTerminationFailed(
                  owner, TreeSet.ofAll(dealSectors), failed.get().describe()));
        }
      } else {
        pallet.market().onSectorsTerminate(tx, owner, dealSectors);
      }
    }
    return ledger.repayDebt(tx, owner, st);
  }
}
