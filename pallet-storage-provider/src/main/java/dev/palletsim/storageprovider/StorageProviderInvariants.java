package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINE_CRON;
import static dev.palletsim.storageprovider.StorageProviderStorage.MINER_INFO;
import static dev.palletsim.storageprovider.StorageProviderStorage.PARTITIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.POST_SUBMISSIONS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMITS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMIT_EXPIRIES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;
import static dev.palletsim.storageprovider.StorageProviderStorage.SECTORS;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.BitField;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.StoragePower;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The storage provider pallet's invariants (FRAME's {@code try_state}), checked after every block
 * by the mock runtime:
 *
 * <ol>
 *   <li>power: the raw and quality-adjusted power a provider reported equal Σ power of its active
 *       sectors (and, when a {@code StoragePower} is wired in, the power it holds for the miner);
 *   <li>money: recorded pre-commit deposits and pledges equal the sums over the pre-commits and
 *       sectors holding them, are covered by the reserved balance, and nothing is negative;
 *   <li>partitions: every partition is consistent ({@link Partition#inconsistency()}), sectors are
 *       stored exactly for the live sectors of the partition they name, live counts agree, and a
 *       deadline's daily fee and live quality-adjusted power are Σ over its live sectors;
 *   <li>schedule: a provider holding deposits or pledge is enrolled at its current deadline's last
 *       block, which is still ahead; every pre-commit is in the expiry index at its block;
 *   <li>accounts and kept PoSts: account information is stored only for registered providers and
 *       only when it is not the self-owned default, with at most {@code maxControlAddresses}
 *       control addresses and no negative quota; kept PoSts belong to registered providers, name
 *       existing partitions of their deadline, claim at least one sector, and can still name the
 *       replica of every sector they proved (its record, or the sealed CID they kept when the
 *       record changed or went).
 * </ol>
 */
final class StorageProviderInvariants {
  private final StorageProviderPallet pallet;

  StorageProviderInvariants(StorageProviderPallet pallet) {
    this.pallet = pallet;
  }

  Seq<Invariant> all() {
    return List.of(
        Invariant.of(
            "StorageProvider: reported power = Σ power of active sectors", this::powerMatches),
        Invariant.of(
            "StorageProvider: deposits and pledges match their sectors and are reserved",
            this::moneyMatches),
        Invariant.of(
            "StorageProvider: partitions, sectors and deadlines are consistent",
            this::partitionsConsistent),
        Invariant.of(
            "StorageProvider: providers with sectors are enrolled, pre-commits are indexed",
            this::scheduleConsistent),
        Invariant.of(
            "StorageProvider: account information and kept PoSts are well-formed",
            this::accountsConsistent));
  }

  private Option<String> powerMatches(StateView view) {
    Option<StoragePower> power = pallet.couplings().find(StoragePower.class);
    for (Tuple2<AccountId, StorageProviderState> p : PROVIDERS.entries(view)) {
      PowerPair active = PowerPair.ZERO;
      for (var part : PARTITIONS.entriesOf(view, p._1)) {
        for (Long n : part._2.active()) {
          Option<SectorOnChainInfo> info = SECTORS.find(view, p._1, n);
          if (info.isEmpty()) return Option.some(p._1 + " active sector " + n + " has no info");
          active = active.add(info.get().powerPair());
        }
      }
      if (!active.equals(p._2.powerPair())) {
        return Option.some(
            p._1 + " reported " + p._2.powerPair() + " but its active sectors have " + active);
      }
      if (power.isDefined()
          && (power.get().minerPower(view, p._1) != p._2.power()
              || power.get().minerQaPower(view, p._1) != p._2.qaPower())) {
        return Option.some(
            p._1
                + " reported "
                + p._2.powerPair()
                + " but StoragePower holds "
                + power.get().minerPower(view, p._1)
                + " raw, "
                + power.get().minerQaPower(view, p._1)
                + " QA");
      }
    }
    return Option.none();
  }

  private Option<String> moneyMatches(StateView view) {
    Option<Currency> currency = pallet.couplings().find(Currency.class);
    for (Tuple2<AccountId, StorageProviderState> p : PROVIDERS.entries(view)) {
      StorageProviderState st = p._2;
      if (st.preCommitDeposits() < 0
          || st.initialPledge() < 0
          || st.feeDebt() < 0
          || st.power() < 0
          || st.liveSectors() < 0) {
        return Option.some(p._1 + " has a negative amount: " + st);
      }
      long deposits = 0;
      for (var pc : PRE_COMMITS.entriesOf(view, p._1)) deposits += pc._2.preCommitDeposit();
      if (deposits != st.preCommitDeposits()) {
        return Option.some(
            p._1 + " records deposits " + st.preCommitDeposits() + " ≠ Σ pre-commits " + deposits);
      }
      long pledge = 0;
      for (var s : SECTORS.entriesOf(view, p._1)) pledge += s._2.initialPledge();
      if (pledge != st.initialPledge()) {
        return Option.some(
            p._1 + " records pledge " + st.initialPledge() + " ≠ Σ sectors " + pledge);
      }
      VestingFunds vesting = ProviderLedger.vesting(view, p._1);
      long previous = Long.MIN_VALUE;
      for (VestingFunds.VestingFund f : vesting.funds()) {
        if (f.amount() <= 0 || f.epoch() <= previous) {
          return Option.some(p._1 + " has a malformed vesting table: " + vesting);
        }
        previous = f.epoch();
      }
      long held = deposits + pledge + vesting.total();
      if (currency.isDefined()) {
        long reserved = currency.get().reserved(view, p._1);
        if (reserved < held) {
          return Option.some(
              p._1 + " has " + reserved + " reserved < deposits + pledge + locked rewards " + held);
        }
      }
    }
    return Option.none();
  }

  private Option<String> partitionsConsistent(StateView view) {
    for (Tuple2<AccountId, StorageProviderState> p : PROVIDERS.entries(view)) {
      AccountId who = p._1;
      long providerLive = 0;
      BitField liveInPartitions = BitField.empty();
      for (var dl : DEADLINES.entriesOf(view, who)) {
        Deadline d = dl._2;
        long live = 0;
        long total = 0;
        long fees = 0;
        long qa = 0;
        for (int i = 0; i < d.partitionCount(); i++) {
          Option<Partition> part = PARTITIONS.find(view, who, new PartitionKey(dl._1, i));
          if (part.isEmpty()) return Option.some(who + " misses partition " + dl._1 + "/" + i);
          Option<String> bad = part.get().inconsistency();
          if (bad.isDefined()) {
            return Option.some(who + " partition " + dl._1 + "/" + i + ": " + bad.get());
          }
          for (Long s : part.get().live()) {
            Option<SectorOnChainInfo> info = SECTORS.find(view, who, s);
            if (info.isEmpty() || info.get().deadline() != dl._1 || info.get().partition() != i) {
              return Option.some(who + " sector " + s + " is not stored at " + dl._1 + "/" + i);
            }
            fees += info.get().dailyFee();
            qa += info.get().qaPower();
          }
          live += part.get().live().count();
          total += part.get().sectors().count();
          liveInPartitions = liveInPartitions.union(part.get().live());
        }
        if (live != d.liveSectors() || total != d.totalSectors()) {
          return Option.some(who + " deadline " + dl._1 + " counts disagree with its partitions");
        }
        if (qa != d.liveQaPower()) {
          return Option.some(
              who + " deadline " + dl._1 + " live QA power " + d.liveQaPower() + " ≠ Σ " + qa);
        }
        if (fees != d.dailyFee()) {
          return Option.some(
              who + " deadline " + dl._1 + " daily fee " + d.dailyFee() + " ≠ Σ sectors " + fees);
        }
        providerLive += live;
      }
      if (providerLive != p._2.liveSectors()) {
        return Option.some(
            who + " records " + p._2.liveSectors() + " live sectors, partitions " + providerLive);
      }
      if (SECTORS.countOf(view, who) != liveInPartitions.count()) {
        return Option.some(who + " stores sectors that are not live in any partition");
      }
    }
    return Option.none();
  }

  private Option<String> scheduleConsistent(StateView view) {
    long now = SystemStorage.NUMBER.get(view);
    ProvingSchedule s = pallet.schedule();
    for (Tuple2<AccountId, StorageProviderState> p : PROVIDERS.entries(view)) {
      StorageProviderState st = p._2;
      if ((st.liveSectors() > 0
              || DeadlineCron.continueCron(st, ProviderLedger.lockedFunds(view, p._1)))
          && !st.deadlineCronActive()) {
        return Option.some(p._1 + " has sectors, deposits or pledge but no deadline cron");
      }
      if (st.deadlineCronActive()) {
        long last = new DeadlineInfo(s, now, st.provingPeriodStart(), st.currentDeadline()).last();
        if (last <= now && now > 0) {
          return Option.some(p._1 + "'s current deadline ended at " + last + " unprocessed");
        }
        if (!DEADLINE_CRON.find(view, last).exists(set -> set.contains(p._1))) {
          return Option.some(p._1 + " is not enrolled at its deadline's last block " + last);
        }
      }
      for (var pc : PRE_COMMITS.entriesOf(view, p._1)) {
        long block = pallet.sectorCalls().preCommitExpiry(st, pc._2.preCommitBlock());
        if (!PRE_COMMIT_EXPIRIES
            .find(view, block)
            .exists(set -> set.contains(new SectorRef(p._1, pc._1)))) {
          return Option.some(p._1 + " pre-commit " + pc._1 + " is not indexed at " + block);
        }
      }
    }
    return Option.none();
  }

  private Option<String> accountsConsistent(StateView view) {
    int maxControls = pallet.config().maxControlAddresses();
    for (Tuple2<AccountId, MinerInfo> e : MINER_INFO.entries(view)) {
      AccountId who = e._1;
      MinerInfo info = e._2;
      if (!PROVIDERS.contains(view, who)) return Option.some(who + " has accounts but no provider");
      if (info.equals(MinerInfo.selfOwned(who))) {
        return Option.some(who + " stores the self-owned default as account information");
      }
      if (info.controlAddresses().size() > maxControls) {
        return Option.some(who + " has more than " + maxControls + " control addresses");
      }
      MinerInfo.BeneficiaryTerm t = info.beneficiaryTerm();
      if (t.usedQuota() < 0 || t.quota() < 0) {
        return Option.some(who + " has a negative beneficiary quota " + t);
      }
    }
    for (var e : POST_SUBMISSIONS.entries(view)) {
      AccountId who = e._1._1;
      int index = e._1._2;
      if (!PROVIDERS.contains(view, who)) return Option.some(who + " has PoSts but no provider");
      Deadline d = DEADLINES.find(view, who, index).getOrElse(Deadline.EMPTY);
      Seq<WindowedPoSt> kept = e._2.current().appendAll(e._2.snapshot().values());
      for (WindowedPoSt post : kept) {
        if (post.sectorCount() == 0) return Option.some(who + " keeps a PoSt proving nothing");
        if (post.partitions().keySet().exists(p -> p < 0 || p >= d.partitionCount())) {
          return Option.some(who + " keeps a PoSt of a partition deadline " + index + " lacks");
        }
        Option<String> replicas = keptReplicasComplete(view, who, post);
        if (replicas.isDefined()) return replicas;
      }
    }
    return Option.none();
  }

  /**
   * Every sector a kept PoSt proved still has the replica it proved: a sector record, or a sealed
   * CID the PoSt kept when the record changed or went (and only then, for a sector it proved).
   */
  private static Option<String> keptReplicasComplete(
      StateView view, AccountId who, WindowedPoSt post) {
    BitField proven = post.sectors();
    for (var k : post.keptSealedCids()) {
      if (!proven.contains(k._1)) {
        return Option.some(
            who + " keeps a sealed CID for sector " + k._1 + " its PoSt never proved");
      }
      Option<SectorOnChainInfo> info = SECTORS.find(view, who, k._1);
      if (info.isDefined() && info.get().sealedCid().equals(k._2)) {
        return Option.some(who + " keeps the sealed CID sector " + k._1 + " still has");
      }
    }
    for (long n : proven) {
      if (!post.keptSealedCids().containsKey(n) && !SECTORS.contains(view, who, n)) {
        return Option.some(who + " keeps a PoSt of sector " + n + " with neither info nor replica");
      }
    }
    return Option.none();
  }
}
