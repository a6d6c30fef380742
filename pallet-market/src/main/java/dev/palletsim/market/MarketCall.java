package dev.palletsim.market;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import io.vavr.collection.Seq;

/** The extrinsics of the market (seed 002 methods 2–4, seed 004's settlement, seed 000's delay). */
public sealed interface MarketCall extends Call<MarketPallet> {
  @Override
  default Class<MarketPallet> palletType() {
    return MarketPallet.class;
  }

  /** Moves {@code amount} planck of the caller's free balance into its escrow. */
  record AddBalance(long amount) implements MarketCall {
    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.addBalance(tx, origin, amount);
    }
  }

  /**
   * Withdraws up to {@code amount} planck of the caller's available escrow; with a withdrawal delay
   * configured, requests the withdrawal instead.
   */
  record WithdrawBalance(long amount) implements MarketCall {
    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.withdrawBalance(tx, origin, amount);
    }
  }

  /** Completes the caller's withdrawal once its delay has passed. */
  record CompleteWithdrawal() implements MarketCall {
    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.completeWithdrawal(tx, origin);
    }
  }

  /** Publishes client-signed deals, all with one provider. */
  record PublishStorageDeals(Seq<ClientDealProposal> deals) implements MarketCall {
    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.publishStorageDeals(tx, origin, deals);
    }
  }

  /** Settles the payments of the given deals (seed 004); anyone may call it. */
  record SettleDealPayments(Seq<Long> dealIds) implements MarketCall {
    @Override
    public void dispatch(MarketPallet p, Tx tx, Origin origin) {
      p.settleDealPayments(tx, origin, dealIds);
    }
  }
}
