package dev.palletsim.benchmarks.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.World;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.StorageRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Bulk publication is the one shortcut of the network builder, so it must leave the market exactly
 * as the real extrinsic does: the same proposals published either way give every market storage
 * item the same state hash.
 */
class BulkDealsTest {
  static final String[] CLIENTS = {"bulk-client-a", "bulk-client-b"};
  static final String[] PROVIDERS = {"bulk-sp-a", "bulk-sp-b"};

  static Runtime runtime() {
    return StorageRuntime.build(NetworkBuilder.configs(NetworkSpec.of(2, 1, 1)));
  }

  /** A chain with both providers registered and every party's escrow funded. */
  static Chain funded(Runtime runtime) {
    var genesis =
        StorageRuntime.genesis(7, List.of(Keyring.account("bulk-collator")), Units.TOKEN, 1)
            .balance(Keyring.account("bulk-collator"), 10 * Units.TOKEN);
    for (String n : CLIENTS) genesis.balance(Keyring.account(n), 10_000 * Units.TOKEN);
    for (String n : PROVIDERS) genesis.balance(Keyring.account(n), 10_000 * Units.TOKEN);
    Chain chain = runtime.start(genesis.build());
    ProviderOps ops = new ProviderOps(runtime);
    for (String n : PROVIDERS) {
      AccountId who = Keyring.account(n);
      assertThat(chain.dispatch(who, ops.register(who)).isSuccess()).isTrue();
    }
    for (String n : CLIENTS) {
      assertThat(
              chain
                  .dispatch(Keyring.account(n), new MarketCall.AddBalance(1_000 * Units.TOKEN))
                  .isSuccess())
          .isTrue();
    }
    for (String n : PROVIDERS) {
      assertThat(
              chain
                  .dispatch(Keyring.account(n), new MarketCall.AddBalance(100 * Units.TOKEN))
                  .isSuccess())
          .isTrue();
    }
    return chain;
  }

  /** Deals of both providers and both clients, two of them starting at the same block. */
  static Vector<DealProposal> proposals(Runtime runtime, long now) {
    var config = new ProviderOps(runtime).market().config();
    long piece = 32 * Units.GIB;
    Vector<DealProposal> out = Vector.empty();
    for (int k = 0; k < 6; k++) {
      long start = now + 100 + (k % 3) * 10;
      out =
          out.append(
              new DealProposal(
                  Commitments.piece("bulk-" + k),
                  piece,
                  false,
                  Keyring.account(CLIENTS[k % 2]),
                  Keyring.account(PROVIDERS[(k / 2) % 2]),
                  "bulk-" + k,
                  start,
                  start + config.dealMinDuration() + k,
                  1_000 + k,
                  config.minProviderCollateral(piece, NetworkInputs.DEFAULT).longValueExact() + k,
                  k * Units.MILLI_TOKEN));
    }
    return out;
  }

  @Test
  void bulkPublicationLeavesTheMarketAsTheSignedExtrinsicsDo() {
    Runtime runtime = runtime();
    Chain real = funded(runtime);
    Chain bulk = real.fork();
    Vector<DealProposal> deals = proposals(runtime, real.blockNumber());

    // one extrinsic per provider, as providers publish their own deals, in deal-id order
    for (String provider : PROVIDERS) {
      AccountId who = Keyring.account(provider);
      Vector<ClientDealProposal> batch =
          deals
              .filter(p -> p.provider().equals(who))
              .map(p -> ClientDealProposal.signedBy(p, Keyring.nameOf(p.client())));
      var out = real.dispatch(who, new MarketCall.PublishStorageDeals(batch));
      assertThat(out.isSuccess()).as(out.toString()).isTrue();
    }
    Vector<DealProposal> inIdOrder =
        deals
            .filter(p -> p.provider().equals(Keyring.account(PROVIDERS[0])))
            .appendAll(deals.filter(p -> p.provider().equals(Keyring.account(PROVIDERS[1]))));
    assertThat(BulkDeals.publish(bulk, inIdOrder)).isZero();

    World a = real.world();
    World b = bulk.world();
    var marketItems =
        a.itemKeys().appendAll(b.itemKeys()).distinct().filter(k -> k.startsWith("Market."));
    assertThat(marketItems)
        .contains("Market.Proposals", "Market.PendingProposals", "Market.LockedTable");
    for (String item : marketItems) {
      assertThat(b.itemHash(item)).as(item).isEqualTo(a.itemHash(item));
    }
  }

  @Test
  void bulkPublicationRefusesADealWhoseClientLacksEscrow() {
    Runtime runtime = runtime();
    Chain chain = funded(runtime);
    DealProposal p = proposals(runtime, chain.blockNumber()).head();
    DealProposal tooDear =
        new DealProposal(
            p.pieceCid(),
            p.pieceSize(),
            false,
            p.client(),
            p.provider(),
            p.label(),
            p.startBlock(),
            p.endBlock(),
            10 * Units.TOKEN,
            p.providerCollateral(),
            p.clientCollateral());
    World before = chain.world();
    assertThatThrownBy(() -> BulkDeals.publish(chain, List.of(tooDear)))
        .hasMessageContaining("lacks escrow");
    assertThat(chain.world()).isSameAs(before);
  }

  @Test
  void bulkPublicationRefusesADealThatHasStartedOrIsPublishedTwice() {
    Runtime runtime = runtime();
    Chain chain = funded(runtime);
    DealProposal p = proposals(runtime, chain.blockNumber()).head();
    assertThatThrownBy(() -> BulkDeals.publish(chain, List.of(p, p)))
        .hasMessageContaining("duplicate");
    chain.runToBlock(p.startBlock() + 1);
    assertThatThrownBy(() -> BulkDeals.publish(chain, List.of(p))).hasMessageContaining("started");
  }
}
