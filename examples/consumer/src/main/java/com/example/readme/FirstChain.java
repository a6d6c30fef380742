package com.example.readme;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.transactionpayment.TransactionPaymentEvent.TransactionFeePaid;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketError;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.StorageRuntime;
import io.vavr.collection.List; // Vavr's persistent list, as every palletsim API takes

/** A storage chain in a few lines: the README's example, compiled by this project. */
public final class FirstChain {
  public static void main(String[] args) {
    Runtime runtime = StorageRuntime.testnet(); // all four pallets, fast testnet constants
    AccountId alice = Keyring.account("alice"); // a client
    AccountId sp = Keyring.account("sp-1"); // a storage provider
    AccountId collator = Keyring.account("collator-0");
    Chain chain =
        runtime.start(
            StorageRuntime.genesis(42, List.of(collator), Units.TOKEN, 2)
                .balance(alice, 1_000 * Units.TOKEN)
                .balance(sp, 1_000 * Units.TOKEN)
                .balance(collator, 10 * Units.TOKEN)
                .build());

    ProviderOps ops = new ProviderOps(runtime); // what an honest provider computes
    chain.dispatch(sp, ops.register(sp));
    chain.dispatch(alice, new MarketCall.AddBalance(10 * Units.TOKEN));
    chain.dispatch(sp, new MarketCall.AddBalance(10 * Units.TOKEN));

    DealProposal deal =
        new DealProposal(
            Commitments.piece("my data"),
            1024,
            false,
            alice,
            sp,
            "my data",
            chain.blockNumber() + 50,
            chain.blockNumber() + 450, // start and end block
            1_000_000,
            Units.TOKEN,
            0); // price per block, provider and client collateral
    List<ClientDealProposal> deals = List.of(ClientDealProposal.signedBy(deal, "alice"));
    DispatchOutcome published = chain.dispatch(sp, new MarketCall.PublishStorageDeals(deals));
    long dealId = published.eventsOf(MarketEvent.DealPublished.class).head().dealId();

    // The same proposal again: a typed error; the market is untouched, the provider pays its fee.
    long spBefore = chain.free(sp);
    DispatchOutcome twice = chain.dispatch(sp, new MarketCall.PublishStorageDeals(deals));
    long fee = twice.eventsOf(TransactionFeePaid.class).head().actualFee();
    if (!twice.failedWith(MarketError.DuplicateProposal) || chain.free(sp) != spBefore - fee) {
      throw new IllegalStateException("expected Market::DuplicateProposal, got " + twice);
    }
    System.out.println(twice.error().get().describe()); // Market::DuplicateProposal

    Chain whatIf = chain.fork(); // O(1): the world is one persistent value
    whatIf.runBlocks(100); // the deal is never sealed: the market's cron times it out
    chain.runToBlock(20); // the original chain is untouched by the fork
    System.out.println(
        "deal "
            + dealId
            + " timed out in the fork: "
            + whatIf.history().exists(b -> !b.eventsOf(MarketEvent.DealTimedOut.class).isEmpty()));
  }
}
