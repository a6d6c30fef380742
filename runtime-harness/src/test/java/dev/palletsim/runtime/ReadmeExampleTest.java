package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketError;
import dev.palletsim.market.MarketEvent;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** The Java example of the README, verbatim between the markers, so that it always compiles. */
class ReadmeExampleTest {
  @Test
  void theReadmeExampleRunsAsShown() {
    // README-BEGIN
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
    DispatchOutcome published =
        chain.dispatch(
            sp,
            new MarketCall.PublishStorageDeals(
                List.of(ClientDealProposal.signedBy(deal, "alice"))));
    long dealId = published.eventsOf(MarketEvent.DealPublished.class).head().dealId();

    DispatchOutcome twice = // the same proposal again: a typed error, the world unchanged
        chain.dispatch(
            sp,
            new MarketCall.PublishStorageDeals(
                List.of(ClientDealProposal.signedBy(deal, "alice"))));
    assert twice.failedWith(MarketError.DuplicateProposal);

    Chain whatIf = chain.fork(); // O(1): the world is one persistent value
    whatIf.runBlocks(100); // the deal is never sealed: the market's cron times it out
    chain.runToBlock(20); // the original chain is untouched by the fork
    // README-END
    assertThat(published.isSuccess()).isTrue();
    assertThat(twice.failedWith(MarketError.DuplicateProposal)).isTrue();
    assertThat(whatIf.history().flatMap(b -> b.eventsOf(MarketEvent.DealTimedOut.class)))
        .extracting(MarketEvent.DealTimedOut::dealId)
        .containsExactly(dealId);
    var market = runtime.pallet(dev.palletsim.market.MarketPallet.class);
    assertThat(market.proposal(chain.world(), dealId).isDefined()).isTrue();
    assertThat(market.proposal(whatIf.world(), dealId).isDefined()).isFalse();
  }
}
