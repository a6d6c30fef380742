package dev.palletsim.market;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * The extrinsics of the market (seed 002 methods 2–4 and 9, seed 004's settlement, seed 000's
 * delay, and a Root call seeding legacy deals).
 */
public sealed interface MarketCall extends Call<MarketPallet> {
  /**
   * Two reads and a write for the call itself, then {@code reads} and {@code writes} and one work
   * item per deal: a deal's proposal, state, schedule, both parties' escrow and locks.
   */
  /**
   * Asking the storage provider pallet who controls a provider ({@code
   * StorageProviderValidation.controlAddresses}): its state and its accounts.
   */
  java.util.function.Function<WeightCosts, Weight> PROVIDER_ADDRESSES = w -> w.reads(2);

  private static Weight perDeal(WeightCosts w, int deals, int reads, int writes) {
    return w.readsWrites(2, 1).plus(w.readsWrites(reads, writes).plus(w.items(1)).times(deals));
  }

  /**
   * Moves {@code amount} planck of the caller's free balance into the escrow of {@code
   * providerOrClient} (the caller's own when none): anyone may fund anyone's escrow, as in
   * builtin-actors' {@code AddBalance}, so a provider's owner or worker funds the provider's.
   */
  record AddBalance(long amount, Option<AccountId> providerOrClient) implements MarketCall {
    /** Funds the caller's own escrow. */
    public AddBalance(long amount) {
      this(amount, Option.none());
    }

    @Override
    public Weight weight(MarketPallet p, WeightCosts w) {
      return w.readsWrites(8, 4);
    }

    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.addBalance(tx, origin, amount, providerOrClient);
    }
  }

  /**
   * Withdraws up to {@code amount} planck of the available escrow of {@code providerOrClient} (the
   * caller's own when none); with a withdrawal delay configured, requests the withdrawal instead.
   * As builtin-actors' {@code WithdrawBalance}: a provider's escrow is withdrawn by its owner or
   * worker and paid to its owner, any other account's by itself, to itself.
   */
  record WithdrawBalance(long amount, Option<AccountId> providerOrClient) implements MarketCall {
    /** Withdraws from the caller's own escrow. */
    public WithdrawBalance(long amount) {
      this(amount, Option.none());
    }

    @Override
    public Weight weight(MarketPallet p, WeightCosts w) {
      return w.readsWrites(10, 5).plus(PROVIDER_ADDRESSES.apply(w));
    }

    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.withdrawBalance(tx, origin, amount, providerOrClient);
    }
  }

  /**
   * Completes the withdrawal requested from the escrow of {@code providerOrClient} (the caller's
   * own when none) once its delay has passed, authorised and paid as {@link WithdrawBalance} is.
   */
  record CompleteWithdrawal(Option<AccountId> providerOrClient) implements MarketCall {
    /** Completes the caller's own withdrawal. */
    public CompleteWithdrawal() {
      this(Option.none());
    }

    @Override
    public Weight weight(MarketPallet p, WeightCosts w) {
      return w.readsWrites(12, 6).plus(PROVIDER_ADDRESSES.apply(w));
    }

    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.completeWithdrawal(tx, origin, providerOrClient);
    }
  }

  /** Publishes client-signed deals, all with one provider. */
  record PublishStorageDeals(Seq<ClientDealProposal> deals) implements MarketCall {
    @Override
    public Weight weight(MarketPallet p, WeightCosts w) {
      return perDeal(w, Weight.countOf(deals), 20, 12).plus(PROVIDER_ADDRESSES.apply(w));
    }

    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.publishStorageDeals(tx, origin, deals);
    }
  }

  /** Settles the payments of the given deals (seed 004); anyone may call it. */
  record SettleDealPayments(Seq<Long> dealIds) implements MarketCall {
    @Override
    public Weight weight(MarketPallet p, WeightCosts w) {
      return perDeal(w, Weight.countOf(dealIds), 24, 12);
    }

    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.settleDealPayments(tx, origin, dealIds);
    }
  }

  /**
   * Seed 002's {@code CronTick} now, catching up on every block since the last run; Root only (in
   * Filecoin only the cron actor may call it). With {@code cronInterval} 0 this is the only way
   * cron runs, as in builtin-actors' tests, which call it at the epochs they choose. Declares no
   * weight: its work is the cron's backlog since the last run, unknown before it runs, so the
   * executive checks what it used after it ran, as it checks hooks.
   */
  record CronTick() implements MarketCall {
    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.cronTick(tx, origin);
    }
  }

  /**
   * Root only: makes activated deal {@code dealId} a legacy deal, settled by cron from now on, as
   * if the legacy cron had visited it at its start (builtin-actors' tests' {@code
   * simulate_legacy_deal}: last updated at {@code min(start, now)}, pending proposal removed), and
   * schedules its next cron visit at {@code updateBlock}, replacing any visit already scheduled (as
   * a deal scheduled by an earlier policy). For testing and for seeding a chain that upgrades to
   * FIP-0074 with deals on cron. Declares no weight: it removes the deal's scheduled visit wherever
   * it is, a search over the schedule.
   */
  record ForceLegacyDeal(long dealId, long updateBlock) implements MarketCall {
    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.forceLegacyDeal(tx, origin, dealId, updateBlock);
    }
  }
}
