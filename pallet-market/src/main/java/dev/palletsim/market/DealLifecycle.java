package dev.palletsim.market;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.traits.VerifiedRegistry;
import io.vavr.Lazy;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What happens to a published deal after publication, shared by cron, manual settlement and
 * termination: activation timeout, settlement (Filecoin's {@code process_deal_update}), termination
 * and removal (seed 002 {@code CronTick} and {@code OnMinerSectorsTerminate}, seed 004).
 *
 * <p>A published deal is first scheduled at {@link MarketConfig#firstUpdateBlock} (builtin-actors:
 * {@code next_update_epoch(id, interval, start)}; seed 002: its start). Cron (seed 002 {@code
 * CronTick}) pops every {@code DealOpsByBlock} entry due up to now, so blocks without cron are
 * caught up on by the next run. For each due deal:
 *
 * <ul>
 *   <li>no proposal: already cleaned up (settled, terminated, timed out); skipped;
 *   <li>no state: not activated by its start; <b>init timeout</b>: client fee and collateral
 *       unlocked, {@code timeoutPenaltyPercent} of the provider collateral slashed, the rest
 *       unlocked, the deal removed;
 *   <li>FIP-0074 regime, neither a legacy deal ({@link LegacyDealRule}) nor carrying a legacy
 *       termination: <b>init update</b> only (pending entry cleared); the deal is not rescheduled,
 *       its provider settles it by hand;
 *   <li>otherwise (legacy regime, or a legacy deal, or a legacy termination awaiting cron):
 *       <b>payment</b> up to now (or to the termination block), then <b>slashed deal</b> (refund
 *       the client's remaining fee and collateral, slash the provider's collateral, remove),
 *       <b>expired deal</b> (unlock both collaterals, remove) or <b>ongoing deal</b> (rescheduled
 *       by {@link DealSchedule#nextUpdate}).
 * </ul>
 */
final class DealLifecycle {
  private final MarketConfig config;
  private final Escrow escrow;
  private final Supplier<Option<VerifiedRegistry>> registry;

  DealLifecycle(MarketConfig config, Escrow escrow, Supplier<Option<VerifiedRegistry>> registry) {
    this.config = config;
    this.escrow = escrow;
    this.registry = registry;
  }

  /** Where a settlement left a deal. */
  enum Outcome {
    /** Not started: nothing paid, nothing written. */
    Unchanged,
    /** Paid up to now and kept. */
    Ongoing,
    /** Paid to its end and removed. */
    Completed,
    /** A termination settled: paid to the termination, slashed, removed. */
    Terminated
  }

  /** A settlement's payment and outcome. */
  record Update(long payment, Outcome outcome) {}

  // ------------------------------------------------------------------ schedule

  /** Adds deal {@code id} to {@code DealOpsByBlock} at {@code block}. */
  static void schedule(Tx tx, long block, long id) {
    MarketStorage.DEAL_OPS_BY_BLOCK.mutate(
        tx, block, ids -> ids == null ? DealIds.of(id) : ids.with(id));
  }

  // ------------------------------------------------------------------ settlement

  /**
   * Settles deal {@code id} at {@code now}: pays the client's fee for the blocks since the last
   * settlement, then completes, finishes a recorded termination, or records the settlement. A deal
   * that has not started (and carries no termination) is left untouched. {@code byCron} marks an
   * ongoing deal as cron-managed.
   */
  Update settle(Tx tx, long id, DealProposal p, DealState s, long now, boolean byCron) {
    if (!s.isSlashed() && now < p.startBlock()) {
      if (config.legacyDealRule() == LegacyDealRule.EverUpdated) {
        // builtin-actors records the update all the same (and drops the pending proposal)
        if (s.lastUpdatedBlock() == DealState.UNDEFINED) clearPending(tx, id, p);
        DealState next = s.settledAt(now);
        MarketStorage.STATES.insert(tx, id, byCron ? next.managedByCron() : next);
      }
      return new Update(0, Outcome.Unchanged);
    }
    long paidUpTo = Math.max(DealPayments.paidThrough(p, s), DealPayments.settleTo(p, s, now));
    long payment = DealPayments.payment(p, s, now);
    Escrow.pay(tx, p.client(), p.provider(), payment);
    if (payment > 0) tx.deposit(new MarketEvent.DealSettled(id, payment));

    if (s.isSlashed()) {
      long fee = DealPayments.remainingFee(p, paidUpTo);
      Escrow.unlock(tx, p.client(), fee, LockReason.ClientStorageFee);
      Escrow.unlock(tx, p.client(), p.clientCollateral(), LockReason.ClientCollateral);
      escrow.slash(tx, p.provider(), p.providerCollateral(), LockReason.ProviderCollateral);
      remove(tx, id, p, s);
      tx.deposit(
          new MarketEvent.DealTerminated(
              id,
              p.client(),
              p.provider(),
              payment,
              fee + p.clientCollateral(),
              p.providerCollateral()));
      return new Update(payment, Outcome.Terminated);
    }
    if (now >= p.endBlock()) {
      Escrow.unlock(tx, p.client(), p.clientCollateral(), LockReason.ClientCollateral);
      Escrow.unlock(tx, p.provider(), p.providerCollateral(), LockReason.ProviderCollateral);
      remove(tx, id, p, s);
      tx.deposit(new MarketEvent.DealCompleted(id, p.client(), p.provider()));
      return new Update(payment, Outcome.Completed);
    }
    if (s.lastUpdatedBlock() == DealState.UNDEFINED) clearPending(tx, id, p);
    DealState next = s.settledAt(now);
    MarketStorage.STATES.insert(tx, id, byCron ? next.managedByCron() : next);
    return new Update(payment, Outcome.Ongoing);
  }

  // ------------------------------------------------------------------ timeout

  /**
   * Times out deal {@code id}, published but not activated by its start (seed 002 "Init Timeout"):
   * unlocks the client's fee and collateral, slashes the penalty from the provider's collateral and
   * unlocks the rest, removes the deal. A verified deal drops its DataCap allocation id; with
   * {@link MarketConfig#dropAllocationOnTimeout()} the allocation itself, expired by now, is
   * removed and its DataCap returned to the client. Returns the amount slashed.
   */
  long timeOut(Tx tx, long id, DealProposal p) {
    Option<Long> allocation = MarketStorage.PENDING_DEAL_ALLOCATIONS.find(tx, id);
    if (allocation.isDefined() && config.dropAllocationOnTimeout()) {
      registry.get().forEach(r -> r.removeExpiredAllocation(tx, p.client(), allocation.get()));
    }
    Escrow.unlock(tx, p.client(), p.totalStorageFee(), LockReason.ClientStorageFee);
    Escrow.unlock(tx, p.client(), p.clientCollateral(), LockReason.ClientCollateral);
    long penalty =
        DealPayments.timeoutPenalty(p.providerCollateral(), config.timeoutPenaltyPercent());
    escrow.slash(tx, p.provider(), penalty, LockReason.ProviderCollateral);
    Escrow.unlock(
        tx, p.provider(), p.providerCollateral() - penalty, LockReason.ProviderCollateral);
    remove(tx, id, p, null);
    tx.deposit(new MarketEvent.DealTimedOut(id, p.client(), p.provider(), penalty));
    return penalty;
  }

  // ------------------------------------------------------------------ termination

  /**
   * Deal {@code id} of {@code provider}'s terminated sector, at {@code now}. Deals already ended
   * are left for settlement and deals already marked are left for cron. Under FIP-0074 the deal is
   * settled at once (seed 004, "Immediate clean-up on termination"); under the legacy regime the
   * termination block is recorded for cron (seed 002 {@code OnMinerSectorsTerminate}).
   */
  void terminate(Tx tx, AccountId provider, long id, long now, Regime regime) {
    DealProposal p = MarketStorage.PROPOSALS.get(tx, id);
    if (p == null) return;
    ensure(p.provider().equals(provider), MarketError.NotDealProvider);
    if (p.endBlock() <= now) return;
    DealState s = MarketStorage.STATES.get(tx, id);
    ensure(s != null, MarketError.DealNotActivated);
    if (s.isSlashed()) return;
    if (regime == Regime.LegacyCron) {
      MarketStorage.STATES.insert(tx, id, s.slashedAt(now));
      tx.deposit(new MarketEvent.DealTerminationRecorded(id, now));
    } else {
      settle(tx, id, p, s.slashedAt(now), now, false);
    }
  }

  // ------------------------------------------------------------------ cron

  /** Seed 002's {@code CronTick} at {@code now}, catching up on every entry due since last run. */
  void cron(Tx tx, long now) {
    Regime regime = config.regimeAt(now);
    var due = MarketStorage.DEAL_OPS_BY_BLOCK.entriesUpTo(tx, now);
    Map<Long, List<Long>> later = new TreeMap<>();
    long items = 0;
    for (var entry : due) {
      MarketStorage.DEAL_OPS_BY_BLOCK.remove(tx, entry._1);
      DealIds ids = entry._2;
      for (int i = 0; i < ids.size(); i++) {
        items++;
        processDue(tx, ids.get(i), now, regime, later);
      }
    }
    for (var e : later.entrySet()) {
      DealIds add = DealIds.of(e.getValue());
      MarketStorage.DEAL_OPS_BY_BLOCK.mutate(
          tx, e.getKey(), ids -> ids == null ? add : ids.union(add));
    }
    MarketStorage.LAST_CRON.put(tx, now);
    tx.work(MarketPallet.NAME, items);
  }

  private void processDue(Tx tx, long id, long now, Regime regime, Map<Long, List<Long>> later) {
    DealProposal p = MarketStorage.PROPOSALS.get(tx, id);
    if (p == null) return;
    DealState s = MarketStorage.STATES.get(tx, id);
    if (s == null) {
      if (now < p.startBlock()) {
        later.computeIfAbsent(p.startBlock(), k -> new ArrayList<>()).add(id);
      } else {
        timeOut(tx, id, p);
      }
      return;
    }
    if (regime == Regime.Fip0074 && !isLegacy(s) && !s.isSlashed()) {
      clearPending(tx, id, p);
      return;
    }
    Update u = settle(tx, id, p, s, now, true);
    DealSchedule schedule = config.dealSchedule();
    long interval = config.dealUpdatesInterval();
    long next =
        switch (u.outcome()) {
          case Unchanged ->
              schedule == DealSchedule.ById
                  ? schedule.nextUpdate(id, now, p.endBlock(), interval)
                  : p.startBlock();
          case Ongoing -> schedule.nextUpdate(id, now, p.endBlock(), interval);
          case Completed, Terminated -> -1;
        };
    if (next >= 0) later.computeIfAbsent(next, k -> new ArrayList<>()).add(id);
  }

  /** Whether cron settles this activated deal under FIP-0074 ({@link LegacyDealRule}). */
  boolean isLegacy(DealState s) {
    return s.cronManaged()
        || (config.legacyDealRule() == LegacyDealRule.EverUpdated
            && s.lastUpdatedBlock() != DealState.UNDEFINED);
  }

  // ------------------------------------------------------------------ removal

  /**
   * Removes a deal's proposal, state, pending entry, pending allocation id and sector-index entry.
   */
  void remove(Tx tx, long id, DealProposal p, DealState s) {
    MarketStorage.PROPOSALS.remove(tx, id);
    if (s == null) MarketStorage.PENDING_DEAL_ALLOCATIONS.remove(tx, id);
    if (s == null || s.lastUpdatedBlock() == DealState.UNDEFINED) clearPending(tx, id, p);
    if (s != null) {
      MarketStorage.STATES.remove(tx, id);
      if (MarketStorage.PROVIDER_SECTORS.contains(tx, p.provider(), s.sectorNumber())) {
        MarketStorage.PROVIDER_SECTORS.mutate(
            tx,
            p.provider(),
            s.sectorNumber(),
            ids -> {
              DealIds rest = ids.without(id);
              return rest.isEmpty() ? null : rest;
            });
      }
    }
  }

  /** Removes the deal's {@code PendingProposals} entry, if it is still there. */
  static void clearPending(Tx tx, long id, DealProposal p) {
    // the proposal's hash (a SHA-256 of its encoding) is computed only if anything is pending,
    // and then once
    Lazy<H256> hash = Lazy.of(p::hash);
    if (MarketStorage.PENDING_PROPOSALS.find(tx, hash).contains(id)) {
      MarketStorage.PENDING_PROPOSALS.remove(tx, hash.get());
    }
  }
}
