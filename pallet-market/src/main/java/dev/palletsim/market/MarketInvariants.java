package dev.palletsim.market;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.frame.traits.Currency;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The market's invariants, checked after every block (Filecoin's {@code market/src/testing.rs},
 * reference §1.8, and ARCHITECTURE §8): tokens in escrow are exactly backed by the pallet account;
 * Σ locked equals the three lock totals and no account has more locked than escrowed; the totals
 * equal what the live deals still lock; every deal state has a proposal and its blocks are in order
 * (activation ≤ last update ≤ now, as builtin-actors checks); the pending set, the cron schedule
 * (an unactivated deal at its first update block) and the sector index agree with the deals.
 */
final class MarketInvariants {
  private MarketInvariants() {}

  static Seq<Invariant> all(MarketConfig config, Supplier<Currency> currency) {
    return List.of(
        Invariant.of(
            "Market: pallet account free = existential deposit + Σ escrow",
            view -> escrowBacked(view, currency.get())),
        Invariant.of(
            "Market: Σ locked = lock totals, 0 < locked ≤ escrow per account",
            MarketInvariants::locksBalanced),
        Invariant.of(
            "Market: lock totals match live deals; states, pending set and schedule agree",
            view -> dealsConsistent(view, config)),
        Invariant.of(
            "Market: provider sector index lists exactly the live activated deals",
            MarketInvariants::sectorIndexConsistent),
        Invariant.of(
            "Market: every unactivated verified deal, and only such a deal, holds one allocation",
            MarketInvariants::pendingAllocationsConsistent));
  }

  static Option<String> escrowBacked(StateView view, Currency currency) {
    long sum = 0;
    for (var e : MarketStorage.ESCROW.entries(view)) {
      if (e._2 <= 0) return Option.some(e._1 + " has escrow " + e._2);
      sum = Math.addExact(sum, e._2);
    }
    long free = currency.free(view, MarketPallet.PALLET_ACCOUNT);
    long reserved = currency.reserved(view, MarketPallet.PALLET_ACCOUNT);
    long expected = Math.addExact(currency.existentialDeposit(), sum);
    if (reserved != 0) return Option.some("the pallet account has reserved " + reserved);
    if (free != expected) {
      return Option.some("pallet account free " + free + " ≠ ED + Σ escrow = " + expected);
    }
    return Option.none();
  }

  static Option<String> locksBalanced(StateView view) {
    long client = MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL.get(view);
    long provider = MarketStorage.TOTAL_PROVIDER_LOCKED_COLLATERAL.get(view);
    long fee = MarketStorage.TOTAL_CLIENT_STORAGE_FEE.get(view);
    if (client < 0 || provider < 0 || fee < 0) {
      return Option.some("negative total: " + client + ", " + provider + ", " + fee);
    }
    long sum = 0;
    for (var e : MarketStorage.LOCKED.entries(view)) {
      if (e._2 <= 0) return Option.some(e._1 + " has locked " + e._2);
      long escrow = MarketStorage.ESCROW.get(view, e._1);
      if (e._2 > escrow) return Option.some(e._1 + " locks " + e._2 + " > escrow " + escrow);
      sum = Math.addExact(sum, e._2);
    }
    long totals = Math.addExact(Math.addExact(client, provider), fee);
    if (sum != totals) return Option.some("Σ locked " + sum + " ≠ Σ totals " + totals);
    return Option.none();
  }

  static Option<String> dealsConsistent(StateView view, MarketConfig config) {
    long now = SystemStorage.NUMBER.get(view);
    long nextId = MarketStorage.NEXT_DEAL_ID.get(view);
    long lastCron = MarketStorage.LAST_CRON.get(view);
    if (lastCron < -1 || lastCron > now) return Option.some("LastCron " + lastCron);
    var firstOp = MarketStorage.DEAL_OPS_BY_BLOCK.firstKey(view);
    if (firstOp.exists(k -> k <= lastCron)) {
      return Option.some("deal ops at " + firstOp.get() + " ≤ LastCron " + lastCron);
    }
    Set<Long> scheduled = new HashSet<>();
    for (var e : MarketStorage.DEAL_OPS_BY_BLOCK.entries(view)) {
      e._2.forEach(scheduled::add);
    }
    boolean legacy = config.regimeAt(now) == Regime.LegacyCron;

    long clientCollateral = 0;
    long providerCollateral = 0;
    long fee = 0;
    for (var e : MarketStorage.PROPOSALS.entries(view)) {
      long id = e._1;
      DealProposal p = e._2;
      if (id >= nextId) return Option.some("deal " + id + " ≥ NextID " + nextId);
      clientCollateral = Math.addExact(clientCollateral, p.clientCollateral());
      providerCollateral = Math.addExact(providerCollateral, p.providerCollateral());
      DealState s = MarketStorage.STATES.get(view, id);
      if (s == null) {
        fee = Math.addExact(fee, p.totalStorageFee());
        if (!MarketStorage.PENDING_PROPOSALS.find(view, p.hash()).contains(id)) {
          return Option.some("unactivated deal " + id + " is not pending");
        }
        if (p.verifiedDeal() && !MarketStorage.PENDING_DEAL_ALLOCATIONS.contains(view, id)) {
          return Option.some("verified deal " + id + " is pending without an allocation");
        }
        long first = config.firstUpdateBlock(id, p.startBlock());
        var atFirst = MarketStorage.DEAL_OPS_BY_BLOCK.find(view, first);
        if (!atFirst.exists(ids -> ids.contains(id))) {
          return Option.some("unactivated deal " + id + " is not scheduled at block " + first);
        }
        continue;
      }
      fee = Math.addExact(fee, DealPayments.remainingFee(p, DealPayments.paidThrough(p, s)));
      if (s.sectorStartBlock() < 0 || s.sectorStartBlock() > now) {
        return Option.some("deal " + id + " activated at " + s.sectorStartBlock());
      }
      if (s.lastUpdatedBlock() != DealState.UNDEFINED
          && (s.lastUpdatedBlock() < s.sectorStartBlock()
              || s.lastUpdatedBlock() >= p.endBlock()
              || s.lastUpdatedBlock() > now)) {
        return Option.some("deal " + id + " last updated at " + s.lastUpdatedBlock());
      }
      if (s.isSlashed()
          && (s.slashBlock() < s.sectorStartBlock()
              || s.slashBlock() >= p.endBlock()
              || s.slashBlock() > now)) {
        return Option.some("deal " + id + " slashed at " + s.slashBlock());
      }
      if ((legacy || s.cronManaged() || s.isSlashed()) && !scheduled.contains(id)) {
        return Option.some("cron-settled deal " + id + " is not scheduled");
      }
    }
    for (var e : MarketStorage.STATES.entries(view)) {
      if (!MarketStorage.PROPOSALS.contains(view, e._1)) {
        return Option.some("deal state " + e._1 + " has no proposal");
      }
    }
    for (var e : MarketStorage.PENDING_PROPOSALS.entries(view)) {
      DealProposal p = MarketStorage.PROPOSALS.get(view, e._2);
      if (p == null || !p.hash().equals(e._1)) {
        return Option.some("pending " + e._1 + " does not match deal " + e._2);
      }
    }
    if (clientCollateral != MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL.get(view)
        || providerCollateral != MarketStorage.TOTAL_PROVIDER_LOCKED_COLLATERAL.get(view)
        || fee != MarketStorage.TOTAL_CLIENT_STORAGE_FEE.get(view)) {
      return Option.some(
          "deals lock client collateral "
              + clientCollateral
              + ", provider collateral "
              + providerCollateral
              + ", fee "
              + fee
              + "; totals say "
              + MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL.get(view)
              + ", "
              + MarketStorage.TOTAL_PROVIDER_LOCKED_COLLATERAL.get(view)
              + ", "
              + MarketStorage.TOTAL_CLIENT_STORAGE_FEE.get(view));
    }
    return Option.none();
  }

  /**
   * builtin-actors' pending allocation ids: a published verified deal not yet activated holds the
   * id of the DataCap allocation it made (until activation, when the provider claims it, or
   * removal); no other deal holds one, and no two deals hold the same.
   */
  static Option<String> pendingAllocationsConsistent(StateView view) {
    Set<Long> allocations = new HashSet<>();
    for (var e : MarketStorage.PENDING_DEAL_ALLOCATIONS.entries(view)) {
      DealProposal p = MarketStorage.PROPOSALS.get(view, e._1);
      if (p == null || !p.verifiedDeal() || MarketStorage.STATES.contains(view, e._1)) {
        return Option.some("deal " + e._1 + " holds allocation " + e._2 + " but is not pending");
      }
      if (e._2 <= 0 || !allocations.add(e._2)) {
        return Option.some("allocation " + e._2 + " held twice or invalid");
      }
    }
    return Option.none();
  }

  static Option<String> sectorIndexConsistent(StateView view) {
    long now = SystemStorage.NUMBER.get(view);
    for (var provider : MarketStorage.PROVIDER_SECTORS.prefixes(view)) {
      for (var e : MarketStorage.PROVIDER_SECTORS.entriesOf(view, provider)) {
        if (e._2.isEmpty()) return Option.some("empty sector entry " + e._1);
        for (int i = 0; i < e._2.size(); i++) {
          long id = e._2.get(i);
          DealState s = MarketStorage.STATES.get(view, id);
          DealProposal p = MarketStorage.PROPOSALS.get(view, id);
          if (s == null || p == null) return Option.some("indexed deal " + id + " is not active");
          if (s.sectorNumber() != e._1 || !p.provider().equals(provider) || s.isSlashed()) {
            return Option.some("indexed deal " + id + " does not match sector " + e._1);
          }
        }
      }
    }
    for (var e : MarketStorage.STATES.entries(view)) {
      DealState s = e._2;
      DealProposal p = MarketStorage.PROPOSALS.get(view, e._1);
      if (p == null || s.isSlashed() || p.endBlock() <= now) continue;
      var ids = MarketStorage.PROVIDER_SECTORS.find(view, p.provider(), s.sectorNumber());
      if (!ids.exists(d -> d.contains(e._1))) {
        return Option.some("live deal " + e._1 + " is missing from the sector index");
      }
    }
    return Option.none();
  }
}
